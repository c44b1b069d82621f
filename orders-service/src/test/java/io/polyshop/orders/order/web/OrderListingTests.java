package io.polyshop.orders.order.web;

import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.polyshop.orders.OrdersIntegrationTest;
import io.polyshop.orders.TestOrders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@OrdersIntegrationTest
class OrderListingTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void pagingThroughACustomersOrdersWhileNewOnesArriveNeitherSkipsNorRepeats() throws Exception {
		String customer = TestOrders.uniqueCustomer();
		List<String> original = new ArrayList<>();
		for (int i = 0; i < 17; i++) {
			original.add(place(customer));
		}

		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			MvcTestResult page = this.mvc.get()
				.uri("/orders?customerId={customer}&limit=5" + ((cursor != null) ? "&cursor=" + cursor : ""), customer)
				.header(HttpHeaders.AUTHORIZATION, TestOrders.customer(customer))
				.exchange();
			assertThat(page).hasStatusOk();
			String body = page.getResponse().getContentAsString();
			seen.addAll(JsonPath.read(body, "$.items[*].id"));
			cursor = JsonPath.read(body, "$.nextCursor");
			// A newer order arrives between pages; newest-first keyset pages never shift.
			place(customer);
		}
		while (cursor != null && seen.size() < 100);

		assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(original.reversed());
	}

	@Test
	void filtersByStatusAndTimeWindow() throws Exception {
		String customer = TestOrders.uniqueCustomer();
		String paid = place(customer);
		place(customer);
		assertThat(this.mvc.post()
			.uri("/orders/{id}/pay", paid)
			.header(HttpHeaders.AUTHORIZATION, TestOrders.customer(customer))).hasStatusOk();

		assertThat(this.mvc.get()
			.uri("/orders?customerId={customer}&status=PAID", customer)
			.header(HttpHeaders.AUTHORIZATION, TestOrders.customer(customer))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[*].id")
			.isEqualTo(List.of(paid));
		assertThat(this.mvc.get()
			.uri("/orders?customerId={customer}&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z", customer)
			.header(HttpHeaders.AUTHORIZATION, TestOrders.customer(customer))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items")
			.asArray()
			.isEmpty();
	}

	@Test
	void invalidListingParametersAreBadRequests() {
		assertThat(this.mvc.get().uri("/orders?limit=0").header(HttpHeaders.AUTHORIZATION, TestOrders.staff()))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/orders?status=LOST").header(HttpHeaders.AUTHORIZATION, TestOrders.staff()))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/orders?from=yesterday").header(HttpHeaders.AUTHORIZATION, TestOrders.staff()))
			.hasStatus(HttpStatus.BAD_REQUEST);
		// Instants Java parses but PostgreSQL cannot hold: refused before the query.
		assertThat(this.mvc.get()
			.uri("/orders?from={from}", "+1000000000-01-01T00:00:00Z")
			.header(HttpHeaders.AUTHORIZATION, TestOrders.staff())).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("from");
		assertThat(this.mvc.get()
			.uri("/orders?to={to}", "-0001-01-01T00:00:00Z")
			.header(HttpHeaders.AUTHORIZATION, TestOrders.staff())).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/orders?cursor=garbage").header(HttpHeaders.AUTHORIZATION, TestOrders.staff()))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private String place(String customer) {
		return TestOrders.place(this.mvc, customer);
	}

}
