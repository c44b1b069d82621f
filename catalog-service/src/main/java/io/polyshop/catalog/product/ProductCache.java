package io.polyshop.catalog.product;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyshop.catalog.CatalogProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Cache-aside for products in Redis, spelled out rather than hidden behind
 * {@code @Cacheable}, because each rule below is the point of the pattern.
 *
 * <ul>
 * <li><b>Read:</b> look in Redis ({@code GET catalog:product:v1:{sku}}); on a miss load
 * from PostgreSQL and store the result with a TTL. The {@code v1} in the key is the
 * format version: a change to the cached JSON bumps it, so old and new instances never
 * read each other's entries during a rolling deploy.</li>
 * <li><b>TTL with jitter:</b> each entry lives {@code ttl ± ttlJitter}, so a batch of
 * entries written together does not expire together.</li>
 * <li><b>Stampede guard:</b> concurrent misses for one SKU in this instance share one
 * load (single flight); a fleet of N instances loads a cold key at most N times.</li>
 * <li><b>Negative entries:</b> an unknown SKU is remembered for {@code negativeTtl}, so a
 * client probing for garbage SKUs does not reach PostgreSQL each time.</li>
 * <li><b>Invalidate after commit:</b> a write deletes the key once its transaction has
 * committed (never before: a reader could re-fill the old row in between), and deletes it
 * once more after {@code redeleteDelay} to drop an entry that a concurrent reader filled
 * from a snapshot taken before the commit, or from a lagging read replica.</li>
 * <li><b>Fail-open:</b> Redis is an optimisation, not a dependency. Every Redis call is
 * bounded by the client timeout ({@code spring.data.redis.timeout}); when it fails the
 * request is served from PostgreSQL. A delete that failed is retried until Redis is back,
 * and until then that SKU bypasses the cache, so an outage never leaves stale data
 * behind.</li>
 * </ul>
 *
 * Metrics: {@code catalog.cache.requests{result=hit|miss|error}} and the gauge
 * {@code catalog.cache.hit.ratio}.
 */
@Component
public class ProductCache {

	static final String KEY_PREFIX = "catalog:product:v1:";

	/** The cached value that means "no such SKU". A product is always a JSON object. */
	static final String ABSENT = "absent";

	private static final Logger log = LoggerFactory.getLogger(ProductCache.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final CatalogProperties.Cache settings;

	private final TaskScheduler scheduler;

	private final Counter hits;

	private final Counter misses;

	private final Counter errors;

	/** Loads under way, by SKU: the single-flight table of the stampede guard. */
	private final ConcurrentMap<String, CompletableFuture<Optional<Product>>> loadsInFlight = new ConcurrentHashMap<>();

	/**
	 * SKUs whose delete failed while Redis was unreachable; retried until it succeeds.
	 */
	private final Set<String> pendingEvictions = ConcurrentHashMap.newKeySet();

	ProductCache(StringRedisTemplate redis, JsonMapper json, CatalogProperties properties, TaskScheduler scheduler,
			MeterRegistry meters) {
		this.redis = redis;
		this.json = json;
		this.settings = properties.cache();
		this.scheduler = scheduler;
		this.hits = requests(meters, "hit");
		this.misses = requests(meters, "miss");
		this.errors = requests(meters, "error");
		Gauge.builder("catalog.cache.hit.ratio", this, ProductCache::hitRatio)
			.description("Share of product cache lookups answered by Redis since start")
			.register(meters);
		Gauge.builder("catalog.cache.pending.evictions", this.pendingEvictions, Set::size)
			.description("Deletes waiting for Redis to come back")
			.register(meters);
	}

	/**
	 * The product for a SKU, from Redis when cached, else from {@code loader} (which then
	 * fills the cache).
	 */
	public Optional<Product> get(String sku, Function<String, Optional<Product>> loader) {
		if (!this.settings.enabled()) {
			return loader.apply(sku);
		}
		return switch (lookup(sku)) {
			case Cached.Present present -> Optional.of(present.product());
			case Cached.Absent absent -> Optional.empty();
			case Cached.Miss miss -> loadOnce(sku, loader);
			case Cached.Unavailable unavailable -> loader.apply(sku);
		};
	}

	/**
	 * Products for many SKUs: one {@code MGET} for all of them, one call to
	 * {@code loader} for the misses, and one pipelined round trip to store what was
	 * loaded. SKUs that exist nowhere are absent from the result.
	 */
	public Map<String, Product> getAll(Collection<String> skus,
			Function<Collection<String>, Map<String, Product>> loader) {
		if (!this.settings.enabled()) {
			return loader.apply(skus);
		}
		List<String> ordered = List.copyOf(skus);
		Map<String, Product> found = new LinkedHashMap<>();
		List<String> toLoad = new ArrayList<>();
		List<Cached> cached = lookupAll(ordered);
		for (int i = 0; i < ordered.size(); i++) {
			String sku = ordered.get(i);
			switch (cached.get(i)) {
				case Cached.Present present -> found.put(sku, present.product());
				case Cached.Absent absent -> {
				}
				case Cached.Miss miss -> toLoad.add(sku);
				case Cached.Unavailable unavailable -> toLoad.add(sku);
			}
		}
		if (!toLoad.isEmpty()) {
			Map<String, Product> loaded = loader.apply(toLoad);
			found.putAll(loaded);
			boolean redisAnswered = cached.stream().noneMatch(Cached.Unavailable.class::isInstance);
			if (redisAnswered) {
				storeAll(toLoad, loaded);
			}
		}
		return found;
	}

	/** Runs after the transaction that changed the product has committed. */
	@TransactionalEventListener
	void on(ProductChanged event) {
		evict(event.sku());
		this.scheduler.schedule(() -> evict(event.sku()), Instant.now().plus(this.settings.redeleteDelay()));
	}

	void evict(String sku) {
		try {
			this.redis.delete(key(sku));
			this.pendingEvictions.remove(sku);
		}
		catch (DataAccessException ex) {
			// The entry may still be in Redis: until a delete succeeds, bypass it.
			this.pendingEvictions.add(sku);
			log.warn("Could not evict {} from the product cache (will retry): {}", sku, ex.getMessage());
		}
	}

	@Scheduled(fixedDelayString = "${polyshop.catalog.cache.eviction-retry-interval:1s}")
	void retryPendingEvictions() {
		for (String sku : List.copyOf(this.pendingEvictions)) {
			evict(sku);
		}
	}

	private Optional<Product> loadOnce(String sku, Function<String, Optional<Product>> loader) {
		CompletableFuture<Optional<Product>> mine = new CompletableFuture<>();
		CompletableFuture<Optional<Product>> leader = this.loadsInFlight.putIfAbsent(sku, mine);
		if (leader != null) {
			return await(leader);
		}
		try {
			// A load that finished just before this one started has filled the cache:
			// look again (uncounted: it is the same request) rather than hit PostgreSQL
			// twice.
			Optional<Product> product = switch (lookup(sku, false)) {
				case Cached.Present present -> Optional.of(present.product());
				case Cached.Absent absent -> Optional.empty();
				case Cached.Miss miss -> store(sku, loader.apply(sku));
				case Cached.Unavailable unavailable -> loader.apply(sku);
			};
			mine.complete(product);
			return product;
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loadsInFlight.remove(sku, mine);
		}
	}

	private static Optional<Product> await(CompletableFuture<Optional<Product>> load) {
		try {
			return load.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private Cached lookup(String sku) {
		return lookup(sku, true);
	}

	private Cached lookup(String sku, boolean counted) {
		if (this.pendingEvictions.contains(sku)) {
			return Cached.UNAVAILABLE;
		}
		try {
			return decode(sku, this.redis.opsForValue().get(key(sku)), counted);
		}
		catch (DataAccessException ex) {
			return unavailable(ex);
		}
	}

	private List<Cached> lookupAll(List<String> skus) {
		try {
			List<@Nullable String> values = this.redis.opsForValue()
				.multiGet(skus.stream().map(ProductCache::key).toList());
			List<Cached> cached = new ArrayList<>(skus.size());
			for (int i = 0; i < skus.size(); i++) {
				String sku = skus.get(i);
				cached.add(this.pendingEvictions.contains(sku) ? Cached.UNAVAILABLE
						: decode(sku, (values != null) ? values.get(i) : null, true));
			}
			return cached;
		}
		catch (DataAccessException ex) {
			Cached unavailable = unavailable(ex);
			this.errors.increment(skus.size() - 1);
			return Collections.nCopies(skus.size(), unavailable);
		}
	}

	private Cached decode(String sku, @Nullable String value, boolean counted) {
		if (value == null) {
			if (counted) {
				this.misses.increment();
			}
			return Cached.MISS;
		}
		if (counted) {
			this.hits.increment();
		}
		if (ABSENT.equals(value)) {
			return Cached.ABSENT;
		}
		try {
			return new Cached.Present(this.json.readValue(value, Product.class));
		}
		catch (JacksonException ex) {
			// Unreadable entry (a bug, not an outage): drop it and read through.
			log.warn("Unreadable cache entry for {}; evicting it", sku, ex);
			evict(sku);
			return Cached.MISS;
		}
	}

	private Cached unavailable(DataAccessException ex) {
		this.errors.increment();
		log.debug("Product cache unavailable, reading through to PostgreSQL: {}", ex.getMessage());
		return Cached.UNAVAILABLE;
	}

	private Optional<Product> store(String sku, Optional<Product> product) {
		try {
			if (product.isPresent()) {
				this.redis.opsForValue().set(key(sku), this.json.writeValueAsString(product.get()), jitteredTtl());
			}
			else {
				this.redis.opsForValue().set(key(sku), ABSENT, this.settings.negativeTtl());
			}
		}
		catch (DataAccessException ex) {
			unavailable(ex);
		}
		return product;
	}

	private void storeAll(List<String> skus, Map<String, Product> loaded) {
		try {
			this.redis.executePipelined((RedisCallback<@Nullable Object>) (connection) -> {
				for (String sku : skus) {
					Product product = loaded.get(sku);
					if (product != null) {
						connection.stringCommands()
							.setEx(utf8(key(sku)), jitteredTtl().toSeconds(),
									utf8(this.json.writeValueAsString(product)));
					}
					else {
						connection.stringCommands()
							.setEx(utf8(key(sku)), this.settings.negativeTtl().toSeconds(), utf8(ABSENT));
					}
				}
				return null;
			});
		}
		catch (DataAccessException ex) {
			unavailable(ex);
		}
	}

	Duration jitteredTtl() {
		double jitter = this.settings.ttlJitter();
		double factor = 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter + Double.MIN_VALUE);
		return Duration.ofMillis(Math.max(1000, Math.round(this.settings.ttl().toMillis() * factor)));
	}

	private double hitRatio() {
		double hit = this.hits.count();
		double total = hit + this.misses.count();
		return (total > 0) ? hit / total : 0;
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	static String key(String sku) {
		return KEY_PREFIX + sku;
	}

	private static Counter requests(MeterRegistry meters, String result) {
		return Counter.builder("catalog.cache.requests")
			.description("Product cache lookups by outcome")
			.tag("result", result)
			.register(meters);
	}

	/** What Redis said about a SKU. */
	private sealed interface Cached {

		Cached MISS = new Miss();

		Cached ABSENT = new Absent();

		Cached UNAVAILABLE = new Unavailable();

		record Present(Product product) implements Cached {
		}

		/** A negative entry: the SKU was looked up recently and does not exist. */
		record Absent() implements Cached {
		}

		record Miss() implements Cached {
		}

		/** Redis did not answer in time, or this SKU must bypass it. */
		record Unavailable() implements Cached {
		}

	}

}
