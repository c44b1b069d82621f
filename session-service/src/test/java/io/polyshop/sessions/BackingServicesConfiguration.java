package io.polyshop.sessions;

import java.net.URI;

import io.polyshop.local.DynamoDbTables;
import io.polyshop.local.SharedBackends;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * DynamoDB Local with Streams and TTL for the tests, in-process on every machine (it is a
 * Java library: no Docker needed, whatever {@code BackendMode} says), because only
 * in-process can {@code local-stack} work around its TTL bug for items outside a sparse
 * GSI (see {@code TtlSweeper}); the official container has the bug and no workaround. The
 * tables are created here, as the local bootstrap does. Plus a simulated catalog
 * ({@link CatalogStub}) and orders-service ({@link FakeOrders}). The application only
 * receives endpoints: its configuration is unchanged.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BackingServicesConfiguration {

	private static final URI DYNAMODB = startDynamoDb();

	public static URI dynamoDbEndpoint() {
		return DYNAMODB;
	}

	@Bean
	CatalogStub catalogStub() {
		return CatalogStub.shared();
	}

	@Bean
	DynamoDbCalls dynamoDbCalls() {
		return new DynamoDbCalls();
	}

	@Bean
	FakeOrders fakeOrders() {
		return FakeOrders.shared();
	}

	@Bean
	DynamicPropertyRegistrar backingServices(CatalogStub catalog, FakeOrders orders) {
		return (registry) -> {
			registry.add("polyshop.sessions.dynamodb.endpoint", DYNAMODB::toString);
			registry.add("polyshop.sessions.dynamodb.region", () -> "us-east-1");
			registry.add("polyshop.sessions.catalog.base-url", catalog::baseUrl);
			registry.add("polyshop.sessions.orders.base-url", orders::baseUrl);
		};
	}

	private static URI startDynamoDb() {
		URI endpoint = SharedBackends.dynamoDb().endpoint();
		try (DynamoDbClient dynamo = client(endpoint)) {
			DynamoDbTables.createIfMissing(dynamo);
		}
		return endpoint;
	}

	public static DynamoDbClient client(URI endpoint) {
		return DynamoDbClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.build();
	}

}
