package io.polyshop.infra;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.redshiftserverless.CfnNamespace;
import software.amazon.awscdk.services.redshiftserverless.CfnWorkgroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.constructs.Construct;

/**
 * The warehouse side: Redshift Serverless (namespace and workgroup in isolated subnets,
 * not publicly accessible, KMS-encrypted, admin password managed by Redshift in Secrets
 * Manager), the S3 staging bucket (encrypted, public access blocked, TLS only, expiring
 * objects), the role Redshift assumes to COPY from it, and analytics-job as a Fargate
 * task on an EventBridge Scheduler schedule.
 */
public class AnalyticsStack extends Stack {

	final LogGroup jobLogs;

	final CfnWorkgroup workgroup;

	public AnalyticsStack(Construct scope, String id, StackProps props, EnvironmentConfig config, NetworkStack network,
			DataStack data) {
		super(scope, id, props);
		Key key = Key.Builder.create(this, "WarehouseKey")
			.description("PolyShop warehouse and staging")
			.enableKeyRotation(true)
			.removalPolicy(config.lifecycle().removalPolicy())
			.build();
		Bucket stagingLogs = AccessLogBuckets.create(this, "StagingAccessLogs", config);
		Bucket staging = Bucket.Builder.create(this, "Staging")
			.encryption(BucketEncryption.KMS)
			.encryptionKey(key)
			.bucketKeyEnabled(true)
			.blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
			.enforceSsl(true)
			.serverAccessLogsBucket(stagingLogs)
			.serverAccessLogsPrefix("staging/")
			.lifecycleRules(List.of(LifecycleRule.builder().expiration(config.analytics().stagingExpiry()).build()))
			.removalPolicy(config.lifecycle().removalPolicy())
			.autoDeleteObjects(config.lifecycle().removalPolicy() == RemovalPolicy.DESTROY)
			.build();

		Role copyRole = Role.Builder.create(this, "RedshiftCopyRole")
			.assumedBy(new ServicePrincipal("redshift.amazonaws.com"))
			.description("Assumed by Redshift to COPY staged sales from S3")
			.build();
		// Object ARNs under the bucket are the narrowest there is: the keys are the
		// job's.
		copyRole.addToPrincipalPolicy(PolicyStatement.Builder.create()
			.actions(List.of("s3:GetObject"))
			.resources(List.of(staging.arnForObjects("*")))
			.build());
		copyRole.addToPrincipalPolicy(PolicyStatement.Builder.create()
			.actions(List.of("s3:ListBucket", "s3:GetBucketLocation"))
			.resources(List.of(staging.getBucketArn()))
			.build());
		key.grant(copyRole, "kms:Decrypt");

		String namespaceName = "polyshop-" + config.name();
		CfnNamespace namespace = CfnNamespace.Builder.create(this, "Namespace")
			.namespaceName(namespaceName)
			.dbName("warehouse")
			.adminUsername("warehouse_admin")
			.manageAdminPassword(true)
			.adminPasswordSecretKmsKeyId(key.getKeyArn())
			.kmsKeyId(key.getKeyArn())
			.iamRoles(List.of(copyRole.getRoleArn()))
			.defaultIamRoleArn(copyRole.getRoleArn())
			.logExports(List.of("userlog", "connectionlog", "useractivitylog"))
			.build();
		SecurityGroup warehouse = SecurityGroup.Builder.create(this, "Warehouse")
			.vpc(network.vpc)
			.description("Redshift Serverless: no inbound; the job uses the Data API")
			.allowAllOutbound(false)
			.build();
		this.workgroup = CfnWorkgroup.Builder.create(this, "Workgroup")
			.workgroupName(namespaceName)
			.namespaceName(namespaceName)
			.baseCapacity(config.analytics().redshiftBaseCapacity())
			.subnetIds(
					network.vpc.selectSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build())
						.getSubnetIds())
			.securityGroupIds(List.of(warehouse.getSecurityGroupId()))
			.publiclyAccessible(false)
			.enhancedVpcRouting(true)
			.build();
		this.workgroup.addDependency(namespace);

		// analytics-job: a Fargate task, run on a schedule.
		Cluster cluster = Cluster.Builder.create(this, "JobCluster")
			.vpc(network.vpc)
			.containerInsightsV2(ContainerInsights.ENABLED)
			.build();
		this.jobLogs = LogGroup.Builder.create(this, "JobLogs")
			.retention(config.lifecycle().logRetention())
			.removalPolicy(config.lifecycle().removalPolicy())
			.build();
		FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "JobTask")
			.cpu(1024)
			.memoryLimitMiB(2048)
			.runtimePlatform(RuntimePlatform.builder()
				.cpuArchitecture(CpuArchitecture.ARM64)
				.operatingSystemFamily(OperatingSystemFamily.LINUX)
				.build())
			.build();
		task.addContainer("job", ContainerDefinitionOptions.builder()
			.image(ServiceImages.of("analytics-job"))
			.command(List.of("load-sales"))
			// Sorted, so that each synth writes the same task definition (Map.of's order
			// is not).
			.environment(new TreeMap<>(Map.of("POLYSHOP_ANALYTICS_SOURCE_URL",
					"jdbc:postgresql://" + data.orders.getClusterReadEndpoint().getHostname() + ":5432/orders",
					"POLYSHOP_ANALYTICS_WAREHOUSE_DIALECT", "redshift",
					"POLYSHOP_ANALYTICS_WAREHOUSE_REDSHIFT_WORKGROUP", namespaceName,
					"POLYSHOP_ANALYTICS_WAREHOUSE_REDSHIFT_DATABASE", "warehouse",
					"POLYSHOP_ANALYTICS_WAREHOUSE_REDSHIFT_IAMROLE", copyRole.getRoleArn(),
					"POLYSHOP_ANALYTICS_WAREHOUSE_REDSHIFT_BUCKET", staging.getBucketName(),
					"POLYSHOP_ANALYTICS_WAREHOUSE_REDSHIFT_REGION", getRegion())))
			.secrets(new TreeMap<>(Map.of("POLYSHOP_ANALYTICS_SOURCE_USERNAME",
					Secret.fromSecretsManager(Objects.requireNonNull(data.orders.getSecret()), "username"),
					"ORDERS_DB_PASSWORD",
					Secret.fromSecretsManager(Objects.requireNonNull(data.orders.getSecret()), "password"))))
			.logging(LogDriver.awsLogs(AwsLogDriverProps.builder().streamPrefix("job").logGroup(this.jobLogs).build()))
			.build());
		task.getTaskRole()
			.addToPrincipalPolicy(PolicyStatement.Builder.create()
				.actions(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"))
				.resources(List.of(staging.arnForObjects("*")))
				.build());
		task.getTaskRole()
			.addToPrincipalPolicy(PolicyStatement.Builder.create()
				.actions(List.of("s3:ListBucket", "s3:GetBucketLocation"))
				.resources(List.of(staging.getBucketArn()))
				.build());
		key.grant(task.getTaskRole(), "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");
		String workgroupArn = "arn:" + getPartition() + ":redshift-serverless:" + getRegion() + ":" + getAccount()
				+ ":workgroup/" + this.workgroup.getAttrWorkgroupWorkgroupId();
		task.getTaskRole()
			.addToPrincipalPolicy(PolicyStatement.Builder.create()
				.effect(Effect.ALLOW)
				.actions(List.of("redshift-data:ExecuteStatement", "redshift-data:BatchExecuteStatement",
						"redshift-serverless:GetCredentials"))
				.resources(List.of(workgroupArn))
				.build());
		// These two read the job's own statements; they support no resource-level
		// scoping.
		task.getTaskRole()
			.addToPrincipalPolicy(PolicyStatement.Builder.create()
				.effect(Effect.ALLOW)
				.actions(List.of("redshift-data:DescribeStatement", "redshift-data:GetStatementResult"))
				.resources(List.of("*"))
				.build());

		Role schedulerRole = Role.Builder.create(this, "SchedulerRole")
			.assumedBy(new ServicePrincipal("scheduler.amazonaws.com"))
			.description("Lets EventBridge Scheduler run the analytics job")
			.build();
		schedulerRole.addToPolicy(PolicyStatement.Builder.create()
			.actions(List.of("ecs:RunTask"))
			.resources(List.of(task.getTaskDefinitionArn()))
			.build());
		schedulerRole.addToPolicy(PolicyStatement.Builder.create()
			.actions(List.of("iam:PassRole"))
			.resources(List.of(task.getTaskRole().getRoleArn(), task.obtainExecutionRole().getRoleArn()))
			.build());
		CfnSchedule.Builder.create(this, "JobSchedule")
			.description("Load sales into the warehouse")
			.scheduleExpression(config.analytics().jobSchedule())
			.flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
			.target(CfnSchedule.TargetProperty.builder()
				.arn(cluster.getClusterArn())
				.roleArn(schedulerRole.getRoleArn())
				.ecsParameters(CfnSchedule.EcsParametersProperty.builder()
					.taskDefinitionArn(task.getTaskDefinitionArn())
					.launchType("FARGATE")
					.taskCount(1)
					.networkConfiguration(CfnSchedule.NetworkConfigurationProperty.builder()
						.awsvpcConfiguration(CfnSchedule.AwsVpcConfigurationProperty.builder()
							.subnets(network.vpc
								.selectSubnets(
										SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
								.getSubnetIds())
							.securityGroups(List.of(network.analyticsJob.getSecurityGroupId()))
							.assignPublicIp("DISABLED")
							.build())
						.build())
					.build())
				.retryPolicy(CfnSchedule.RetryPolicyProperty.builder().maximumRetryAttempts(2).build())
				.build())
			.build();
	}

}
