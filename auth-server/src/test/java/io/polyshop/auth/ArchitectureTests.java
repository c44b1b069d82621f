package io.polyshop.auth;

import io.polyshop.local.ModuleArchitectureTests;

/**
 * The boundaries of auth-server (see {@code ArchitectureRules}), checked on its compiled
 * classes.
 */
class ArchitectureTests extends ModuleArchitectureTests {

	ArchitectureTests() {
		super("io.polyshop.auth");
	}

}
