package io.polyshop.sessions.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.polyshop.sessions.SessionsProperties;
import io.polyshop.sessions.projector.Attributes;
import io.polyshop.sessions.projector.SessionItems;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import org.springframework.stereotype.Repository;

import static io.polyshop.sessions.projector.SessionItems.ADDED_AT;
import static io.polyshop.sessions.projector.SessionItems.CART_PREFIX;
import static io.polyshop.sessions.projector.SessionItems.CART_VERSION;
import static io.polyshop.sessions.projector.SessionItems.CHECKED_OUT_SKUS;
import static io.polyshop.sessions.projector.SessionItems.CHECKOUT_KEY;
import static io.polyshop.sessions.projector.SessionItems.CHECKOUT_PENDING;
import static io.polyshop.sessions.projector.SessionItems.CHECKOUT_STARTED_AT;
import static io.polyshop.sessions.projector.SessionItems.CREATED_AT;
import static io.polyshop.sessions.projector.SessionItems.CURRENCY;
import static io.polyshop.sessions.projector.SessionItems.CUSTOMER_ID;
import static io.polyshop.sessions.projector.SessionItems.EXPIRES_AT;
import static io.polyshop.sessions.projector.SessionItems.GSI1_PK;
import static io.polyshop.sessions.projector.SessionItems.GSI1_SK;
import static io.polyshop.sessions.projector.SessionItems.GSI2_PK;
import static io.polyshop.sessions.projector.SessionItems.GSI2_SK;
import static io.polyshop.sessions.projector.SessionItems.LINE_COUNT;
import static io.polyshop.sessions.projector.SessionItems.META;
import static io.polyshop.sessions.projector.SessionItems.NAME;
import static io.polyshop.sessions.projector.SessionItems.ORDER_ID;
import static io.polyshop.sessions.projector.SessionItems.PK;
import static io.polyshop.sessions.projector.SessionItems.QUANTITY;
import static io.polyshop.sessions.projector.SessionItems.SK;
import static io.polyshop.sessions.projector.SessionItems.SKU;
import static io.polyshop.sessions.projector.SessionItems.STATUS;
import static io.polyshop.sessions.projector.SessionItems.UNIT_PRICE;
import static io.polyshop.sessions.projector.SessionItems.UPDATED_AT;
import static io.polyshop.sessions.projector.SessionItems.VERSION;
import static io.polyshop.sessions.projector.SessionItems.cartKey;
import static io.polyshop.sessions.projector.SessionItems.customerKey;
import static io.polyshop.sessions.projector.SessionItems.sessionKey;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

/**
 * Sessions and carts in the single table {@code polyshop-sessions} (key design in
 * {@link io.polyshop.sessions.projector.SessionItems}).
 *
 * <ul>
 * <li><b>One read:</b> a session and its whole cart share the partition key, so one
 * strongly consistent {@code Query} on {@code pk} returns them.</li>
 * <li><b>Conditional writes:</b> a change of the session writes its item only if its
 * {@code version} is still the one read, in the same {@code TransactWriteItems} as the
 * lines it changes, so concurrent changes never overwrite each other.</li>
 * <li><b>Line changes commute:</b> a change of one cart line writes that line and
 * <em>increments</em> the session's versions and line count, on the condition that the
 * session is still open (and, with If-Match, at the version the client read). Two adds of
 * different products do not depend on each other, so neither has to be redone when the
 * other lands first.</li>
 * <li><b>Expiry as a whole:</b> the session and all its lines carry the same
 * {@code expiresAt}, so TTL removes them together. The expiry is rounded up (see
 * {@code SessionService}), so it moves, and every line is rewritten, at most once a
 * minute, not on every change.</li>
 * <li><b>Sparse GSI:</b> only a session with a customer has {@code gsi1pk}, so the index
 * holds nothing else.</li>
 * </ul>
 */
@Repository
public class Sessions {

	/** What a checked-out session's order charged (JSON), kept for repeated checkouts. */
	private static final String RECEIPT = "receipt";

	private final DynamoDbClient dynamo;

	private final String table;

	private final int maxLines;

	Sessions(DynamoDbClient dynamo, SessionsProperties properties) {
		this.dynamo = dynamo;
		this.table = properties.dynamodb().sessionsTable();
		this.maxLines = properties.maxLines();
	}

	/** The session and its cart, in one strongly consistent Query; expired or not. */
	public Optional<Session> find(String id) {
		QueryResponse response = this.dynamo.query((query) -> query.tableName(this.table)
			.keyConditionExpression("pk = :pk")
			.expressionAttributeValues(Map.of(":pk", fromS(sessionKey(id))))
			.consistentRead(true));
		Map<String, AttributeValue> meta = null;
		List<CartLine> lines = new ArrayList<>();
		for (Map<String, AttributeValue> item : response.items()) {
			String sk = Attributes.string(item, SK);
			if (sk.equals(META)) {
				meta = item;
			}
			else if (sk.startsWith(CART_PREFIX)) {
				lines.add(line(item));
			}
		}
		if (meta == null) {
			return Optional.empty();
		}
		lines.sort(Comparator.comparing(CartLine::addedAt).thenComparing(CartLine::sku));
		return Optional.of(session(id, meta, lines));
	}

	/**
	 * The sessions whose checkout started before {@code startedBefore} and is still
	 * pending, oldest first, from the sparse {@code gsi2} (eventually consistent: the
	 * caller reads each session again before acting).
	 */
	public List<String> pendingCheckouts(Instant startedBefore, int limit) {
		return this.dynamo
			.query((query) -> query.tableName(this.table)
				.indexName("gsi2")
				.keyConditionExpression("gsi2pk = :pending AND gsi2sk < :before")
				.expressionAttributeValues(
						Map.of(":pending", fromS(CHECKOUT_PENDING), ":before", fromS(startedBefore.toString())))
				.limit(limit))
			.items()
			.stream()
			.map((item) -> SessionItems.sessionIdOf(Attributes.string(item, PK)))
			.toList();
	}

	/**
	 * A customer's sessions, newest first, from the sparse GSI (eventually consistent).
	 */
	public List<SessionSummary> findByCustomer(String customerId, int limit) {
		return this.dynamo
			.query((query) -> query.tableName(this.table)
				.indexName("gsi1")
				.keyConditionExpression("gsi1pk = :customer")
				.expressionAttributeValues(Map.of(":customer", fromS(customerKey(customerId))))
				.scanIndexForward(false)
				.limit(limit))
			.items()
			.stream()
			.map((item) -> new SessionSummary(
					SessionItems.sessionRef(SessionItems.sessionIdOf(Attributes.string(item, PK))),
					SessionStatus.valueOf(Attributes.string(item, STATUS)), number(item, LINE_COUNT),
					instant(item, CREATED_AT), Instant.ofEpochSecond(number(item, EXPIRES_AT)), string(item, ORDER_ID)))
			.toList();
	}

	/**
	 * Writes a new session. The SDK retries a put whose answer did not come back in time,
	 * and that put may have been written: the retry then finds the item there. The id is
	 * 32 random characters that nobody else has, so an item under it that holds exactly
	 * what this put wrote is this put's own, and the create succeeded.
	 */
	public void create(Session session) {
		Map<String, AttributeValue> item = metaItem(session);
		try {
			this.dynamo
				.putItem((put) -> put.tableName(this.table).item(item).conditionExpression("attribute_not_exists(pk)"));
		}
		catch (ConditionalCheckFailedException ex) {
			Map<String, AttributeValue> stored = this.dynamo
				.getItem((get) -> get.tableName(this.table)
					.key(Map.of(PK, item.get(PK), SK, item.get(SK)))
					.consistentRead(true))
				.item();
			if (!item.equals(stored)) {
				throw ex;
			}
		}
	}

	/**
	 * Writes {@code after} over {@code before}: the session item (if still at
	 * {@code before}'s version), every line added, changed or removed, and the new expiry
	 * on every line kept; one transaction.
	 * @throws SessionChangedException if the session moved on since {@code before} was
	 * read
	 */
	public void save(Session before, Session after) {
		List<TransactWriteItem> writes = new ArrayList<>();
		writes.add(TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(this.table)
				.item(metaItem(after))
				.conditionExpression("version = :read AND #status = :status")
				.expressionAttributeNames(Map.of("#status", STATUS))
				.expressionAttributeValues(Map.of(":read", fromN(Long.toString(before.version())), ":status",
						fromS(before.status().name())))
				.build())
			.build());
		Map<String, CartLine> old = new HashMap<>();
		before.lines().forEach((line) -> old.put(line.sku(), line));
		for (CartLine line : after.lines()) {
			CartLine previous = old.remove(line.sku());
			if (line.equals(previous)) {
				if (!after.expiresAt().equals(before.expiresAt())) {
					writes.add(slideExpiry(after, line.sku()));
				}
			}
			else {
				writes.add(TransactWriteItem.builder()
					.put(Put.builder().tableName(this.table).item(lineItem(after, line)).build())
					.build());
			}
		}
		for (CartLine removed : old.values()) {
			writes.add(TransactWriteItem.builder()
				.delete(Delete.builder().tableName(this.table).key(lineKey(after.id(), removed.sku())).build())
				.build());
		}
		transact(writes, before);
	}

	/**
	 * Writes the change of one line, {@code sku}, from {@code before} to {@code after}:
	 * the line itself, and on the session item an increment of its versions and line
	 * count, in one transaction. Its conditions are only what the change depends on: the
	 * session is still ACTIVE with the expiry read (so the line gets the session's
	 * expiry), a new line fits, the line is (or is not) there as read, and with
	 * {@code expectedCartVersion} the cart is at that version. So concurrent changes of
	 * other lines never make it fail. If the expiry moved, every other line read takes
	 * the new one in the same transaction.
	 * @throws SessionChangedException if a condition failed or a concurrent transaction
	 * held an item: read again and retry
	 */
	public void saveLine(Session before, Session after, String sku, @Nullable Long expectedCartVersion) {
		CartLine was = before.line(sku).orElse(null);
		CartLine is = after.line(sku).orElse(null);
		int delta = ((is != null) ? 1 : 0) - ((was != null) ? 1 : 0);
		StringBuilder condition = new StringBuilder("#status = :active AND expiresAt = :read");
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":active", fromS(SessionStatus.ACTIVE.name()));
		values.put(":read", epochSeconds(before.expiresAt()));
		values.put(":one", fromN("1"));
		values.put(":delta", fromN(Integer.toString(delta)));
		values.put(":expiresAt", epochSeconds(after.expiresAt()));
		values.put(":updatedAt", fromS(after.updatedAt().toString()));
		if (delta > 0) {
			condition.append(" AND lineCount < :max");
			values.put(":max", fromN(Integer.toString(this.maxLines)));
		}
		if (expectedCartVersion != null) {
			condition.append(" AND cartVersion = :expected");
			values.put(":expected", fromN(Long.toString(expectedCartVersion)));
		}
		List<TransactWriteItem> writes = new ArrayList<>();
		writes.add(TransactWriteItem.builder()
			.update(Update.builder()
				.tableName(this.table)
				.key(Map.of(PK, fromS(sessionKey(after.id())), SK, fromS(META)))
				.updateExpression("ADD version :one, cartVersion :one, lineCount :delta "
						+ "SET expiresAt = :expiresAt, updatedAt = :updatedAt")
				.conditionExpression(condition.toString())
				.expressionAttributeNames(Map.of("#status", STATUS))
				.expressionAttributeValues(values)
				.build())
			.build());
		if (is != null) {
			writes.add(TransactWriteItem.builder()
				.put(Put.builder()
					.tableName(this.table)
					.item(lineItem(after, is))
					.conditionExpression((was != null) ? "attribute_exists(pk)" : "attribute_not_exists(pk)")
					.build())
				.build());
		}
		else if (was != null) {
			writes.add(TransactWriteItem.builder()
				.delete(Delete.builder()
					.tableName(this.table)
					.key(lineKey(after.id(), sku))
					.conditionExpression("attribute_exists(pk)")
					.build())
				.build());
		}
		if (!after.expiresAt().equals(before.expiresAt())) {
			for (CartLine line : before.lines()) {
				if (!line.sku().equals(sku)) {
					writes.add(slideExpiry(after, line.sku()));
				}
			}
		}
		transact(writes, before);
	}

	/** The session's new expiry on a line that is (still) there. */
	private TransactWriteItem slideExpiry(Session session, String sku) {
		return TransactWriteItem.builder()
			.update(Update.builder()
				.tableName(this.table)
				.key(lineKey(session.id(), sku))
				.updateExpression("SET expiresAt = :expiresAt")
				.conditionExpression("attribute_exists(pk)")
				.expressionAttributeValues(Map.of(":expiresAt", epochSeconds(session.expiresAt())))
				.build())
			.build();
	}

	/**
	 * What a checked-out session's order charged, as it was stored at checkout.
	 */
	public Optional<String> receipt(String id) {
		Map<String, AttributeValue> meta = this.dynamo
			.getItem((get) -> get.tableName(this.table)
				.key(Map.of(PK, fromS(sessionKey(id)), SK, fromS(META)))
				.projectionExpression(RECEIPT)
				.consistentRead(true))
			.item();
		return Optional.ofNullable((meta != null) ? string(meta, RECEIPT) : null);
	}

	/**
	 * Marks the session CHECKED_OUT with its order (and what it charged) and deletes its
	 * lines, in one transaction, if its checkout is still the one under way.
	 * @throws SessionChangedException if the cart changed since it was read
	 */
	public void checkOut(Session before, Session after, String receipt) {
		List<TransactWriteItem> writes = new ArrayList<>();
		Map<String, AttributeValue> meta = metaItem(after);
		meta.put(RECEIPT, fromS(receipt));
		if (!before.lines().isEmpty()) {
			meta.put(CHECKED_OUT_SKUS, AttributeValue.fromSs(before.lines().stream().map(CartLine::sku).toList()));
		}
		writes.add(TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(this.table)
				.item(meta)
				.conditionExpression("#status = :pending AND checkoutKey = :key")
				.expressionAttributeNames(Map.of("#status", STATUS))
				.expressionAttributeValues(Map.of(":pending", fromS(SessionStatus.CHECKOUT_PENDING.name()), ":key",
						fromS(Objects.requireNonNull(before.checkout(), "a checkout under way").key())))
				.build())
			.build());
		for (CartLine line : before.lines()) {
			writes.add(TransactWriteItem.builder()
				.delete(Delete.builder().tableName(this.table).key(lineKey(before.id(), line.sku())).build())
				.build());
		}
		transact(writes, before);
	}

	private void transact(List<TransactWriteItem> writes, Session before) {
		try {
			this.dynamo.transactWriteItems((transaction) -> transaction.transactItems(writes));
		}
		catch (TransactionCanceledException ex) {
			List<CancellationReason> reasons = ex.cancellationReasons();
			boolean conflict = reasons.stream()
				.anyMatch((reason) -> "ConditionalCheckFailed".equals(reason.code())
						|| "TransactionConflict".equals(reason.code()));
			if (conflict) {
				throw new SessionChangedException("Session changed since version " + before.version());
			}
			throw ex;
		}
		catch (ConditionalCheckFailedException ex) {
			throw new SessionChangedException("Session changed since version " + before.version());
		}
	}

	private static Map<String, AttributeValue> metaItem(Session session) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put(PK, fromS(sessionKey(session.id())));
		item.put(SK, fromS(META));
		item.put(STATUS, fromS(session.status().name()));
		item.put(CURRENCY, fromS(session.currency().getCurrencyCode()));
		item.put(VERSION, fromN(Long.toString(session.version())));
		item.put(CART_VERSION, fromN(Long.toString(session.cartVersion())));
		item.put(LINE_COUNT, fromN(Integer.toString(session.lines().size())));
		item.put(CREATED_AT, fromS(session.createdAt().toString()));
		item.put(UPDATED_AT, fromS(session.updatedAt().toString()));
		item.put(EXPIRES_AT, epochSeconds(session.expiresAt()));
		if (session.customerId() != null) {
			item.put(CUSTOMER_ID, fromS(session.customerId()));
			// The sparse GSI: only sessions with a customer carry these two attributes.
			item.put(GSI1_PK, fromS(customerKey(session.customerId())));
			item.put(GSI1_SK, fromS(SessionItems.customerSessionSortKey(session.createdAt())));
		}
		if (session.orderId() != null) {
			item.put(ORDER_ID, fromS(session.orderId()));
		}
		Session.PendingCheckout checkout = session.checkout();
		if (checkout != null) {
			item.put(CHECKOUT_KEY, fromS(checkout.key()));
			item.put(CHECKOUT_STARTED_AT, fromS(checkout.startedAt().toString()));
			// The sparse GSI of pending checkouts, for the reconciler.
			item.put(GSI2_PK, fromS(CHECKOUT_PENDING));
			item.put(GSI2_SK, fromS(checkout.startedAt().toString()));
		}
		return item;
	}

	private static Map<String, AttributeValue> lineItem(Session session, CartLine line) {
		Map<String, AttributeValue> item = new HashMap<>(lineKey(session.id(), line.sku()));
		item.put(SKU, fromS(line.sku()));
		item.put(NAME, fromS(line.name()));
		item.put(QUANTITY, fromN(Integer.toString(line.quantity())));
		item.put(UNIT_PRICE, fromS(line.unitPrice().amount().toPlainString()));
		item.put(CURRENCY, fromS(line.unitPrice().currency().getCurrencyCode()));
		item.put(ADDED_AT, fromN(Long.toString(line.addedAt().toEpochMilli())));
		item.put(EXPIRES_AT, epochSeconds(session.expiresAt()));
		return item;
	}

	private static Map<String, AttributeValue> lineKey(String sessionId, String sku) {
		return Map.of(PK, fromS(sessionKey(sessionId)), SK, fromS(cartKey(sku)));
	}

	private static Session session(String id, Map<String, AttributeValue> meta, List<CartLine> lines) {
		return new Session(id, SessionStatus.valueOf(Attributes.string(meta, STATUS)), string(meta, CUSTOMER_ID),
				Currency.getInstance(Attributes.string(meta, CURRENCY)), lines, number(meta, VERSION),
				number(meta, CART_VERSION), instant(meta, CREATED_AT), instant(meta, UPDATED_AT),
				Instant.ofEpochSecond(number(meta, EXPIRES_AT)), string(meta, ORDER_ID), pendingCheckout(meta));
	}

	private static Session.@Nullable PendingCheckout pendingCheckout(Map<String, AttributeValue> meta) {
		String key = string(meta, CHECKOUT_KEY);
		return (key != null) ? new Session.PendingCheckout(key, instant(meta, CHECKOUT_STARTED_AT)) : null;
	}

	private static CartLine line(Map<String, AttributeValue> item) {
		Currency currency = Currency.getInstance(Attributes.string(item, CURRENCY));
		return new CartLine(Attributes.string(item, SKU), Attributes.string(item, NAME),
				new Money(new BigDecimal(Attributes.string(item, UNIT_PRICE)), currency), (int) number(item, QUANTITY),
				Instant.ofEpochMilli(number(item, ADDED_AT)));
	}

	private static AttributeValue epochSeconds(Instant instant) {
		return fromN(Long.toString(instant.getEpochSecond()));
	}

	private static long number(Map<String, AttributeValue> item, String name) {
		return Attributes.number(item, name);
	}

	private static @Nullable String string(Map<String, AttributeValue> item, String name) {
		return Attributes.optionalString(item, name);
	}

	private static Instant instant(Map<String, AttributeValue> item, String name) {
		return Instant.parse(Attributes.string(item, name));
	}

	/**
	 * A session as the customer index lists it: its header, without the cart, and never
	 * its id (a bearer secret) but a one-way reference to it.
	 */
	public record SessionSummary(String sessionRef, SessionStatus status, long lineCount, Instant createdAt,
			Instant expiresAt, @Schema(nullable = true) @Nullable String orderId) {
	}

}
