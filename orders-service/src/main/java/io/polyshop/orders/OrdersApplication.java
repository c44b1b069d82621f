package io.polyshop.orders;

import java.time.Clock;

import io.polyshop.defaults.jdbc.EnableReadReplicaRouting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableReadReplicaRouting
@ConfigurationPropertiesScan
@EnableScheduling
public class OrdersApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrdersApplication.class, args);
	}

	/** UTC, and replaceable in tests. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
