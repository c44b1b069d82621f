package io.polyshop.local.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code CreateTables http://dynamodb:8000}: the one-shot init of docker compose (image
 * {@code dynamodb-tools}), creating the session tables in a DynamoDB Local container with
 * the same definitions as the embedded run ({@link DynamoDbTables}). It waits up to a
 * minute for DynamoDB Local to answer, so that it does not depend on how its start is
 * reported.
 */
public final class CreateTables {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private CreateTables() {
	}

	public static void main(String[] args) throws InterruptedException {
		URI endpoint = URI.create((args.length > 0) ? args[0] : "http://localhost:8000");
		try (DynamoDbClient dynamo = DynamoDbClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.httpClient(UrlConnectionHttpClient.create())
			.build()) {
			Instant deadline = Instant.now().plus(WAIT);
			while (true) {
				try {
					DynamoDbTables.createIfMissing(dynamo);
					break;
				}
				catch (SdkClientException ex) {
					if (Instant.now().isAfter(deadline)) {
						throw ex;
					}
					Thread.sleep(500);
				}
			}
		}
		System.out.println(
				"Tables " + DynamoDbTables.SESSIONS + " and " + DynamoDbTables.CART_INSIGHTS + " ready at " + endpoint);
	}

}
