package io.polyshop.catalog.product;

/** The client's If-Match version is not the product's current version. */
public class ProductVersionMismatchException extends RuntimeException {

	private ProductVersionMismatchException(String message) {
		super(message);
	}

	public static ProductVersionMismatchException forSku(String sku, long expected) {
		return new ProductVersionMismatchException(
				"Product " + sku + " is no longer at version " + expected + ": read it again and retry");
	}

}
