package io.polyshop.catalog.product.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.polyshop.catalog.product.Product;
import io.polyshop.defaults.problem.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The listing's cursor: the last SKU of a page, base64url-encoded so clients treat it as
 * opaque and the server may change what it carries.
 */
final class Cursor {

	private Cursor() {
	}

	static String encode(String lastSku) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(lastSku.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @throws InvalidCursorException if the cursor was not made by {@link #encode}
	 */
	static @Nullable String decode(@Nullable String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			String sku = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (Product.isValidSku(sku)) {
				return sku;
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through
		}
		throw new InvalidCursorException();
	}

	static class InvalidCursorException extends InvalidInputException {

		InvalidCursorException() {
			super("cursor", "is not a cursor this API issued: pass back nextCursor unchanged");
		}

	}

}
