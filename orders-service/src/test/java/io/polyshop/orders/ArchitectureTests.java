package io.polyshop.orders;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.polyshop.local.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of orders-service, checked on its compiled classes (see
 * {@link ArchitectureRules}).
 */
class ArchitectureTests {

	private static final String BASE = "io.polyshop.orders";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(BASE);

	@Test
	void noPackageDependsOnItselfThroughOthers() {
		ArchitectureRules.noPackageCycles(BASE).check(CLASSES);
	}

	@Test
	void nothingBelowTheWebLayerDependsOnIt() {
		ArchitectureRules.webIsOutermost(BASE).check(CLASSES);
	}

	@Test
	void webAdaptersOpenNoTransaction() {
		ArchitectureRules.noTransactionsInWeb(BASE).check(CLASSES);
		ArchitectureRules.noTransactionalMethodsInWeb(BASE).check(CLASSES);
	}

	@Test
	void webAdaptersCallApplicationServicesNotStores() {
		ArchitectureRules.webCallsNoStore(BASE).check(CLASSES);
	}

}
