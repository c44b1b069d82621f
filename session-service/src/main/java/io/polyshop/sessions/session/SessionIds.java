package io.polyshop.sessions.session;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids are bearer secrets: whoever holds one holds the cart. 192 random bits from
 * a CSPRNG, base64url without padding (32 characters, safe in URLs and keys).
 */
final class SessionIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private SessionIds() {
	}

	static String next() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Cheap shape check before touching DynamoDB: anything else cannot be a session. */
	static boolean isWellFormed(String id) {
		return id != null && id.length() == 32
				&& id.chars().allMatch((c) -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
	}

}
