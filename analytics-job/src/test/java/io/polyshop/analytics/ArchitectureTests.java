package io.polyshop.analytics;

import io.polyshop.local.ModuleArchitectureTests;

/**
 * The boundaries of analytics-job (see {@code ArchitectureRules}), checked on its
 * compiled classes.
 */
class ArchitectureTests extends ModuleArchitectureTests {

	ArchitectureTests() {
		super("io.polyshop.analytics");
	}

}
