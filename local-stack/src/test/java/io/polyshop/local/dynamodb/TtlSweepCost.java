package io.polyshop.local.dynamodb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.polyshop.local.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What a sweep costs on a table of {@code N} items (default 100,000), printed, not
 * asserted: the one full scan that fills the expiry index, a sweep with nothing due (the
 * steady state: it reads only the stream's new records), the same table scanned in full
 * (what a table without a stream pays every 30 s), and a sweep that expires 1,000 items.
 *
 * <pre>
 * ./mvnw -q -pl local-stack test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "local-stack/target/test-classes:local-stack/target/classes:$(cat local-stack/target/cp.txt)" \
 *     io.polyshop.local.dynamodb.TtlSweepCost 100000
 * </pre>
 */
public final class TtlSweepCost {

	private TtlSweepCost() {
	}

	public static void main(String[] args) {
		int items = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		try (LocalDynamoDb local = LocalDynamoDb.start(0); DynamoDbClient dynamo = local.client()) {
			DynamoDbTables.createIfMissing(dynamo);
			Instant start = Instant.now();
			long later = start.plus(Duration.ofHours(1)).getEpochSecond();
			long t = System.nanoTime();
			List<WriteRequest> batch = new ArrayList<>();
			for (int i = 0; i < items; i++) {
				// 1,000 items due at `later`, the rest a day later; none has the GSI
				// keys.
				long expiresAt = (i < 1000) ? later : later + 86_400;
				batch.add(WriteRequest.builder()
					.putRequest(PutRequest.builder()
						.item(Map.of("pk", AttributeValue.fromS("SESSION#cost-" + i), "sk",
								AttributeValue.fromS("CART#SKU-" + (i % 7)), "expiresAt",
								AttributeValue.fromN(Long.toString(expiresAt)), "quantity", AttributeValue.fromN("1")))
						.build())
					.build());
				if (batch.size() == 25) {
					List<WriteRequest> requests = List.copyOf(batch);
					dynamo.batchWriteItem((write) -> write.requestItems(Map.of(DynamoDbTables.SESSIONS, requests)));
					batch.clear();
				}
			}
			System.out.printf("loaded %,d items in %.1f s%n", items, seconds(t));

			AtomicReference<Instant> now = new AtomicReference<>(start);
			Clock clock = new Clock() {

				@Override
				public Instant instant() {
					return now.get();
				}

				@Override
				public ZoneOffset getZone() {
					return ZoneOffset.UTC;
				}

				@Override
				public Clock withZone(ZoneId zone) {
					return this;
				}

			};
			t = System.nanoTime();
			try (TtlSweeper sweeper = new TtlSweeper(local.server(), local.endpoint(), clock, Duration.ofDays(1))) {
				sweeper.sweep();
				System.out.printf("first sweep (full scan to fill the index, then the stream): %.2f s%n", seconds(t));
				for (int i = 0; i < 3; i++) {
					t = System.nanoTime();
					sweeper.sweep();
					System.out.printf("sweep with nothing due: %.1f ms%n", seconds(t) * 1000);
				}
				t = System.nanoTime();
				long scanned = dynamo
					.scanPaginator((scan) -> scan.tableName(DynamoDbTables.SESSIONS)
						.projectionExpression("pk,sk,expiresAt")
						.consistentRead(true))
					.items()
					.stream()
					.count();
				System.out.printf("a full scan of %,d items (a table without a stream, every 30 s): %.2f s%n", scanned,
						seconds(t));
				now.set(start.plus(Duration.ofHours(2)));
				t = System.nanoTime();
				int expired = sweeper.sweep();
				System.out.printf("sweep expiring %,d items: %.2f s%n", expired, seconds(t));
			}
		}
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

}
