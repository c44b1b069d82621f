package io.polyshop.sessions.projector;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./polyshop insights verify|rebuild}: the audit of {@link InsightsAudit} against
 * the running stack's DynamoDB Local, while its projector runs. Prints each drifted,
 * repaired or moving product and exits 0 when the read model matches the table (after a
 * rebuild: when nothing was left moving), 1 otherwise.
 */
public final class InsightsAuditCommand {

	private InsightsAuditCommand() {
	}

	public static void main(String[] args) {
		if (args.length == 0 || !(args[0].equals("verify") || args[0].equals("rebuild"))) {
			System.err.println("usage: ./polyshop insights verify|rebuild [--dynamodb-port N] [--settle-seconds N]");
			System.exit(2);
		}
		int port = 18000;
		Duration settle = Duration.ofSeconds(5);
		for (int i = 1; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--dynamodb-port" -> port = Integer.parseInt(args[i + 1]);
				case "--settle-seconds" -> settle = Duration.ofSeconds(Long.parseLong(args[i + 1]));
				default -> {
					System.err.println("unknown option " + args[i]);
					System.exit(2);
				}
			}
		}
		boolean rebuild = args[0].equals("rebuild");
		try (DynamoDbClient dynamo = DynamoDbClient.builder()
			.endpointOverride(URI.create("http://localhost:" + port))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.httpClient(UrlConnectionHttpClient.create())
			.build()) {
			InsightsAudit audit = new InsightsAudit(dynamo, "polyshop-sessions", "polyshop-cart-insights",
					Clock.systemUTC());
			Duration wait = settle;
			System.out.printf("Comparing each product's in-cart count with the sessions table, twice, %d s apart ...%n",
					wait.toSeconds());
			InsightsAudit.Report report = rebuild ? audit.rebuild(() -> InsightsAudit.pause(wait))
					: audit.verify(() -> InsightsAudit.pause(wait));
			System.exit(print(report, rebuild) ? 0 : 1);
		}
	}

	private static boolean print(InsightsAudit.Report report, boolean rebuild) {
		report.drifted()
			.forEach((drift) -> System.out.printf("  drifted   %-24s read model %d, table %d%n", drift.sku(),
					drift.readModel(), drift.table()));
		report.repaired()
			.forEach((drift) -> System.out.printf("  repaired  %-24s read model %d -> %d%n", drift.sku(),
					drift.readModel(), drift.table()));
		report.moving()
			.forEach((sku) -> System.out.printf("  moving    %-24s changed while looked at; run again%n", sku));
		System.out.printf("%d products checked: %d drifted, %d repaired, %d moving.%n", report.checked(),
				report.drifted().size(), report.repaired().size(), report.moving().size());
		return rebuild ? report.moving().isEmpty() : report.clean();
	}

}
