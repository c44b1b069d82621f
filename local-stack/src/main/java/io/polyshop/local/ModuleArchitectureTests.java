package io.polyshop.local;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The boundaries every module keeps ({@link ArchitectureRules}), as tests: a module's
 * {@code ArchitectureTests} extends this with its base package, and adds its own rules.
 */
public abstract class ModuleArchitectureTests {

	private final String base;

	private final JavaClasses classes;

	protected ModuleArchitectureTests(String base) {
		this.base = base;
		this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(base);
	}

	/** The module's production classes. */
	protected JavaClasses classes() {
		return this.classes;
	}

	@Test
	void noPackageDependsOnItselfThroughOthers() {
		ArchitectureRules.noPackageCycles(this.base).check(this.classes);
	}

	@Test
	void nothingBelowTheWebLayerDependsOnIt() {
		ArchitectureRules.webIsOutermost(this.base).check(this.classes);
	}

	@Test
	void webAdaptersOpenNoTransaction() {
		ArchitectureRules.noTransactionsInWeb(this.base).check(this.classes);
		ArchitectureRules.noTransactionalMethodsInWeb(this.base).check(this.classes);
	}

	@Test
	void webAdaptersCallApplicationServicesNotStores() {
		ArchitectureRules.webCallsNoStore(this.base).check(this.classes);
	}

}
