package io.polyshop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** One service's JVM, started from its Spring Boot jar with the {@code local} profile. */
final class ServiceProcess implements AutoCloseable {

	private static final Duration GRACE = Duration.ofSeconds(25);

	/**
	 * Chosen on the evidence of {@code ./polyshop bench} (docs/benchmarks.md): the JVM's
	 * full tiered JIT serves 2.3 to 2.5 times the requests of C1 alone once warm, starts
	 * as fast, and costs about 50 MB more; Serial GC is smaller than G1 at this size and
	 * what the JVM picks itself in a container of under 2 CPUs or 1792 MB; 256 MB of heap
	 * is seven times the 30 to 34 MB a service keeps live. From Java 22, freed native
	 * memory goes back to the system every 2 s.
	 */
	static final List<String> JVM_FLAGS = (Runtime.version().feature() >= 22)
			? List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TrimNativeHeapInterval=2000")
			: List.of("-XX:+UseSerialGC", "-Xmx256m");

	/**
	 * AppCDS: the JVM maps the classes an earlier run of the same jar loaded from an
	 * archive next to it instead of loading them one by one. It writes the archive when
	 * the service stops, and writes it again when the jar or the JDK has changed.
	 * catalog-service started in 3.9 s with an archive and 5.7 s without (the JVM
	 * settings of docs/benchmarks.md); the first start after a build has none yet.
	 */
	static List<String> classDataSharing(Path jar) {
		String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
		return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + jar.resolveSibling(name + ".jsa"));
	}

	private final Spec spec;

	private final Path jar;

	private final Path log;

	/** The current process: a new one after {@link #restart()}. */
	private volatile Process process;

	private final AtomicBoolean stopping = new AtomicBoolean();

	private ServiceProcess(Spec spec, Path jar, Path log) {
		this.spec = spec;
		this.jar = jar;
		this.log = log;
		this.process = launch(ProcessBuilder.Redirect.to(log.toFile()));
	}

	static ServiceProcess start(Spec spec, Path jar, Path log) {
		return new ServiceProcess(spec, jar, log);
	}

	/**
	 * Starts the service again after it died, with the same settings; its log goes on.
	 */
	void restart() {
		if (!this.stopping.get() && !this.process.isAlive()) {
			this.process = launch(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		}
	}

	private Process launch(ProcessBuilder.Redirect output) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(JVM_FLAGS);
		command.addAll(classDataSharing(this.jar));
		command.addAll(List.of("-jar", this.jar.toString(), "--spring.profiles.active=local"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
		// glibc's malloc keeps up to 8 arenas per core that freed native memory stays in.
		builder.environment().put("MALLOC_ARENA_MAX", "2");
		for (String variable : this.spec.environment()) {
			int equals = variable.indexOf('=');
			builder.environment().put(variable.substring(0, equals), variable.substring(equals + 1));
		}
		try {
			Process started = builder.start();
			// Stopped with the launcher even if it is stopped while still starting
			// (Ctrl-C during start-up), before anything could close it in order.
			Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "stop-" + this.spec.name()));
			return started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.spec.name(), ex);
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	String name() {
		return this.spec.name();
	}

	int port() {
		return this.spec.port();
	}

	long pid() {
		return this.process.pid();
	}

	int exitCode() {
		return this.process.isAlive() ? -1 : this.process.exitValue();
	}

	Path log() {
		return this.log;
	}

	/** Polls the readiness probe until it answers 200. */
	void awaitReady(Duration timeout) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		URI readiness = URI.create("http://localhost:" + port() + "/readyz");
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(name() + " exited with code " + this.process.exitValue()
						+ " during start-up. Last lines of " + this.log + ":\n" + tail(40));
			}
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + name());
			}
			this.process.onExit().completeOnTimeout(null, 250, TimeUnit.MILLISECONDS).join();
		}
		throw new IllegalStateException(name() + " was not ready within " + timeout.toSeconds() + " s. Last lines of "
				+ this.log + ":\n" + tail(40));
	}

	/** SIGTERM (Spring Boot shuts down gracefully), then SIGKILL after a grace period. */
	@Override
	public void close() {
		this.stopping.set(true);
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
	}

	/**
	 * @param environment {@code NAME=value} pairs: how the launcher points a service at
	 * the embedded backends, the same variables a container or ECS task would set
	 */
	record Spec(String name, int port, List<String> environment) {
	}

}
