package io.polyshop.analytics.warehouse;

import org.jspecify.annotations.Nullable;

/**
 * Where a Redshift load goes, through the Data API.
 *
 * @param workgroup the Redshift Serverless workgroup
 * @param database the database in it
 * @param secretArn the Secrets Manager secret with its credentials, or null for IAM
 * @param iamRole the role Redshift assumes to read the staged files
 * @param region the AWS region of the bucket, or null for us-east-1
 */
public record RedshiftTarget(@Nullable String workgroup, String database, @Nullable String secretArn, String iamRole,
		@Nullable String region) {
}
