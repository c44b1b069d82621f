package io.polyshop.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.HdrHistogram.Recorder;

/**
 * The floors under the catalogue's read path, with the clients the service uses: a raw
 * Redis {@code GET} of one cached product (Lettuce, one shared connection, as the service
 * shares one) and a raw PostgreSQL point query by primary key (JDBC, a connection per
 * worker, as a pool gives). The same number of workers as requests in flight in the HTTP
 * phases, for the same time.
 */
final class Floors {

	private Floors() {
	}

	static Figures.Throughput redisGet(String host, int port, String key, int workers, Duration duration)
			throws Exception {
		RedisClient client = RedisClient.create("redis://" + host + ":" + port);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommands<String, String> redis = connection.sync();
			if (redis.get(key) == null) {
				throw new IllegalStateException("Redis holds no " + key + ": read the product once first");
			}
			return run(workers, duration, () -> {
				if (redis.get(key) == null) {
					throw new IllegalStateException("lost " + key);
				}
			});
		}
		finally {
			client.shutdown();
		}
	}

	static Figures.Throughput postgresPointQuery(String url, String user, String password, String sku, int workers,
			Duration duration) throws Exception {
		List<Connection> connections = new ArrayList<>();
		for (int i = 0; i < workers; i++) {
			connections.add(DriverManager.getConnection(url, user, password));
		}
		try {
			ThreadLocal<PreparedStatement> statements = ThreadLocal.withInitial(() -> {
				try {
					synchronized (connections) {
						return connections.removeLast()
							.prepareStatement(
									"select sku, name, price, currency, attributes from product where sku = ?");
					}
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			return run(workers, duration, () -> {
				PreparedStatement statement = statements.get();
				statement.setString(1, sku);
				try (ResultSet row = statement.executeQuery()) {
					if (!row.next()) {
						throw new IllegalStateException("no product " + sku);
					}
				}
			});
		}
		finally {
			for (Connection connection : connections) {
				connection.close();
			}
		}
	}

	interface Call {

		void run() throws Exception;

	}

	/** {@code workers} platform threads calling as fast as they can. */
	private static Figures.Throughput run(int workers, Duration duration, Call call) throws Exception {
		Recorder latencies = new Recorder(3);
		AtomicBoolean running = new AtomicBoolean(true);
		List<Future<Long>> done = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
			for (int i = 0; i < workers; i++) {
				done.add(pool.submit(() -> {
					long calls = 0;
					while (running.get()) {
						long start = System.nanoTime();
						call.run();
						latencies.recordValue((System.nanoTime() - start) / 1_000);
						calls++;
					}
					return calls;
				}));
			}
			long started = System.nanoTime();
			Thread.sleep(duration);
			running.set(false);
			long calls = 0;
			for (Future<Long> worker : done) {
				calls += worker.get();
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			var histogram = latencies.getIntervalHistogram();
			return new Figures.Throughput(calls / seconds, histogram.getValueAtPercentile(50) / 1000.0,
					histogram.getValueAtPercentile(99) / 1000.0);
		}
	}

}
