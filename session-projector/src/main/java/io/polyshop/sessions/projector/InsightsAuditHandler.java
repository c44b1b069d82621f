package io.polyshop.sessions.projector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The scheduled audit in AWS (an EventBridge rule invokes it): verifies the read model
 * ({@link InsightsAudit}) and publishes the number of drifted products as the CloudWatch
 * metric {@code PolyShop/InsightsDriftedProducts} (dimension {@code Table}), in the
 * embedded metric format, so that an alarm fires on any drift. It repairs nothing: a
 * rebuild is an operator's decision ({@code ./polyshop insights rebuild} locally).
 *
 * <p>
 * Environment: {@code SESSIONS_TABLE}, {@code INSIGHTS_TABLE}, {@code SETTLE_SECONDS}
 * (default 30: longer than the event source mapping's batching window and retries).
 */
public class InsightsAuditHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

	private static final Logger log = LoggerFactory.getLogger(InsightsAuditHandler.class);

	static final String NAMESPACE = "PolyShop";

	static final String METRIC = "InsightsDriftedProducts";

	private final InsightsAudit audit;

	private final String insightsTable;

	private final Duration settle;

	/** Used by Lambda. */
	public InsightsAuditHandler() {
		this(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
				System.getenv().getOrDefault("SESSIONS_TABLE", "polyshop-sessions"),
				System.getenv().getOrDefault("INSIGHTS_TABLE", "polyshop-cart-insights"),
				Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("SETTLE_SECONDS", "30"))));
	}

	InsightsAuditHandler(DynamoDbClient dynamo, String sessionsTable, String insightsTable, Duration settle) {
		this.audit = new InsightsAudit(dynamo, sessionsTable, insightsTable, Clock.systemUTC());
		this.insightsTable = insightsTable;
		this.settle = settle;
	}

	@Override
	public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
		InsightsAudit.Report report = this.audit.verify(() -> InsightsAudit.pause(this.settle));
		report.drifted()
			.forEach((drift) -> log.warn("Read model drift: {} is in {} carts by the read model, in {} by the table",
					drift.sku(), drift.readModel(), drift.table()));
		System.out.println(metricRecord(this.insightsTable, report.drifted().size(), Instant.now()));
		return Map.of("checked", report.checked(), "drifted", report.drifted().size(), "moving",
				report.moving().size());
	}

	/**
	 * One log line in CloudWatch's embedded metric format: CloudWatch makes it a metric.
	 */
	static String metricRecord(String table, int drifted, Instant at) {
		return """
				{"_aws":{"Timestamp":%d,"CloudWatchMetrics":[{"Namespace":"%s","Dimensions":[["Table"]],\
				"Metrics":[{"Name":"%s","Unit":"Count"}]}]},"Table":"%s","%s":%d}""".formatted(at.toEpochMilli(),
				NAMESPACE, METRIC, table, METRIC, drifted);
	}

}
