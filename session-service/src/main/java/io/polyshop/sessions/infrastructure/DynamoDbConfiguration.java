package io.polyshop.sessions.infrastructure;

import java.util.List;

import io.polyshop.sessions.SessionsProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One DynamoDB client (and one Streams client) for the whole service, reused for every
 * request, every call bounded by an attempt timeout and a call timeout. In AWS: the
 * default region and credential chains (the ECS task role). With an endpoint override
 * (DynamoDB Local): a fixed region and dummy credentials, which DynamoDB Local accepts.
 */
@Configuration(proxyBeanMethods = false)
class DynamoDbConfiguration {

	@Bean(destroyMethod = "close")
	DynamoDbClient dynamoDbClient(SessionsProperties properties, ObjectProvider<ExecutionInterceptor> interceptors) {
		var builder = DynamoDbClient.builder()
			.httpClient(httpClient(properties.dynamodb()))
			.overrideConfiguration(overrides(properties.dynamodb(), interceptors.orderedStream().toList()));
		configure(builder, properties.dynamodb());
		return builder.build();
	}

	@Bean(destroyMethod = "close")
	DynamoDbStreamsClient dynamoDbStreamsClient(SessionsProperties properties) {
		var builder = DynamoDbStreamsClient.builder()
			.httpClient(httpClient(properties.dynamodb()))
			.overrideConfiguration(overrides(properties.dynamodb(), List.of()));
		configure(builder, properties.dynamodb());
		return builder.build();
	}

	/** No call waits longer than the configured bounds, however DynamoDB stalls. */
	private static ClientOverrideConfiguration overrides(SessionsProperties.DynamoDb dynamodb,
			List<ExecutionInterceptor> interceptors) {
		return ClientOverrideConfiguration.builder()
			.apiCallAttemptTimeout(dynamodb.apiCallAttemptTimeout())
			.apiCallTimeout(dynamodb.apiCallTimeout())
			.executionInterceptors(interceptors)
			.build();
	}

	private static SdkHttpClient httpClient(SessionsProperties.DynamoDb dynamodb) {
		return UrlConnectionHttpClient.builder()
			.connectionTimeout(dynamodb.apiCallAttemptTimeout())
			.socketTimeout(dynamodb.apiCallAttemptTimeout())
			.build();
	}

	private static void configure(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, ?> builder,
			SessionsProperties.DynamoDb dynamodb) {
		if (dynamodb.endpoint() != null) {
			builder.endpointOverride(dynamodb.endpoint())
				.region(Region.of((dynamodb.region() != null) ? dynamodb.region() : "us-east-1"))
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
		}
		else {
			if (dynamodb.region() != null) {
				builder.region(Region.of(dynamodb.region()));
			}
			builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
		}
	}

}
