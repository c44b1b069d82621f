package io.polyshop.infra;

import java.util.List;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/**
 * The network: a VPC over three AZs with public (load balancer, NAT), private (services,
 * Lambda, job) and isolated (databases, cache, warehouse: no route to the internet)
 * subnets; gateway endpoints for DynamoDB and S3 and an interface endpoint for Secrets
 * Manager, so that traffic never crosses a NAT gateway; and one security group per
 * workload, which the data stack opens to exactly the ports each needs.
 */
public class NetworkStack extends Stack {

	final Vpc vpc;

	final SecurityGroup loadBalancer;

	final SecurityGroup catalog;

	final SecurityGroup orders;

	final SecurityGroup sessions;

	final SecurityGroup analyticsJob;

	final SecurityGroup projector;

	public NetworkStack(Construct scope, String id, StackProps props, EnvironmentConfig config) {
		super(scope, id, props);
		this.vpc = Vpc.Builder.create(this, "Vpc")
			.ipAddresses(IpAddresses.cidr("10.40.0.0/16"))
			.maxAzs(3)
			.natGateways(config.network().natGateways())
			.subnetConfiguration(List.of(
					SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
					SubnetConfiguration.builder()
						.name("private")
						.subnetType(SubnetType.PRIVATE_WITH_EGRESS)
						.cidrMask(22)
						.build(),
					SubnetConfiguration.builder()
						.name("isolated")
						.subnetType(SubnetType.PRIVATE_ISOLATED)
						.cidrMask(24)
						.build()))
			.flowLogs(java.util.Map.of("all",
					FlowLogOptions.builder().destination(FlowLogDestination.toCloudWatchLogs()).build()))
			.gatewayEndpoints(java.util.Map.of("DynamoDb",
					GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.DYNAMODB).build(), "S3",
					GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build()))
			.build();
		this.vpc.addInterfaceEndpoint("SecretsManager",
				InterfaceVpcEndpointOptions.builder()
					.service(InterfaceVpcEndpointAwsService.SECRETS_MANAGER)
					.subnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
					.build());

		this.loadBalancer = group("LoadBalancer", "The public load balancer: HTTP(S) from anywhere");
		this.loadBalancer.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP from the internet");
		this.loadBalancer.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS from the internet");
		this.catalog = group("Catalog", "catalog-service tasks");
		this.orders = group("Orders", "orders-service tasks");
		this.sessions = group("Sessions", "session-service tasks");
		this.analyticsJob = group("AnalyticsJob", "analytics-job tasks");
		this.projector = group("Projector", "the stream projector Lambda");
		for (SecurityGroup service : List.of(this.catalog, this.orders, this.sessions)) {
			service.addIngressRule(this.loadBalancer, Port.tcp(8080), "from the load balancer only");
		}
	}

	private SecurityGroup group(String id, String description) {
		return SecurityGroup.Builder.create(this, id)
			.vpc(this.vpc)
			.description(description)
			.allowAllOutbound(true)
			.build();
	}

}
