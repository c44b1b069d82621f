package io.polyshop.infra;

import java.util.List;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.jspecify.annotations.Nullable;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * Builds the six stacks of one environment into an app, with cdk-nag's AWS Solutions
 * checks applied to all of them. Used by {@link InfraApp} (the CDK entry point) and the
 * tests.
 */
public record PolyshopApp(NetworkStack network, IdentityStack identity, DataStack data, ApplicationStack application,
		AnalyticsStack analytics, ObservabilityStack observability) {

	public static PolyshopApp build(App app, EnvironmentConfig config, Environment environment) {
		return build(app, config, environment, null);
	}

	/**
	 * @param certificateArn an ACM certificate for HTTPS at the load balancer, or null
	 * for HTTP only
	 */
	public static PolyshopApp build(App app, EnvironmentConfig config, Environment environment,
			@Nullable String certificateArn) {
		String prefix = "Polyshop-" + config.name() + "-";
		StackProps props = StackProps.builder().env(environment).build();
		NetworkStack network = new NetworkStack(app, prefix + "Network", props, config);
		IdentityStack identity = new IdentityStack(app, prefix + "Identity", props, config);
		DataStack data = new DataStack(app, prefix + "Data", props, config, network);
		ApplicationStack application = new ApplicationStack(app, prefix + "Application", props, config, network,
				identity, data, certificateArn);
		AnalyticsStack analytics = new AnalyticsStack(app, prefix + "Analytics", props, config, network, data);
		ObservabilityStack observability = new ObservabilityStack(app, prefix + "Observability", props, config, data,
				application, analytics);
		PolyshopApp polyshop = new PolyshopApp(network, identity, data, application, analytics, observability);
		for (var stack : List.of(network, identity, data, application, analytics, observability)) {
			Tags.of(stack).add("project", "polyshop");
			Tags.of(stack).add("environment", config.name());
		}
		NagSuppressions.apply(polyshop, config);
		Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
		return polyshop;
	}

}
