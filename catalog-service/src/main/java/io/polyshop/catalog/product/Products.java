package io.polyshop.catalog.product;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The product table. Plain SQL through {@link JdbcClient}: every statement a reader might
 * want to EXPLAIN is here, next to the index (V1__product.sql) that serves it. Callers
 * own the transaction; whether a read runs on the writer or the reader pool is decided by
 * the transaction's read-only flag (see {@code infrastructure.DataSourceConfiguration}).
 */
@Repository
public class Products {

	private static final String COLUMNS = """
			sku, name, description, category, price, currency, attributes::text as attributes, active,
			created_at, updated_at, version""";

	private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final RowMapper<Product> rowMapper = this::mapRow;

	Products(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public Optional<Product> findBySku(String sku) {
		return this.jdbc.sql("select " + COLUMNS + " from product where sku = :sku")
			.param("sku", sku)
			.query(this.rowMapper)
			.optional();
	}

	/** One query for any number of SKUs; unknown SKUs are simply absent from the map. */
	public Map<String, Product> findAllBySku(Collection<String> skus) {
		if (skus.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from product where sku in (:skus)")
			.param("skus", List.copyOf(skus))
			.query(this.rowMapper)
			.stream()
			.collect(Collectors.toMap(Product::sku, Function.identity()));
	}

	/**
	 * Keyset pagination over active products in SKU order: {@code sku > :after} walks the
	 * index instead of counting past an OFFSET, so a page costs the same at row 1,000,000
	 * as at row 1, and rows inserted meanwhile never shift a page (nothing is skipped or
	 * repeated).
	 * @param category only this category, or all when null
	 * @param afterSku the last SKU of the previous page, or null for the first page
	 * @param limit the page size; one more row is read to tell whether a next page exists
	 */
	public Slice findActive(@Nullable String category, @Nullable String afterSku, int limit) {
		String sql = "select " + COLUMNS + " from product where active"
				+ ((category != null) ? " and category = :category" : "")
				+ ((afterSku != null) ? " and sku > :after" : "") + " order by sku limit :limit";
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql).param("limit", limit + 1);
		if (category != null) {
			statement = statement.param("category", category);
		}
		if (afterSku != null) {
			statement = statement.param("after", afterSku);
		}
		List<Product> rows = statement.query(this.rowMapper).list();
		boolean more = rows.size() > limit;
		return new Slice(more ? rows.subList(0, limit) : rows, more);
	}

	/**
	 * Inserts the product or replaces every client-owned column of an existing one.
	 * @return the stored product and whether it was created
	 */
	public Saved upsert(ProductDraft draft) {
		// xmax = 0 holds only for a freshly inserted row version: the standard PostgreSQL
		// way to tell INSERT from UPDATE after ON CONFLICT DO UPDATE.
		return this.jdbc.sql("""
				insert into product as p (sku, name, description, category, price, currency, attributes, active)
				values (:sku, :name, :description, :category, :price, :currency, cast(:attributes as jsonb), :active)
				on conflict (sku) do update set
				    name = excluded.name, description = excluded.description, category = excluded.category,
				    price = excluded.price, currency = excluded.currency, attributes = excluded.attributes,
				    active = excluded.active, updated_at = now(), version = p.version + 1
				returning %s, (xmax = 0) as inserted""".formatted(COLUMNS))
			.params(parameters(draft))
			.query((rs, row) -> new Saved(mapRow(rs, row), rs.getBoolean("inserted")))
			.single();
	}

	/**
	 * Replaces an existing product only if it is still at {@code expectedVersion}.
	 * @return the stored product, or empty when the SKU is unknown or the version moved
	 * on
	 */
	public Optional<Product> replace(ProductDraft draft, long expectedVersion) {
		Map<String, Object> parameters = parameters(draft);
		parameters.put("expected", expectedVersion);
		return this.jdbc.sql("""
				update product set
				    name = :name, description = :description, category = :category, price = :price,
				    currency = :currency, attributes = cast(:attributes as jsonb), active = :active,
				    updated_at = now(), version = version + 1
				where sku = :sku and version = :expected
				returning %s""".formatted(COLUMNS)).params(parameters).query(this.rowMapper).optional();
	}

	/** Sets the price; with an expected version, only if the product is still at it. */
	public Optional<Product> updatePrice(String sku, Money price, @Nullable Long expectedVersion) {
		return this.jdbc.sql("""
				update product set price = :price, currency = :currency, updated_at = now(), version = version + 1
				where sku = :sku and (cast(:expected as bigint) is null or version = :expected)
				returning %s""".formatted(COLUMNS))
			.param("sku", sku)
			.param("price", price.amount())
			.param("currency", price.currency().getCurrencyCode())
			.param("expected", expectedVersion, Types.BIGINT)
			.query(this.rowMapper)
			.optional();
	}

	/** Activates or deactivates; with an expected version, only if still at it. */
	public Optional<Product> updateActive(String sku, boolean active, @Nullable Long expectedVersion) {
		return this.jdbc.sql("""
				update product set active = :active, updated_at = now(), version = version + 1
				where sku = :sku and (cast(:expected as bigint) is null or version = :expected)
				returning %s""".formatted(COLUMNS))
			.param("sku", sku)
			.param("active", active)
			.param("expected", expectedVersion, Types.BIGINT)
			.query(this.rowMapper)
			.optional();
	}

	public boolean exists(String sku) {
		return this.jdbc.sql("select exists (select 1 from product where sku = :sku)")
			.param("sku", sku)
			.query(Boolean.class)
			.single();
	}

	private Map<String, Object> parameters(ProductDraft draft) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("sku", draft.sku());
		parameters.put("name", draft.name());
		parameters.put("description", draft.description());
		parameters.put("category", draft.category());
		parameters.put("price", draft.price().amount());
		parameters.put("currency", draft.price().currency().getCurrencyCode());
		parameters.put("attributes", this.json.writeValueAsString(draft.attributes()));
		parameters.put("active", draft.active());
		return parameters;
	}

	private Product mapRow(ResultSet rs, int row) throws SQLException {
		return new Product(rs.getString("sku"), rs.getString("name"), rs.getString("description"),
				rs.getString("category"),
				new Money(rs.getBigDecimal("price"), Currency.getInstance(rs.getString("currency"))),
				this.json.readValue(rs.getString("attributes"), ATTRIBUTES), rs.getBoolean("active"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getLong("version"));
	}

	/** A page of products and whether more follow. */
	public record Slice(List<Product> products, boolean hasMore) {
	}

	/** The outcome of an upsert. */
	public record Saved(Product product, boolean created) {
	}

}
