package io.polyshop.local;

import java.util.Locale;

/**
 * Which backing services the integration tests use. The switch is
 * {@code -Dpolyshop.test.backends=} or {@code POLYSHOP_TEST_BACKENDS=}:
 * <ul>
 * <li>{@code auto} (default): Testcontainers when a Docker engine answers, else
 * embedded;</li>
 * <li>{@code docker}: Testcontainers, failing if there is no Docker engine;</li>
 * <li>{@code embedded}: the embedded backends of this module, never Docker.</li>
 * </ul>
 * Both paths hand the application the same connection details, so its configuration is
 * identical either way.
 */
public enum BackendMode {

	EMBEDDED, DOCKER;

	public static final String PROPERTY = "polyshop.test.backends";

	public static final String ENVIRONMENT_VARIABLE = "POLYSHOP_TEST_BACKENDS";

	private static volatile BackendMode current;

	public static BackendMode current() {
		BackendMode mode = current;
		if (mode == null) {
			mode = resolve();
			current = mode;
		}
		return mode;
	}

	private static BackendMode resolve() {
		String requested = System.getProperty(PROPERTY, System.getenv().getOrDefault(ENVIRONMENT_VARIABLE, "auto"));
		return switch (requested.strip().toLowerCase(Locale.ROOT)) {
			case "embedded" -> EMBEDDED;
			case "docker" -> DOCKER;
			case "auto", "" -> dockerAvailable() ? DOCKER : EMBEDDED;
			default -> throw new IllegalArgumentException(
					PROPERTY + " must be auto, docker or embedded, not '" + requested + "'");
		};
	}

	private static boolean dockerAvailable() {
		try {
			return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
		}
		catch (NoClassDefFoundError ex) {
			return false;
		}
	}

}
