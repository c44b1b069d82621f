/**
 * HTTP for products: request and response records and the controller. Only HTTP concerns
 * live here (parsing, validation, status codes, ETags); rules live in the product
 * package.
 */
package io.polyshop.catalog.product.web;
