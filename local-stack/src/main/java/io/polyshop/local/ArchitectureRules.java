package io.polyshop.local;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries every PolyShop module keeps, as ArchUnit rules; every module's
 * {@code ArchitectureTests} checks them through {@link ModuleArchitectureTests}:
 * <ul>
 * <li>no package depends on itself through others ({@link #noPackageCycles});</li>
 * <li>HTTP is the outermost layer: nothing below a {@code web} package depends on it
 * ({@link #webIsOutermost});</li>
 * <li>a web adapter neither opens a transaction nor touches a store: it calls an
 * application service, which uses the stores ({@link #noTransactionsInWeb},
 * {@link #webCallsNoStore}).</li>
 * </ul>
 * A store is a class that talks to a database: one that depends on JDBC, DynamoDB or
 * Redis client types.
 */
public final class ArchitectureRules {

	private static final String[] STORE_APIS = { "java.sql..", "javax.sql..", "org.springframework.jdbc..",
			"software.amazon.awssdk.services.dynamodb..", "io.lettuce..", "org.springframework.data.redis.." };

	private ArchitectureRules() {
	}

	/** Every package of {@code base} is a slice; no slice may reach itself again. */
	public static ArchRule noPackageCycles(String base) {
		return slices().assignedFrom(new SliceAssignment() {

			@Override
			public SliceIdentifier getIdentifierOf(JavaClass type) {
				String pkg = type.getPackageName();
				return (pkg.equals(base) || pkg.startsWith(base + ".")) ? SliceIdentifier.of(pkg)
						: SliceIdentifier.ignore();
			}

			@Override
			public String getDescription() {
				return "the packages of " + base;
			}

		}).should().beFreeOfCycles();
	}

	public static ArchRule webIsOutermost(String base) {
		return noClasses().that()
			.resideInAPackage(base + "..")
			.and()
			.resideOutsideOfPackage("..web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(base + "..web..")
			.allowEmptyShould(true);
	}

	public static ArchRule noTransactionsInWeb(String base) {
		return noClasses().that()
			.resideInAPackage(base + "..web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.transaction..")
			.allowEmptyShould(true);
	}

	public static ArchRule noTransactionalMethodsInWeb(String base) {
		return noMethods().that()
			.areDeclaredInClassesThat()
			.resideInAPackage(base + "..web..")
			.should()
			.beAnnotatedWith("org.springframework.transaction.annotation.Transactional")
			.allowEmptyShould(true);
	}

	public static ArchRule webCallsNoStore(String base) {
		DescribedPredicate<JavaClass> store = DescribedPredicate.describe("a store (JDBC, DynamoDB, Redis)",
				(type) -> type.getPackageName().startsWith(base) && type.getDirectDependenciesFromSelf()
					.stream()
					.anyMatch((dependency) -> isStoreApi(dependency.getTargetClass())));
		return noClasses().that()
			.resideInAPackage(base + "..web..")
			.and()
			.areNotAnnotatedWith("org.springframework.web.bind.annotation.RestControllerAdvice")
			.should()
			.callMethodWhere(target(owner(store)))
			.orShould()
			.dependOnClassesThat()
			.resideInAnyPackage(STORE_APIS)
			.allowEmptyShould(true);
	}

	private static boolean isStoreApi(JavaClass type) {
		String pkg = type.getPackageName();
		for (String api : STORE_APIS) {
			String prefix = api.substring(0, api.length() - 2);
			if (pkg.equals(prefix) || pkg.startsWith(prefix + ".")) {
				return true;
			}
		}
		return false;
	}

}
