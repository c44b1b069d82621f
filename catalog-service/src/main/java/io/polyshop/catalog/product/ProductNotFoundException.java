package io.polyshop.catalog.product;

public class ProductNotFoundException extends RuntimeException {

	private final String sku;

	private ProductNotFoundException(String sku) {
		super("No product with SKU " + sku);
		this.sku = sku;
	}

	public static ProductNotFoundException forSku(String sku) {
		return new ProductNotFoundException(sku);
	}

	public String sku() {
		return this.sku;
	}

}
