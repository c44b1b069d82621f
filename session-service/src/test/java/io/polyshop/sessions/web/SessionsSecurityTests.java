package io.polyshop.sessions.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.polyshop.contract.AccessAssertions;
import io.polyshop.contract.Endpoint;
import io.polyshop.contract.TestCaller;
import io.polyshop.contract.TestIssuer;
import io.polyshop.sessions.SessionsIntegrationTest;
import io.polyshop.sessions.TestSessions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.polyshop.contract.TestCaller.ALICE;
import static io.polyshop.contract.TestCaller.BOB;
import static io.polyshop.contract.TestCaller.OPS;
import static io.polyshop.contract.TestCaller.SESSION_SERVICE;

/**
 * Every endpoint of session-service × every kind of caller, on a new session with a
 * product in its cart: a guest's, or one alice has attached herself to. A guest cart
 * needs no token (its id is the secret); attaching, checking out and listing sessions are
 * a customer's own business; the insights take the staff scope. No forged, expired,
 * foreign or misaddressed token gets in, not even where none is needed. Tokens are signed
 * by {@link TestIssuer} and checked against its JWKS, as production checks the real
 * issuer's.
 */
@SessionsIntegrationTest
class SessionsSecurityTests {

	private static final String GUEST = "a guest's";

	private static final String ALICES = "alice's";

	@Autowired
	MockMvcTester mvc;

	/**
	 * A row's endpoint ({@code {id}} the session, {@code {sku}} the product in its cart,
	 * {@code {me}} the caller's own id) on a session, and what each legitimate caller
	 * gets; no token gets {@code anonymous}, a forged one always a 401.
	 */
	record Rule(Endpoint endpoint, String session, int anonymous, Map<TestCaller, Integer> expected) {

		@Override
		public String toString() {
			return this.endpoint + " of " + this.session + " session";
		}

	}

	static Stream<Arguments> everyEndpointAndCaller() {
		List<Rule> rules = List.of(rule(Endpoint.post("/sessions", "{\"currency\": \"USD\"}"), GUEST, 201, 201),
				rule(Endpoint.get("/sessions/{id}"), GUEST, 200, 200),
				rule(Endpoint.put("/sessions/{id}/cart/{sku}", "{\"quantity\": 3}"), GUEST, 200, 200),
				rule(Endpoint.delete("/sessions/{id}/cart/{sku}"), GUEST, 200, 200),
				rule(Endpoint.put("/sessions/{id}/customer", "{\"customerId\": \"{me}\"}"), GUEST, 401, 200),
				rule(Endpoint.put("/sessions/{id}/customer", "{\"customerId\": \"alice\"}"), GUEST, 401, 200, 403, 403,
						403),
				rule(Endpoint.put("/sessions/{id}/customer", "{\"customerId\": \"{me}\"}"), ALICES, 401, 200, 403, 403,
						403),
				rule(Endpoint.post("/sessions/{id}/checkout", null), GUEST, 401, 201),
				rule(Endpoint.post("/sessions/{id}/checkout", null), ALICES, 401, 201, 403, 403, 403),
				rule(Endpoint.get("/customers/alice/sessions"), ALICES, 401, 200, 403, 200, 403),
				rule(Endpoint.get("/insights/trending"), GUEST, 401, 403, 403, 200, 403),
				rule(Endpoint.get("/insights/products/{sku}"), GUEST, 401, 403, 403, 200, 403),
				rule(Endpoint.get("/insights/abandoned-carts"), GUEST, 401, 403, 403, 200, 403));
		List<Arguments> rows = new ArrayList<>();
		for (Rule rule : rules) {
			for (TestCaller caller : TestCaller.values()) {
				Integer expected = (caller == TestCaller.ANONYMOUS) ? Integer.valueOf(rule.anonymous())
						: rule.expected().get(caller);
				rows.add(Arguments.of(rule, caller, (expected != null) ? expected : 401));
			}
		}
		return rows.stream();
	}

	/** The same for every caller with a valid token. */
	private static Rule rule(Endpoint endpoint, String session, int anonymous, int everyone) {
		return rule(endpoint, session, anonymous, everyone, everyone, everyone, everyone);
	}

	private static Rule rule(Endpoint endpoint, String session, int anonymous, int alice, int bob, int ops,
			int sessionService) {
		return new Rule(endpoint, session, anonymous,
				Map.of(ALICE, alice, BOB, bob, OPS, ops, SESSION_SERVICE, sessionService));
	}

	@ParameterizedTest(name = "{0} by {1} → {2}")
	@MethodSource("everyEndpointAndCaller")
	void eachCallerGetsWhatItsTokenAllows(Rule rule, TestCaller caller, int expected) {
		String session = TestSessions.start(this.mvc);
		String sku = TestSessions.uniqueSku();
		TestSessions.add(this.mvc, session, sku, 1);
		if (rule.session().equals(ALICES)) {
			TestSessions.attach(this.mvc, session, "alice");
		}
		Endpoint template = rule.endpoint();
		String me = switch (caller) {
			case ALICE -> "alice";
			case BOB -> "bob";
			case SESSION_SERVICE -> "session-service";
			default -> "ops";
		};
		Endpoint endpoint = new Endpoint(template.method(),
				template.path().replace("{id}", session).replace("{sku}", sku),
				(template.body() != null) ? template.body().replace("{me}", me) : null);

		MvcTestResult result = this.mvc.perform(caller.request(endpoint));

		AccessAssertions.assertAnswer(result, expected, rule + " by " + caller);
	}

}
