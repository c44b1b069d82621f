package io.polyshop.orders;

import org.springframework.boot.SpringApplication;

/** Runs orders-service from the IDE against the test backends and the catalog stub. */
public class TestOrdersApplication {

	public static void main(String[] args) {
		SpringApplication.from(OrdersApplication::main).with(BackingServicesConfiguration.class).run(args);
	}

}
