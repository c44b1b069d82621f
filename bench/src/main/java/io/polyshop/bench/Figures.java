package io.polyshop.bench;

/** The shapes of what the harness measures. */
final class Figures {

	private Figures() {
	}

	/**
	 * @param perSecond calls per second (a failed call ends the measurement)
	 * @param p50Millis median latency
	 * @param p99Millis 99th percentile latency
	 */
	record Throughput(double perSecond, double p50Millis, double p99Millis) {
	}

	/** A latency distribution of {@code samples} measurements. */
	record Latency(int samples, double p50Millis, double p99Millis, double maxMillis) {
	}

	/**
	 * @param startupSeconds what Spring Boot logged: "Started ... in N seconds"
	 * @param rssMegabytes resident memory now
	 */
	record Service(String name, double startupSeconds, double rssMegabytes) {
	}

}
