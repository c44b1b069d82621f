package io.polyshop.defaults;

/**
 * Regular expressions for free text, for {@code @Pattern} and the OpenAPI document alike:
 * written in the syntax Java and ECMA 262 (JSON Schema) read the same way, so that what
 * the service enforces is what its contract says.
 */
public final class TextPatterns {

	/** One line: no control character (C0, DEL). */
	public static final String SINGLE_LINE = "^[^\\x00-\\x1F\\x7F]*$";

	/** Text that may have tabs and line breaks, but no other control character. */
	public static final String MULTI_LINE = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*$";

	public static final String SINGLE_LINE_MESSAGE = "must not contain control characters";

	public static final String MULTI_LINE_MESSAGE = "must not contain control characters but tabs and line breaks";

	private TextPatterns() {
	}

}
