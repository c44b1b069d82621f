package io.polyshop.infra;

import java.nio.file.Path;
import java.util.Map;

import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerImage;

/**
 * Images built from the repository's one Dockerfile (multi-stage, non-root), as CDK
 * assets: {@code cdk deploy} builds and pushes them. The repository root is found from
 * this module ({@code infra/}).
 */
final class ServiceImages {

	static final Path REPOSITORY = Path.of(System.getProperty("polyshop.repository", ".."))
		.toAbsolutePath()
		.normalize();

	private ServiceImages() {
	}

	static ContainerImage of(String service) {
		return ContainerImage.fromAsset(REPOSITORY.toString(),
				AssetImageProps.builder()
					.target("service")
					.buildArgs(Map.of("SERVICE", service, "PORT", "8080"))
					.platform(Platform.LINUX_ARM64)
					.build());
	}

	static Path projectorJar() {
		return REPOSITORY.resolve("session-projector/target/session-projector-0.1.0-SNAPSHOT-lambda.jar");
	}

}
