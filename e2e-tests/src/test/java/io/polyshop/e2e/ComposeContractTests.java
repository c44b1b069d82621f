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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so docker-compose.yml is checked as a contract instead:
 * every service the stack needs is there, on the port the service listens on, and every
 * environment variable compose sets is one the service actually reads (a key of its
 * application.yml under Spring's relaxed binding, or a {@code ${...}} placeholder in it).
 * CI also runs {@code docker-compose config -q}.
 */
class ComposeContractTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	/** Read by Spring Boot itself or the JVM, not by application.yml. */
	private static final Set<String> PLATFORM_VARIABLES = Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS");

	@Test
	void theStackHasTheStoresOneInitAndEveryServiceWithHealthChecksAndOrderedStartUp() throws IOException {
		Map<String, Map<String, Object>> services = services();

		assertThat(services).containsKeys("postgres", "redis", "dynamodb", "dynamodb-init", "catalog-service",
				"orders-service", "session-service", "analytics-job", "localstack");
		assertThat(services.get("postgres").get("image")).isEqualTo("postgres:17");
		assertThat(services.get("redis").get("image")).isEqualTo("redis:7");
		assertThat((String) services.get("dynamodb").get("image")).startsWith("amazon/dynamodb-local");
		assertThat(services.get("analytics-job").get("profiles")).isEqualTo(List.of("jobs"));
		assertThat(services.get("localstack").get("profiles")).isEqualTo(List.of("localstack"));
		for (String store : List.of("postgres", "redis", "dynamodb")) {
			assertThat(services.get(store)).as(store).containsKey("healthcheck");
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
	@CsvSource({ "catalog-service, 8081", "session-service, 8082", "orders-service, 8083" })
	void eachServiceIsPublishedOnThePortItListensOn(String service, int port) throws IOException {
		Map<String, Object> definition = services().get(service);
		String applicationYaml = Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml"));

		assertThat(definition.get("ports")).isEqualTo(List.of(port + ":" + port));
		assertThat(applicationYaml).contains("port: " + port);
		@SuppressWarnings("unchecked")
		Map<String, Object> args = (Map<String, Object>) ((Map<String, Object>) definition.get("build")).get("args");
		assertThat(args).containsEntry("SERVICE", service).containsEntry("PORT", Integer.toString(port));
	}

	@ParameterizedTest
	@CsvSource({ "catalog-service", "session-service", "orders-service", "analytics-job" })
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
