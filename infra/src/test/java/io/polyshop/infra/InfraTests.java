package io.polyshop.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The safety properties of the deployment, asserted on the synthesised CloudFormation of
 * both environments (offline: no account, no Docker), and cdk-nag's AWS Solutions checks
 * with no unsuppressed error.
 */
class InfraTests {

	private static final Environment ENVIRONMENT = Environment.builder()
		.account("123456789012")
		.region("eu-west-1")
		.build();

	private static PolyshopApp dev;

	private static PolyshopApp prod;

	@BeforeAll
	static void synthesise() throws Exception {
		dev = PolyshopApp.build(app(), EnvironmentConfig.dev(), ENVIRONMENT);
		prod = PolyshopApp.build(app(), EnvironmentConfig.prod(), ENVIRONMENT);
	}

	private static final List<Path> OUTPUTS = new ArrayList<>();

	private static App app() throws Exception {
		Path out = Files.createTempDirectory("cdk-out");
		OUTPUTS.add(out);
		return new App(AppProps.builder().outdir(out.toString()).build());
	}

	/** Each synth stages the image contexts (about 20 MB): do not leave them behind. */
	@AfterAll
	static void deleteOutputs() throws Exception {
		for (Path out : OUTPUTS) {
			try (Stream<Path> files = Files.walk(out)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	@Test
	void theWholeAppSynthesisesOfflineIntoSixStacksPerEnvironment() throws Exception {
		App app = app();
		PolyshopApp.build(app, EnvironmentConfig.prod(), ENVIRONMENT);

		var assembly = app.synth();

		assertThat(assembly.getStacks()).extracting((stack) -> stack.getStackName())
			.containsExactlyInAnyOrder("Polyshop-prod-Network", "Polyshop-prod-Identity", "Polyshop-prod-Data",
					"Polyshop-prod-Application", "Polyshop-prod-Analytics", "Polyshop-prod-Observability");
		assertThat(Path.of(assembly.getDirectory()).resolve("manifest.json")).exists();
	}

	@Test
	void everyStoreIsEncryptedAtRestAndTheCacheInTransit() {
		Map<String, Map<String, Object>> data = resources(dev.data());
		assertThat(ofType(data, "AWS::RDS::DBCluster")).singleElement()
			.satisfies((cluster) -> assertThat(properties(cluster)).containsEntry("StorageEncrypted", true)
				.containsKey("KmsKeyId"));
		assertThat(ofType(data, "AWS::RDS::DBInstance"))
			.filteredOn((instance) -> "postgres".equals(properties(instance).get("Engine"))
					|| properties(instance).containsKey("SourceDBInstanceIdentifier"))
			.as("the catalog database and its replica (Aurora encrypts at the cluster)")
			.hasSize(2)
			.allSatisfy((instance) -> {
				Map<String, Object> properties = properties(instance);
				if (properties.containsKey("SourceDBInstanceIdentifier")) {
					// A replica inherits encryption from its source, with this key.
					assertThat(properties).containsKey("KmsKeyId");
				}
				else {
					assertThat(properties).containsEntry("StorageEncrypted", true).containsKey("KmsKeyId");
				}
			});
		assertThat(ofType(data, "AWS::ElastiCache::ReplicationGroup")).singleElement()
			.satisfies((redis) -> assertThat(properties(redis)).containsEntry("AtRestEncryptionEnabled", true)
				.containsEntry("TransitEncryptionEnabled", true)
				.containsKey("AuthToken"));
		assertThat(ofType(data, "AWS::DynamoDB::GlobalTable")).hasSize(2)
			.allSatisfy((table) -> assertThat(properties(table).get("SSESpecification").toString())
				.contains("SSEEnabled=true", "SSEType=KMS"));
		Template.fromStack(dev.analytics())
			.hasResourceProperties("AWS::RedshiftServerless::Namespace",
					Map.of("KmsKeyId", Match.anyValue(), "ManageAdminPassword", true));
		Template.fromStack(dev.analytics())
			.hasResourceProperties("AWS::S3::Bucket",
					Map.of("BucketEncryption",
							Map.of("ServerSideEncryptionConfiguration",
									List.of(Match.objectLike(Map.of("ServerSideEncryptionByDefault",
											Map.of("SSEAlgorithm", "aws:kms", "KMSMasterKeyID", Match.anyValue())))))));
		Template.fromStack(dev.application())
			.hasResourceProperties("AWS::SQS::Queue", Map.of("KmsMasterKeyId", Match.anyValue()));
		Template.fromStack(dev.observability())
			.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
	}

	@Test
	void theSessionTablesHavePitrTtlTheIndexesAndStreamsWithBothImages() {
		Template data = Template.fromStack(prod.data());
		data.hasResourceProperties("AWS::DynamoDB::GlobalTable", Map.of("TableName", "polyshop-sessions",
				"StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"), "TimeToLiveSpecification",
				Map.of("AttributeName", "expiresAt", "Enabled", true), "BillingMode", "PAY_PER_REQUEST",
				"GlobalSecondaryIndexes",
				List.of(Match.objectLike(Map.of("IndexName", "gsi1")),
						Match.objectLike(
								Map.of("IndexName", "gsi2", "Projection", Map.of("ProjectionType", "KEYS_ONLY")))),
				"Replicas", List.of(Match.objectLike(Map.of("PointInTimeRecoverySpecification",
						Map.of("PointInTimeRecoveryEnabled", true), "DeletionProtectionEnabled", true)))));
		data.hasResourceProperties("AWS::DynamoDB::GlobalTable", Map.of("TableName", "polyshop-cart-insights",
				"TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
				"LocalSecondaryIndexes", List.of(Match.objectLike(Map.of("IndexName", "lsi1"))), "Replicas",
				List.of(Match.objectLike(
						Map.of("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))))));
	}

	@Test
	void nothingThatHoldsDataIsReachableFromTheInternet() {
		for (PolyshopApp app : List.of(dev, prod)) {
			assertThat(ofType(resources(app.data()), "AWS::RDS::DBInstance"))
				.allSatisfy((instance) -> assertThat(properties(instance)).containsEntry("PubliclyAccessible", false));
			assertThat(ofType(resources(app.analytics()), "AWS::RedshiftServerless::Workgroup")).allSatisfy(
					(workgroup) -> assertThat(properties(workgroup)).containsEntry("PubliclyAccessible", false));
			for (Stack stack : List.of(app.application(), app.analytics())) {
				assertThat(ofType(resources(stack), "AWS::S3::Bucket")).isNotEmpty()
					.allSatisfy((bucket) -> assertThat(properties(bucket).get("PublicAccessBlockConfiguration"))
						.isEqualTo(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
								"RestrictPublicBuckets", true)));
			}
			// Only the load balancer's security group admits the internet.
			for (Stack stack : List.of(app.network(), app.data(), app.application(), app.analytics())) {
				for (Map<String, Object> group : ofType(resources(stack), "AWS::EC2::SecurityGroup")) {
					String description = String.valueOf(properties(group).get("GroupDescription"));
					if (!description.contains("load balancer")) {
						assertThat(String.valueOf(properties(group).get("SecurityGroupIngress"))).as(description)
							.doesNotContain("0.0.0.0/0");
					}
				}
			}
		}
	}

	@Test
	void noPolicyGrantsEveryActionOfADataServiceAndTheProjectorWritesOnlyTheReadModel() {
		for (Stack stack : stacks(dev)) {
			for (Map<String, Object> policy : ofType(resources(stack), "AWS::IAM::Policy")) {
				for (String action : actions(policy)) {
					assertThat(action).as(stack.getStackName())
						.isNotEqualTo("*")
						.doesNotMatch(
								"(dynamodb|rds|s3|redshift|redshift-data|redshift-serverless|elasticache|kms|secretsmanager):\\*");
				}
			}
		}
		List<Map<String, Object>> projectorWrites = new ArrayList<>();
		for (Map<String, Object> policy : ofType(resources(dev.application()), "AWS::IAM::Policy")) {
			if (String.valueOf(properties(policy).get("Roles")).contains("ProjectorServiceRole")) {
				for (Map<String, Object> statement : statements(policy)) {
					if (String.valueOf(statement.get("Action")).contains("dynamodb:PutItem")) {
						projectorWrites.add(statement);
					}
				}
			}
		}
		assertThat(projectorWrites).isNotEmpty()
			.allSatisfy((statement) -> assertThat(String.valueOf(statement.get("Resource"))).contains("InsightsTable")
				.doesNotContain("SessionsTable"));
	}

	@Test
	void prodIsMultiAzEverywhere() {
		Map<String, Map<String, Object>> data = resources(prod.data());
		assertThat(ofType(data, "AWS::RDS::DBInstance"))
			.filteredOn((instance) -> "catalog".equals(properties(instance).get("DBName")))
			.singleElement()
			.satisfies((catalog) -> assertThat(properties(catalog)).containsEntry("MultiAZ", true));
		assertThat(ofType(data, "AWS::RDS::DBInstance"))
			.filteredOn((instance) -> properties(instance).containsKey("DBClusterIdentifier"))
			.as("Aurora writer and two readers")
			.hasSize(3);
		assertThat(ofType(data, "AWS::ElastiCache::ReplicationGroup")).singleElement()
			.satisfies((redis) -> assertThat(properties(redis)).containsEntry("MultiAZEnabled", true)
				.containsEntry("AutomaticFailoverEnabled", true)
				.containsEntry("NumCacheClusters", 3));
		assertThat(ofType(resources(prod.network()), "AWS::EC2::Subnet")).as("3 AZs x public, private, isolated")
			.hasSize(9);
		assertThat(ofType(resources(prod.network()), "AWS::EC2::NatGateway")).hasSize(3);
		assertThat(ofType(data, "AWS::RDS::DBCluster")).singleElement()
			.satisfies((cluster) -> assertThat(properties(cluster)).containsEntry("DeletionProtection", true)
				.containsEntry("BackupRetentionPeriod", 14)
				.containsEntry("EnableIAMDatabaseAuthentication", true));
	}

	@Test
	void theProjectorsEventSourceMappingBisectsReportsItemFailuresRetriesBoundedlyAndParksFailures() {
		Template.fromStack(dev.application())
			.hasResourceProperties("AWS::Lambda::EventSourceMapping",
					Map.of("BisectBatchOnFunctionError", true, "FunctionResponseTypes",
							List.of("ReportBatchItemFailures"), "MaximumRetryAttempts", 5, "MaximumRecordAgeInSeconds",
							21600, "BatchSize", 100, "MaximumBatchingWindowInSeconds", 2, "StartingPosition",
							"TRIM_HORIZON", "DestinationConfig",
							Map.of("OnFailure", Map.of("Destination", Match.anyValue()))));
		Template.fromStack(dev.application())
			.hasResourceProperties("AWS::Lambda::Function", Map.of("Runtime", "java21", "Handler",
					"io.polyshop.sessions.projector.ProjectorHandler::handleRequest"));
	}

	/**
	 * The read model's audit runs every hour, may only scan, and an alarm fires on drift
	 * (or when the audit stops reporting).
	 */
	@Test
	void anHourlyAuditOfTheReadModelAlarmsOnDrift() {
		Template application = Template.fromStack(dev.application());
		application.hasResourceProperties("AWS::Lambda::Function",
				Map.of("Handler", "io.polyshop.sessions.projector.InsightsAuditHandler::handleRequest"));
		application.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(1 hour)"));
		for (Map<String, Object> policy : ofType(resources(dev.application()), "AWS::IAM::Policy")) {
			if (String.valueOf(properties(policy).get("Roles")).contains("InsightsAuditServiceRole")) {
				assertThat(actions(policy)).filteredOn((action) -> action.startsWith("dynamodb:"))
					.containsOnly("dynamodb:Scan");
			}
		}
		Template.fromStack(dev.observability())
			.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "PolyShop", "MetricName",
					"InsightsDriftedProducts", "Threshold", 1, "TreatMissingData", "breaching"));
	}

	@Test
	void servicesAreHealthCheckedOnReadinessAndScaleOnCpuAndRequests() {
		Template application = Template.fromStack(dev.application());
		application.resourceCountIs("AWS::ECS::Service", 3);
		application.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup",
				Map.of("HealthCheckPath", "/readyz"));
		application.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Map
			.of("TargetTrackingScalingPolicyConfiguration", Match.objectLike(Map.of("PredefinedMetricSpecification",
					Map.of("PredefinedMetricType", "ALBRequestCountPerTarget", "ResourceLabel", Match.anyValue())))));
		application.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy",
				Map.of("TargetTrackingScalingPolicyConfiguration",
						Match.objectLike(Map.of("PredefinedMetricSpecification",
								Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization")))));
		Template.fromStack(dev.analytics())
			.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("Target",
					Match.objectLike(Map.of("EcsParameters", Match.objectLike(Map.of("LaunchType", "FARGATE"))))));
	}

	@Test
	void withACertificateTheLoadBalancerServesHttpsAndRedirectsHttp() throws Exception {
		PolyshopApp secure = PolyshopApp.build(app(), EnvironmentConfig.dev(), ENVIRONMENT,
				"arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000");

		Template application = Template.fromStack(secure.application());
		application.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener",
				Map.of("Port", 443, "Protocol", "HTTPS", "SslPolicy", Match.anyValue()));
		application.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener",
				Map.of("Port", 80, "DefaultActions", List.of(Match.objectLike(Map.of("Type", "redirect")))));
	}

	@Test
	void theApplicationStackOutputsTheUrlTheSmokeCheckTakes() throws Exception {
		PolyshopApp secure = PolyshopApp.build(app(), EnvironmentConfig.dev(), ENVIRONMENT,
				"arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000");

		Template.fromStack(dev.application()).hasOutput("Url", url("http://"));
		Template.fromStack(secure.application()).hasOutput("Url", url("https://"));
	}

	private static Map<String, Object> url(String scheme) {
		return Map.of("Value", Map.of("Fn::Join", List.of("", List.of(scheme, Match.anyValue()))));
	}

	@Test
	void cognitoIsTheIssuerWithTheApisScopesAStorefrontClientWithPkceAndSessionServicesClientCredentials() {
		Template identity = Template.fromStack(dev.identity());
		identity.hasResourceProperties("AWS::Cognito::UserPoolResourceServer",
				Map.of("Identifier", "polyshop", "Scopes",
						Match.arrayWith(List.of(Match.objectLike(Map.of("ScopeName", "catalog:write")),
								Match.objectLike(Map.of("ScopeName", "orders:fulfil")),
								Match.objectLike(Map.of("ScopeName", "insights:read")),
								Match.objectLike(Map.of("ScopeName", "orders:place"))))));
		// The storefront is public: the authorization code flow, no secret (so PKCE).
		identity.hasResourceProperties("AWS::Cognito::UserPoolClient",
				Map.of("ClientName", "storefront", "AllowedOAuthFlows", List.of("code"), "GenerateSecret", false,
						"AllowedOAuthScopes", Match.arrayWith(List.of("openid"))));
		identity.hasResourceProperties("AWS::Cognito::UserPoolClient", Map.of("ClientName", "session-service",
				"AllowedOAuthFlows", List.of("client_credentials"), "GenerateSecret", true));
		assertThat(ofType(resources(dev.identity()), "AWS::Cognito::UserPoolClient").stream()
			.map((client) -> properties(client))
			.filter((client) -> "session-service".equals(client.get("ClientName")))
			.map((client) -> String.valueOf(client.get("AllowedOAuthScopes")))).singleElement()
			.asString()
			.contains("/orders:place")
			.doesNotContain("catalog:write", "orders:fulfil", "insights:read");
		identity.hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of("GroupName", "staff"));
		identity.resourceCountIs("AWS::SecretsManager::Secret", 1);

		// Every service trusts the pool; session-service gets its client secret from
		// Secrets Manager, never as a plain variable.
		for (Map<String, Object> task : ofType(resources(dev.application()), "AWS::ECS::TaskDefinition")) {
			String container = String.valueOf(properties(task).get("ContainerDefinitions"));
			assertThat(container).contains("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI",
					"POLYSHOP_SECURITY_AUDIENCES", "POLYSHOP_SECURITY_SCOPEPREFIX",
					"POLYSHOP_SECURITY_GROUPSCOPES_STAFF");
		}
		Template.fromStack(dev.application())
			.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions", Match
				.arrayWith(List.of(Match.objectLike(Map.of("Secrets", Match.arrayWith(List.of(Match.objectLike(
						Map.of("Name", "POLYSHOP_AUTH_SESSION_SERVICE_SECRET", "ValueFrom", Match.anyValue()))))))))));
	}

	@Test
	void theLoadBalancerForwardsOnlyTheApiPaths() {
		List<String> paths = new ArrayList<>();
		for (Map<String, Object> rule : ofType(resources(dev.application()),
				"AWS::ElasticLoadBalancingV2::ListenerRule")) {
			paths.add(String.valueOf(properties(rule).get("Conditions")));
		}
		assertThat(paths).hasSize(3)
			.allSatisfy((conditions) -> assertThat(conditions).doesNotContain("actuator", "swagger", "api-docs",
					"livez", "readyz"));
		assertThat(String.join(" ", paths)).contains("/products", "/orders", "/sessions", "/customers/*",
				"/insights/*");
	}

	/**
	 * Each accepted finding is on its resource, not on a whole stack, and no policy of
	 * the session tables' users has a wildcard action or an index/* resource.
	 */
	@Test
	void nagSuppressionsAreOnTheirResourcesAndTheDynamoDbGrantsNameTheirIndexes() {
		for (Stack stack : stacks(dev)) {
			assertThat(String.valueOf(Template.fromStack(stack).toJSON().get("Metadata"))).as(stack.getStackName())
				.doesNotContain("cdk_nag");
		}
		for (Map<String, Object> policy : ofType(resources(dev.application()), "AWS::IAM::Policy")) {
			String roles = String.valueOf(properties(policy).get("Roles"));
			if (roles.contains("sessionsTaskTaskRole") || roles.contains("ProjectorServiceRole")) {
				for (Map<String, Object> statement : statements(policy)) {
					String action = String.valueOf(statement.get("Action"));
					if (action.contains("dynamodb:PutItem") || action.contains("dynamodb:Query")) {
						assertThat(action).doesNotContain("*");
						assertThat(String.valueOf(statement.get("Resource"))).doesNotContain("index/*");
					}
				}
			}
		}
	}

	@Test
	void cdkNagFindsNoUnsuppressedError() {
		for (PolyshopApp app : List.of(dev, prod)) {
			for (Stack stack : stacks(app)) {
				List<SynthesisMessage> errors = Annotations.fromStack(stack)
					.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
				assertThat(errors).as("%s: %s", stack.getStackName(),
						errors.stream().map((error) -> error.getEntry().getData() + " at " + error.getId()).toList())
					.isEmpty();
			}
		}
	}

	private static List<Stack> stacks(PolyshopApp app) {
		return List.of(app.network(), app.identity(), app.data(), app.application(), app.analytics(),
				app.observability());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> resources(Stack stack) {
		Map<String, Object> template = Template.fromStack(stack).toJSON();
		return (Map<String, Map<String, Object>>) template.get("Resources");
	}

	private static List<Map<String, Object>> ofType(Map<String, Map<String, Object>> resources, String type) {
		return resources.values().stream().filter((resource) -> type.equals(resource.get("Type"))).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> properties(Map<String, Object> resource) {
		return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> statements(Map<String, Object> policy) {
		return (List<Map<String, Object>>) ((Map<String, Object>) properties(policy).get("PolicyDocument"))
			.get("Statement");
	}

	private static List<String> actions(Map<String, Object> policy) {
		return statements(policy).stream().flatMap((statement) -> {
			Object action = statement.get("Action");
			return (action instanceof List<?> list) ? list.stream().map(String::valueOf)
					: Stream.of(String.valueOf(action));
		}).toList();
	}

}
