package io.polyshop.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests for every operation of a service, generated from its OpenAPI document.
 * Each starts as a valid request (the document's examples, and real ids the test
 * supplies) and gets one to three mutations: wrong JSON types, unknown, missing or null
 * properties, strings too long or with control characters, broken JSON, hostile path
 * segments and query parameters (malformed percent-encoding, NUL, 5,000 characters),
 * unacceptable media types, malformed or stale preconditions and idempotency keys,
 * oversized headers. A write always gets at least one mutation that makes it invalid
 * whatever the service's state, so that its answer must be a 4xx and no stored data may
 * change.
 * <p>
 * JSON is handled with Jackson 2 here because the OpenAPI model (swagger-parser) is built
 * on it; the services themselves use Jackson 3.
 */
public final class HostileRequests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** Answers may not repeat what was injected; shorter strings may occur by chance. */
	private static final int ECHO_CHECK_MIN_LENGTH = 24;

	private final List<Endpoint> endpoints;

	private HostileRequests(List<Endpoint> endpoints) {
		this.endpoints = endpoints;
	}

	/**
	 * @param document the service's OpenAPI document (YAML or JSON)
	 * @param pathValues valid values of path parameters by name (such as an existing
	 * SKU), used where a mutation leaves the parameter alone; the document's example
	 * otherwise
	 */
	public static HostileRequests from(String document, Map<String, String> pathValues) {
		return from(document, pathValues, Map.of());
	}

	/**
	 * @param headers sent with every request unless a mutation changes them, such as an
	 * {@code Authorization} that the protected operations accept
	 */
	public static HostileRequests from(String document, Map<String, String> pathValues, Map<String, String> headers) {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		options.setResolveFully(true);
		OpenAPI api = new OpenAPIV3Parser().readContents(document, null, options).getOpenAPI();
		List<Endpoint> endpoints = new ArrayList<>();
		api.getPaths()
			.forEach((template, item) -> item.readOperationsMap()
				.forEach((method, operation) -> endpoints
					.add(Endpoint.of(method.name(), template, operation, pathValues, headers))));
		assertThat(endpoints).as("operations in the document").isNotEmpty();
		return new HostileRequests(endpoints);
	}

	/** Hostile requests, spread evenly over the operations. */
	public Arbitrary<HostileRequest> requests() {
		return Arbitraries.of(this.endpoints).flatMap(HostileRequests::requests);
	}

	private static Arbitrary<HostileRequest> requests(Endpoint endpoint) {
		Arbitrary<List<Mutation>> extra = endpoint.mutations().list().ofMaxSize(2);
		Arbitrary<List<Mutation>> all = endpoint.isUnsafe()
				? Combinators.combine(endpoint.invalidatingMutations(), extra).as((first, more) -> {
					List<Mutation> list = new ArrayList<>();
					list.add(first);
					list.addAll(more);
					return list;
				}) : endpoint.mutations().list().ofMinSize(1).ofMaxSize(3);
		return all.map(endpoint::request);
	}

	/**
	 * Sends the request and checks the answer: never a 5xx; every error is problem
	 * details with its status; nothing injected comes back; a request that must fail gets
	 * a 4xx; and a refused write changes no stored data ({@code storedData} is read
	 * before and after).
	 */
	public static RawHttp.Answer check(RawHttp http, HostileRequest request, Supplier<String> storedData) {
		String before = request.isUnsafe() ? storedData.get() : "";
		RawHttp.Answer answer = http.send(request.method(), request.target(), request.headers(), request.body());
		String described = "%s%n→ %d %s%n%s".formatted(request, answer.status(), answer.contentType(),
				RawHttp.abbreviate(answer.body()));
		assertThat(answer.status()).as("status of %s", described).isLessThan(500);
		if (answer.status() >= 400) {
			assertThat(answer.contentType()).as("media type of %s", described).startsWith("application/problem+json");
			JsonNode problem = parse(answer.body(), described);
			assertThat(problem.path("status").asInt()).as("status member of %s", described).isEqualTo(answer.status());
			assertThat(problem.path("type").asText()).as("type member of %s", described).isNotBlank();
			assertThat(problem.path("title").asText()).as("title member of %s", described).isNotBlank();
		}
		// The problem's instance is the request's path by definition; nothing else may
		// echo.
		String answered = (answer.status() >= 400) ? withoutInstance(answer.body(), described) : answer.body();
		for (String payload : request.payloads()) {
			if (payload.length() >= ECHO_CHECK_MIN_LENGTH) {
				assertThat(answered).as("echo in %s", described).doesNotContain(payload);
			}
		}
		if (request.mustFail()) {
			assertThat(answer.status()).as("status of an invalid request: %s", described).isBetween(400, 499);
		}
		if (request.isUnsafe() && answer.status() >= 400) {
			// A write that was refused changed nothing (one that was valid by chance
			// may).
			assertThat(storedData.get()).as("stored data after %s", described).isEqualTo(before);
		}
		Statistics.label("answers").collect(answer.status());
		Statistics.label("operations").collect(request.operation());
		return answer;
	}

	private static String withoutInstance(String body, String described) {
		JsonNode problem = parse(body, described);
		if (problem instanceof ObjectNode object) {
			object.remove("instance");
		}
		return problem.toString();
	}

	private static JsonNode parse(String body, String described) {
		try {
			return JSON.readTree(body);
		}
		catch (Exception ex) {
			throw new AssertionError("Not JSON: " + described, ex);
		}
	}

	/** Strings no field of ours accepts as they are, and a few that probe parsers. */
	static Arbitrary<String> hostileStrings() {
		return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
				Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(4),
				Arbitraries.strings().alpha().numeric().ofMinLength(300).ofMaxLength(6000),
				Arbitraries.of("", " ", "%", "%%%garbage", "%00", "%C0%AF", "%FF%FE", "../../etc/passwd", "\u0000",
						"' OR '1'='1", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "\uFEFF", "\uD83D\uDED2",
						"\uD800", "NaN", "1e400", "-1", "0", "99999999999999999999", "null", "true", "[]", "{}",
						"W/\"1\"", "*", "\u202Eevil", "+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
						"0000-01-01T00:00:00Z", "99999-01-01", "2026-02-30", "2026-13-01T00:00:00Z",
						"9999-12-31T23:59:59Z"));
	}

	/** A change to a request, and whether it makes the request invalid by itself. */
	interface Mutation {

		/**
		 * Changes the draft, unless an earlier mutation has already changed the same part
		 * (which a later one must not undo).
		 * @return whether this mutation took effect
		 */
		boolean apply(Draft draft);

		boolean invalidates();

		String describe();

	}

	/** A request being built. */
	static final class Draft {

		final String method;

		final String template;

		final Map<String, String> pathValues = new LinkedHashMap<>();

		final List<String> rawPathParameters = new ArrayList<>();

		final List<String> mutatedPathParameters = new ArrayList<>();

		/**
		 * Whether the Authorization header was mutated already: a second mutation of it
		 * would replace the first, and the request would be judged by a value it no
		 * longer carries.
		 */
		boolean authorizationMutated;

		final List<String> query = new ArrayList<>();

		final Map<String, String> headers = new LinkedHashMap<>();

		@Nullable JsonNode json;

		byte @Nullable [] rawBody;

		/** Whether a mutation changed the JSON body (a later one must not replace it). */
		boolean jsonChanged;

		final List<String> payloads = new ArrayList<>();

		Draft(String method, String template) {
			this.method = method;
			this.template = template;
		}

		String target() {
			String path = this.template;
			for (Map.Entry<String, String> value : this.pathValues.entrySet()) {
				String segment = this.rawPathParameters.contains(value.getKey())
						? value.getValue().replace("\r", "").replace("\n", "") : encode(value.getValue());
				path = path.replace("{" + value.getKey() + "}", segment);
			}
			return this.query.isEmpty() ? path : path + "?" + String.join("&", this.query);
		}

		byte[] body() {
			if (this.rawBody != null) {
				return this.rawBody;
			}
			return (this.json != null) ? this.json.toString().getBytes(StandardCharsets.UTF_8) : new byte[0];
		}

	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** A JSON property the operation's request body declares. */
	record Field(String pointer, Schema<?> schema, boolean required) {

	}

	/** An operation of the document with the valid request it starts from. */
	record Endpoint(String method, String template, Operation operation, Map<String, String> pathValues,
			@Nullable JsonNode body, boolean bodyRequired, List<Field> fields, List<Parameter> parameters,
			Map<String, String> headers) {

		static Endpoint of(String method, String template, Operation operation, Map<String, String> knownValues,
				Map<String, String> headers) {
			List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
			Map<String, String> pathValues = new LinkedHashMap<>();
			for (Parameter parameter : parameters) {
				if ("path".equals(parameter.getIn())) {
					String known = knownValues.get(parameter.getName());
					pathValues.put(parameter.getName(),
							(known != null) ? known : String.valueOf(example(parameter.getSchema())));
				}
			}
			JsonNode body = null;
			boolean bodyRequired = false;
			List<Field> fields = new ArrayList<>();
			if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
					&& operation.getRequestBody().getContent().get("application/json") != null) {
				Schema<?> schema = operation.getRequestBody().getContent().get("application/json").getSchema();
				body = example(schema);
				bodyRequired = Boolean.TRUE.equals(operation.getRequestBody().getRequired());
				collectFields(schema, "", fields);
			}
			return new Endpoint(method.toUpperCase(Locale.ROOT), template, operation, pathValues, body, bodyRequired,
					fields, parameters, headers);
		}

		boolean isUnsafe() {
			return !this.method.equals("GET");
		}

		Draft draft() {
			Draft draft = new Draft(this.method, this.template);
			draft.pathValues.putAll(this.pathValues);
			for (Parameter parameter : this.parameters) {
				if ("header".equals(parameter.getIn()) && Boolean.TRUE.equals(parameter.getRequired())) {
					draft.headers.put(parameter.getName(), String.valueOf(example(parameter.getSchema()).asText()));
				}
			}
			draft.headers.put("Accept", "application/json");
			draft.headers.putAll(this.headers);
			if (this.body != null) {
				draft.json = this.body.deepCopy();
				draft.headers.put("Content-Type", "application/json");
			}
			return draft;
		}

		HostileRequest request(List<Mutation> mutations) {
			Draft draft = draft();
			boolean mustFail = false;
			List<String> applied = new ArrayList<>();
			for (Mutation mutation : mutations) {
				if (mutation.apply(draft)) {
					mustFail |= mutation.invalidates();
					applied.add(mutation.describe());
				}
			}
			return new HostileRequest(this.method + " " + this.template, this.method, draft.target(),
					Map.copyOf(draft.headers), draft.body(), mustFail, applied, List.copyOf(draft.payloads));
		}

		/** Whether the document says this operation needs a token. */
		boolean isProtected() {
			return this.operation.getSecurity() != null && !this.operation.getSecurity().isEmpty();
		}

		/** Whether every way to call it needs a scope, beyond a valid token. */
		boolean needsScope() {
			return isProtected() && this.operation.getSecurity()
				.stream()
				.allMatch((requirement) -> requirement.values().stream().allMatch((scopes) -> !scopes.isEmpty()));
		}

		/** Mutations each of which makes this request invalid whatever the data. */
		Arbitrary<Mutation> invalidatingMutations() {
			List<Arbitrary<Mutation>> choices = new ArrayList<>();
			if (isProtected()) {
				choices.add(Mutations.authorization(true, needsScope()));
			}
			choices.add(Mutations.unacceptable());
			choices.add(Mutations.oversizedHeader());
			for (Parameter parameter : this.parameters) {
				if ("path".equals(parameter.getIn()) && parameter.getSchema() != null
						&& parameter.getSchema().getPattern() != null) {
					choices.add(Mutations.pathValue(parameter.getName(),
							Pattern.compile(parameter.getSchema().getPattern())));
				}
				if ("header".equals(parameter.getIn()) && parameter.getName().equalsIgnoreCase("If-Match")) {
					choices.add(Mutations.preconditionThatCannotHold());
				}
				if ("header".equals(parameter.getIn()) && parameter.getSchema() != null
						&& parameter.getSchema().getPattern() != null) {
					choices.add(
							Mutations.header(parameter.getName(), Pattern.compile(parameter.getSchema().getPattern())));
				}
			}
			if (this.body != null) {
				choices.add(Mutations.brokenSyntax(this.bodyRequired));
				choices.add(Mutations.wrongContentType());
				if (this.body.isObject()) {
					choices.add(Mutations.unknownProperty());
				}
				if (!this.fields.isEmpty()) {
					choices.add(Mutations.wrongType(this.fields));
				}
				List<Field> required = this.fields.stream().filter(Field::required).toList();
				if (!required.isEmpty()) {
					choices.add(Mutations.missingOrNull(required));
				}
				List<Field> bounded = this.fields.stream()
					.filter((field) -> field.schema().getMaxLength() != null)
					.toList();
				if (!bounded.isEmpty()) {
					choices.add(Mutations.tooLong(bounded));
				}
				List<Field> patterned = this.fields.stream()
					.filter((field) -> field.schema().getPattern() != null)
					.toList();
				if (!patterned.isEmpty()) {
					choices.add(Mutations.controlCharacter(patterned));
				}
			}
			return Arbitraries.oneOf(choices);
		}

		/** Any mutation, invalidating or not. */
		Arbitrary<Mutation> mutations() {
			List<Arbitrary<Mutation>> choices = new ArrayList<>();
			choices.add(invalidatingMutations());
			choices.add(Mutations.extraHeader());
			if (!isProtected()) {
				choices.add(Mutations.authorization(false, false));
			}
			choices.add(Mutations.queryParameter(this.parameters));
			for (Parameter parameter : this.parameters) {
				if ("path".equals(parameter.getIn())) {
					choices.add(Mutations.anyPathValue(parameter.getName()));
				}
			}
			return Arbitraries.oneOf(choices);
		}

	}

	private static void collectFields(@Nullable Schema<?> schema, String pointer, List<Field> fields) {
		if (schema == null || schema.getProperties() == null) {
			return;
		}
		List<String> required = (schema.getRequired() != null) ? schema.getRequired() : List.of();
		schema.getProperties().forEach((name, property) -> {
			String child = pointer + "/" + name;
			fields.add(new Field(child, property, required.contains(name)));
			collectFields(property, child, fields);
			if (property.getItems() != null) {
				collectFields(property.getItems(), child + "/0", fields);
			}
		});
	}

	/** A valid value of the schema: its example, else the simplest value of its type. */
	static JsonNode example(@Nullable Schema<?> schema) {
		if (schema == null) {
			return NODES.textNode("x");
		}
		Object example = schema.getExample();
		String type = type(schema);
		if (example != null) {
			if (example instanceof JsonNode node) {
				return node;
			}
			if (example instanceof String text && type.equals("object")) {
				try {
					return JSON.readTree(text);
				}
				catch (Exception ex) {
					throw new IllegalStateException("Example of an object is not JSON: " + text, ex);
				}
			}
			return JSON.valueToTree(example);
		}
		if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
			return JSON.valueToTree(schema.getEnum().get(0));
		}
		return switch (type) {
			case "object" -> {
				ObjectNode object = NODES.objectNode();
				if (schema.getProperties() != null) {
					schema.getProperties().forEach((name, property) -> object.set(name, example(property)));
				}
				yield object;
			}
			case "array" -> {
				ArrayNode array = NODES.arrayNode();
				array.add(example(schema.getItems()));
				yield array;
			}
			case "integer" -> NODES.numberNode((schema.getMinimum() != null) ? schema.getMinimum().longValue() : 1L);
			case "number" -> NODES.numberNode(1);
			case "boolean" -> NODES.booleanNode(true);
			default -> NODES.textNode("x");
		};
	}

	static String type(Schema<?> schema) {
		if (schema.getType() != null) {
			return schema.getType();
		}
		if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
			return schema.getTypes().iterator().next();
		}
		return (schema.getProperties() != null) ? "object" : "string";
	}

}
