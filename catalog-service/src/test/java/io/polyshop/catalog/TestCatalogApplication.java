package io.polyshop.catalog;

import org.springframework.boot.SpringApplication;

/**
 * Runs catalog-service from the IDE against the test backing services (containers or
 * embedded), with nothing else to start.
 */
public class TestCatalogApplication {

	public static void main(String[] args) {
		SpringApplication.from(CatalogApplication::main).with(BackingServicesConfiguration.class).run(args);
	}

}
