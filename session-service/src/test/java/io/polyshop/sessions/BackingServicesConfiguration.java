package io.polyshop.sessions;

import java.net.URI;

import io.polyshop.local.LocalDynamoDb;
import io.polyshop.local.SharedBackends;
import io.polyshop.local.dynamodb.DynamoDbTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * DynamoDB Local with Streams and TTL for the tests: the official container where
 * {@code BackendMode} says docker, else in-process; either way with the TTL sweeper that
 * expires items outside the sparse GSI (see {@code TtlSweeper}). The tables are created
 * here, as the local bootstrap does. Plus a simulated catalog ({@link CatalogStub}) and
 * orders-service ({@link FakeOrders}). The application only receives endpoints: its
 * configuration is unchanged.
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
		URI endpoint = SharedBackends.dynamoDbEndpoint();
		try (DynamoDbClient dynamo = LocalDynamoDb.client(endpoint)) {
			DynamoDbTables.createIfMissing(dynamo);
		}
		return endpoint;
	}

}
