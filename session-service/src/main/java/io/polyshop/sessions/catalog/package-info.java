/**
 * catalog-service over HTTP: the name and price snapshot of a product going into a cart.
 */
package io.polyshop.sessions.catalog;
