package io.polyshop.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole service on a random port, for tests that talk to it over real HTTP (the fuzz
 * tests, which run under jqwik and so outside Spring's test context).
 */
public final class RunningService implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final RawHttp http;

	private RunningService(ConfigurableApplicationContext context) {
		this.context = context;
		WebServer server = ((WebServerApplicationContext) context).getWebServer();
		if (server == null) {
			throw new IllegalStateException("Not a web application: " + context);
		}
		this.http = new RawHttp(server.getPort());
	}

	/**
	 * @param application the service's main with its test configuration, such as
	 * {@code SpringApplication.from(CatalogApplication::main).with(BackingServicesConfiguration.class)}
	 * @param properties extra properties as {@code name=value}
	 */
	public static RunningService start(SpringApplication.Augmented application, String... properties) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off"));
		// Trusts the test issuer, as the services' Spring tests do.
		TestIssuer.shared().properties().forEach((name, value) -> args.add("--" + name + "=" + value));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new RunningService(application.run(args.toArray(String[]::new)).getApplicationContext());
	}

	public RawHttp http() {
		return this.http;
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/** The service's OpenAPI document, as it serves it. */
	public String openApiDocument() {
		RawHttp.Answer answer = this.http.send("GET", "/v3/api-docs.yaml", Map.of(), new byte[0]);
		assertThat(answer.status()).isEqualTo(200);
		return answer.body();
	}

	/** A valid JSON request that sets up test data: anything but a 2xx fails the test. */
	public RawHttp.Answer call(String method, String path, Map<String, String> headers, String json) {
		return call(method, path, headers, json.getBytes(StandardCharsets.UTF_8));
	}

	private RawHttp.Answer call(String method, String path, Map<String, String> headers, byte[] json) {
		Map<String, String> all = new java.util.LinkedHashMap<>(headers);
		all.put("Content-Type", "application/json");
		all.put("Accept", "application/json");
		RawHttp.Answer answer = this.http.send(method, path, all, json);
		assertThat(answer.status()).as("%s %s → %s", method, path, answer.body()).isBetween(200, 299);
		return answer;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
