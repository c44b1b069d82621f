/**
 * The warehouse side, one implementation per dialect: PostgreSQL (locally) and Redshift
 * Serverless (in AWS), and the standard reports.
 */
@NullMarked
package io.polyshop.analytics.warehouse;

import org.jspecify.annotations.NullMarked;
