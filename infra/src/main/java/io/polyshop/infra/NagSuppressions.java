package io.polyshop.infra;

import java.util.ArrayList;
import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.Stack;

/**
 * Every cdk-nag finding this app accepts, each on the one resource it concerns (by its
 * construct path: a path that no longer exists fails the synth) and with its reason.
 * Wildcard grants are accepted only where the resource cannot be named: the finding's
 * {@code appliesTo} says which wildcard. A finding without an entry here fails the tests.
 */
final class NagSuppressions {

	private static final String EVERY_RESOURCE = "Resource::*";

	private static final String LAMBDA_BASIC_EXECUTION = "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

	private NagSuppressions() {
	}

	static void apply(PolyshopApp app, EnvironmentConfig config) {
		data(app.data(), config);
		identity(app.identity());
		suppress(app.network(), "LoadBalancer/Resource", "AwsSolutions-EC23",
				"The load balancer's security group: HTTP(S) from anywhere is the public entry point's purpose");
		application(app.application());
		analytics(app.analytics());
	}

	private static void data(DataStack data, EnvironmentConfig config) {
		if (!config.isProduction()) {
			for (String database : List.of("CatalogDatabase", "CatalogReplica", "OrdersCluster")) {
				suppress(data, database + "/Resource", "AwsSolutions-RDS10",
						"dev is disposable: no deletion protection; prod enables it (EnvironmentConfig.prod)");
			}
			for (String database : List.of("CatalogDatabase", "CatalogReplica")) {
				suppress(data, database + "/Resource", "AwsSolutions-RDS3",
						"dev runs the catalog database in one AZ to save cost; prod is Multi-AZ (EnvironmentConfig.prod)");
			}
		}
		for (String database : List.of("CatalogDatabase", "CatalogReplica")) {
			suppress(data, database + "/Resource", "AwsSolutions-RDS11",
					"Default PostgreSQL port: security groups admit only the owning service, which is the control that matters");
		}
		suppress(data, "CatalogCache", "AwsSolutions-AEC5",
				"Default Redis port: a changed port hides nothing from an attacker inside the VPC; the security group and AUTH are the controls");
		suppress(data, "RedisAuthToken/Resource", "AwsSolutions-SMG4",
				"The Redis AUTH token cannot be rotated by Secrets Manager alone (ElastiCache must be told); rotate with a runbook");
	}

	private static void identity(IdentityStack identity) {
		suppress(identity, "Users/Resource", "AwsSolutions-COG3",
				"Threat protection (advanced security) needs the Plus feature plan; enable it where sign-up abuse is a risk");
		suppress(identity, "SessionServiceClientSecret/Resource", "AwsSolutions-SMG4",
				"Cognito generates the app client's secret; rotating it means a new app client, then redeploying session-service");
		// CDK's AwsCustomResource that reads the generated client secret
		// (DescribeUserPoolClient).
		suppress(identity, "AWS679f53fac002430cb0da5b7982bd2287/ServiceRole/Resource", "AwsSolutions-IAM4",
				"CDK's custom-resource Lambda (reads the generated client secret) logs with the basic execution policy",
				LAMBDA_BASIC_EXECUTION);
	}

	private static void application(ApplicationStack application) {
		for (String service : List.of("catalog", "orders", "sessions")) {
			suppress(application, service + "Task/Resource", "AwsSolutions-ECS2",
					"Environment variables hold endpoints, client ids and flags only; every secret is injected from Secrets Manager");
			suppress(application, service + "Task/ExecutionRole/DefaultPolicy/Resource", "AwsSolutions-IAM5",
					"ecr:GetAuthorizationToken has no resource to scope to; every other statement names its repository, log group or secret",
					EVERY_RESOURCE);
		}
		suppress(application, "Projector/Resource", "AwsSolutions-L1",
				"Java 21 is the runtime every PolyShop module targets; the projector moves with them");
		suppress(application, "Projector/ServiceRole/Resource", "AwsSolutions-IAM4",
				"The projector logs with the Lambda basic execution policy", LAMBDA_BASIC_EXECUTION);
		suppress(application, "Projector/ServiceRole/DefaultPolicy/Resource", "AwsSolutions-IAM5",
				"dynamodb:ListStreams and X-Ray's PutTraceSegments support no resource; the stream reads name the stream ARN",
				EVERY_RESOURCE);
		suppress(application, "Projector/ServiceRole/DefaultPolicy/Resource", "AwsSolutions-IAM5",
				"CDK's on-failure destination grant, on the failure queue's own key only",
				"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*");
		suppress(application, "InsightsAudit/Resource", "AwsSolutions-L1",
				"Java 21 is the runtime every PolyShop module targets; the audit moves with them");
		suppress(application, "InsightsAudit/ServiceRole/Resource", "AwsSolutions-IAM4",
				"The audit logs (and publishes its metric) with the Lambda basic execution policy",
				LAMBDA_BASIC_EXECUTION);
		suppress(application, "InsightsAudit/ServiceRole/DefaultPolicy/Resource", "AwsSolutions-IAM5",
				"X-Ray's PutTraceSegments supports no resource; the table scans name their tables", EVERY_RESOURCE);
		suppress(application, "ProjectorFailures/Resource", "AwsSolutions-SQS3",
				"This queue is itself the projector's on-failure destination: the end of the line for records it could not process");
		suppress(application, "AccessLogs/Resource", "AwsSolutions-S1", "This bucket is the access-log bucket itself");
	}

	private static void analytics(AnalyticsStack analytics) {
		suppress(analytics, "JobTask/Resource", "AwsSolutions-ECS2",
				"Environment variables hold endpoints and flags only; the database password comes from Secrets Manager");
		suppress(analytics, "JobTask/ExecutionRole/DefaultPolicy/Resource", "AwsSolutions-IAM5",
				"ecr:GetAuthorizationToken has no resource to scope to", EVERY_RESOURCE);
		suppress(analytics, "JobTask/TaskRole/DefaultPolicy/Resource", "AwsSolutions-IAM5",
				"redshift-data:DescribeStatement and GetStatementResult support no resource scoping", EVERY_RESOURCE);
		for (String role : List.of("JobTask/TaskRole", "RedshiftCopyRole")) {
			suppress(analytics, role + "/DefaultPolicy/Resource", "AwsSolutions-IAM5",
					"The objects of the staging bucket: their keys are the job's, made per run",
					RegexAppliesTo.builder().regex("/^Resource::<Staging[0-9A-F]+\\.Arn>\\/\\*$/").build());
		}
	}

	/**
	 * @param path the resource's construct path inside the stack
	 * @param appliesTo the granular findings (wildcards, managed policies) accepted;
	 * none: the whole rule
	 */
	private static void suppress(Stack stack, String path, String rule, String reason, Object... appliesTo) {
		NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(rule).reason(reason);
		if (appliesTo.length > 0) {
			suppression.appliesTo(new ArrayList<>(List.of(appliesTo)));
		}
		io.github.cdklabs.cdknag.NagSuppressions.addResourceSuppressionsByPath(stack,
				"/" + stack.getStackName() + "/" + path, List.of(suppression.build()));
	}

}
