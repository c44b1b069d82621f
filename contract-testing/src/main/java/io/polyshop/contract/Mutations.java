package io.polyshop.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyshop.contract.HostileRequests.Draft;
import io.polyshop.contract.HostileRequests.Field;
import io.polyshop.contract.HostileRequests.Mutation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/** The mutations of {@link HostileRequests}, each an arbitrary of its parameters. */
final class Mutations {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private Mutations() {
	}

	/** A change that always takes effect. */
	static Mutation of(String description, boolean invalidates, Consumer<Draft> change) {
		return of(description, invalidates, (draft) -> true, change);
	}

	/**
	 * A change at a JSON pointer of the body, which takes effect only while the body is
	 * still JSON and the pointer's parent is still an object or array (an earlier
	 * mutation may have removed or replaced it).
	 */
	static Mutation ofJson(String description, String pointer, Consumer<Draft> change) {
		return of(description, true, (draft) -> draft.rawBody == null && parent(draft, pointer) != null, (draft) -> {
			draft.jsonChanged = true;
			change.accept(draft);
		});
	}

	/** A change of a path parameter, which takes effect unless it was already changed. */
	static Mutation ofPath(String description, boolean invalidates, String name, Consumer<Draft> change) {
		return of(description, invalidates, (draft) -> !draft.mutatedPathParameters.contains(name), (draft) -> {
			draft.mutatedPathParameters.add(name);
			change.accept(draft);
		});
	}

	static Mutation of(String description, boolean invalidates, Predicate<Draft> applies, Consumer<Draft> change) {
		return new Mutation() {

			@Override
			public boolean apply(Draft draft) {
				if (!applies.test(draft)) {
					return false;
				}
				change.accept(draft);
				return true;
			}

			@Override
			public boolean invalidates() {
				return invalidates;
			}

			@Override
			public String describe() {
				return RawHttp.abbreviate(description);
			}

		};
	}

	/** A media type the service cannot produce: 406, before any handler runs. */
	static Arbitrary<Mutation> unacceptable() {
		return Arbitraries.of("application/xml", "text/html", "image/png", "text/csv")
			.map((type) -> of("Accept: " + type, true, (draft) -> draft.headers.put("Accept", type)));
	}

	/** A header larger than the server takes: refused before the application sees it. */
	static Arbitrary<Mutation> oversizedHeader() {
		return Arbitraries.integers()
			.between(9_000, 40_000)
			.map((size) -> of("X-Padding of " + size + " bytes", true,
					(draft) -> draft.headers.put("X-Padding", "a".repeat(size))));
	}

	/** A path segment that breaks the parameter's pattern, encoded or raw. */
	static Arbitrary<Mutation> pathValue(String name, Pattern pattern) {
		return Combinators
			.combine(HostileRequests.hostileStrings().filter((value) -> !pattern.matcher(value).matches()),
					Arbitraries.of(true, false))
			.as((value, raw) -> ofPath("path " + name + (raw ? " (raw)" : "") + " = " + value, !value.isEmpty(), name,
					(draft) -> {
						draft.pathValues.put(name, value);
						if (raw) {
							draft.rawPathParameters.add(name);
						}
					}));
	}

	/** Any path segment: the answer may be a 2xx only for a safe method. */
	static Arbitrary<Mutation> anyPathValue(String name) {
		return HostileRequests.hostileStrings()
			.map((value) -> ofPath("path " + name + " = " + value, false, name,
					(draft) -> draft.pathValues.put(name, value)));
	}

	/** If-Match that no current version matches, or that is not one entity tag. */
	static Arbitrary<Mutation> preconditionThatCannotHold() {
		return Arbitraries
			.oneOf(Arbitraries.of("W/\"1\"", "W/\"0\"", "\"999999999\"", "\"-1\"", "\"x\"", "abc", "\"1\", \"2\"", "\"",
					"W/", "\"1", "\"\u00ff\""), HostileRequests.hostileStrings().filter(Mutations::cannotMatchAVersion))
			.map((value) -> of("If-Match: " + value, true, (draft) -> {
				draft.headers.put("If-Match", headerSafe(value));
				draft.payloads.add(value);
			}));
	}

	/** Anything but a strong tag of a version that may exist, {@code *} or nothing. */
	private static boolean cannotMatchAVersion(String value) {
		String sent = headerSafe(value).strip();
		return !sent.isEmpty() && !sent.equals("*") && !sent.matches("^\"[0-9]{1,8}\"$");
	}

	/** A required header that breaks its pattern (such as Idempotency-Key). */
	static Arbitrary<Mutation> header(String name, Pattern pattern) {
		return HostileRequests.hostileStrings()
			.filter((value) -> !pattern.matcher(headerSafe(value).strip()).matches())
			.map((value) -> of(name + ": " + value, true, (draft) -> {
				draft.headers.put(name, headerSafe(value));
				draft.payloads.add(headerSafe(value).strip());
			}));
	}

	/**
	 * No token, or one that must not get in: malformed, another scheme, forged, expired,
	 * from another issuer, for another audience, unsigned, key confusion; or a customer's
	 * token without any scope. On a protected operation each must fail (401 or 403), the
	 * last only where the operation needs a scope.
	 */
	static Arbitrary<Mutation> authorization(boolean invalidates, boolean scopeRequired) {
		List<String> values = new ArrayList<>(List.of("", "Bearer", "Bearer ", "Bearer not.a.jwt", "Basic b3BzOm9wcw==",
				"bearer x", "Bearer " + "A".repeat(5000)));
		TestIssuer.shared()
			.forgeries("ops", "catalog:write", "orders:fulfil", "insights:read", "orders:place")
			.values()
			.forEach((token) -> values.add("Bearer " + token));
		Arbitrary<Mutation> refused = Arbitraries.of(values)
			.map((value) -> ofAuthorization("Authorization: " + RawHttp.abbreviate(value), invalidates, (draft) -> {
				if (value.isEmpty()) {
					draft.headers.remove("Authorization");
				}
				else {
					draft.headers.put("Authorization", value);
				}
			}));
		// A real token without scopes: refused only where a scope is needed.
		String mallory = "Bearer " + TestIssuer.shared().user("mallory");
		Mutation unprivileged = ofAuthorization("Authorization: " + RawHttp.abbreviate(mallory),
				invalidates && scopeRequired, (draft) -> draft.headers.put("Authorization", mallory));
		return Arbitraries.frequencyOf(Tuple.of(values.size(), refused), Tuple.of(1, Arbitraries.just(unprivileged)));
	}

	/** At most one per request: a later one would overwrite what decided the verdict. */
	private static Mutation ofAuthorization(String description, boolean invalidates, Consumer<Draft> change) {
		return of(description, invalidates, (draft) -> !draft.authorizationMutated, (draft) -> {
			draft.authorizationMutated = true;
			change.accept(draft);
		});
	}

	/** Any extra header. */
	static Arbitrary<Mutation> extraHeader() {
		return HostileRequests.hostileStrings()
			.map((value) -> of("X-Fuzz: " + value, false, (draft) -> draft.headers.put("X-Fuzz", headerSafe(value))));
	}

	/**
	 * A query parameter of the operation, or an unknown one, with any value, encoded or
	 * raw.
	 */
	static Arbitrary<Mutation> queryParameter(List<Parameter> parameters) {
		List<Arbitrary<Mutation>> choices = new ArrayList<>();
		for (Parameter parameter : parameters) {
			if ("query".equals(parameter.getIn())) {
				choices.add(queryParameter(parameter.getName(),
						Arbitraries.oneOf(HostileRequests.hostileStrings(), edgesOf(parameter.getSchema()))));
			}
		}
		choices.add(queryParameter("fuzz", HostileRequests.hostileStrings()));
		return Arbitraries.oneOf(choices);
	}

	private static Arbitrary<Mutation> queryParameter(String name, Arbitrary<String> values) {
		return Combinators.combine(values, Arbitraries.of(true, false))
			.as((value,
					raw) -> of("query " + name + (raw ? " (raw)" : "") + " = " + value, false,
							(draft) -> draft.query.add(name + "=" + (raw
									? value.replace(" ", "%20").replace("#", "%23").replace("\r", "").replace("\n", "")
									: HostileRequests.encode(value)))));
	}

	/**
	 * Values at the edges of a parameter's type, which a parser accepts and a store may
	 * not: instants Java can hold and PostgreSQL cannot, numbers past an int.
	 */
	private static Arbitrary<String> edgesOf(@Nullable Schema<?> schema) {
		String format = (schema != null && schema.getFormat() != null) ? schema.getFormat() : "";
		String type = (schema != null) ? HostileRequests.type(schema) : "string";
		return switch (format.isEmpty() ? type : format) {
			case "date-time" -> Arbitraries.of("+1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z",
					"+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
					"1970-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z");
			case "date" -> Arbitraries.of("+1000000000-12-31", "-999999999-01-01", "+10000-01-01", "0000-01-01",
					"9999-12-31", "2026-02-30", "1970-01-01");
			case "int32", "int64", "integer", "number" -> Arbitraries.of("0", "-1", "2147483647", "2147483648",
					"-2147483649", "9223372036854775808", "1e3", "1.5", "0x10", "NaN");
			default -> Arbitraries.strings().withCharRange('\u0000', '\u007f').ofMaxLength(20);
		};
	}

	/** A body that is not one JSON value. */
	static Arbitrary<Mutation> brokenSyntax(boolean bodyRequired) {
		return Arbitraries.of("truncated", "trailing", "duplicate key", "not JSON", "empty", "NUL byte")
			// Not over a body another mutation already made invalid: an empty body would
			// undo it where the body is optional.
			.map((kind) -> of("body " + kind, !kind.equals("empty") || bodyRequired,
					(draft) -> draft.rawBody == null && !draft.jsonChanged, (draft) -> {
						String json = (draft.json != null) ? draft.json.toString() : "{}";
						String broken = switch (kind) {
							case "truncated" -> json.substring(0, Math.max(1, json.length() / 2));
							case "trailing" -> json + " {\"again\": true}";
							case "duplicate key" -> duplicateFirstKey(json);
							case "not JSON" -> "name=kettle&price=1";
							case "NUL byte" -> json.substring(0, 1) + "\u0000" + json.substring(1);
							default -> "";
						};
						draft.rawBody = broken.getBytes(StandardCharsets.UTF_8);
					}));
	}

	private static String duplicateFirstKey(String json) {
		int colon = json.indexOf(':');
		if (!json.startsWith("{\"") || colon < 0) {
			return json + "}";
		}
		String key = json.substring(1, colon);
		return "{" + key + ": 1, " + json.substring(1);
	}

	/** A body in a media type the operation does not consume: 415. */
	static Arbitrary<Mutation> wrongContentType() {
		return Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "%%garbage")
			.map((type) -> of("Content-Type: " + type, true, (draft) -> {
				draft.headers.put("Content-Type", type);
				// A body there must be, and it stays: later mutations of the body do not
				// apply.
				byte[] body = draft.body();
				draft.rawBody = (body.length > 0) ? body : "{\"fuzz\": true}".getBytes(StandardCharsets.UTF_8);
			}));
	}

	/** A property no schema of ours declares. */
	static Arbitrary<Mutation> unknownProperty() {
		return HostileRequests.hostileStrings().map((value) -> ofJson("unknown property", "/zzUnknown", (draft) -> {
			if (draft.json instanceof ObjectNode object) {
				object.put("zzUnknown", value);
				draft.payloads.add(value);
			}
		}));
	}

	/** A declared property with a value of another JSON type. */
	static Arbitrary<Mutation> wrongType(List<Field> fields) {
		return Combinators.combine(Arbitraries.of(fields), Arbitraries.integers().between(0, 4))
			.as((field, choice) -> ofJson("wrong type at " + field.pointer(), field.pointer(), (draft) -> set(draft,
					field.pointer(), wrongTypeFor(HostileRequests.type(field.schema()), choice))));
	}

	private static JsonNode wrongTypeFor(String type, int choice) {
		List<JsonNode> candidates = switch (type) {
			case "string" -> List.of(NODES.numberNode(12.5), NODES.booleanNode(true), NODES.objectNode(),
					NODES.arrayNode(), NODES.numberNode(7));
			case "integer" -> List.of(NODES.textNode("2"), NODES.numberNode(2.5), NODES.booleanNode(true),
					NODES.objectNode(), NODES.numberNode(new java.math.BigInteger("99999999999999999999999")));
			case "number" -> List.of(NODES.textNode("2"), NODES.booleanNode(true), NODES.objectNode(),
					NODES.arrayNode(), NODES.textNode("NaN"));
			case "boolean" -> List.of(NODES.textNode("true"), NODES.numberNode(1), NODES.objectNode(),
					NODES.arrayNode(), NODES.textNode("yes"));
			case "array" -> List.of(NODES.textNode("[]"), NODES.objectNode(), NODES.numberNode(1),
					NODES.booleanNode(false), NODES.textNode("x"));
			default -> List.of(NODES.textNode("{}"), NODES.arrayNode(), NODES.numberNode(1), NODES.booleanNode(true),
					NODES.textNode("x"));
		};
		return candidates.get(choice % candidates.size());
	}

	/** A required property missing, or null. */
	static Arbitrary<Mutation> missingOrNull(List<Field> required) {
		return Combinators.combine(Arbitraries.of(required), Arbitraries.of(true, false))
			.as((field, remove) -> ofJson((remove ? "missing " : "null ") + field.pointer(), field.pointer(),
					(draft) -> {
						if (remove) {
							remove(draft, field.pointer());
						}
						else {
							set(draft, field.pointer(), NODES.nullNode());
						}
					}));
	}

	/** A string longer than its maximum length. */
	static Arbitrary<Mutation> tooLong(List<Field> bounded) {
		return Combinators.combine(Arbitraries.of(bounded), Arbitraries.integers().between(1, 5000))
			.as((field, extra) -> {
				Integer maxLength = field.schema().getMaxLength();
				int length = ((maxLength != null) ? maxLength : 0) + extra;
				String value = "L".repeat(length);
				return ofJson("string of " + length + " at " + field.pointer(), field.pointer(), (draft) -> {
					set(draft, field.pointer(), NODES.textNode(value));
					draft.payloads.add(value);
				});
			});
	}

	/** Control characters that no single-line or multi-line text of ours admits. */
	static Arbitrary<Character> forbiddenControls() {
		return Arbitraries.of('\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u001B', '\u001F', '\u007F');
	}

	/** A control character inside a string that has a pattern. */
	static Arbitrary<Mutation> controlCharacter(List<Field> patterned) {
		return Combinators.combine(Arbitraries.of(patterned), forbiddenControls())
			.as((field, control) -> ofJson("U+%04X at %s".formatted((int) control, field.pointer()), field.pointer(),
					(draft) -> {
						JsonNode current = get(draft, field.pointer());
						String text = (current != null && current.isTextual()) ? current.asText() : "x";
						set(draft, field.pointer(), NODES.textNode(
								text.substring(0, text.length() / 2) + control + text.substring(text.length() / 2)));
					}));
	}

	/** Header values cannot hold line breaks, or the request would become two. */
	static String headerSafe(String value) {
		return value.replace("\r", "").replace("\n", "");
	}

	private static @Nullable JsonNode get(Draft draft, String pointer) {
		if (draft.json == null) {
			return null;
		}
		JsonNode node = draft.json.at(pointer);
		return node.isMissingNode() ? null : node;
	}

	private static void set(Draft draft, String pointer, JsonNode value) {
		String name = pointer.substring(pointer.lastIndexOf('/') + 1);
		switch (parent(draft, pointer)) {
			case ObjectNode object -> object.set(name, value);
			case ArrayNode array when name.matches("[0-9]+") && Integer.parseInt(name) < array.size() ->
				array.set(Integer.parseInt(name), value);
			case null, default -> throw new IllegalStateException("Nothing at " + pointer + " in " + draft.json);
		}
	}

	private static void remove(Draft draft, String pointer) {
		String name = pointer.substring(pointer.lastIndexOf('/') + 1);
		switch (parent(draft, pointer)) {
			case ObjectNode object -> object.remove(name);
			case ArrayNode array when name.matches("[0-9]+") && Integer.parseInt(name) < array.size() ->
				array.remove(Integer.parseInt(name));
			case null, default -> throw new IllegalStateException("Nothing at " + pointer + " in " + draft.json);
		}
	}

	private static @Nullable JsonNode parent(Draft draft, String pointer) {
		if (draft.json == null) {
			return null;
		}
		String parentPointer = pointer.substring(0, pointer.lastIndexOf('/'));
		JsonNode parent = parentPointer.isEmpty() ? draft.json : draft.json.at(parentPointer);
		return parent.isContainerNode() ? parent : null;
	}

}
