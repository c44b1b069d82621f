package io.polyshop.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Everything that differs between environments, grouped by what it sizes. {@code dev} is
 * cheap (one NAT gateway, small instances, no deletion protection, short retention);
 * {@code prod} is shaped for production (Multi-AZ everywhere, more readers, deletion
 * protection, long retention). Select with {@code cdk deploy -c env=prod}.
 *
 * @param name {@code dev} or {@code prod}, part of every stack's name
 * @param network the VPC
 * @param databases Aurora (orders) and RDS (catalog)
 * @param cache ElastiCache Redis
 * @param services the Fargate services
 * @param analytics Redshift Serverless, the staging bucket, the job's schedule
 * @param lifecycle what survives a delete, and for how long logs are kept
 */
public record EnvironmentConfig(String name, Network network, Databases databases, Cache cache, Services services,
		Analytics analytics, Lifecycle lifecycle) {

	public static EnvironmentConfig dev() {
		return new EnvironmentConfig("dev", new Network(1), new Databases("t4g.medium", 1, "t4g.micro", false),
				new Cache("cache.t4g.micro", 2), new Services(512, 1024, 1, 2),
				new Analytics(8, Duration.days(3), "cron(0 2 * * ? *)"),
				new Lifecycle(false, RemovalPolicy.DESTROY, RetentionDays.ONE_WEEK));
	}

	public static EnvironmentConfig prod() {
		return new EnvironmentConfig("prod", new Network(3), new Databases("r7g.large", 2, "m7g.large", true),
				new Cache("cache.r7g.large", 3), new Services(1024, 2048, 3, 12),
				new Analytics(32, Duration.days(14), "cron(0 * * * ? *)"),
				new Lifecycle(true, RemovalPolicy.RETAIN, RetentionDays.SIX_MONTHS));
	}

	public static EnvironmentConfig of(String name) {
		return switch (name) {
			case "dev" -> dev();
			case "prod" -> prod();
			default -> throw new IllegalArgumentException("Unknown environment '" + name + "': use dev or prod");
		};
	}

	public boolean isProduction() {
		return "prod".equals(this.name);
	}

	/**
	 * @param natGateways one per AZ in production, one shared in dev
	 */
	public record Network(int natGateways) {
	}

	/**
	 * @param auroraInstanceClass writer and readers of the orders cluster
	 * @param auroraReaders how many readers
	 * @param catalogInstanceClass the catalog's RDS primary and replica
	 * @param multiAz RDS Multi-AZ
	 */
	public record Databases(String auroraInstanceClass, int auroraReaders, String catalogInstanceClass,
			boolean multiAz) {
	}

	/**
	 * @param nodeType the Redis node type
	 * @param nodes primary plus replicas
	 */
	public record Cache(String nodeType, int nodes) {
	}

	/**
	 * @param cpu Fargate CPU units per task
	 * @param memory MiB per task
	 * @param desiredCount tasks per service at rest
	 * @param maxCount tasks per service at most (autoscaling)
	 */
	public record Services(int cpu, int memory, int desiredCount, int maxCount) {
	}

	/**
	 * @param redshiftBaseCapacity Redshift Serverless RPUs
	 * @param stagingExpiry how long staged files stay in S3
	 * @param jobSchedule when the load runs (EventBridge Scheduler expression)
	 */
	public record Analytics(int redshiftBaseCapacity, Duration stagingExpiry, String jobSchedule) {
	}

	/**
	 * @param deletionProtection on databases
	 * @param removalPolicy for stateful resources when the stack goes
	 * @param logRetention of every log group
	 */
	public record Lifecycle(boolean deletionProtection, RemovalPolicy removalPolicy, RetentionDays logRetention) {
	}

}
