package io.polyshop.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.polyshop.local.dynamodb.DynamoDbLocalWithTtl;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/**
 * The official DynamoDB Local image ({@link ContainerImages#DYNAMODB_LOCAL}), unchanged
 * but for its main class: {@link DynamoDbLocalWithTtl}, copied in from this classpath, so
 * that items expire as in AWS (the image's own TTL stops at the first item outside a
 * sparse GSI). The same as docker compose's {@code dynamodb} service.
 */
public final class DynamoDbLocalContainer extends GenericContainer<DynamoDbLocalContainer> {

	private static final int PORT = 8000;

	public DynamoDbLocalContainer() {
		super(ContainerImages.DYNAMODB_LOCAL);
		Path support = supportClasses();
		String target = Files.isDirectory(support) ? "/opt/polyshop/classes/"
				: "/opt/polyshop/dynamodb-local-support.jar";
		withCopyFileToContainer(MountableFile.forHostPath(support), target);
		withCommand("-cp", "DynamoDBLocal.jar:DynamoDBLocal_lib/*:" + target, DynamoDbLocalWithTtl.class.getName(),
				"-inMemory", "-sharedDb", "-disableTelemetry");
		withExposedPorts(PORT);
		waitingFor(Wait.forLogMessage(".*TTL sweeper running.*", 1));
	}

	public URI endpoint() {
		return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
	}

	/**
	 * dynamodb-local-support's jar, or its classes directory in an IDE or a reactor build
	 * before packaging.
	 */
	private static Path supportClasses() {
		try {
			return Path.of(DynamoDbLocalWithTtl.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
