package io.polyshop.catalog.product;

/**
 * Published inside the transaction that changed a product; the cache acts on it only
 * after that transaction commits.
 */
record ProductChanged(String sku) {
}
