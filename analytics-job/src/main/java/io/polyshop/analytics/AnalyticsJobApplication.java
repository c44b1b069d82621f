package io.polyshop.analytics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar analytics-job.jar load-sales | report}. Exit code 0: success (also a
 * run that found another one holding the lock and left it alone); 1: failure, with the
 * reason on stderr; 2: usage.
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@ConfigurationPropertiesScan
public class AnalyticsJobApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(AnalyticsJobApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		int exitCode;
		try (ConfigurableApplicationContext context = application.run(args)) {
			exitCode = SpringApplication.exit(context);
		}
		catch (RuntimeException ex) {
			Throwable cause = ex;
			while (cause.getCause() != null && cause.getCause() != cause) {
				cause = cause.getCause();
			}
			System.err.println("analytics-job failed: " + cause.getMessage());
			exitCode = 1;
		}
		System.exit(exitCode);
	}

}
