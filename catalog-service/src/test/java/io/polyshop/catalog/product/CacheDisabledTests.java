package io.polyshop.catalog.product;

import io.micrometer.core.instrument.MeterRegistry;
import io.polyshop.catalog.CatalogIntegrationTest;
import io.polyshop.catalog.TestProducts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch behind the uncached side of the benchmark: with the cache off, reads come
 * from PostgreSQL and never touch Redis.
 */
@CatalogIntegrationTest
@TestPropertySource(properties = "polyshop.catalog.cache.enabled=false")
class CacheDisabledTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	MeterRegistry meters;

	@Test
	void readsComeFromPostgresqlAndLeaveRedisAlone() {
		String sku = TestProducts.uniqueSku();
		assertThat(this.mvc.put()
			.uri("/products/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, TestProducts.staff())
			.contentType(MediaType.APPLICATION_JSON)
			.content(TestProducts.json("Test " + sku, "tests", "12.00"))).hasStatus(HttpStatus.CREATED);
		double lookups = this.meters.get("catalog.cache.requests")
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();

		assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatusOk();
		assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatusOk();
		assertThat(this.mvc.post()
			.uri("/products/batch-get")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"skus\": [\"" + sku + "\"]}")).hasStatusOk();

		assertThat(this.redis.hasKey(ProductCache.KEY_PREFIX + sku)).isFalse();
		assertThat(this.meters.get("catalog.cache.requests").counters().stream().mapToDouble((c) -> c.count()).sum())
			.as("no cache lookup counted")
			.isEqualTo(lookups);
	}

}
