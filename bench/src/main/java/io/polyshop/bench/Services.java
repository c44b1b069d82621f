package io.polyshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up time and resident memory of each service of the running stack: the time from
 * Spring Boot's own "Started ... in N seconds" line in the service's log, the memory from
 * {@code /proc/<pid>/status} of the process running its jar.
 */
final class Services {

	private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds");

	private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

	private static final Pattern STACK_UP = Pattern.compile("PolyShop is up \\(([0-9.]+) s\\)");

	private Services() {
	}

	static List<Figures.Service> measure(Path logs, List<String> names) throws IOException {
		List<Figures.Service> services = new ArrayList<>();
		for (String name : names) {
			Path log = logs.resolve(name + ".log");
			double started = Files.exists(log) ? startupSeconds(Files.readString(log)) : Double.NaN;
			double rss = ProcessHandle.allProcesses()
				.filter((process) -> process.info().commandLine().orElse("").contains(name + ".jar"))
				.mapToDouble((process) -> rssMegabytes(process.pid()))
				.max()
				.orElse(Double.NaN);
			services.add(new Figures.Service(name, started, rss));
		}
		return services;
	}

	/** The last start-up time a Spring Boot log states ("Started ... in N seconds"). */
	static double startupSeconds(String log) {
		double started = Double.NaN;
		Matcher line = STARTED.matcher(log);
		while (line.find()) {
			started = Double.parseDouble(line.group(1));
		}
		return started;
	}

	/**
	 * How long {@code ./polyshop up} took from its start to every service ready, as its
	 * banner says ("PolyShop is up (N s)"); empty when this run did not start the stack
	 * ({@code upLog} blank).
	 */
	static Optional<Double> stackReadySeconds(String upLog) throws IOException {
		if (upLog.isBlank() || !Files.exists(Path.of(upLog))) {
			return Optional.empty();
		}
		Matcher up = STACK_UP.matcher(Files.readString(Path.of(upLog)));
		return up.find() ? Optional.of(Double.parseDouble(up.group(1))) : Optional.empty();
	}

	/** Resident memory of a process, from {@code /proc/<pid>/status}. */
	static double rssMegabytes(long pid) {
		try {
			Matcher rss = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
			return rss.find() ? Long.parseLong(rss.group(1)) / 1024.0 : Double.NaN;
		}
		catch (IOException ex) {
			return Double.NaN;
		}
	}

}
