package io.polyshop.local;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * Redis as a child process. It can be stopped and started again on the same port, which
 * is how the tests take the cache away from a running service and give it back.
 */
public final class LocalRedis implements AutoCloseable {

	private final int port;

	private @Nullable RedisServer server;

	private LocalRedis(int port) {
		this.port = port;
	}

	/**
	 * Starts a server that keeps nothing on disk.
	 * @param port the port, or 0 for any free port
	 */
	public static LocalRedis start(int port) {
		int resolved = Ports.resolve(port);
		Ports.requireFree(resolved, "Redis");
		LocalRedis redis = new LocalRedis(resolved);
		redis.start();
		return redis;
	}

	public int port() {
		return this.port;
	}

	public synchronized boolean isRunning() {
		return this.server != null && this.server.isActive();
	}

	/** Starts the server again after {@link #stop()}; a no-op while it runs. */
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		try {
			this.server = RedisServer.newRedisServer()
				.bind("127.0.0.1")
				.port(this.port)
				.setting("save \"\"")
				.setting("appendonly no")
				.setting("maxmemory 256mb")
				.setting("maxmemory-policy allkeys-lru")
				.build();
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded Redis on port " + this.port, ex);
		}
	}

	/** Stops the server; its data is gone. */
	public synchronized void stop() {
		if (this.server == null) {
			return;
		}
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.server = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

}
