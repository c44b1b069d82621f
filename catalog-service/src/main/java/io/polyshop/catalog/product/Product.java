package io.polyshop.catalog.product;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A product as the catalogue knows it. Immutable: a change is a new value written by
 * {@link Products}, which also assigns {@code version}, {@code createdAt} and
 * {@code updatedAt}.
 */
public record Product(String sku, String name, String description, String category, Money price,
		Map<String, Object> attributes, boolean active, Instant createdAt, Instant updatedAt, long version) {

	/**
	 * Upper-case letters, digits and dashes: safe in URLs, Redis keys and DynamoDB keys.
	 */
	public static final String SKU_REGEX = "^[A-Z0-9][A-Z0-9-]{2,39}$";

	public static final Pattern SKU = Pattern.compile(SKU_REGEX);

	/** A lower-case slug. */
	public static final String CATEGORY_REGEX = "^[a-z0-9][a-z0-9-]{1,59}$";

	public static final Pattern CATEGORY = Pattern.compile(CATEGORY_REGEX);

	public Product {
		attributes = Map.copyOf(attributes);
	}

	public static boolean isValidSku(String sku) {
		return sku != null && SKU.matcher(sku).matches();
	}

}
