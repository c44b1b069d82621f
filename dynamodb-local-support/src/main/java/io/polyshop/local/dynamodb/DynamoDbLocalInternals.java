package io.polyshop.local.dynamodb;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.shared.access.LocalDBAccess;
import com.amazonaws.services.dynamodbv2.local.shared.access.LocalDBInputConverter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one place that reaches into DynamoDB Local's private state, by reflection: its
 * storage ({@link LocalDBAccess}) behind the HTTP server, to delete an item the way its
 * own TTL job does. Checked against DynamoDB Local 2.6.1; a change of its internals fails
 * here, loudly, and the sweeper logs it at WARN.
 */
final class DynamoDbLocalInternals {

	private final DynamoDBProxyServer server;

	DynamoDbLocalInternals(DynamoDBProxyServer server) {
		this.server = server;
	}

	/**
	 * Deletes the item as DynamoDB's TTL service would, provided it still exists and its
	 * TTL attribute is still in the past (but not older than {@code maxAgeSeconds}, which
	 * DynamoDB ignores), checked under the table's write lock so that no write slips in
	 * between the check and the delete.
	 * @return whether an item was deleted
	 */
	boolean deleteIfExpired(String table, Map<String, AttributeValue> key, String ttlAttribute, long now,
			long maxAgeSeconds) {
		return deleteIfExpired(storages(), table, key, ttlAttribute, now, maxAgeSeconds);
	}

	/** The same, on storages looked up once for a whole sweep ({@link #storages()}). */
	boolean deleteIfExpired(List<Storage> storages, String table, Map<String, AttributeValue> key, String ttlAttribute,
			long now, long maxAgeSeconds) {
		boolean deleted = false;
		for (Storage storage : storages) {
			if (storage.access().getTableInfo(table) == null) {
				continue;
			}
			Map<String, com.amazonaws.services.dynamodbv2.local.shared.model.AttributeValue> internalKey = storage
				.converter()
				.externalToInternalAttributes(v1(key));
			ReentrantReadWriteLock lock = storage.access().getLockForTable(table);
			lock.writeLock().lock();
			try {
				var item = storage.access().getRecord(table, internalKey);
				var ttl = (item != null) ? item.get(ttlAttribute) : null;
				if (ttl == null || ttl.getN() == null) {
					continue;
				}
				long expiresAt = new BigDecimal(ttl.getN()).longValue();
				if (expiresAt <= now && expiresAt >= now - maxAgeSeconds) {
					deleted |= storage.access().deleteRecord(table, internalKey, true);
				}
			}
			finally {
				lock.writeLock().unlock();
			}
		}
		return deleted;
	}

	/** One per database: a single one with {@code -sharedDb}. */
	List<Storage> storages() {
		try {
			Object serverHandler = field(this.server, "serverHandler");
			Object requestHandler = field(serverHandler, "primaryHandler");
			Map<?, ?> databases = (Map<?, ?>) field(requestHandler, "dbRequestHandlers");
			List<Storage> storages = new ArrayList<>();
			for (Object database : databases.values()) {
				Object amazonDynamoDb = field(database, "amazonDynamoDB");
				storages.add(new Storage((LocalDBAccess) field(amazonDynamoDb, "dbAccess"),
						(LocalDBInputConverter) field(amazonDynamoDb, "inputConverter")));
			}
			return storages;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("DynamoDB Local's internals are not those of 2.6.1", ex);
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

	private static Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> v1(
			Map<String, AttributeValue> key) {
		Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> converted = new HashMap<>();
		key.forEach((name, value) -> {
			var attribute = new com.amazonaws.services.dynamodbv2.model.AttributeValue();
			if (value.s() != null) {
				attribute.setS(value.s());
			}
			else if (value.n() != null) {
				attribute.setN(value.n());
			}
			else if (value.b() != null) {
				attribute.setB(value.b().asByteBuffer());
			}
			converted.put(name, attribute);
		});
		return converted;
	}

	record Storage(LocalDBAccess access, LocalDBInputConverter converter) {
	}

}
