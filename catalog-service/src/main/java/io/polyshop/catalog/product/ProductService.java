package io.polyshop.catalog.product;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transaction boundary of the catalogue. Queries run in read-only transactions, which
 * the DataSource routes to the reader pool (a product read answered by the cache runs
 * none); writes run on the writer and publish {@link ProductChanged}, which evicts the
 * cache entry after commit.
 */
@Service
public class ProductService {

	private final Products products;

	private final ProductCache cache;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate reads;

	ProductService(Products products, ProductCache cache, ApplicationEventPublisher events,
			PlatformTransactionManager transactions) {
		this.products = products;
		this.cache = cache;
		this.events = events;
		this.reads = new TransactionTemplate(transactions);
		this.reads.setReadOnly(true);
	}

	/**
	 * A product, active or not; through the cache. A hit opens no transaction: only a
	 * miss reads PostgreSQL, in a read-only transaction (the reader pool).
	 */
	public Product get(String sku) {
		return this.cache.get(sku, (missed) -> reading(() -> this.products.findBySku(missed)))
			.orElseThrow(() -> ProductNotFoundException.forSku(sku));
	}

	/**
	 * Products for up to a page of SKUs, active or not; unknown SKUs are left out. Only
	 * the misses are read from PostgreSQL, as in {@link #get}.
	 */
	public Map<String, Product> getAll(Collection<String> skus) {
		return this.cache.getAll(skus, (missed) -> reading(() -> this.products.findAllBySku(missed)));
	}

	private <T> T reading(Supplier<T> query) {
		T result = this.reads.execute((status) -> query.get());
		return Objects.requireNonNull(result);
	}

	/** Active products in SKU order, a page at a time; not cached (see README). */
	@Transactional(readOnly = true)
	public Products.Slice list(@Nullable String category, @Nullable String afterSku, int limit) {
		return this.products.findActive(category, afterSku, limit);
	}

	/**
	 * Creates or replaces a product. With {@code expectedVersion} (If-Match) only an
	 * existing product still at that version is replaced.
	 */
	@Transactional
	public Products.Saved save(ProductDraft draft, @Nullable Long expectedVersion) {
		Products.Saved saved;
		if (expectedVersion == null) {
			saved = this.products.upsert(draft);
		}
		else {
			Product replaced = this.products.replace(draft, expectedVersion)
				.orElseThrow(() -> versionConflict(draft.sku(), expectedVersion));
			saved = new Products.Saved(replaced, false);
		}
		this.events.publishEvent(new ProductChanged(draft.sku()));
		return saved;
	}

	@Transactional
	public Product changePrice(String sku, Money price, @Nullable Long expectedVersion) {
		return changed(sku, expectedVersion, this.products.updatePrice(sku, price, expectedVersion));
	}

	@Transactional
	public Product deactivate(String sku, @Nullable Long expectedVersion) {
		return changed(sku, expectedVersion, this.products.updateActive(sku, false, expectedVersion));
	}

	@Transactional
	public Product activate(String sku, @Nullable Long expectedVersion) {
		return changed(sku, expectedVersion, this.products.updateActive(sku, true, expectedVersion));
	}

	private Product changed(String sku, @Nullable Long expectedVersion, Optional<Product> updated) {
		Product product = updated.orElseThrow(() -> versionConflict(sku, expectedVersion));
		this.events.publishEvent(new ProductChanged(sku));
		return product;
	}

	/**
	 * No row was updated: either the SKU is unknown (404) or its version moved on (412).
	 */
	private RuntimeException versionConflict(String sku, @Nullable Long expectedVersion) {
		if (expectedVersion == null || !this.products.exists(sku)) {
			return ProductNotFoundException.forSku(sku);
		}
		return ProductVersionMismatchException.forSku(sku, expectedVersion);
	}

}
