/**
 * HTTP for products: request and response records and the controller. Only HTTP concerns
 * live here (parsing, validation, status codes, ETags); rules live in the product
 * package.
 */
@NullMarked
package io.polyshop.catalog.product.web;

import org.jspecify.annotations.NullMarked;
