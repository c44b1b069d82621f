package io.polyshop.catalog.infrastructure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.polyshop.catalog.CatalogIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-only transactions reach PostgreSQL through the reader pool, everything else
 * through the writer. Each pool names its connections ({@code ApplicationName}), so the
 * server itself says which pool a statement came through.
 */
@CatalogIntegrationTest
class ReadReplicaRoutingTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	MeterRegistry meters;

	@Autowired
	HealthEndpoint health;

	@Autowired
	MockMvcTester mvc;

	@Test
	void readOnlyTransactionsRunOnTheReaderPoolAndOthersOnTheWriter() {
		TransactionTemplate readOnly = new TransactionTemplate(this.transactions);
		readOnly.setReadOnly(true);
		TransactionTemplate readWrite = new TransactionTemplate(this.transactions);

		String onReader = readOnly.execute((status) -> applicationName());
		String onWriter = readWrite.execute((status) -> applicationName());

		assertThat(onReader).isEqualTo("catalog-reader");
		assertThat(onWriter).isEqualTo("catalog-writer");
	}

	@Test
	void theProductListingBorrowsFromTheReaderPoolOnly() {
		double reader = borrowed("catalog-reader");
		double writer = borrowed("catalog-writer");

		assertThat(this.mvc.get().uri("/products?limit=3")).hasStatusOk();

		assertThat(borrowed("catalog-reader")).isEqualTo(reader + 1);
		assertThat(borrowed("catalog-writer")).isEqualTo(writer);
	}

	@Test
	void healthReportsBothPools() {
		HealthDescriptor db = this.health.healthForPath("db");

		assertThat(db).isInstanceOfSatisfying(CompositeHealthDescriptor.class,
				(pools) -> assertThat(pools.getComponents()).containsKeys("writerDataSource", "readerDataSource"));
	}

	private String applicationName() {
		return this.jdbc.sql("select current_setting('application_name')").query(String.class).single();
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
