package io.polyshop.local;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LocalBackendsTests {

	@Test
	void postgresServesADatabaseOwnedByItsServiceRole() throws Exception {
		LocalPostgres.Database database = SharedBackends.postgres().createDatabase("smoke", "smoke_owner", "s3cret");

		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password()); Statement statement = connection.createStatement()) {
			statement.execute("create table t (id int primary key)");
			try (ResultSet result = statement
				.executeQuery("select current_user, current_database(), current_setting('server_version_num')::int")) {
				result.next();
				assertThat(result.getString(1)).isEqualTo("smoke_owner");
				assertThat(result.getString(2)).isEqualTo("smoke");
				assertThat(result.getInt(3)).isBetween(170000, 179999);
			}
		}
	}

	@Test
	void theSuperuserNeedsItsGeneratedPassword() throws Exception {
		LocalPostgres postgres = SharedBackends.postgres();
		String url = postgres.jdbcUrl("postgres");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(url, "postgres", ""));
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres"));
		try (Connection connection = DriverManager.getConnection(url, "postgres", postgres.superuserPassword())) {
			assertThat(connection.isValid(1)).isTrue();
		}
		assertThat(postgres.superuserPassword()).hasSizeGreaterThanOrEqualTo(32);
	}

	/**
	 * Nothing off this machine reaches the local stores (checked on their settings, not
	 * by probing).
	 */
	@Test
	void theStoresListenOnLoopbackOnly() throws Exception {
		LocalPostgres.Database database = SharedBackends.postgres().createDatabase("smoke", "smoke_owner", "s3cret");
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("show listen_addresses")) {
			result.next();
			assertThat(result.getString(1)).isEqualTo("127.0.0.1");
		}
		assertThat(SharedBackends.dynamoDb().host()).isEqualTo("127.0.0.1");
	}

	@Test
	void redisComesBackOnTheSamePortAfterAStop() throws Exception {
		LocalRedis redis = SharedBackends.redis();
		assertThat(ping(redis.port())).isEqualTo("+PONG");

		redis.stop();
		assertThat(Ports.isFree(redis.port())).isTrue();
		redis.start();

		assertThat(ping(redis.port())).isEqualTo("+PONG");
	}

	@Test
	void dynamoDbLocalStreamsCarryTheNewImage() {
		LocalDynamoDb dynamoDb = SharedBackends.dynamoDb();
		var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
		try (DynamoDbClient dynamo = DynamoDbClient.builder()
			.endpointOverride(dynamoDb.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(credentials)
			.build();
				DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
					.endpointOverride(dynamoDb.endpoint())
					.region(Region.US_EAST_1)
					.credentialsProvider(credentials)
					.build()) {
			String streamArn = dynamo.createTable((table) -> table.tableName("smoke")
				.attributeDefinitions(
						AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
				.keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
				.billingMode(BillingMode.PAY_PER_REQUEST)
				.streamSpecification(StreamSpecification.builder()
					.streamEnabled(true)
					.streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
					.build()))
				.tableDescription()
				.latestStreamArn();

			dynamo.putItem((put) -> put.tableName("smoke").item(Map.of("pk", AttributeValue.fromS("a"))));

			String shardId = streams.describeStream((describe) -> describe.streamArn(streamArn))
				.streamDescription()
				.shards()
				.get(0)
				.shardId();
			String iterator = streams
				.getShardIterator((request) -> request.streamArn(streamArn)
					.shardId(shardId)
					.shardIteratorType(ShardIteratorType.TRIM_HORIZON))
				.shardIterator();
			List<software.amazon.awssdk.services.dynamodb.model.Record> records = streams
				.getRecords((request) -> request.shardIterator(iterator))
				.records();

			assertThat(records).singleElement()
				.satisfies((record) -> assertThat(record.dynamodb().newImage()).containsEntry("pk",
						AttributeValue.fromS("a")));
		}
	}

	private static String ping(int port) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

}
