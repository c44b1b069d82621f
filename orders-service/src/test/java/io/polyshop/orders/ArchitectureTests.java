package io.polyshop.orders;

import io.polyshop.local.ModuleArchitectureTests;

/**
 * The boundaries of orders-service (see {@code ArchitectureRules}), checked on its
 * compiled classes.
 */
class ArchitectureTests extends ModuleArchitectureTests {

	ArchitectureTests() {
		super("io.polyshop.orders");
	}

}
