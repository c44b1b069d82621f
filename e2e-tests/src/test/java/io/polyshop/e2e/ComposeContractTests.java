package io.polyshop.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.polyshop.local.ContainerImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml as a contract, checked without an engine: every service the stack
 * needs is there, on the images the tests use, on the port the service listens on (on
 * loopback only), with a memory limit and a restart policy, and every environment
 * variable compose sets or passes through is one the service actually reads (a key of its
 * application.yml under Spring's relaxed binding, or a {@code ${...}} placeholder in it).
 * Where an engine runs, CI also brings the stack up and walks through it
 * ({@code .ci/compose-journey.sh}).
 */
class ComposeContractTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	/**
	 * Read by Spring Boot itself, the JVM or service-defaults, not by application.yml.
	 */
	private static final Set<String> PLATFORM_VARIABLES = Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS",
			"LOGGING_STRUCTURED_FORMAT_CONSOLE", "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
			"POLYSHOP_HTTP_MAXBODYSIZE");

	@Test
	void theStackHasTheStoresOneInitAndEveryServiceWithHealthChecksAndOrderedStartUp() throws IOException {
		Map<String, Map<String, Object>> services = services();

		assertThat(services).containsKeys("postgres", "redis", "dynamodb", "dynamodb-init", "auth-server",
				"catalog-service", "orders-service", "session-service", "analytics-job", "localstack");
		assertThat(services.get("postgres").get("image")).isEqualTo(ContainerImages.POSTGRES);
		assertThat(services.get("redis").get("image")).isEqualTo(ContainerImages.REDIS);
		assertThat(services.get("dynamodb").get("image")).isEqualTo(ContainerImages.DYNAMODB_LOCAL);
		assertThat(services.get("analytics-job").get("profiles")).isEqualTo(List.of("jobs"));
		assertThat(services.get("localstack").get("profiles")).isEqualTo(List.of("localstack"));
		for (String store : List.of("postgres", "redis", "dynamodb")) {
			assertThat(services.get(store)).as(store).containsKey("healthcheck");
		}
		for (String longRunning : List.of("postgres", "redis", "dynamodb", "auth-server", "catalog-service",
				"orders-service", "session-service", "localstack")) {
			assertThat(services.get(longRunning)).as(longRunning)
				.containsKey("mem_limit")
				.containsEntry("restart", "unless-stopped");
		}
		for (String service : List.of("catalog-service", "orders-service", "session-service")) {
			@SuppressWarnings("unchecked")
			Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) services.get(service)
				.get("depends_on");
			assertThat(dependsOn.values()).as(service)
				.allSatisfy((condition) -> assertThat(condition.get("condition")).startsWith("service_"));
		}
	}

	@ParameterizedTest
	@CsvSource({ "auth-server, 9000", "catalog-service, 8081", "session-service, 8082", "orders-service, 8083" })
	void eachServiceIsPublishedOnThePortItListensOn(String service, int port) throws IOException {
		Map<String, Object> definition = services().get(service);
		String applicationYaml = Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml"));

		assertThat(definition.get("ports")).isEqualTo(List.of("127.0.0.1:" + port + ":" + port));
		assertThat(applicationYaml).contains("port: " + port);
		@SuppressWarnings("unchecked")
		Map<String, Object> args = (Map<String, Object>) ((Map<String, Object>) definition.get("build")).get("args");
		assertThat(args).containsEntry("SERVICE", service).containsEntry("PORT", Integer.toString(port));
	}

	@ParameterizedTest
	@CsvSource({ "auth-server", "catalog-service", "session-service", "orders-service", "analytics-job" })
	void everyVariableComposeSetsIsOneTheServiceReads(String service) throws IOException {
		@SuppressWarnings("unchecked")
		Map<String, Object> environment = (Map<String, Object>) services().get(service).get("environment");
		Path yamlFile = ROOT.resolve(service).resolve("src/main/resources/application.yml");
		String yamlText = Files.readString(yamlFile);
		Set<String> keys = new HashSet<>();
		try (Reader reader = Files.newBufferedReader(yamlFile)) {
			for (Object document : new Yaml().loadAll(reader)) {
				flatten("", document, keys);
			}
		}

		assertThat(environment).isNotEmpty();
		for (String variable : environment.keySet()) {
			boolean read = PLATFORM_VARIABLES.contains(variable) || yamlText.contains("${" + variable)
					|| keys.contains(relaxed(variable));
			assertThat(read).as("%s sets %s, which %s does not read", "docker-compose.yml", variable, service).isTrue();
		}
	}

	/**
	 * SPRING_DATA_REDIS_HOST and spring.data.redis.host meet at "spring.data.redis.host".
	 */
	private static String relaxed(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', '.');
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Object node, Set<String> keys) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
				keys.add(name.toLowerCase(Locale.ROOT).replace("-", ""));
				flatten(name, value, keys);
			});
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(reader);
			return (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

}
