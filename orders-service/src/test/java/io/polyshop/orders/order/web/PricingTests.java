package io.polyshop.orders.order.web;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.polyshop.orders.CatalogStub;
import io.polyshop.orders.OrdersIntegrationTest;
import io.polyshop.orders.TestOrders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side pricing against a simulated catalog-service, and what happens when it
 * fails.
 */
@OrdersIntegrationTest
class PricingTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CatalogStub catalog;

	@Autowired
	CircuitBreakerRegistry breakers;

	@BeforeEach
	@AfterEach
	void healthyCatalog() {
		this.catalog.answer();
		this.breakers.circuitBreaker("catalog").reset();
	}

	@Test
	void pricesNamesAndCategoriesComeFromTheCatalog() {
		String body = """
				{"customerId": "%s", "currency": "USD", "lines": [
				  {"sku": "%s", "quantity": 2},
				  {"sku": "%s", "quantity": 3}]}""".formatted(TestOrders.uniqueCustomer(), CatalogStub.KETTLE,
				CatalogStub.MUG);

		MvcTestResult created = place(TestOrders.uniqueKey(), body);

		assertThat(created).hasStatus(HttpStatus.CREATED);
		assertThat(created).bodyJson().extractingPath("$.lines[0].name").isEqualTo("Copperline Cast-Iron Skillet");
		assertThat(created).bodyJson().extractingPath("$.lines[0].category").isEqualTo("kitchen");
		assertThat(created).bodyJson().extractingPath("$.lines[0].unitPrice.amount").isEqualTo("39.99");
		assertThat(created).bodyJson().extractingPath("$.lines[0].lineTotal.amount").isEqualTo("79.98");
		assertThat(created).bodyJson().extractingPath("$.lines[1].lineTotal.amount").isEqualTo("22.05");
		assertThat(created).bodyJson()
			.extractingPath("$.total")
			.isEqualTo(java.util.Map.of("amount", "102.03", "currency", "USD"));
		assertThat(created).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
	}

	/**
	 * The shopper saw 102.03; at any other total the order is refused, nothing is stored,
	 * and the key may carry the corrected request.
	 */
	@Test
	void anOrderIsPlacedOnlyAtTheTotalTheShopperWasShown() {
		String customer = TestOrders.uniqueCustomer();
		String key = TestOrders.uniqueKey();
		String lines = """
				[{"sku": "%s", "quantity": 2}, {"sku": "%s", "quantity": 3}]""".formatted(CatalogStub.KETTLE,
				CatalogStub.MUG);
		String shown20 = """
				{"customerId": "%s", "currency": "USD", "lines": %s, "expectedTotal": {"amount": "20.00", "currency": "USD"}}"""
			.formatted(customer, lines);

		MvcTestResult refused = place(key, shown20);

		assertThat(refused).hasStatus(HttpStatus.CONFLICT).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused).bodyJson().extractingPath("$.type").isEqualTo("urn:polyshop:problem:price-changed");
		assertThat(refused).bodyJson()
			.extractingPath("$.total")
			.isEqualTo(java.util.Map.of("amount", "102.03", "currency", "USD"));
		assertThat(refused).bodyJson().extractingPath("$.lines[0].unitPrice.amount").isEqualTo("39.99");
		assertThat(TestOrders.ordersOf(this.jdbc, customer)).isZero();

		String shown102 = shown20.replace("\"20.00\"", "\"102.030\"");
		assertThat(place(key, shown102)).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.extractingPath("$.total.amount")
			.isEqualTo("102.03");
		assertThat(TestOrders.ordersOf(this.jdbc, customer)).isEqualTo(1);
	}

	@Test
	void anOrderWhoseMoneyDoesNotFitTheStoreIsRefusedBeforeTheDatabase() {
		String body = """
				{"customerId": "%s", "currency": "USD", "lines": [
				  {"sku": "%s", "quantity": 999}]}""".formatted(TestOrders.uniqueCustomer(), CatalogStub.PRICELESS);

		MvcTestResult refused = place(TestOrders.uniqueKey(), body);

		assertThat(refused).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(refused).bodyJson().extractingPath("$.errors[0].code").isEqualTo("amount-too-large");
	}

	@Test
	void aCurrencyThatIsNotMoneyIsRefused() {
		for (String currency : new String[] { "XXX", "XTS", "XAU" }) {
			String body = """
					{"customerId": "%s", "currency": "%s", "lines": [{"sku": "%s", "quantity": 1}]}"""
				.formatted(TestOrders.uniqueCustomer(), currency, CatalogStub.KETTLE);
			assertThat(place(TestOrders.uniqueKey(), body)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
				.bodyJson()
				.extractingPath("$.errors[0].code")
				.isEqualTo("unsupported-currency");
		}
	}

	/**
	 * The client's prices are not trusted: a line that carries one is refused, not
	 * repriced.
	 */
	@Test
	void aClientPriceIsRefusedNamingTheField() {
		String body = """
				{"customerId": "%s", "currency": "USD", "lines": [
				  {"sku": "%s", "quantity": 2, "unitPrice": "0.01"}]}""".formatted(TestOrders.uniqueCustomer(),
				CatalogStub.KETTLE);

		MvcTestResult refused = place(TestOrders.uniqueKey(), body);

		assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(refused).bodyJson().extractingPath("$.errors[0].field").isEqualTo("lines[0].unitPrice");
	}

	@Test
	void everyBrokenRuleIsReportedInOneUnprocessableProblem() {
		String body = """
				{"customerId": "%s", "currency": "USD", "lines": [
				  {"sku": "NOPE-00000", "quantity": 1},
				  {"sku": "%s", "quantity": 1},
				  {"sku": "%s", "quantity": 1}]}""".formatted(TestOrders.uniqueCustomer(), CatalogStub.DISCONTINUED,
				CatalogStub.EURO_ONLY);

		assertThat(place(TestOrders.uniqueKey(), body)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].code")
			.isEqualTo(List.of("unknown-sku", "inactive-sku", "currency-mismatch"));
	}

	@Test
	void badQuantitiesDuplicateSkusAndUnknownCurrenciesAreUnprocessable() {
		String customer = TestOrders.uniqueCustomer();
		assertThat(place(TestOrders.uniqueKey(),
				TestOrders.body(customer, "[{\"sku\": \"%s\", \"quantity\": 0}]".formatted(CatalogStub.KETTLE))))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.extractingPath("$.errors[0].code")
			.isEqualTo("bad-quantity");
		assertThat(place(TestOrders.uniqueKey(),
				TestOrders.body(customer, "[{\"sku\": \"%s\", \"quantity\": 1000}]".formatted(CatalogStub.KETTLE))))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(place(TestOrders.uniqueKey(),
				TestOrders.body(customer,
						"[{\"sku\": \"%1$s\", \"quantity\": 1}, {\"sku\": \"%1$s\", \"quantity\": 2}]"
							.formatted(CatalogStub.KETTLE))))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.extractingPath("$.errors[0].code")
			.isEqualTo("duplicate-sku");
		assertThat(place(TestOrders.uniqueKey(),
				TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.KETTLE), 1))
					.replace("\"USD\"", "\"XYZ\"")))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(TestOrders.ordersOf(this.jdbc, customer)).isZero();
	}

	@Test
	void malformedBodiesAreBadRequests() {
		assertThat(place(TestOrders.uniqueKey(), "{\"customerId\": \"c\", \"currency\": \"USD\", \"lines\": []}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(place(TestOrders.uniqueKey(),
				"{\"currency\": \"USD\", \"lines\": [{\"sku\": \"A\", \"quantity\": 1}]}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(place(TestOrders.uniqueKey(),
				"{\"customerId\": \"c\", \"currency\": \"usd\", \"lines\": [{\"sku\": \"A\", \"quantity\": 1}]}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(place(TestOrders.uniqueKey(),
				"{\"customerId\": \"c\", \"currency\": \"USD\", \"lines\": [{\"sku\": \"A\", \"quantity\": \"two\"}]}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(place(TestOrders.uniqueKey(), "not json")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void withTheCatalogFailingTheOrderIsAServiceUnavailableProblemAndNothingIsWritten() {
		String customer = TestOrders.uniqueCustomer();
		String key = TestOrders.uniqueKey();
		String body = TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.KETTLE), 1));

		this.catalog.failWithServerError();
		assertThat(place(key, body)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader(HttpHeaders.RETRY_AFTER, "2")
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:polyshop:problem:dependency-unavailable");
		this.catalog.dropConnections();
		assertThat(place(key, body)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(TestOrders.ordersOf(this.jdbc, customer)).isZero();
		assertThat(this.jdbc.sql("select count(*) from idempotency_key where key = :key")
			.param("key", key)
			.query(Integer.class)
			.single()).as("the key is released for a retry").isZero();

		this.catalog.answer();
		assertThat(place(key, body)).hasStatus(HttpStatus.CREATED);
		assertThat(TestOrders.ordersOf(this.jdbc, customer)).isEqualTo(1);
	}

	@Test
	void aCatalogSlowerThanTheReadTimeoutIsServiceUnavailable() {
		String customer = TestOrders.uniqueCustomer();
		this.catalog.answerAfter(Duration.ofSeconds(4));

		assertThat(place(TestOrders.uniqueKey(),
				TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.KETTLE), 1))))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(TestOrders.ordersOf(this.jdbc, customer)).isZero();
	}

	@Test
	void afterRepeatedFailuresTheCircuitOpensAndOrdersFailFastWithoutCallingTheCatalog() {
		this.catalog.failWithServerError();
		String customer = TestOrders.uniqueCustomer();
		String body = TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.KETTLE), 1));
		for (int i = 0; i < 10; i++) {
			assertThat(place(TestOrders.uniqueKey(), body)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		}
		assertThat(this.breakers.circuitBreaker("catalog").getState()).isEqualTo(CircuitBreaker.State.OPEN);

		// The catalogue is healthy again, but the open circuit does not even ask it.
		this.catalog.answer();
		assertThat(place(TestOrders.uniqueKey(), body)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.catalog.batchGetCalls()).isZero();
	}

	private MvcTestResult place(String key, String body) {
		return TestOrders.post(this.mvc, key, body);
	}

}
