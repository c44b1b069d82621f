package io.polyshop.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.polyshop.local.dynamodb.TtlSweeper;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local in this JVM, in memory. Its Streams and TTL expiry work: an expired item
 * is deleted within seconds and the stream carries a REMOVE whose {@code userIdentity} is
 * the DynamoDB service principal, as in AWS.
 *
 * <p>
 * DynamoDB Local stores tables in SQLite through sqlite4java, whose native library is
 * packaged into this jar at build time and unpacked here before the server starts.
 * {@code -sharedDb} makes every client see the same tables whatever its credentials and
 * region; {@code -disableTelemetry} stops it calling AWS (unreachable offline). A
 * {@link TtlSweeper} works around its TTL bug for items outside a sparse GSI (the same
 * sweeper runs in the DynamoDB Local container under compose and Testcontainers).
 */
public final class LocalDynamoDb implements AutoCloseable {

	private static final String NATIVE_LIBRARY_PROPERTY = "sqlite4java.library.path";

	private static final List<String> NATIVE_LIBRARIES = List.of("libsqlite4java-linux-amd64.so",
			"libsqlite4java-linux-i386.so", "libsqlite4java-osx.dylib", "sqlite4java-win32-x64.dll");

	private final DynamoDBProxyServer server;

	private final int port;

	private final TtlSweeper ttlSweeper;

	private LocalDynamoDb(DynamoDBProxyServer server, int port) {
		this.server = server;
		this.port = port;
		this.ttlSweeper = TtlSweeper.start(server, endpoint(), Duration.ofSeconds(1));
	}

	/**
	 * Starts DynamoDB Local.
	 * @param port the port, or 0 for any free port
	 */
	public static LocalDynamoDb start(int port) {
		int resolved = Ports.resolve(port);
		Ports.requireFree(resolved, "DynamoDB Local");
		unpackNativeLibraries();
		try {
			DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] { "-inMemory",
					"-sharedDb", "-disableTelemetry", "-port", Integer.toString(resolved) });
			bindToLoopback(server);
			server.start();
			return new LocalDynamoDb(server, resolved);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start DynamoDB Local on port " + resolved, ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** The address its HTTP connector listens on. */
	public String host() {
		try {
			return String.valueOf(connector(this.server).getHost());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * DynamoDB Local has no option for its listen address and binds every interface: its
	 * Jetty connector is told loopback before it starts.
	 */
	private static void bindToLoopback(DynamoDBProxyServer server) throws ReflectiveOperationException {
		connector(server).setHost("127.0.0.1");
	}

	private static ServerConnector connector(DynamoDBProxyServer server) throws ReflectiveOperationException {
		Field field = DynamoDBProxyServer.class.getDeclaredField("server");
		field.setAccessible(true);
		Server jetty = (Server) field.get(server);
		return (ServerConnector) jetty.getConnectors()[0];
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/** The server itself, for tooling that works inside it (see {@link TtlSweeper}). */
	public DynamoDBProxyServer server() {
		return this.server;
	}

	/** A client for this server (dummy credentials, which DynamoDB Local accepts). */
	public DynamoDbClient client() {
		return client(endpoint());
	}

	/**
	 * A client for the DynamoDB Local at {@code endpoint}, in-process or in a container.
	 */
	public static DynamoDbClient client(URI endpoint) {
		return DynamoDbClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.httpClient(UrlConnectionHttpClient.create())
			.build();
	}

	/** A Streams client for the DynamoDB Local at {@code endpoint}. */
	public static DynamoDbStreamsClient streamsClient(URI endpoint) {
		return DynamoDbStreamsClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.httpClient(UrlConnectionHttpClient.create())
			.build();
	}

	@Override
	public void close() {
		this.ttlSweeper.close();
		try {
			// Without stop() its Jetty threads keep the JVM alive.
			this.server.stop();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not stop DynamoDB Local", ex);
		}
	}

	private static synchronized void unpackNativeLibraries() {
		if (System.getProperty(NATIVE_LIBRARY_PROPERTY) != null) {
			return;
		}
		try {
			Path directory = Files.createTempDirectory("polyshop-sqlite4java");
			directory.toFile().deleteOnExit();
			for (String library : NATIVE_LIBRARIES) {
				try (InputStream in = LocalDynamoDb.class.getResourceAsStream("native/" + library)) {
					if (in != null) {
						Path target = directory.resolve(library);
						Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
						target.toFile().deleteOnExit();
					}
				}
			}
			System.setProperty(NATIVE_LIBRARY_PROPERTY, directory.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not unpack sqlite4java for DynamoDB Local", ex);
		}
	}

}
