package io.polyshop.sessions.session;

/** What the catalogue says of a product at the moment it goes into a cart. */
public record ProductSnapshot(String sku, String name, Money unitPrice, boolean active) {
}
