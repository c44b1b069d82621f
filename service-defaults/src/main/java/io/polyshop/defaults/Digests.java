package io.polyshop.defaults;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 fingerprints, as lower-case hex. Plain Java: usable without Spring. */
public final class Digests {

	private Digests() {
	}

	public static String sha256Hex(String text) {
		return HexFormat.of().formatHex(sha256(text));
	}

	/** The first {@code bytes} bytes of the digest: a short, one-way reference. */
	public static String sha256Hex(String text, int bytes) {
		return HexFormat.of().formatHex(sha256(text), 0, bytes);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
