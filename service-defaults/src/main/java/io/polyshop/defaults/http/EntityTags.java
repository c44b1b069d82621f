package io.polyshop.defaults.http;

import io.polyshop.defaults.problem.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Optimistic locking over HTTP: a resource's version is its ETag ({@code ETag: "7"};
 * Spring adds the quotes), and a write may carry the version its client read
 * ({@code If-Match: "7"}).
 */
public final class EntityTags {

	private EntityTags() {
	}

	/** The ETag value of a version, unquoted ({@code ResponseEntity.eTag} quotes it). */
	public static String of(long version) {
		return Long.toString(version);
	}

	/**
	 * The version named by an {@code If-Match} header, or null when there is none (or
	 * {@code *}, any version).
	 * @param example a valid header, for the message of a 400 on a malformed one
	 */
	public static @Nullable Long ifMatchVersion(@Nullable String header, String example) {
		if (header == null || header.isBlank() || header.strip().equals("*")) {
			return null;
		}
		String tag = header.strip();
		if (tag.startsWith("W/")) {
			tag = tag.substring(2);
		}
		tag = tag.replace("\"", "");
		try {
			return Long.parseLong(tag);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("If-Match", "must be the ETag of " + example);
		}
	}

}
