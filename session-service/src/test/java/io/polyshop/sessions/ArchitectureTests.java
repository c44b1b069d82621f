package io.polyshop.sessions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.polyshop.local.ArchitectureRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries of session-service, checked on its compiled classes (see
 * {@link ArchitectureRules}).
 */
class ArchitectureTests {

	private static final String BASE = "io.polyshop.sessions";

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

	/**
	 * Checkout names a session by the table's layout (SessionItems), not by the
	 * projection.
	 */
	@Test
	void checkoutDoesNotReachIntoTheProjection() {
		noClasses().that()
			.resideInAPackage("io.polyshop.sessions.checkout..")
			.should()
			.dependOnClassesThat(
					resideInAPackage("io.polyshop.sessions.projector..").and(not(simpleName("SessionItems"))))
			.check(CLASSES);
	}

	/**
	 * The keys and key attributes of each table are spelled in one place: SessionItems
	 * for polyshop-sessions, InsightItems for polyshop-cart-insights. Checked on the
	 * sources, where the literals are.
	 */
	@Test
	void theSingleTableKeyLayoutIsSpelledOnlyInItsItemsClass() throws IOException {
		Pattern layoutLiteral = Pattern.compile("\"([A-Z_]+#|pk\"|sk\"|gsi1pk\"|gsi1sk\"|expiresAt\")");
		List<Path> roots = List.of(Path.of("src/main/java"), Path.of("../session-projector/src/main/java"));
		List<String> offenders = new ArrayList<>();
		for (Path root : roots) {
			try (Stream<Path> files = Files.walk(root)) {
				for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
					String name = file.getFileName().toString();
					if (!name.equals("SessionItems.java") && !name.equals("InsightItems.java")
							&& layoutLiteral.matcher(Files.readString(file)).find()) {
						offenders.add(file.toString());
					}
				}
			}
		}
		assertThat(offenders).as("files spelling a table key outside SessionItems / InsightItems").isEmpty();
	}

}
