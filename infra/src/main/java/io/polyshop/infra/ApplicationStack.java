package io.polyshop.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.CloudMapOptions;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetGroupsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.servicediscovery.PrivateDnsNamespace;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The running services: ECS Fargate behind one internet-facing ALB with path routing and
 * readiness health checks, autoscaling on CPU and requests, names in a private DNS
 * namespace for service-to-service calls, secrets injected from Secrets Manager, each
 * task role allowed only what its service does; and the stream projector as a Java 21
 * Lambda whose event source mapping retries by bisecting, reports item failures and parks
 * what it cannot process in an SQS queue.
 */
public class ApplicationStack extends Stack {

	final ApplicationLoadBalancer loadBalancer;

	final Function projector;

	final Function insightsAudit;

	final Map<String, FargateService> services = new HashMap<>();

	final Map<String, ApplicationTargetGroup> targetGroups = new HashMap<>();

	/**
	 * @param certificateArn an ACM certificate for HTTPS on 443 (then port 80 only
	 * redirects); null to listen on HTTP only, for a first try without a domain
	 */
	public ApplicationStack(Construct scope, String id, StackProps props, EnvironmentConfig config,
			NetworkStack network, IdentityStack identity, DataStack data, @Nullable String certificateArn) {
		super(scope, id, props);
		Cluster cluster = Cluster.Builder.create(this, "Cluster")
			.vpc(network.vpc)
			.containerInsightsV2(ContainerInsights.ENABLED)
			.build();
		PrivateDnsNamespace namespace = PrivateDnsNamespace.Builder.create(this, "Namespace")
			.name("polyshop.internal")
			.vpc(network.vpc)
			.build();

		Bucket accessLogs = AccessLogBuckets.create(this, "AccessLogs", config);
		this.loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
			.vpc(network.vpc)
			.internetFacing(true)
			.securityGroup(network.loadBalancer)
			.vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
			.dropInvalidHeaderFields(true)
			.build();
		this.loadBalancer.logAccessLogs(accessLogs, "alb");
		var notFound = ListenerAction.fixedResponse(404,
				software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions.builder()
					.contentType("application/problem+json")
					.messageBody("{\"status\":404,\"title\":\"Not Found\"}")
					.build());
		ApplicationListener listener;
		if (certificateArn != null) {
			listener = this.loadBalancer.addListener("Https",
					software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps.builder()
						.port(443)
						.protocol(ApplicationProtocol.HTTPS)
						.certificates(List.of(software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate
							.fromArn(certificateArn)))
						.sslPolicy(software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy.RECOMMENDED_TLS)
						.defaultAction(notFound)
						.build());
			this.loadBalancer.addRedirect();
		}
		else {
			listener = this.loadBalancer.addListener("Http",
					software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps.builder()
						.port(80)
						.protocol(ApplicationProtocol.HTTP)
						.defaultAction(notFound)
						.build());
		}
		CfnOutput.Builder.create(this, "Url")
			.description("Where the services answer: pass it to infra/smoke.sh")
			.value(((certificateArn != null) ? "https://" : "http://") + this.loadBalancer.getLoadBalancerDnsName())
			.build();

		String catalogUrl = "http://catalog.polyshop.internal:8080";
		String ordersUrl = "http://orders.polyshop.internal:8080";

		Map<String, String> catalogEnvironment = withIssuer(identity, "SPRING_DATASOURCE_URL",
				jdbc(data.catalog.getDbInstanceEndpointAddress(), "catalog"), "CATALOG_DB_READER_URL",
				jdbc(data.catalogReplica.getDbInstanceEndpointAddress(), "catalog"), "SPRING_DATA_REDIS_HOST",
				data.redis.getAttrPrimaryEndPointAddress(), "SPRING_DATA_REDIS_PORT", "6379",
				"SPRING_DATA_REDIS_SSL_ENABLED", "true");
		Map<String, Secret> catalogSecrets = Map.of("SPRING_DATASOURCE_USERNAME",
				Secret.fromSecretsManager(Objects.requireNonNull(data.catalog.getSecret()), "username"),
				"CATALOG_DB_PASSWORD",
				Secret.fromSecretsManager(Objects.requireNonNull(data.catalog.getSecret()), "password"),
				"SPRING_DATA_REDIS_PASSWORD", Secret.fromSecretsManager(data.redisAuth));
		Platform platform = new Platform(config, cluster, namespace, listener);
		service(platform, new ServiceSpec("catalog-service", "catalog", network.catalog, 10,
				List.of("/products", "/products/*"), catalogEnvironment, catalogSecrets));

		Map<String, String> ordersEnvironment = withIssuer(identity, "SPRING_DATASOURCE_URL",
				jdbc(data.orders.getClusterEndpoint().getHostname(), "orders"), "ORDERS_DB_READER_URL",
				jdbc(data.orders.getClusterReadEndpoint().getHostname(), "orders"), "POLYSHOP_ORDERS_CATALOG_BASEURL",
				catalogUrl);
		Map<String, Secret> ordersSecrets = Map.of("SPRING_DATASOURCE_USERNAME",
				Secret.fromSecretsManager(Objects.requireNonNull(data.orders.getSecret()), "username"),
				"ORDERS_DB_PASSWORD",
				Secret.fromSecretsManager(Objects.requireNonNull(data.orders.getSecret()), "password"));
		service(platform, new ServiceSpec("orders-service", "orders", network.orders, 20,
				List.of("/orders", "/orders/*"), ordersEnvironment, ordersSecrets));

		Map<String, String> sessionsEnvironment = withIssuer(identity, "POLYSHOP_SESSIONS_DYNAMODB_REGION", getRegion(),
				"POLYSHOP_SESSIONS_CATALOG_BASEURL", catalogUrl, "POLYSHOP_SESSIONS_ORDERS_BASEURL", ordersUrl);
		sessionsEnvironment.putAll(identity.clientEnvironment());
		Map<String, Secret> sessionsSecrets = Map.of("POLYSHOP_AUTH_SESSION_SERVICE_SECRET",
				Secret.fromSecretsManager(identity.sessionServiceSecret));
		FargateService sessions = service(platform,
				new ServiceSpec("session-service", "sessions", network.sessions, 30,
						List.of("/sessions", "/sessions/*", "/customers/*", "/insights/*"), sessionsEnvironment,
						sessionsSecrets));
		// Exactly what the service calls, on the tables and indexes it names: no wildcard
		// actions (as the grant helpers write), no index/* ARNs.
		IRole sessionsRole = sessions.getTaskDefinition().getTaskRole();
		allow(sessionsRole,
				List.of(data.sessions.getTableArn(), data.sessions.getTableArn() + "/index/gsi1",
						data.sessions.getTableArn() + "/index/gsi2"),
				"dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
				"dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem");
		allow(sessionsRole, List.of(data.insights.getTableArn(), data.insights.getTableArn() + "/index/lsi1"),
				"dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query");
		allow(sessionsRole, List.of(data.key.getKeyArn()), "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");

		// Service-to-service: only the callers reach the callee's port.
		network.catalog.addIngressRule(network.orders, Port.tcp(8080), "orders-service prices orders");
		network.catalog.addIngressRule(network.sessions, Port.tcp(8080), "session-service snapshots prices");
		network.orders.addIngressRule(network.sessions, Port.tcp(8080), "session-service checks out");

		this.projector = projector(config, data);
		this.insightsAudit = insightsAudit(config, data);
	}

	/**
	 * What the three services share: the environment, the ECS cluster, the Cloud Map
	 * namespace they find each other in, and the load balancer's listener.
	 */
	private record Platform(EnvironmentConfig config, Cluster cluster, PrivateDnsNamespace namespace,
			ApplicationListener listener) {
	}

	/**
	 * One service.
	 *
	 * @param service its module name, which names its image
	 * @param shortName its name in Cloud Map and in resource ids
	 * @param securityGroup its own security group
	 * @param priority its listener rule's priority
	 * @param paths the API paths the load balancer sends it
	 * @param environment its settings
	 * @param secrets its secrets, from Secrets Manager
	 */
	private record ServiceSpec(String service, String shortName, SecurityGroup securityGroup, int priority,
			List<String> paths, Map<String, String> environment, Map<String, Secret> secrets) {
	}

	private FargateService service(Platform platform, ServiceSpec spec) {
		EnvironmentConfig config = platform.config();
		String shortName = spec.shortName();
		FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, shortName + "Task")
			.cpu(config.services().cpu())
			.memoryLimitMiB(config.services().memory())
			.runtimePlatform(RuntimePlatform.builder()
				.cpuArchitecture(CpuArchitecture.ARM64)
				.operatingSystemFamily(OperatingSystemFamily.LINUX)
				.build())
			.build();
		// Sorted: Map.of iterates in a per-JVM random order, and an order that changes
		// from
		// one synth to the next would make every deploy replace the task definitions.
		Map<String, String> variables = new TreeMap<>(spec.environment());
		variables.put("SPRING_PROFILES_ACTIVE", "aws");
		variables.put("SERVER_PORT", "8080");
		variables.put("PORT", "8080");
		// Actuator on its own port, on the task's private address: the load balancer
		// forwards only to 8080, where nothing but /livez and /readyz of it answers.
		variables.put("MANAGEMENT_SERVER_PORT", "8081");
		variables.put("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0");
		variables.put("TRACING_SAMPLING_PROBABILITY", config.isProduction() ? "0.1" : "1.0");
		variables.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
		task.addContainer(shortName,
				ContainerDefinitionOptions.builder()
					.image(ServiceImages.of(spec.service()))
					.environment(variables)
					.secrets(new TreeMap<>(spec.secrets()))
					.portMappings(List.of(PortMapping.builder().containerPort(8080).name("http").build()))
					.logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
						.streamPrefix(shortName)
						.logGroup(LogGroup.Builder.create(this, shortName + "Logs")
							.retention(config.lifecycle().logRetention())
							.removalPolicy(config.lifecycle().removalPolicy())
							.build())
						.build()))
					.readonlyRootFilesystem(false)
					.build());
		FargateService fargate = FargateService.Builder.create(this, shortName + "Service")
			.cluster(platform.cluster())
			.taskDefinition(task)
			.desiredCount(config.services().desiredCount())
			.securityGroups(List.of(spec.securityGroup()))
			.vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
			.cloudMapOptions(CloudMapOptions.builder().cloudMapNamespace(platform.namespace()).name(shortName).build())
			.circuitBreaker(
					software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker.builder().rollback(true).build())
			.minHealthyPercent(100)
			.build();
		ApplicationTargetGroup targets = ApplicationTargetGroup.Builder.create(this, shortName + "Targets")
			.vpc(platform.cluster().getVpc())
			.port(8080)
			.protocol(ApplicationProtocol.HTTP)
			.targetType(TargetType.IP)
			.targets(List.of(fargate))
			.healthCheck(HealthCheck.builder()
				.path("/readyz")
				.healthyHttpCodes("200")
				.interval(Duration.seconds(15))
				.build())
			.deregistrationDelay(Duration.seconds(20))
			.build();
		platform.listener()
			.addTargetGroups(shortName,
					AddApplicationTargetGroupsProps.builder()
						.priority(spec.priority())
						.conditions(List.of(ListenerCondition.pathPatterns(spec.paths())))
						.targetGroups(List.of(targets))
						.build());
		var scaling = fargate.autoScaleTaskCount(EnableScalingProps.builder()
			.minCapacity(config.services().desiredCount())
			.maxCapacity(config.services().maxCount())
			.build());
		scaling.scaleOnCpuUtilization("Cpu", CpuUtilizationScalingProps.builder().targetUtilizationPercent(60).build());
		scaling.scaleOnRequestCount("Requests",
				RequestCountScalingProps.builder().requestsPerTarget(500).targetGroup(targets).build());
		this.services.put(spec.service(), fargate);
		this.targetGroups.put(spec.service(), targets);
		return fargate;
	}

	private Function projector(EnvironmentConfig config, DataStack data) {
		Key queueKey = Key.Builder.create(this, "ProjectorDlqKey")
			.enableKeyRotation(true)
			.removalPolicy(config.lifecycle().removalPolicy())
			.build();
		Queue failures = Queue.Builder.create(this, "ProjectorFailures")
			.encryption(QueueEncryption.KMS)
			.encryptionMasterKey(queueKey)
			.enforceSsl(true)
			.retentionPeriod(Duration.days(14))
			.build();
		Function function = projectorJarFunction(config, "Projector", "ProjectorHandler", Duration.seconds(60),
				Map.of("INSIGHTS_TABLE", data.insights.getTableName()));
		// The projector may write the read model and nothing else (the event source
		// mapping adds the stream reads).
		allow(function.getRole(), List.of(data.insights.getTableArn()), "dynamodb:GetItem", "dynamodb:PutItem",
				"dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem");
		allow(function.getRole(), List.of(data.key.getKeyArn()), "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");
		function.addEventSource(new DynamoEventSource(data.sessions,
				software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps.builder()
					.startingPosition(StartingPosition.TRIM_HORIZON)
					.batchSize(100)
					.maxBatchingWindow(Duration.seconds(2))
					.bisectBatchOnError(true)
					.reportBatchItemFailures(true)
					.retryAttempts(5)
					.maxRecordAge(Duration.hours(6))
					.parallelizationFactor(1)
					.onFailure(new SqsDlq(failures))
					.build()));
		return function;
	}

	/**
	 * The read model's audit: every hour, compares each product's in-cart count with the
	 * sessions table and publishes the drift as a metric (ObservabilityStack alarms on
	 * it). It only reads.
	 */
	private Function insightsAudit(EnvironmentConfig config, DataStack data) {
		Function function = projectorJarFunction(config, "InsightsAudit", "InsightsAuditHandler", Duration.minutes(5),
				Map.of("SESSIONS_TABLE", data.sessions.getTableName(), "INSIGHTS_TABLE", data.insights.getTableName(),
						"SETTLE_SECONDS", "30"));
		allow(function.getRole(), List.of(data.sessions.getTableArn(), data.insights.getTableArn()), "dynamodb:Scan");
		allow(function.getRole(), List.of(data.key.getKeyArn()), "kms:Decrypt");
		Rule.Builder.create(this, "InsightsAuditSchedule")
			.schedule(Schedule.rate(Duration.hours(1)))
			.targets(List.of(new LambdaFunction(function)))
			.build();
		return function;
	}

	/**
	 * A Java 21 Lambda of the session-projector jar (ARM, traced, its own log group).
	 * @param handler the handler's simple class name in
	 * {@code io.polyshop.sessions.projector}
	 */
	private Function projectorJarFunction(EnvironmentConfig config, String id, String handler, Duration timeout,
			Map<String, String> environment) {
		return Function.Builder.create(this, id)
			.runtime(Runtime.JAVA_21)
			.architecture(Architecture.ARM_64)
			.handler("io.polyshop.sessions.projector." + handler + "::handleRequest")
			.code(Code.fromAsset(ServiceImages.projectorJar().toString()))
			.memorySize(1024)
			.timeout(timeout)
			.environment(environment)
			.tracing(Tracing.ACTIVE)
			.logGroup(LogGroup.Builder.create(this, id + "Logs")
				.retention(config.lifecycle().logRetention())
				.removalPolicy(config.lifecycle().removalPolicy())
				.build())
			.build();
	}

	private static void allow(@Nullable IRole role, List<String> resources, String... actions) {
		Objects.requireNonNull(role, "a role")
			.addToPrincipalPolicy(
					PolicyStatement.Builder.create().actions(List.of(actions)).resources(resources).build());
	}

	/**
	 * A service's settings, and what makes it trust the user pool's tokens.
	 * @param settings names and values, alternating
	 */
	private static Map<String, String> withIssuer(IdentityStack identity, String... settings) {
		Map<String, String> environment = new TreeMap<>(identity.resourceServerEnvironment());
		for (int i = 0; i < settings.length; i += 2) {
			environment.put(settings[i], settings[i + 1]);
		}
		return environment;
	}

	/** Through the AWS Advanced JDBC Wrapper (the services' aws profile). */
	private static String jdbc(String host, String database) {
		return "jdbc:aws-wrapper:postgresql://" + host + ":5432/" + database;
	}

}
