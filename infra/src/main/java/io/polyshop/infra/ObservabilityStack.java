package io.polyshop.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Alarms on what breaks first in this system, all to one encrypted SNS topic, and a
 * dashboard of the same metrics: DynamoDB throttling, the projector falling behind or
 * failing, the read model drifting from the table, Aurora replica lag and CPU, Redis
 * evictions and CPU, ALB 5xx and p99 latency, and a failed warehouse load.
 */
public class ObservabilityStack extends Stack {

	final Topic alerts;

	final List<Alarm> alarms = new ArrayList<>();

	public ObservabilityStack(Construct scope, String id, StackProps props, EnvironmentConfig config, DataStack data,
			ApplicationStack application, AnalyticsStack analytics) {
		super(scope, id, props);
		Key key = Key.Builder.create(this, "AlertsKey")
			.enableKeyRotation(true)
			.removalPolicy(config.lifecycle().removalPolicy())
			.build();
		this.alerts = Topic.Builder.create(this, "Alerts").masterKey(key).enforceSsl(true).build();

		Metric throttles = metric("AWS/DynamoDB", "ThrottledRequests", Map.of("TableName", "polyshop-sessions"), "Sum");
		Metric iteratorAge = metric("AWS/Lambda", "IteratorAge",
				Map.of("FunctionName", application.projector.getFunctionName()), "Maximum");
		Metric projectorErrors = metric("AWS/Lambda", "Errors",
				Map.of("FunctionName", application.projector.getFunctionName()), "Sum");
		Metric replicaLag = metric("AWS/RDS", "AuroraReplicaLagMaximum",
				Map.of("DBClusterIdentifier", data.orders.getClusterIdentifier()), "Maximum");
		Metric auroraCpu = metric("AWS/RDS", "CPUUtilization",
				Map.of("DBClusterIdentifier", data.orders.getClusterIdentifier()), "Average");
		Metric evictions = metric("AWS/ElastiCache", "Evictions", Map.of("ReplicationGroupId", data.redis.getRef()),
				"Sum");
		Metric redisCpu = metric("AWS/ElastiCache", "EngineCPUUtilization",
				Map.of("ReplicationGroupId", data.redis.getRef()), "Average");
		Metric alb5xx = metric("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count",
				Map.of("LoadBalancer", application.loadBalancer.getLoadBalancerFullName()), "Sum");
		Metric p99 = metric("AWS/ApplicationELB", "TargetResponseTime",
				Map.of("LoadBalancer", application.loadBalancer.getLoadBalancerFullName()), "p99");
		// Published by the hourly audit (InsightsAuditHandler, embedded metric format).
		Metric insightsDrift = Metric.Builder.create()
			.namespace("PolyShop")
			.metricName("InsightsDriftedProducts")
			.dimensionsMap(Map.of("Table", data.insights.getTableName()))
			.statistic("Maximum")
			.period(Duration.hours(1))
			.build();
		MetricFilter jobFailures = MetricFilter.Builder.create(this, "JobFailures")
			.logGroup(analytics.jobLogs)
			.filterPattern(FilterPattern.anyTerm("analytics-job failed"))
			.metricNamespace("PolyShop")
			.metricName("AnalyticsJobFailures")
			.metricValue("1")
			.defaultValue(0)
			.build();

		alarm("DynamoDbThrottles", throttles, 1, "DynamoDB throttled requests on the sessions table");
		alarm("ProjectorIteratorAge", iteratorAge, 60_000, "The projector is more than a minute behind the stream");
		alarm("ProjectorErrors", projectorErrors, 1, "The projector Lambda failed");
		Alarm drift = Alarm.Builder.create(this, "InsightsDrift")
			.metric(insightsDrift)
			.threshold(1)
			.evaluationPeriods(1)
			.comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
			// No figure in an hour means the audit did not run: that is worth a look too.
			.treatMissingData(TreatMissingData.BREACHING)
			.alarmDescription("The cart-insights read model differs from the sessions table: "
					+ "run the rebuild (README, session-service)")
			.build();
		drift.addAlarmAction(new SnsAction(this.alerts));
		this.alarms.add(drift);
		alarm("AuroraReplicaLag", replicaLag, 1_000, "An Aurora reader lags the writer by more than a second");
		alarm("AuroraCpu", auroraCpu, 80, "Aurora CPU above 80 %");
		alarm("RedisEvictions", evictions, 100, "The catalog cache is evicting: it is too small");
		alarm("RedisCpu", redisCpu, 80, "Redis engine CPU above 80 %");
		alarm("Alb5xx", alb5xx, 10, "The services answer 5xx");
		alarm("AlbP99", p99, 1, "p99 latency above one second");
		alarm("AnalyticsJobFailed",
				jobFailures.metric()
					.with(software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
						.statistic("Sum")
						.period(Duration.minutes(5))
						.build()),
				1, "The warehouse load failed");

		List<List<? extends IWidget>> rows = List.of(
				List.of(graph("Requests: 5xx and p99", alb5xx, p99), graph("DynamoDB throttles", throttles)),
				List.of(graph("Projector: iterator age and errors", iteratorAge, projectorErrors),
						graph("Aurora: replica lag and CPU", replicaLag, auroraCpu)),
				List.of(graph("Redis: evictions and CPU", evictions, redisCpu),
						graph("Warehouse load failures", jobFailures.metric())),
				List.of(graph("Read model drift (hourly audit)", insightsDrift)));
		Dashboard.Builder.create(this, "Dashboard").dashboardName("polyshop-" + config.name()).widgets(rows).build();
	}

	private void alarm(String id, Metric metric, double threshold, String description) {
		Alarm alarm = Alarm.Builder.create(this, id)
			.metric(metric)
			.threshold(threshold)
			.evaluationPeriods(3)
			.datapointsToAlarm(2)
			.comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
			.treatMissingData(TreatMissingData.NOT_BREACHING)
			.alarmDescription(description)
			.build();
		alarm.addAlarmAction(new SnsAction(this.alerts));
		this.alarms.add(alarm);
	}

	private static Metric metric(String namespace, String name, Map<String, String> dimensions, String statistic) {
		return Metric.Builder.create()
			.namespace(namespace)
			.metricName(name)
			.dimensionsMap(dimensions)
			.statistic(statistic)
			.period(Duration.minutes(1))
			.build();
	}

	private static GraphWidget graph(String title, software.amazon.awscdk.services.cloudwatch.IMetric... metrics) {
		return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(12).build();
	}

}
