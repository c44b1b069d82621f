package io.polyshop.catalog;

import java.util.Locale;
import java.util.UUID;

import io.polyshop.contract.TestIssuer;

/** Test data that never collides with another test's, so tests share one database. */
public final class TestProducts {

	private TestProducts() {
	}

	/** An Authorization header of staff allowed to change the catalogue. */
	public static String staff() {
		return "Bearer " + TestIssuer.shared().user("ops", "catalog:write");
	}

	/** An Authorization header of a customer: may browse, may not change anything. */
	public static String customer() {
		return "Bearer " + TestIssuer.shared().user("alice", "openid");
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
