package io.polyshop.infra;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexPropsV2;
import software.amazon.awscdk.services.dynamodb.LocalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.BackupProps;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.DatabaseInstanceReadReplica;
import software.amazon.awscdk.services.rds.IClusterInstance;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.ProvisionedClusterInstanceProps;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The stores, each owned by one service (database per service), all in isolated subnets,
 * encrypted with a customer-managed KMS key, credentials in Secrets Manager:
 * <ul>
 * <li>orders: Aurora PostgreSQL 17, a writer and readers in other AZs, 14-day backups,
 * IAM authentication, rotated credentials;</li>
 * <li>catalog: RDS PostgreSQL 17 (Multi-AZ in prod) with a read replica, and ElastiCache
 * Redis as a Multi-AZ replication group with automatic failover, TLS and AUTH;</li>
 * <li>sessions: the DynamoDB tables, on demand, PITR, TTL, the GSI, the LSI and Streams
 * (NEW_AND_OLD_IMAGES) on the sessions table.</li>
 * </ul>
 */
public class DataStack extends Stack {

	final Key key;

	final DatabaseCluster orders;

	final DatabaseInstance catalog;

	final DatabaseInstanceReadReplica catalogReplica;

	final CfnReplicationGroup redis;

	final Secret redisAuth;

	final TableV2 sessions;

	final TableV2 insights;

	public DataStack(Construct scope, String id, StackProps props, EnvironmentConfig config, NetworkStack network) {
		super(scope, id, props);
		SubnetSelection isolated = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
		this.key = Key.Builder.create(this, "DataKey")
			.description("PolyShop data at rest: databases, cache, tables, secrets")
			.enableKeyRotation(true)
			.removalPolicy(config.lifecycle().removalPolicy())
			.build();

		// orders: Aurora PostgreSQL, writer + readers (each reader in another AZ).
		SecurityGroup ordersDb = storeGroup(network, "OrdersDb", "Aurora (orders)");
		ordersDb.addIngressRule(network.orders, Port.tcp(5432), "orders-service");
		ordersDb.addIngressRule(network.analyticsJob, Port.tcp(5432), "analytics-job reads the reader");
		List<IClusterInstance> readers = new ArrayList<>();
		for (int i = 1; i <= config.databases().auroraReaders(); i++) {
			readers.add(ClusterInstance.provisioned("Reader" + i,
					ProvisionedClusterInstanceProps.builder()
						.instanceType(new InstanceType(config.databases().auroraInstanceClass()))
						.publiclyAccessible(false)
						.enablePerformanceInsights(true)
						.performanceInsightEncryptionKey(this.key)
						.build()));
		}
		this.orders = DatabaseCluster.Builder.create(this, "OrdersCluster")
			.engine(DatabaseClusterEngine.auroraPostgres(
					AuroraPostgresClusterEngineProps.builder().version(AuroraPostgresEngineVersion.VER_17_9).build()))
			.writer(ClusterInstance.provisioned("Writer",
					ProvisionedClusterInstanceProps.builder()
						.instanceType(new InstanceType(config.databases().auroraInstanceClass()))
						.publiclyAccessible(false)
						.enablePerformanceInsights(true)
						.performanceInsightEncryptionKey(this.key)
						.build()))
			.readers(readers)
			.vpc(network.vpc)
			.vpcSubnets(isolated)
			.securityGroups(List.of(ordersDb))
			.defaultDatabaseName("orders")
			.credentials(Credentials.fromGeneratedSecret("orders_admin"))
			.storageEncrypted(true)
			.storageEncryptionKey(this.key)
			.iamAuthentication(true)
			.backup(BackupProps.builder().retention(Duration.days(14)).preferredWindow("03:00-04:00").build())
			.deletionProtection(config.lifecycle().deletionProtection())
			.removalPolicy(config.lifecycle().removalPolicy())
			.cloudwatchLogsExports(List.of("postgresql"))
			.build();
		this.orders.addRotationSingleUser();

		// catalog: RDS PostgreSQL (Multi-AZ in prod) plus a read replica.
		SecurityGroup catalogDb = storeGroup(network, "CatalogDb", "RDS (catalog)");
		catalogDb.addIngressRule(network.catalog, Port.tcp(5432), "catalog-service");
		this.catalog = DatabaseInstance.Builder.create(this, "CatalogDatabase")
			.engine(DatabaseInstanceEngine
				.postgres(PostgresInstanceEngineProps.builder().version(PostgresEngineVersion.VER_17_9).build()))
			.instanceType(new InstanceType(config.databases().catalogInstanceClass()))
			.vpc(network.vpc)
			.vpcSubnets(isolated)
			.securityGroups(List.of(catalogDb))
			.databaseName("catalog")
			.credentials(Credentials.fromGeneratedSecret("catalog_admin"))
			.multiAz(config.databases().multiAz())
			.publiclyAccessible(false)
			.storageEncrypted(true)
			.storageEncryptionKey(this.key)
			.iamAuthentication(true)
			.backupRetention(Duration.days(14))
			.deletionProtection(config.lifecycle().deletionProtection())
			.removalPolicy(config.lifecycle().removalPolicy())
			.enablePerformanceInsights(true)
			.performanceInsightEncryptionKey(this.key)
			.cloudwatchLogsExports(List.of("postgresql"))
			.build();
		this.catalog.addRotationSingleUser();
		this.catalogReplica = DatabaseInstanceReadReplica.Builder.create(this, "CatalogReplica")
			.sourceDatabaseInstance(this.catalog)
			.instanceType(new InstanceType(config.databases().catalogInstanceClass()))
			.multiAz(config.databases().multiAz())
			.vpc(network.vpc)
			.vpcSubnets(isolated)
			.securityGroups(List.of(catalogDb))
			.publiclyAccessible(false)
			.storageEncrypted(true)
			.storageEncryptionKey(this.key)
			.deletionProtection(config.lifecycle().deletionProtection())
			.removalPolicy(config.lifecycle().removalPolicy())
			.enablePerformanceInsights(true)
			.performanceInsightEncryptionKey(this.key)
			.build();

		// catalog's cache: Redis, replicated across AZs, TLS in transit, AUTH token.
		SecurityGroup cache = storeGroup(network, "Cache", "ElastiCache (catalog cache)");
		cache.addIngressRule(network.catalog, Port.tcp(6379), "catalog-service");
		// Encrypted with Secrets Manager's AWS-managed key: a customer key here would put
		// the
		// reading task roles (another stack) into this stack's key policy, a dependency
		// cycle.
		this.redisAuth = Secret.Builder.create(this, "RedisAuthToken")
			.description("AUTH token of the catalog cache")
			.generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).passwordLength(64).build())
			.build();
		CfnSubnetGroup cacheSubnets = CfnSubnetGroup.Builder.create(this, "CacheSubnets")
			.description("isolated subnets of the catalog cache")
			.subnetIds(network.vpc.selectSubnets(isolated).getSubnetIds())
			.build();
		this.redis = CfnReplicationGroup.Builder.create(this, "CatalogCache")
			.replicationGroupDescription("PolyShop catalog cache")
			.engine("redis")
			.engineVersion("7.1")
			.cacheNodeType(config.cache().nodeType())
			.numCacheClusters(config.cache().nodes())
			.multiAzEnabled(true)
			.automaticFailoverEnabled(true)
			.transitEncryptionEnabled(true)
			.atRestEncryptionEnabled(true)
			.kmsKeyId(this.key.getKeyId())
			.authToken(this.redisAuth.getSecretValue().unsafeUnwrap())
			.cacheSubnetGroupName(cacheSubnets.getRef())
			.securityGroupIds(List.of(cache.getSecurityGroupId()))
			.snapshotRetentionLimit(config.isProduction() ? 7 : 1)
			.build();

		// sessions: the single table (Streams feed the read model) and the read model.
		this.sessions = TableV2.Builder.create(this, "SessionsTable")
			.tableName("polyshop-sessions")
			.partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
			.sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
			.globalSecondaryIndexes(List.of(
					GlobalSecondaryIndexPropsV2.builder()
						.indexName("gsi1")
						.partitionKey(Attribute.builder().name("gsi1pk").type(AttributeType.STRING).build())
						.sortKey(Attribute.builder().name("gsi1sk").type(AttributeType.STRING).build())
						.build(),
					// Sparse: only a session whose checkout outcome is unknown, for the
					// reconciler.
					GlobalSecondaryIndexPropsV2.builder()
						.indexName("gsi2")
						.partitionKey(Attribute.builder().name("gsi2pk").type(AttributeType.STRING).build())
						.sortKey(Attribute.builder().name("gsi2sk").type(AttributeType.STRING).build())
						.projectionType(ProjectionType.KEYS_ONLY)
						.build()))
			.billing(Billing.onDemand())
			.timeToLiveAttribute("expiresAt")
			.dynamoStream(StreamViewType.NEW_AND_OLD_IMAGES)
			.pointInTimeRecovery(true)
			.deletionProtection(config.lifecycle().deletionProtection())
			.encryption(TableEncryptionV2.customerManagedKey(this.key))
			.removalPolicy(config.lifecycle().removalPolicy())
			.build();
		this.insights = TableV2.Builder.create(this, "InsightsTable")
			.tableName("polyshop-cart-insights")
			.partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
			.sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
			.localSecondaryIndexes(List.of(LocalSecondaryIndexProps.builder()
				.indexName("lsi1")
				.sortKey(Attribute.builder().name("adds").type(AttributeType.NUMBER).build())
				.build()))
			.billing(Billing.onDemand())
			.timeToLiveAttribute("expiresAt")
			.pointInTimeRecovery(true)
			.deletionProtection(config.lifecycle().deletionProtection())
			.encryption(TableEncryptionV2.customerManagedKey(this.key))
			.removalPolicy(config.lifecycle().removalPolicy())
			.build();
	}

	private SecurityGroup storeGroup(NetworkStack network, String id, String description) {
		return SecurityGroup.Builder.create(this, id)
			.vpc(network.vpc)
			.description(description + ": reachable only from the services that own it")
			.allowAllOutbound(false)
			.build();
	}

}
