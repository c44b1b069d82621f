/**
 * catalog-service over HTTP: the name and price snapshot of a product going into a cart.
 */
@NullMarked
package io.polyshop.sessions.catalog;

import org.jspecify.annotations.NullMarked;
