package io.polyshop.local;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * A workaround for a DynamoDB Local 2.6.1 bug, used only by the local stack and the
 * tests: its TTL job builds each expired item's key from every attribute definition of
 * the table, GSI keys included, so an item outside a sparse GSI (a cart line, a session
 * without a customer) fails silently and never expires.
 *
 * <p>
 * Every second this sweeper finds expired items through the public API and deletes each
 * through DynamoDB Local's own TTL delete ({@code LocalDBAccess.deleteRecord(table, key,
 * true)}) with the table's real key, under the table's write lock, as its TTL job would.
 * The stream then carries the same REMOVE as in AWS: user identity {@code Service} /
 * {@code dynamodb.amazonaws.com}. Nothing of this exists or is needed in AWS.
 */
final class TtlSweeper implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(TtlSweeper.class);

	private final DynamoDBProxyServer server;

	private final DynamoDbClient dynamo;

	private final ScheduledExecutorService executor;

	TtlSweeper(DynamoDBProxyServer server, DynamoDbClient dynamo, Duration interval) {
		this.server = server;
		this.dynamo = dynamo;
		this.executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("dynamodb-local-ttl").daemon().factory());
		this.executor.scheduleWithFixedDelay(this::sweepSafely, interval.toMillis(), interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void sweepSafely() {
		try {
			sweep();
		}
		catch (Exception ex) {
			log.debug("TTL sweep failed, retrying: {}", ex.toString());
		}
	}

	void sweep() throws ReflectiveOperationException {
		for (String table : this.dynamo.listTables().tableNames()) {
			var ttl = this.dynamo.describeTimeToLive((describe) -> describe.tableName(table)).timeToLiveDescription();
			if (ttl.timeToLiveStatus() != TimeToLiveStatus.ENABLED) {
				continue;
			}
			String now = Long.toString(Instant.now().getEpochSecond());
			var expired = this.dynamo
				.scanPaginator((scan) -> scan.tableName(table)
					.filterExpression("#ttl <= :now")
					.expressionAttributeNames(Map.of("#ttl", ttl.attributeName()))
					.expressionAttributeValues(Map.of(":now", AttributeValue.fromN(now)))
					.consistentRead(true))
				.items();
			List<String> keyNames = null;
			for (Map<String, AttributeValue> item : expired) {
				if (keyNames == null) {
					keyNames = keyNames(table);
				}
				Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> key = new HashMap<>();
				for (String name : keyNames) {
					key.put(name, v1(item.get(name)));
				}
				deleteAsTtl(table, key);
			}
		}
	}

	/** Asked only when something has expired: most sweeps find nothing. */
	private List<String> keyNames(String table) {
		return this.dynamo.describeTable((describe) -> describe.tableName(table))
			.table()
			.keySchema()
			.stream()
			.map(KeySchemaElement::attributeName)
			.toList();
	}

	/**
	 * DynamoDB Local's internal TTL delete, reached by reflection (see the class
	 * comment).
	 */
	private void deleteAsTtl(String table, Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> key)
			throws ReflectiveOperationException {
		Object handler = field(this.server, "serverHandler");
		Object requestHandler = field(handler, "primaryHandler");
		Map<?, ?> databases = (Map<?, ?>) field(requestHandler, "dbRequestHandlers");
		for (Object database : databases.values()) {
			Object amazonDynamoDb = field(database, "amazonDynamoDB");
			Object dbAccess = field(amazonDynamoDb, "dbAccess");
			Object inputConverter = field(amazonDynamoDb, "inputConverter");
			Method convert = inputConverter.getClass().getMethod("externalToInternalAttributes", Map.class);
			Object internalKey = convert.invoke(inputConverter, key);
			Method lockFor = dbAccess.getClass().getMethod("getLockForTable", String.class);
			ReentrantReadWriteLock lock = (ReentrantReadWriteLock) lockFor.invoke(dbAccess, table);
			Method delete = dbAccess.getClass().getMethod("deleteRecord", String.class, Map.class, boolean.class);
			lock.writeLock().lock();
			try {
				delete.invoke(dbAccess, table, internalKey, true);
			}
			finally {
				lock.writeLock().unlock();
			}
		}
	}

	private static Object field(Object target, String name) throws ReflectiveOperationException {
		Class<?> type = target.getClass();
		while (type != null) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				return field.get(target);
			}
			catch (NoSuchFieldException ex) {
				type = type.getSuperclass();
			}
		}
		throw new NoSuchFieldException(name + " in " + target.getClass());
	}

	private static com.amazonaws.services.dynamodbv2.model.AttributeValue v1(AttributeValue value) {
		var converted = new com.amazonaws.services.dynamodbv2.model.AttributeValue();
		if (value.s() != null) {
			converted.setS(value.s());
		}
		else if (value.n() != null) {
			converted.setN(value.n());
		}
		else if (value.b() != null) {
			converted.setB(value.b().asByteBuffer());
		}
		return converted;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
