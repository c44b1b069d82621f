package io.polyshop.catalog;

import io.polyshop.local.ModuleArchitectureTests;

/**
 * The boundaries of catalog-service (see {@code ArchitectureRules}), checked on its
 * compiled classes.
 */
class ArchitectureTests extends ModuleArchitectureTests {

	ArchitectureTests() {
		super("io.polyshop.catalog");
	}

}
