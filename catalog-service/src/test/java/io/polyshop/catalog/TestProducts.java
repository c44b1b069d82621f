package io.polyshop.catalog;

import java.util.Locale;
import java.util.UUID;

/** Test data that never collides with another test's, so tests share one database. */
public final class TestProducts {

	private TestProducts() {
	}

	public static String uniqueSku() {
		return "T-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
	}

	public static String uniqueCategory() {
		return "t-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	public static String json(String name, String category, String amount) {
		return """
				{"name": "%s", "description": "A test product", "category": "%s",
				 "price": {"amount": "%s", "currency": "USD"}, "attributes": {"color": "red", "weightGrams": 120}}
				""".formatted(name, category, amount);
	}

}
