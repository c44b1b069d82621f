package io.polyshop.catalog.product.web;

import java.util.Map;
import java.util.regex.Pattern;

import io.polyshop.defaults.TextPatterns;
import io.polyshop.defaults.problem.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a product's free-form parts: its category slug and its attributes. The
 * attributes land in a {@code jsonb} column, which refuses what JSON allows (a NUL in a
 * string, a number too large for a double), so they are checked here, before the database
 * can turn them into a 500.
 */
final class ProductAttributes {

	static final int MAX_ENTRIES = 50;

	static final String DESCRIPTION = "Up to 50 attributes. A name is 1 to 40 letters, digits or underscores, "
			+ "starting with a letter; a value is a string of at most 200 characters on one line, "
			+ "a finite number or a boolean.";

	private static final Pattern NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,39}$");

	private static final Pattern ONE_LINE = Pattern.compile(TextPatterns.SINGLE_LINE);

	private static final int MAX_TEXT = 200;

	private ProductAttributes() {
	}

	/**
	 * @throws InvalidInputException naming the first attribute that breaks a rule
	 */
	static void check(@Nullable Map<String, Object> attributes) {
		if (attributes == null) {
			return;
		}
		for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
			if (!NAME.matcher(attribute.getKey()).matches()) {
				throw new InvalidInputException("attributes",
						"attribute names must be 1 to 40 letters, digits or underscores, starting with a letter");
			}
			String field = "attributes." + attribute.getKey();
			switch (attribute.getValue()) {
				case String text when text.length() <= MAX_TEXT && ONE_LINE.matcher(text).matches() -> {
				}
				case String text -> throw new InvalidInputException(field,
						"must be at most 200 characters on one line, without control characters");
				case Double number when !Double.isFinite(number) ->
					throw new InvalidInputException(field, "must be a finite number");
				case Float number when !Float.isFinite(number) ->
					throw new InvalidInputException(field, "must be a finite number");
				case Number number -> {
				}
				case Boolean flag -> {
				}
				case null, default -> throw new InvalidInputException(field, "must be a string, a number or a boolean");
			}
		}
	}

}
