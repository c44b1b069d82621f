/**
 * The warehouse side, one implementation per dialect: PostgreSQL (locally) and Redshift
 * Serverless (in AWS), and the standard reports.
 */
package io.polyshop.analytics.warehouse;
