package io.polyshop.analytics;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * analytics-job settings, prefix {@code polyshop.analytics}.
 *
 * @param source the orders database, through its reader endpoint
 * @param warehouse where sales go
 * @param progressInterval how often progress is logged while extracting
 */
@Validated
@ConfigurationProperties("polyshop.analytics")
public record AnalyticsProperties(@Valid @DefaultValue Database source, @Valid @DefaultValue Warehouse warehouse,
		@NotNull @DefaultValue("2s") Duration progressInterval) {

	/**
	 * @param url a JDBC URL
	 */
	public record Database(@DefaultValue("jdbc:postgresql://localhost:15432/orders") String url,
			@DefaultValue("orders") String username, @DefaultValue("orders") String password) {
	}

	/**
	 * @param dialect {@code postgresql} (JDBC, COPY FROM STDIN) or {@code redshift} (S3
	 * staging, COPY ... MANIFEST, MERGE through the Redshift Data API)
	 * @param jdbc the PostgreSQL warehouse
	 * @param redshift the Redshift Serverless warehouse
	 */
	public record Warehouse(@NotBlank @DefaultValue("postgresql") String dialect,
			@Valid @DefaultValue WarehouseDatabase jdbc, @Valid @DefaultValue Redshift redshift) {
	}

	/**
	 * @param url a JDBC URL of the PostgreSQL warehouse
	 */
	public record WarehouseDatabase(@DefaultValue("jdbc:postgresql://localhost:15432/warehouse") String url,
			@DefaultValue("warehouse") String username, @DefaultValue("warehouse") String password) {
	}

	/**
	 * @param workgroup the Redshift Serverless workgroup
	 * @param database the database in it
	 * @param secretArn the Secrets Manager secret with its credentials (or empty for IAM)
	 * @param iamRole the role Redshift assumes to read the staged files (COPY ...
	 * IAM_ROLE)
	 * @param bucket the S3 bucket for staged files
	 * @param prefix the key prefix under which each run stages its files
	 * @param region the AWS region; empty for the default chain
	 * @param s3Endpoint an S3 endpoint override (an emulator); empty for AWS
	 */
	public record Redshift(@Nullable String workgroup, @DefaultValue("warehouse") String database,
			@Nullable String secretArn, @Nullable String iamRole, @Nullable String bucket,
			@DefaultValue("sales-staging/") String prefix, @Nullable String region, @Nullable URI s3Endpoint) {
	}

}
