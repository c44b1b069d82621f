package io.polyshop.local;

import java.util.List;

/**
 * The image tags of the Testcontainers mode: the same as docker-compose.yml's (a test in
 * e2e-tests holds the two together), so that tests and the compose stack run the same
 * stores.
 */
public final class ContainerImages {

	public static final String POSTGRES = "postgres:17";

	public static final String REDIS = "redis:7";

	public static final String DYNAMODB_LOCAL = "amazon/dynamodb-local:2.6.1";

	public static final List<String> ALL = List.of(POSTGRES, REDIS, DYNAMODB_LOCAL);

	private ContainerImages() {
	}

}
