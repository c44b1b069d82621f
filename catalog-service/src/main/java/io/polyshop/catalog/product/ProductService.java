package io.polyshop.catalog.product;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transaction boundary of the catalogue. Queries run in read-only transactions, which
 * the DataSource routes to the reader pool; writes run on the writer and publish
 * {@link ProductChanged}, which evicts the cache entry after commit.
 */
@Service
public class ProductService {

	private final Products products;

	private final ProductCache cache;

	private final ApplicationEventPublisher events;

	ProductService(Products products, ProductCache cache, ApplicationEventPublisher events) {
		this.products = products;
		this.cache = cache;
		this.events = events;
	}

	/** A product, active or not; through the cache. */
	@Transactional(readOnly = true)
	public Product get(String sku) {
		return this.cache.get(sku, this.products::findBySku).orElseThrow(() -> ProductNotFoundException.forSku(sku));
	}

	/** Products for up to a page of SKUs, active or not; unknown SKUs are left out. */
	@Transactional(readOnly = true)
	public Map<String, Product> getAll(Collection<String> skus) {
		return this.cache.getAll(skus, this.products::findAllBySku);
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
