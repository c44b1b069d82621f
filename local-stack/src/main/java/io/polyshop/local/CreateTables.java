package io.polyshop.local;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code java -cp local-stack.jar:lib/* io.polyshop.local.CreateTables http://dynamodb:8000}:
 * the one-shot init of docker compose, creating the session tables in a DynamoDB Local
 * container with the same definitions as the embedded run ({@link DynamoDbTables}).
 */
public final class CreateTables {

	private CreateTables() {
	}

	public static void main(String[] args) {
		URI endpoint = URI.create((args.length > 0) ? args[0] : "http://localhost:8000");
		try (DynamoDbClient dynamo = DynamoDbClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.httpClient(UrlConnectionHttpClient.create())
			.build()) {
			DynamoDbTables.createIfMissing(dynamo);
		}
		System.out.println(
				"Tables " + DynamoDbTables.SESSIONS + " and " + DynamoDbTables.CART_INSIGHTS + " ready at " + endpoint);
	}

}
