package io.polyshop.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;

/**
 * The CDK entry point: {@code npx aws-cdk deploy --all -c env=dev} (or {@code prod}) from
 * {@code infra/}, optionally {@code -c certificateArn=arn:aws:acm:...} for HTTPS. Account
 * and region come from the CLI's credentials.
 */
public final class InfraApp {

	private InfraApp() {
	}

	public static void main(String[] args) {
		App app = new App();
		Object env = app.getNode().tryGetContext("env");
		EnvironmentConfig config = EnvironmentConfig.of((env != null) ? env.toString() : "dev");
		Object certificate = app.getNode().tryGetContext("certificateArn");
		PolyshopApp.build(app, config,
				Environment.builder()
					.account(System.getenv("CDK_DEFAULT_ACCOUNT"))
					.region(System.getenv("CDK_DEFAULT_REGION"))
					.build(),
				(certificate != null) ? certificate.toString() : null);
		app.synth();
	}

}
