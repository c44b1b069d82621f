package io.polyshop.sessions.insights.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.polyshop.sessions.SessionsProperties;
import io.polyshop.sessions.projector.ChangeRecord;
import io.polyshop.sessions.projector.ChangeRecords;
import io.polyshop.sessions.projector.Projector;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The local stand-in for Lambda's event source mapping: reads the sessions table's stream
 * with the plain Streams API (DescribeStream, GetShardIterator, GetRecords) and hands
 * each record to the same {@link Projector} the Lambda uses.
 *
 * <ul>
 * <li>Discovers shards, including new ones, every {@code shard-discovery-interval}; a
 * child shard starts only after its parent is finished, so each item's changes are
 * applied in order.</li>
 * <li>Keeps a durable checkpoint per shard ({@link ShardCheckpoints}), written after each
 * batch, and resumes after it on restart (from the oldest record for a new shard).</li>
 * <li>Delivery is at least once (a crash between a batch and its checkpoint replays it);
 * the projector applies each record at most once.</li>
 * </ul>
 * Enabled by {@code polyshop.sessions.projector.local-consumer=true} (the local profile).
 * Metrics: {@code sessions.projector.records{result}}; {@code sessions.projector.lag},
 * how far the newest record processed trails now (0 once every shard is drained); and
 * {@code sessions.projector.delay}, a timer from a change of a session or its cart (its
 * {@code updatedAt}) to the projector having processed it.
 */
@Component
@ConditionalOnBooleanProperty("polyshop.sessions.projector.local-consumer")
class LocalStreamConsumer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LocalStreamConsumer.class);

	private final DynamoDbClient dynamo;

	private final DynamoDbStreamsClient streams;

	private final ShardCheckpoints checkpoints;

	private final Projector projector;

	private final SessionsProperties properties;

	private final Clock clock;

	private final Counter applied;

	private final Counter duplicates;

	private final Counter failures;

	private final Timer delay;

	/** Open shards being read, by id: the iterator to continue from. */
	private final Map<String, String> iterators = new LinkedHashMap<>();

	private final Set<String> finished = new HashSet<>();

	/** The sequence number last checkpointed per shard: what a finished shard keeps. */
	private final Map<String, String> checkpointed = new HashMap<>();

	private @Nullable ScheduledExecutorService executor;

	private @Nullable String streamArn;

	private Instant nextDiscovery = Instant.EPOCH;

	/** True after a poll in which every open shard had nothing more to give. */
	private volatile boolean caughtUp;

	LocalStreamConsumer(DynamoDbClient dynamo, DynamoDbStreamsClient streams, ShardCheckpoints checkpoints,
			SessionsProperties properties, Clock clock, MeterRegistry meters) {
		this.dynamo = dynamo;
		this.streams = streams;
		this.checkpoints = checkpoints;
		this.properties = properties;
		this.clock = clock;
		this.projector = new Projector(dynamo, properties.dynamodb().insightsTable(), clock);
		this.applied = records(meters, "applied");
		this.duplicates = records(meters, "duplicate");
		this.failures = records(meters, "failed");
		this.delay = Timer.builder("sessions.projector.delay")
			.description("From a write to the sessions table to its effect in the read model")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		Gauge.builder("sessions.projector.lag", this, (consumer) -> consumer.lag().toMillis() / 1000.0)
			.baseUnit("seconds")
			.description("How far the read model trails the sessions table: 0 when every shard is drained")
			.register(meters);
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("stream-consumer").daemon().factory());
		long interval = this.properties.projector().pollInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::pollSafely, 0, interval, TimeUnit.MILLISECONDS);
		this.executor = scheduler;
		log.info("Local stream consumer started for table {}", this.properties.dynamodb().sessionsTable());
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdown();
			try {
				this.executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	private void pollSafely() {
		try {
			poll();
		}
		catch (RuntimeException ex) {
			// Retried on the next poll, from the last checkpoint.
			log.warn("Stream poll failed: {}", ex.toString());
			this.iterators.clear();
			this.nextDiscovery = Instant.EPOCH;
		}
	}

	/** One round: discover shards when due, then drain what each open shard has. */
	void poll() {
		if (!this.clock.instant().isBefore(this.nextDiscovery)) {
			discover();
			this.nextDiscovery = this.clock.instant().plus(this.properties.projector().shardDiscoveryInterval());
		}
		boolean drained = true;
		for (String shardId : List.copyOf(this.iterators.keySet())) {
			drained &= drain(shardId);
		}
		this.caughtUp = drained;
	}

	private void discover() {
		String arn = this.dynamo
			.describeTable((describe) -> describe.tableName(this.properties.dynamodb().sessionsTable()))
			.table()
			.latestStreamArn();
		if (!arn.equals(this.streamArn)) {
			this.streamArn = arn;
			this.iterators.clear();
			this.finished.clear();
			this.checkpointed.clear();
		}
		List<Shard> shards = new ArrayList<>();
		String start = null;
		do {
			String exclusiveStart = start;
			StreamDescription description = this.streams
				.describeStream((describe) -> describe.streamArn(arn).exclusiveStartShardId(exclusiveStart))
				.streamDescription();
			shards.addAll(description.shards());
			start = description.lastEvaluatedShardId();
		}
		while (start != null);

		Map<String, ShardCheckpoints.Checkpoint> saved = this.checkpoints.load(arn);
		saved.forEach((shardId, checkpoint) -> {
			if (checkpoint.finished()) {
				this.finished.add(shardId);
			}
			if (checkpoint.sequenceNumber() != null) {
				this.checkpointed.put(shardId, checkpoint.sequenceNumber());
			}
		});
		Set<String> known = new HashSet<>();
		shards.forEach((shard) -> known.add(shard.shardId()));
		for (Shard shard : shards) {
			String id = shard.shardId();
			if (this.finished.contains(id) || this.iterators.containsKey(id)) {
				continue;
			}
			String parent = shard.parentShardId();
			boolean parentPending = parent != null && known.contains(parent) && !this.finished.contains(parent);
			if (parentPending) {
				continue;
			}
			ShardCheckpoints.Checkpoint checkpoint = saved.get(id);
			this.iterators.put(id, iterator(arn, id, (checkpoint != null) ? checkpoint.sequenceNumber() : null));
		}
	}

	private String iterator(String arn, String shardId, @Nullable String afterSequence) {
		return this.streams.getShardIterator((request) -> {
			request.streamArn(arn).shardId(shardId);
			if (afterSequence != null) {
				request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(afterSequence);
			}
			else {
				request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
			}
		}).shardIterator();
	}

	/**
	 * @return true if the shard has nothing more to give right now
	 */
	private boolean drain(String shardId) {
		String iterator = this.iterators.get(shardId);
		for (int round = 0; round < 10 && iterator != null; round++) {
			GetRecordsResponse response;
			try {
				String current = iterator;
				response = this.streams.getRecords((request) -> request.shardIterator(current).limit(1000));
			}
			catch (ExpiredIteratorException ex) {
				this.iterators.remove(shardId);
				this.nextDiscovery = Instant.EPOCH;
				return false;
			}
			String last = null;
			for (Record record : response.records()) {
				try {
					ChangeRecord change = ChangeRecords.fromStreams(record);
					if (this.projector.process(change)) {
						this.applied.increment();
						change.writtenAt()
							.map((at) -> Duration.between(at, this.clock.instant()))
							.filter((delay) -> !delay.isNegative())
							.ifPresent(this.delay::record);
					}
					else {
						this.duplicates.increment();
					}
					last = record.dynamodb().sequenceNumber();
				}
				catch (RuntimeException ex) {
					// Keep the place before this record and try again next poll.
					this.failures.increment();
					log.warn("Projecting {} failed, will retry: {}", record.eventID(), ex.toString());
					if (last != null) {
						checkpoint(shardId, last, false);
					}
					this.iterators.remove(shardId);
					this.nextDiscovery = Instant.EPOCH;
					return false;
				}
			}
			iterator = response.nextShardIterator();
			if (last != null || iterator == null) {
				checkpoint(shardId, (last != null) ? last : this.checkpointed.get(shardId), iterator == null);
			}
			if (iterator == null) {
				// Closed and read to the end: its children may start.
				this.finished.add(shardId);
				this.iterators.remove(shardId);
				this.nextDiscovery = Instant.EPOCH;
				return true;
			}
			this.iterators.put(shardId, iterator);
			if (response.records().isEmpty()) {
				return true;
			}
		}
		return false;
	}

	private void checkpoint(String shardId, @Nullable String sequenceNumber, boolean shardFinished) {
		this.checkpoints.save(Objects.requireNonNull(this.streamArn, "no stream yet"), shardId, sequenceNumber,
				shardFinished);
		if (sequenceNumber != null) {
			this.checkpointed.put(shardId, sequenceNumber);
		}
	}

	Duration lag() {
		return this.caughtUp ? Duration.ZERO : this.projector.lag();
	}

	private static Counter records(MeterRegistry meters, String result) {
		return Counter.builder("sessions.projector.records")
			.description("Stream records processed by the projector, by outcome")
			.tag("result", result)
			.register(meters);
	}

}
