package io.polyshop.catalog.product;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyshop.catalog.BackingServicesConfiguration.RedisBehindProxy;
import io.polyshop.catalog.CatalogIntegrationTest;
import io.polyshop.catalog.TestProducts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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
	RedisBehindProxy redisServer;

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

	/**
	 * Redis freezes for the application (it holds connections and answers nothing) while
	 * four readers keep reading: every request is answered from PostgreSQL once the 250
	 * ms command timeout passes, none fails, and caching resumes when Redis does.
	 */
	@Test
	void withRedisFrozenUnderLoadEveryRequestIsServedAndCachingResumes() throws Exception {
		String cached = createProduct("20.00");
		assertThat(this.mvc.get().uri("/products/{sku}", cached)).hasStatusOk();
		String uncached = createProduct("30.00");
		double errors = cacheRequests("error");
		AtomicBoolean reading = new AtomicBoolean(true);
		AtomicInteger served = new AtomicInteger();
		List<Integer> failures = new CopyOnWriteArrayList<>();
		List<Future<?>> readers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			for (String sku : List.of(cached, uncached, cached, uncached)) {
				readers.add(pool.submit(() -> {
					while (reading.get()) {
						int status = this.mvc.get().uri("/products/{sku}", sku).exchange().getResponse().getStatus();
						if (status == 200) {
							served.incrementAndGet();
						}
						else {
							failures.add(status);
						}
					}
				}));
			}
			this.redisServer.proxy().stall();
			try {
				await().atMost(Duration.ofSeconds(20)).until(() -> cacheRequests("error") >= errors + 8);
				assertThat(this.mvc.get().uri("/products?limit=5")).hasStatusOk();
				assertThat(this.mvc.post()
					.uri("/products/batch-get")
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"skus\": [\"" + cached + "\", \"" + uncached + "\"]}")).hasStatusOk()
					.bodyJson()
					.extractingPath("$.products.length()")
					.isEqualTo(2);
			}
			finally {
				this.redisServer.proxy().resume();
			}
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				double hits = cacheRequests("hit");
				assertThat(this.mvc.get().uri("/products/{sku}", uncached)).hasStatusOk();
				assertThat(cacheRequests("hit")).isGreaterThan(hits);
			});
			reading.set(false);
			for (Future<?> reader : readers) {
				reader.get(30, TimeUnit.SECONDS);
			}
		}
		assertThat(failures).as("requests that failed while Redis was frozen").isEmpty();
		assertThat(served.get()).isGreaterThan(8);
	}

	/**
	 * Redis is down (connections closed) when a price changes, so the write's eviction
	 * cannot reach it, and it comes back still holding the old price. The old price is
	 * never served: reads and writes work from PostgreSQL meanwhile, the eviction is
	 * retried, and until it lands that SKU bypasses the cache.
	 */
	@Test
	void withRedisDownWritesWorkAndTheStaleEntryItComesBackWithIsNeverServed() {
		String cached = createProduct("20.00");
		assertThat(this.mvc.get().uri("/products/{sku}", cached)).hasStatusOk();
		String uncached = createProduct("30.00");
		double errors = cacheRequests("error");

		this.redisServer.proxy().cut();
		try {
			assertThat(this.mvc.get().uri("/products/{sku}", cached)).hasStatusOk();
			assertThat(this.mvc.get().uri("/products/{sku}", uncached)).hasStatusOk();
			assertThat(this.mvc.put()
				.uri("/products/{sku}/price", cached)
				.header(HttpHeaders.AUTHORIZATION, TestProducts.staff())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"amount\": \"21.00\", \"currency\": \"USD\"}")).hasStatusOk();
			assertThat(cacheRequests("error")).isGreaterThan(errors);
			assertThat(storedEntry(cached)).as("Redis itself still holds the old price").contains("\"amount\":20.00");
		}
		finally {
			this.redisServer.proxy().restore();
		}

		assertThat(this.mvc.get().uri("/products/{sku}", cached)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.price.amount")
			.isEqualTo("21.00");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			double hits = cacheRequests("hit");
			assertThat(this.mvc.get().uri("/products/{sku}", uncached)).hasStatusOk();
			assertThat(cacheRequests("hit")).isGreaterThan(hits);
		});
		assertThat(this.mvc.get().uri("/products/{sku}", cached)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.price.amount")
			.isEqualTo("21.00");
	}

	/** The entry as Redis holds it, read past the proxy. */
	private String storedEntry(String sku) {
		RedisClient client = RedisClient.create(RedisURI.create(this.redisServer.host(), this.redisServer.port()));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().get("catalog:product:v1:" + sku);
		}
		finally {
			client.shutdown();
		}
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
