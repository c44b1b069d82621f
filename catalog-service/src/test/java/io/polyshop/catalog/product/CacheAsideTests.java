package io.polyshop.catalog.product;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.polyshop.catalog.BackingServicesConfiguration.RedisOutage;
import io.polyshop.catalog.CatalogIntegrationTest;
import io.polyshop.catalog.TestProducts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The cache-aside rules of {@link ProductCache}, each against real Redis and PostgreSQL.
 * {@link Products} is a spy on the real store (not a stand-in for it), so the tests can
 * count how often PostgreSQL was actually read.
 */
@CatalogIntegrationTest
class CacheAsideTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ProductService productService;

	@Autowired
	RedisOutage redisOutage;

	@MockitoSpyBean
	Products products;

	@Test
	void firstReadMissesAndFillsTheCacheWithAJitteredTtlThenTheNextReadHits() {
		String sku = createProduct("19.99");
		double hits = cacheRequests("hit");
		double misses = cacheRequests("miss");

		assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatusOk();
		assertThat(cacheRequests("miss")).isEqualTo(misses + 1);
		Long ttl = this.redis.getExpire("catalog:product:v1:" + sku, TimeUnit.SECONDS);
		assertThat(ttl).isBetween(Duration.ofMinutes(9).toSeconds(), Duration.ofMinutes(11).toSeconds());

		assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.price.amount")
			.isEqualTo("19.99");
		assertThat(cacheRequests("hit")).isEqualTo(hits + 1);
		verify(this.products, times(1)).findBySku(sku);
	}

	@Test
	void aWriteEvictsTheEntrySoTheNextReadSeesTheNewData() {
		String sku = createProduct("10.00");
		assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatusOk();
		assertThat(this.redis.hasKey("catalog:product:v1:" + sku)).isTrue();

		assertThat(this.mvc.put()
			.uri("/products/{sku}/price", sku)
			.header(HttpHeaders.AUTHORIZATION, TestProducts.staff())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"amount\": \"12.50\", \"currency\": \"USD\"}")).hasStatusOk();

		assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.price.amount")
			.isEqualTo("12.50");
	}

	@Test
	void fiftyConcurrentReadsOfAColdKeyLoadFromPostgresqlOnce() throws Exception {
		String sku = createProduct("5.00");
		this.redis.delete("catalog:product:v1:" + sku);
		clearInvocations(this.products);

		int readers = 50;
		CountDownLatch ready = new CountDownLatch(readers);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Product>> reads = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(readers)) {
			for (int i = 0; i < readers; i++) {
				reads.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					return this.productService.get(sku);
				}));
			}
			ready.await();
			go.countDown();
			for (Future<Product> read : reads) {
				assertThat(read.get(30, TimeUnit.SECONDS).sku()).isEqualTo(sku);
			}
		}

		verify(this.products, times(1)).findBySku(sku);
	}

	@Test
	void anUnknownSkuIsRememberedBrieflyAndForgottenOnceItIsCreated() {
		String sku = TestProducts.uniqueSku();

		assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.redis.opsForValue().get("catalog:product:v1:" + sku)).isEqualTo(ProductCache.ABSENT);
		assertThat(this.redis.getExpire("catalog:product:v1:" + sku, TimeUnit.SECONDS)).isBetween(1L, 30L);

		assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatus(HttpStatus.NOT_FOUND);
		verify(this.products, times(1)).findBySku(sku);

		putProduct(sku, "7.00");
		assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatusOk();
	}

	@Test
	void withRedisDownReadsAndWritesAreServedFromPostgresqlAndCachingResumesWhenRedisReturns() {
		String cached = createProduct("20.00");
		assertThat(this.mvc.get().uri("/products/{sku}", cached)).hasStatusOk();
		String uncached = createProduct("30.00");
		double errors = cacheRequests("error");

		this.redisOutage.begin();
		try {
			assertThat(this.mvc.get().uri("/products/{sku}", cached)).hasStatusOk();
			assertThat(this.mvc.get().uri("/products/{sku}", uncached)).hasStatusOk();
			assertThat(this.mvc.get().uri("/products?limit=5")).hasStatusOk();
			assertThat(this.mvc.post()
				.uri("/products/batch-get")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"skus\": [\"" + cached + "\", \"" + uncached + "\"]}")).hasStatusOk()
				.bodyJson()
				.extractingPath("$.products.length()")
				.isEqualTo(2);
			// A write during the outage: its eviction cannot reach Redis yet.
			assertThat(this.mvc.put()
				.uri("/products/{sku}/price", cached)
				.header(HttpHeaders.AUTHORIZATION, TestProducts.staff())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"amount\": \"21.00\", \"currency\": \"USD\"}")).hasStatusOk();
			assertThat(cacheRequests("error")).isGreaterThan(errors);
		}
		finally {
			this.redisOutage.end();
		}

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			double hits = cacheRequests("hit");
			assertThat(this.mvc.get().uri("/products/{sku}", uncached)).hasStatusOk();
			assertThat(this.mvc.get().uri("/products/{sku}", uncached)).hasStatusOk();
			assertThat(cacheRequests("hit")).isGreaterThan(hits);
		});
		assertThat(this.mvc.get().uri("/products/{sku}", cached)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.price.amount")
			.isEqualTo("21.00");
	}

	@Test
	void withRedisTooSlowToAnswerReadsGiveUpOnTheCacheAfterTheTimeoutAndAreServedFromPostgresql() {
		String sku = createProduct("40.00");
		assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatusOk();
		double errors = cacheRequests("error");

		// CLIENT PAUSE holds every client's commands for 1.5 s: Redis is up but silent,
		// well past the 250 ms command timeout.
		this.redis.execute((RedisCallback<Object>) (connection) -> connection.execute("CLIENT",
				"PAUSE".getBytes(StandardCharsets.US_ASCII), "1500".getBytes(StandardCharsets.US_ASCII)));

		assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.sku")
			.isEqualTo(sku);
		assertThat(cacheRequests("error")).isGreaterThan(errors);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			double hits = cacheRequests("hit");
			assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatusOk();
			assertThat(cacheRequests("hit")).isGreaterThan(hits);
		});
	}

	private String createProduct(String amount) {
		String sku = TestProducts.uniqueSku();
		putProduct(sku, amount);
		return sku;
	}

	private void putProduct(String sku, String amount) {
		assertThat(this.mvc.put()
			.uri("/products/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, TestProducts.staff())
			.contentType(MediaType.APPLICATION_JSON)
			.content(TestProducts.json("Test " + sku, "tests", amount))).hasStatus(HttpStatus.CREATED);
	}

	private double cacheRequests(String result) {
		return this.meters.get("catalog.cache.requests").tag("result", result).counter().count();
	}

}
