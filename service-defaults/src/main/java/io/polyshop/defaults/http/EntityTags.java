package io.polyshop.defaults.http;

import io.polyshop.defaults.problem.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Optimistic locking over HTTP: a resource's version is its strong ETag
 * ({@code ETag: "7"}; Spring adds the quotes), and a write may carry the version its
 * client read ({@code If-Match: "7"}).
 *
 * <p>
 * {@code If-Match} uses the strong comparison of RFC 9110 (13.1.1): a weak tag
 * ({@code W/"7"}) never matches, so a write that offers only weak tags fails its
 * precondition (412); a header that is not an entity tag is a 400.
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
	 * @throws PreconditionFailedException when the header names only weak tags
	 * @throws InvalidInputException when it is not an entity tag of a version
	 */
	public static @Nullable Long ifMatchVersion(@Nullable String header, String example) {
		if (header == null || header.isBlank() || header.strip().equals("*")) {
			return null;
		}
		String tag = header.strip();
		boolean weak = tag.startsWith("W/");
		if (weak) {
			tag = tag.substring(2);
		}
		if (tag.length() < 3 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
			throw new InvalidInputException("If-Match", "must be one entity tag, " + example);
		}
		long version;
		try {
			version = Long.parseLong(tag.substring(1, tag.length() - 1));
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("If-Match", "must be the entity tag of " + example);
		}
		if (weak) {
			throw new PreconditionFailedException("If-Match names only a weak entity tag, and a weak tag never "
					+ "matches for a write (strong comparison): send the ETag as it was given, " + example);
		}
		return version;
	}

}
