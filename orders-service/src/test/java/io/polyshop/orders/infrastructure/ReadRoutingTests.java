package io.polyshop.orders.infrastructure;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.polyshop.orders.CatalogStub;
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

/**
 * Lists come from the reader pool; an order read back by id comes from the writer, so a
 * client always sees the order it has just written (read-your-writes).
 */
@OrdersIntegrationTest
class ReadRoutingTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MeterRegistry meters;

	@Test
	void theListingReadsFromTheReaderAndAReadByIdFromTheWriter() throws Exception {
		String customer = TestOrders.uniqueCustomer();
		MvcTestResult created = this.mvc.post()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, TestOrders.placer())
			.header("Idempotency-Key", TestOrders.uniqueKey())
			.contentType(MediaType.APPLICATION_JSON)
			.content(TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.KETTLE), 1)))
			.exchange();
		assertThat(created).hasStatus(HttpStatus.CREATED);
		String id = JsonPath.read(created.getResponse().getContentAsString(), "$.id");

		double reader = borrowed("orders-reader");
		double writer = borrowed("orders-writer");
		assertThat(this.mvc.get()
			.uri("/orders?customerId={customer}", customer)
			.header(HttpHeaders.AUTHORIZATION, TestOrders.customer(customer))).hasStatusOk();
		assertThat(borrowed("orders-reader")).isEqualTo(reader + 1);
		assertThat(borrowed("orders-writer")).isEqualTo(writer);

		assertThat(
				this.mvc.get().uri("/orders/{id}", id).header(HttpHeaders.AUTHORIZATION, TestOrders.customer(customer)))
			.hasStatusOk();
		assertThat(borrowed("orders-writer")).isEqualTo(writer + 1);
		assertThat(borrowed("orders-reader")).isEqualTo(reader + 1);
	}

	/**
	 * A pool's meters appear when it opens its first connection: none yet means none
	 * borrowed.
	 */
	private double borrowed(String pool) {
		Timer usage = this.meters.find("hikaricp.connections.usage").tag("pool", pool).timer();
		return (usage != null) ? usage.count() : 0;
	}

}
