package io.polyshop.infra;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * A bucket for access logs (of the load balancer, of another bucket): S3-managed keys,
 * since neither the ALB nor S3 server access logging can write to a KMS-encrypted bucket;
 * private, TLS only, logs kept 90 days, emptied on destroy where the environment
 * destroys.
 */
final class AccessLogBuckets {

	private AccessLogBuckets() {
	}

	static Bucket create(Construct scope, String id, EnvironmentConfig config) {
		return Bucket.Builder.create(scope, id)
			.encryption(BucketEncryption.S3_MANAGED)
			.blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
			.enforceSsl(true)
			.lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(90)).build()))
			.removalPolicy(config.lifecycle().removalPolicy())
			.autoDeleteObjects(config.lifecycle().removalPolicy() == RemovalPolicy.DESTROY)
			.build();
	}

}
