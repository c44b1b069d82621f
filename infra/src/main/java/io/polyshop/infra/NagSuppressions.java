package io.polyshop.infra;

import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import software.amazon.awscdk.Stack;

/**
 * Every cdk-nag finding this app accepts, each with its reason. A finding without an
 * entry here fails the tests.
 */
final class NagSuppressions {

	private NagSuppressions() {
	}

	static void apply(PolyshopApp app, EnvironmentConfig config) {
		if (!config.isProduction()) {
			suppress(app.data(), "AwsSolutions-RDS10",
					"dev is disposable: no deletion protection; prod enables it (EnvironmentConfig.prod)");
			suppress(app.data(), "AwsSolutions-RDS3",
					"dev runs the catalog database in one AZ to save cost; prod is Multi-AZ (EnvironmentConfig.prod)");
		}
		suppress(app.data(), "AwsSolutions-AEC5",
				"Default Redis port: a changed port hides nothing from an attacker inside the VPC; the security group and AUTH are the controls");
		suppress(app.network(), "AwsSolutions-EC23",
				"The load balancer is the public entry point: HTTP(S) from anywhere is its purpose");
		suppress(app.data(), "AwsSolutions-SMG4",
				"The Redis AUTH token cannot be rotated by Secrets Manager alone (ElastiCache must be told); rotate with a runbook");
		suppress(app.data(), "AwsSolutions-RDS11",
				"Default PostgreSQL port: security groups admit only the owning service, which is the control that matters");
		suppress(app.data(), "AwsSolutions-IAM4",
				"The rotation Lambdas from the Serverless Application Repository use AWS managed policies");
		suppress(app.data(), "AwsSolutions-L1", "Rotation Lambdas come from AWS's Serverless Application Repository");
		suppress(app.application(), "AwsSolutions-SQS3",
				"This queue is itself the projector's on-failure destination: the end of the line for records it could not process");
		suppress(app.application(), "AwsSolutions-ELB2", "Access logs are enabled (CDK sets them after the construct)");
		suppress(app.application(), "AwsSolutions-IAM5",
				"DynamoDB stream reads need dynamodb:ListStreams on *; table grants add index/* ARNs of the same tables");
		suppress(app.application(), "AwsSolutions-ECS2",
				"Environment variables hold endpoints and flags only; every secret is injected from Secrets Manager");
		suppress(app.application(), "AwsSolutions-IAM4",
				"The Lambda basic execution role (logs) and the auto-delete custom resource use AWS managed policies");
		suppress(app.application(), "AwsSolutions-L1", "The auto-delete custom resource Lambda is managed by CDK");
		suppress(app.application(), "AwsSolutions-EC23", "Inherited from the load balancer's security group");
		suppress(app.application(), "AwsSolutions-S1", "This bucket is the access-log bucket itself");
		suppress(app.analytics(), "AwsSolutions-IAM5",
				"redshift-data:DescribeStatement and GetStatementResult support no resource scoping; S3 grants use object ARNs of the staging bucket");
		suppress(app.analytics(), "AwsSolutions-ECS2",
				"Environment variables hold endpoints and flags only; the database password comes from Secrets Manager");
		suppress(app.analytics(), "AwsSolutions-S1", "This bucket is the access-log bucket itself");
		suppress(app.analytics(), "AwsSolutions-IAM4", "The auto-delete custom resource uses an AWS managed policy");
		suppress(app.analytics(), "AwsSolutions-L1", "The auto-delete custom resource Lambda is managed by CDK");
	}

	private static void suppress(Stack stack, String rule, String reason) {
		io.github.cdklabs.cdknag.NagSuppressions.addStackSuppressions(stack,
				List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
	}

}
