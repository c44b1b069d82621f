package io.polyshop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The evidence for the services' JVM settings: catalog-service started alone (port 8181,
 * against the running stack's stores) under each candidate setting, one after the other;
 * for each, Spring Boot's start-up time, the cached-read throughput it reaches (16
 * workers of a plain HTTP client, in this process), and its resident memory after that
 * load.
 */
final class JvmSettings {

	private JvmSettings() {
	}

	/**
	 * @param name what the setting is
	 * @param startupSeconds "Started ... in N seconds"
	 * @param readsPerSecond cached {@code GET /products/{sku}}, 16 in flight
	 * @param rssMegabytes after the load
	 */
	record Measured(String name, List<String> flags, double startupSeconds, double readsPerSecond,
			double rssMegabytes) {
	}

	/**
	 * @param serviceFlags what {@code ./polyshop up} runs the services with; every other
	 * setting changes one thing in it
	 */
	static List<Measured> compare(Path jar, Path work, List<String> serviceFlags, String sku, Duration warmUp,
			Duration load, boolean quick) throws Exception {
		Files.createDirectories(work);
		Path cds = work.resolve("catalog-service.jsa");
		Files.deleteIfExists(cds);
		List<Map.Entry<String, List<String>>> settings = new ArrayList<>();
		settings.add(Map.entry("./polyshop up's flags, no archive: " + String.join(" ", serviceFlags), serviceFlags));
		if (!quick) {
			settings.add(Map.entry("C1 only (-XX:TieredStopAtLevel=1)", with(serviceFlags, "-XX:TieredStopAtLevel=1")));
			settings.add(Map.entry("G1 instead of Serial GC",
					serviceFlags.stream()
						.map((flag) -> flag.equals("-XX:+UseSerialGC") ? "-XX:+UseG1GC" : flag)
						.toList()));
			settings.add(Map.entry("platform threads instead of virtual",
					with(serviceFlags, "-Dspring.threads.virtual.enabled=false")));
			// AppCDS: one training run that stops after the context refreshed writes the
			// archive, which every later start maps instead of loading classes. The
			// launcher has the JVM write its archive when a service stops instead.
			train(jar, work, cds);
			settings.add(Map.entry("AppCDS archive (./polyshop up from the second start)",
					with(serviceFlags, "-XX:SharedArchiveFile=" + cds)));
		}
		List<Measured> measured = new ArrayList<>();
		for (Map.Entry<String, List<String>> setting : settings) {
			System.out.println("  catalog-service with " + setting.getKey() + " ...");
			measured.add(measure(jar, work, setting.getKey(), setting.getValue(), sku, warmUp, load));
		}
		return measured;
	}

	private static List<String> with(List<String> flags, String flag) {
		List<String> changed = new ArrayList<>(flags);
		changed.add(flag);
		return changed;
	}

	private static void train(Path jar, Path work, Path cds) throws Exception {
		List<String> command = java(List.of("-XX:ArchiveClassesAtExit=" + cds, "-Dspring.context.exit=onRefresh"), jar);
		Process training = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(work.resolve("cds-training.log").toFile())
			.start();
		if (!training.waitFor(3, TimeUnit.MINUTES) || !Files.exists(cds)) {
			training.destroyForcibly();
			throw new IllegalStateException("The AppCDS training run wrote no archive; see " + work);
		}
	}

	private static Measured measure(Path jar, Path work, String name, List<String> flags, String sku, Duration warmUp,
			Duration load) throws Exception {
		Path log = work.resolve("catalog-" + Integer.toHexString(name.hashCode()) + ".log");
		ProcessBuilder builder = new ProcessBuilder(java(flags, jar)).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("MALLOC_ARENA_MAX", "2");
		Process service = builder.start();
		try {
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (!ready()) {
				if (!service.isAlive() || System.nanoTime() > deadline) {
					throw new IllegalStateException("catalog-service did not start with " + flags + "; see " + log);
				}
				Thread.sleep(200);
			}
			double startup = Services.startupSeconds(Files.readString(log));
			double reads = load(sku, warmUp, load);
			return new Measured(name, flags, startup, reads, Services.rssMegabytes(service.pid()));
		}
		finally {
			service.destroy();
			if (!service.waitFor(30, TimeUnit.SECONDS)) {
				service.destroyForcibly();
			}
		}
	}

	private static List<String> java(List<String> flags, Path jar) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(flags);
		command.addAll(List.of("-Dserver.port=8181", "-Dmanagement.server.port=8191", "-jar", jar.toString(),
				"--spring.profiles.active=local"));
		return command;
	}

	private static boolean ready() {
		try {
			return Http.CLIENT
				.send(HttpRequest.newBuilder(URI.create("http://localhost:8181/readyz")).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Cached reads of one product, 16 in flight, for {@code duration} after
	 * {@code warmUp} (long enough for C2 to compile the hot path).
	 */
	private static double load(String sku, Duration warmUp, Duration duration) throws Exception {
		URI product = URI.create("http://localhost:8181/products/" + sku);
		AtomicBoolean counting = new AtomicBoolean(false);
		AtomicBoolean running = new AtomicBoolean(true);
		List<Future<Long>> workers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
			for (int i = 0; i < 16; i++) {
				workers.add(pool.submit(() -> {
					long reads = 0;
					while (running.get()) {
						int status = Http.CLIENT
							.send(HttpRequest.newBuilder(product).build(), HttpResponse.BodyHandlers.discarding())
							.statusCode();
						if (status == 200 && counting.get()) {
							reads++;
						}
					}
					return reads;
				}));
			}
			Thread.sleep(warmUp);
			counting.set(true);
			long started = System.nanoTime();
			Thread.sleep(duration);
			counting.set(false);
			double seconds = (System.nanoTime() - started) / 1e9;
			running.set(false);
			long reads = 0;
			for (Future<Long> worker : workers) {
				reads += worker.get();
			}
			return reads / seconds;
		}
	}

}
