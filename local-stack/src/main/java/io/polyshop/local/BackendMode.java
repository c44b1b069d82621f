package io.polyshop.local;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which backing services the integration tests use. The switch is
 * {@code -Dpolyshop.test.backends=} or {@code POLYSHOP_TEST_BACKENDS=}:
 * <ul>
 * <li>{@code auto} (default): containers when a Docker engine answers <em>and</em> the
 * images of {@link ContainerImages} are already present locally (a test run never waits
 * for a pull), else embedded;</li>
 * <li>{@code docker}: containers of those images (pulled if missing), failing if there is
 * no Docker engine;</li>
 * <li>{@code embedded}: the embedded backends of this module; Docker is never asked.</li>
 * </ul>
 * The choice and its reason are logged once per test JVM. Both paths hand the application
 * the same connection details, so its configuration is identical either way.
 */
public enum BackendMode {

	EMBEDDED, DOCKER;

	public static final String PROPERTY = "polyshop.test.backends";

	public static final String ENVIRONMENT_VARIABLE = "POLYSHOP_TEST_BACKENDS";

	private static final Logger log = LoggerFactory.getLogger(BackendMode.class);

	private static volatile @Nullable BackendMode current;

	public static synchronized BackendMode current() {
		BackendMode mode = current;
		if (mode == null) {
			Choice choice = resolve();
			log.info("PolyShop test backends: {} ({})", choice.mode().name().toLowerCase(Locale.ROOT), choice.reason());
			mode = choice.mode();
			current = mode;
		}
		return mode;
	}

	private static Choice resolve() {
		String requested = System.getProperty(PROPERTY, System.getenv().getOrDefault(ENVIRONMENT_VARIABLE, "auto"));
		return switch (requested.strip().toLowerCase(Locale.ROOT)) {
			case "embedded" -> new Choice(EMBEDDED, "asked for with " + PROPERTY + "=embedded");
			case "docker" -> new Choice(DOCKER, "asked for with " + PROPERTY + "=docker");
			case "auto", "" -> auto();
			default -> throw new IllegalArgumentException(
					PROPERTY + " must be auto, docker or embedded, not '" + requested + "'");
		};
	}

	private static Choice auto() {
		try {
			var docker = org.testcontainers.DockerClientFactory.instance();
			if (!docker.isDockerAvailable()) {
				return new Choice(EMBEDDED, "auto: no Docker engine answers");
			}
			List<String> missing = ContainerImages.ALL.stream().filter((image) -> !present(docker, image)).toList();
			if (!missing.isEmpty()) {
				return new Choice(EMBEDDED,
						"auto: Docker answers, but these images are not present locally: " + String.join(", ", missing)
								+ " (pull them, or force containers with -D" + PROPERTY + "=docker)");
			}
			return new Choice(DOCKER, "auto: Docker (API " + docker.getActiveApiVersion() + ") answers and "
					+ String.join(", ", ContainerImages.ALL) + " are present");
		}
		catch (NoClassDefFoundError ex) {
			return new Choice(EMBEDDED, "auto: Testcontainers is not on this module's test classpath");
		}
	}

	private static boolean present(org.testcontainers.DockerClientFactory docker, String image) {
		try {
			docker.client().inspectImageCmd(image).exec();
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private record Choice(BackendMode mode, String reason) {
	}

}
