package io.polyshop.analytics;

import java.util.List;

import io.polyshop.analytics.sales.LoadSummary;
import io.polyshop.analytics.sales.SalesLoad;
import io.polyshop.analytics.warehouse.SalesReport;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/** Runs the command named on the command line and sets the exit code. */
@Component
class JobCommand implements ApplicationRunner, ExitCodeGenerator {

	private final SalesLoad load;

	private final SalesReport report;

	private int exitCode;

	JobCommand(SalesLoad load, SalesReport report) {
		this.load = load;
		this.report = report;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<String> commands = args.getNonOptionArgs();
		String command = commands.isEmpty() ? "" : commands.getFirst();
		switch (command) {
			case "load-sales" -> {
				LoadSummary summary = this.load.run();
				System.out.println(summary.describe());
			}
			case "report" -> System.out.print(this.report.render());
			default -> {
				System.err.println("usage: analytics-job load-sales | report");
				this.exitCode = 2;
			}
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
