package io.polyshop.sessions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.polyshop.local.ModuleArchitectureTests;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries of session-service (see {@code ArchitectureRules}), and two of its own:
 * checkout does not reach into the projection, and each table's keys are spelled in one
 * place.
 */
class ArchitectureTests extends ModuleArchitectureTests {

	ArchitectureTests() {
		super("io.polyshop.sessions");
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
			.check(classes());
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
