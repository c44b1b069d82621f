package io.polyshop.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Everything that differs between environments. {@code dev} is cheap (one NAT gateway,
 * small instances, no deletion protection, short retention); {@code prod} is shaped for
 * production (Multi-AZ everywhere, more readers, deletion protection, long retention).
 * Select with {@code cdk deploy -c env=prod}.
 */
public record EnvironmentConfig(String name, int natGateways, String auroraInstanceClass, int auroraReaders,
		String catalogInstanceClass, boolean multiAz, String redisNodeType, int redisNodes, boolean deletionProtection,
		RemovalPolicy removalPolicy, RetentionDays logRetention, int serviceCpu, int serviceMemory, int desiredCount,
		int maxCount, int redshiftBaseCapacity, Duration stagingExpiry, String jobSchedule) {

	public static EnvironmentConfig dev() {
		return new EnvironmentConfig("dev", 1, "t4g.medium", 1, "t4g.micro", false, "cache.t4g.micro", 2, false,
				RemovalPolicy.DESTROY, RetentionDays.ONE_WEEK, 512, 1024, 1, 2, 8, Duration.days(3),
				"cron(0 2 * * ? *)");
	}

	public static EnvironmentConfig prod() {
		return new EnvironmentConfig("prod", 3, "r7g.large", 2, "m7g.large", true, "cache.r7g.large", 3, true,
				RemovalPolicy.RETAIN, RetentionDays.SIX_MONTHS, 1024, 2048, 3, 12, 32, Duration.days(14),
				"cron(0 * * * ? *)");
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

}
