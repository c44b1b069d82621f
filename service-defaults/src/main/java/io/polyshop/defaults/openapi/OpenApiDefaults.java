package io.polyshop.defaults.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.polyshop.defaults.problem.ProblemTypes;
import io.polyshop.defaults.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Makes each service's OpenAPI document a contract a client can rely on: the
 * {@code Problem} schema of RFC 9457, on every operation the errors it can answer
 * whatever its domain (400, 404, 406, 413, 415, 500, 503 with {@code Retry-After}), the
 * domain errors it declares with {@link ProblemResponse}, the {@code ETag} of
 * {@link Versioned} operations, and the request limits. The document is stable (no
 * generated server URL), so that the copy checked in under {@code docs/openapi/} changes
 * only with the contract.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiDefaults {

	/** The schema of every error body. */
	public static final String PROBLEM_SCHEMA = "Problem";

	/**
	 * The security scheme of operations that need a token: name it in
	 * {@code @SecurityRequirement(name = OpenApiDefaults.BEARER, scopes = "...")}.
	 */
	public static final String BEARER = "bearer";

	static final String FIELD_ERROR_SCHEMA = "FieldError";

	static final String PROBLEM_JSON = "application/problem+json";

	private static final String SCHEMAS = "#/components/schemas/";

	static {
		// A handler's Caller comes from the token, not from the request's parameters.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	OpenApiCustomizer polyshopContract(@Value("${spring.application.name:service}") String name,
			@Value("${polyshop.http.max-body-size:1MB}") DataSize maxBodySize,
			@Value("${polyshop.http.max-uri-length:8KB}") DataSize maxUriLength,
			@Value("${polyshop.http.max-header-size:8KB}") DataSize maxHeaderSize) {
		return (openApi) -> {
			openApi
				.info(new Info().title(name).version("1").description(limits(maxBodySize, maxUriLength, maxHeaderSize)))
				.servers(List.of(new Server().url("/").description("this service")));
			Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
			components.addSchemas(FIELD_ERROR_SCHEMA, fieldErrorSchema()).addSchemas(PROBLEM_SCHEMA, problemSchema());
			components.addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("An access token of the issuer this service trusts (locally: ./polyshop token "
								+ "--user alice). Scopes are in the token's scope claim."));
			openApi.components(components);
			if (openApi.getPaths() != null) {
				openApi.getPaths().keySet().removeIf((path) -> path.equals("/error") || path.startsWith("/error/"));
			}
		};
	}

	@Bean
	OperationCustomizer problemResponses() {
		return OpenApiDefaults::document;
	}

	private static String limits(DataSize maxBodySize, DataSize maxUriLength, DataSize maxHeaderSize) {
		return """
				Errors are `application/problem+json` (RFC 9457) with a stable `type` per kind of error \
				(`urn:polyshop:problem:<kind>`); a 400 names each invalid field in `errors[]`. \
				Request bodies are strict JSON of at most %d bytes (413 above); the path and query of \
				at most %d bytes (414 above); the headers of at most %d bytes together (431 above). \
				Money amounts are decimal strings.\
				""".formatted(maxBodySize.toBytes(), maxUriLength.toBytes(), maxHeaderSize.toBytes());
	}

	static Operation document(Operation operation, HandlerMethod handler) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		boolean versioned = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), Versioned.class);
		if (versioned && AnnotatedElementUtils.hasAnnotation(handler.getMethod(), GetMapping.class)) {
			operation.addParametersItem(new HeaderParameter().name(HttpHeaders.IF_NONE_MATCH)
				.description("The ETag last read: 304 without a body while the resource is unchanged")
				.schema(new StringSchema().maxLength(64).example("\"3\"")));
			responses.addApiResponse("304", new ApiResponse().description("Not modified since the ETag sent")
				.addHeaderObject(HttpHeaders.ETAG, new Header().schema(new StringSchema())));
		}
		if (versioned) {
			responses.forEach((status, response) -> {
				if (status.startsWith("2")) {
					response.addHeaderObject(HttpHeaders.ETAG,
							new Header()
								.description("The resource's version as a strong entity tag; send it back in If-Match")
								.schema(new StringSchema().pattern("^\"[0-9]+\"$").example("\"3\"")));
				}
			});
		}
		for (ProblemResponse declared : AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(),
				ProblemResponse.class)) {
			responses.addApiResponse(Integer.toString(declared.status()),
					problem(declared.status(), declared.type(), declared.description()));
		}
		if (operation.getParameters() != null) {
			operation.getParameters()
				.stream()
				.filter((parameter) -> "header".equals(parameter.getIn())
						&& HttpHeaders.IF_MATCH.equalsIgnoreCase(parameter.getName()))
				.forEach((ifMatch) -> ifMatch
					.description("Write only if the resource is still at this version: "
							+ "the strong ETag last read, such as \"3\". A weak tag never matches (412); "
							+ "anything but one entity tag is a 400.")
					.example("\"3\"")
					.schema(new StringSchema().maxLength(64)));
		}
		boolean hasPathParameters = operation.getParameters() != null
				&& operation.getParameters().stream().map(Parameter::getIn).anyMatch("path"::equals);
		boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
		// A token that is sent is checked even where none is needed: a bad one is a 401.
		ApiResponse unauthorized = problem(401, "unauthorized",
				secured ? "No token, or one that is forged, expired or not for this API"
						: "A token was sent that is forged, expired or not for this API (none is needed)");
		unauthorized.addHeaderObject(HttpHeaders.WWW_AUTHENTICATE,
				new Header().description("The Bearer challenge of RFC 6750").schema(new StringSchema()));
		responses.addApiResponse("401", unauthorized);
		// Where any valid token will do, an operation that can still refuse one declares
		// its own 403 with @ProblemResponse.
		boolean scoped = secured && operation.getSecurity()
			.stream()
			.anyMatch((requirement) -> requirement.values().stream().anyMatch((scopes) -> !scopes.isEmpty()));
		if (scoped) {
			putIfAbsent(responses, 403, "forbidden", "The token lacks the scope this operation needs");
		}
		putIfAbsent(responses, 400, "invalid-input", "Malformed or invalid input: `errors[]` names each invalid field");
		if (hasPathParameters) {
			putIfAbsent(responses, 404, "not-found", "No such resource");
		}
		putIfAbsent(responses, 406, "http-406", "The Accept header allows neither JSON nor problem details");
		if (operation.getRequestBody() != null) {
			putIfAbsent(responses, 413, "http-413", "The request body is larger than the limit");
			putIfAbsent(responses, 415, "http-415", "The request body is not application/json");
		}
		putIfAbsent(responses, 414, "http-414", "The path and query are longer than the limit");
		putIfAbsent(responses, 431, "http-431", "The headers are larger than the limit");
		putIfAbsent(responses, 500, "internal-error", "An unexpected error; it has been logged");
		if (!responses.containsKey("503")) {
			ApiResponse unavailable = problem(503, "dependency-unavailable",
					"A store or service this operation needs is unavailable: retry after the time given");
			unavailable.addHeaderObject(HttpHeaders.RETRY_AFTER,
					new Header().description("Seconds to wait before retrying")
						.schema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO).example(1)));
			responses.addApiResponse("503", unavailable);
		}
		operation.setResponses(responses);
		return operation;
	}

	private static void putIfAbsent(ApiResponses responses, int status, String kind, String description) {
		if (!responses.containsKey(Integer.toString(status))) {
			responses.addApiResponse(Integer.toString(status), problem(status, kind, description));
		}
	}

	static ApiResponse problem(int status, String kind, String description) {
		HttpStatus httpStatus = HttpStatus.valueOf(status);
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", ProblemTypes.of(kind).toString());
		example.put("title", httpStatus.getReasonPhrase());
		example.put("status", status);
		example.put("detail", description);
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref(SCHEMAS + PROBLEM_SCHEMA)).example(example)));
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("An error, as RFC 9457 problem details; a kind of error may add members")
			.additionalProperties(Boolean.TRUE)
			.addProperty("type",
					new StringSchema().format("uri")
						.description("A stable URI per kind of error")
						.example("urn:polyshop:problem:invalid-input"))
			.addProperty("title", new StringSchema().description("A short summary of the kind of error"))
			.addProperty("status",
					new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400))
						.maximum(java.math.BigDecimal.valueOf(599)))
			.addProperty("detail", new StringSchema().description("What went wrong with this request"))
			.addProperty("instance", new StringSchema().description("The path of the request"))
			.addProperty("errors",
					new ArraySchema().items(new Schema<>().$ref(SCHEMAS + FIELD_ERROR_SCHEMA))
						.description("Each invalid field of a 400"))
			.required(List.of("type", "title", "status"));
	}

	private static Schema<?> fieldErrorSchema() {
		return new ObjectSchema()
			.addProperty("field",
					new StringSchema().description("The parameter, header or JSON path").example("price.amount"))
			.addProperty("message", new StringSchema().example("must be a decimal string"))
			.addProperty("code",
					new StringSchema().description("Why, where a kind of error has several reasons")
						.example("unknown-sku"))
			.required(List.of("field", "message"));
	}

}
