package io.polyshop.catalog.infrastructure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the Lettuce client behaves when Redis is down, which is what makes the product
 * cache fail open quickly and heal by itself. Host, port, TLS and the command timeout
 * that bounds every call are Boot's {@code spring.data.redis.*}.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

	/**
	 * While the connection is down, reject commands at once instead of queueing them
	 * until the timeout: a cache that is away costs a request nothing.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
		return (options) -> options.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/**
	 * Lettuce's default reconnect backoff grows to 30 s; capped at 2 s (with jitter, so a
	 * fleet does not reconnect in step) the cache is back within seconds of Redis.
	 */
	@Bean
	ClientResourcesBuilderCustomizer quickReconnect() {
		return (resources) -> resources
			.reconnectDelay(Delay.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
	}

}
