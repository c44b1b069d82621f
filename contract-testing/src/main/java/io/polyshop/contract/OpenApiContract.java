package io.polyshop.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.parser.OpenAPIV3Parser;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.ConfigurableMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Holds every MockMvc exchange of a service's tests to the service's own OpenAPI
 * document: each response must be one the document describes (status, media type,
 * headers, body schema), and each request that succeeded must be one the document allows.
 * A test of bad input therefore also proves that its 4xx is documented, and a test of the
 * happy path that the document does not refuse what the service accepts.
 * <p>
 * The document is read from the running application once per context and, when the build
 * sets {@code polyshop.openapi.dir}, written there as {@code <application>.yaml}: the
 * copy under {@code docs/openapi/} is what the build saw, so a change to the contract
 * shows in review.
 * <p>
 * Import {@link Configuration} into a service's integration-test configuration.
 */
public final class OpenApiContract implements MockMvcBuilderCustomizer {

	/** Where the build writes the documents; unset, they are only read. */
	public static final String OUTPUT_DIRECTORY_PROPERTY = "polyshop.openapi.dir";

	private static final String DOCUMENT_PATH = "/v3/api-docs.yaml";

	private final WebApplicationContext context;

	private volatile @Nullable OpenApiInteractionValidator validator;

	public OpenApiContract(WebApplicationContext context) {
		this.context = context;
	}

	@Override
	public void customize(ConfigurableMockMvcBuilder<?> builder) {
		builder.alwaysExpect(this::conforms);
	}

	/** The document as the application serves it. */
	public String document() {
		try {
			return MockMvcBuilders.webAppContextSetup(this.context)
				.build()
				.perform(get(DOCUMENT_PATH))
				.andReturn()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read " + DOCUMENT_PATH, ex);
		}
	}

	void conforms(MvcResult result) {
		MockHttpServletRequest request = result.getRequest();
		String path = path(request);
		if (!isApi(path)) {
			return;
		}
		MockHttpServletResponse response = result.getResponse();
		OpenApiInteractionValidator contract = validator();
		ValidationReport report = contract.validateResponse(path, method(request), response(response));
		if (response.getStatus() < 300) {
			report = report.merge(contract.validateRequest(request(request)));
		}
		if (report.hasErrors()) {
			throw new AssertionError("%s %s → %d breaks the OpenAPI document:%n%s".formatted(request.getMethod(), path,
					response.getStatus(), SimpleValidationReportFormat.getInstance().apply(report)));
		}
	}

	private static boolean isApi(String path) {
		return !(path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui") || path.startsWith("/actuator"));
	}

	private OpenApiInteractionValidator validator() {
		OpenApiInteractionValidator current = this.validator;
		if (current == null) {
			String document = document();
			List<String> problems = new OpenAPIV3Parser().readContents(document).getMessages();
			if (problems != null && !problems.isEmpty()) {
				throw new AssertionError("The OpenAPI document is not valid: " + problems);
			}
			write(document);
			// Paths and methods the document does not have are what a test of a 404 or a
			// 405
			// sends on purpose; everything else is an error.
			LevelResolver levels = LevelResolver.create()
				.withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
				.withLevel("validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
				.build();
			current = OpenApiInteractionValidator.createForInlineApiSpecification(document)
				.withLevelResolver(levels)
				.build();
			this.validator = current;
		}
		return current;
	}

	private void write(String document) {
		String directory = System.getProperty(OUTPUT_DIRECTORY_PROPERTY);
		if (directory == null || directory.isBlank()) {
			return;
		}
		String name = this.context.getEnvironment().getProperty("spring.application.name", "service");
		try {
			Path file = Path.of(directory).resolve(name + ".yaml");
			Files.createDirectories(file.getParent());
			Files.writeString(file, document, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String path(MockHttpServletRequest request) {
		String uri = request.getRequestURI();
		return (uri != null) ? uri : "/";
	}

	private static Request.Method method(HttpServletRequest request) {
		return Request.Method.valueOf(request.getMethod().toUpperCase(Locale.ROOT));
	}

	private static Request request(MockHttpServletRequest request) {
		SimpleRequest.Builder builder = new SimpleRequest.Builder(method(request), path(request));
		for (String name : Collections.list(request.getHeaderNames())) {
			builder.withHeader(name, Collections.list(request.getHeaders(name)));
		}
		request.getParameterMap().forEach((name, values) -> builder.withQueryParam(name, List.of(values)));
		byte[] body = request.getContentAsByteArray();
		if (body != null && body.length > 0) {
			builder.withBody(body);
		}
		return builder.build();
	}

	private static Response response(MockHttpServletResponse response) {
		SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.getStatus());
		for (String name : response.getHeaderNames()) {
			builder.withHeader(name, response.getHeaders(name));
		}
		byte[] body = response.getContentAsByteArray();
		if (body.length > 0) {
			builder.withBody(body);
		}
		return builder.build();
	}

	/** Validates every exchange of the tests that import it. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		OpenApiContract openApiContract(WebApplicationContext context) {
			return new OpenApiContract(context);
		}

	}

}
