package io.polyshop.local.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local with a TTL that works ({@link TtlSweeper}), for the official
 * {@code amazon/dynamodb-local} image: docker compose and the Testcontainers tests run
 * that image unchanged, with this jar added to its classpath and this class as the main
 * class. Takes DynamoDB Local's own arguments, {@code -sharedDb} required:
 *
 * <pre>
 * java -cp "DynamoDBLocal.jar:DynamoDBLocal_lib/*:dynamodb-local-support.jar" \
 *     io.polyshop.local.dynamodb.DynamoDbLocalWithTtl -inMemory -sharedDb -disableTelemetry
 * </pre>
 */
public final class DynamoDbLocalWithTtl {

	private DynamoDbLocalWithTtl() {
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = Arrays.asList(args);
		if (!arguments.contains("-sharedDb")) {
			// Without it each access key has its own tables and the sweeper would see
			// none.
			System.err.println("DynamoDbLocalWithTtl needs -sharedDb");
			System.exit(2);
		}
		int index = arguments.indexOf("-port");
		int port = (index >= 0 && index + 1 < args.length) ? Integer.parseInt(args[index + 1]) : 8000;
		DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
		server.start();
		TtlSweeper sweeper = TtlSweeper.start(server, URI.create("http://localhost:" + port), Duration.ofSeconds(1));
		System.out.println("TTL sweeper running: expired items are deleted within about a second");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			sweeper.close();
			try {
				server.stop();
			}
			catch (Exception ex) {
				// exiting anyway
			}
		}, "dynamodb-local-shutdown"));
		server.join();
	}

}
