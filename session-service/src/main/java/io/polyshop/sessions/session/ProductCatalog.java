package io.polyshop.sessions.session;

/**
 * Where a cart line's name and price snapshot come from (catalog-service over HTTP, in
 * {@code sessions.catalog}). Declared here, so that the session depends on what it needs
 * and the adapter on the session, not both ways.
 */
public interface ProductCatalog {

	/**
	 * The product as the catalog has it now.
	 * @throws CartRuleException {@code unknown-sku} when the catalog has no such product
	 */
	ProductSnapshot snapshot(String sku);

}
