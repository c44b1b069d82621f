package io.polyshop.sessions.projector;

import io.polyshop.local.ModuleArchitectureTests;

/**
 * The boundaries of session-projector (see {@code ArchitectureRules}), checked on its
 * compiled classes.
 */
class ArchitectureTests extends ModuleArchitectureTests {

	ArchitectureTests() {
		super("io.polyshop.sessions.projector");
	}

}
