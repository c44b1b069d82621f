package io.polyshop.sessions.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.polyshop.sessions.SessionsProperties;
import io.polyshop.sessions.projector.Attributes;
import io.polyshop.sessions.projector.InsightItems;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.stereotype.Repository;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

/**
 * Reads of {@code polyshop-cart-insights}. The items were shaped by the projector for
 * exactly these questions (see {@link InsightItems}), so each is one request and none
 * scans or aggregates at read time. The read model is eventually consistent: it trails
 * the sessions table by the projector's lag.
 */
@Repository
public class CartInsights {

	private final DynamoDbClient dynamo;

	private final String table;

	CartInsights(DynamoDbClient dynamo, SessionsProperties properties) {
		this.dynamo = dynamo;
		this.table = properties.dynamodb().insightsTable();
	}

	/** One GetItem. */
	public ProductDemand demand(String sku) {
		Map<String, AttributeValue> item = this.dynamo
			.getItem((get) -> get.tableName(this.table)
				.key(Map.of(InsightItems.PK, fromS(InsightItems.productKey(sku)), InsightItems.SK,
						fromS(InsightItems.STATS))))
			.item();
		return new ProductDemand(sku, number(item, InsightItems.IN_CARTS), number(item, InsightItems.ADDS),
				number(item, InsightItems.CHECKOUTS), number(item, InsightItems.ABANDONS));
	}

	/** One Query on the LSI that sorts a bucket by adds: the top first. */
	public List<Trending> trending(Instant now, int limit) {
		String bucket = InsightItems.trendingKey(now);
		return this.dynamo
			.query((query) -> query.tableName(this.table)
				.indexName(InsightItems.TRENDING_INDEX)
				.keyConditionExpression("pk = :bucket")
				.expressionAttributeValues(Map.of(":bucket", fromS(bucket)))
				.scanIndexForward(false)
				.limit(limit))
			.items()
			.stream()
			.map((item) -> new Trending(Attributes.required(item, InsightItems.SKU).s(),
					number(item, InsightItems.ADDS)))
			.toList();
	}

	/**
	 * One Query on the day's partition (paged if it is large): cart headers and their
	 * lines sort together ({@code SESSION#ref} then {@code SESSION#ref#LINE#sku}).
	 */
	public List<AbandonedCart> abandoned(LocalDate day) {
		Map<String, AbandonedCart.Builder> carts = new LinkedHashMap<>();
		this.dynamo
			.queryPaginator((query) -> query.tableName(this.table)
				.keyConditionExpression("pk = :day")
				.expressionAttributeValues(Map.of(":day", fromS(InsightItems.abandonedKey(day)))))
			.items()
			.forEach((item) -> {
				String ref = Attributes.required(item, "sessionRef").s();
				AbandonedCart.Builder cart = carts.computeIfAbsent(ref, AbandonedCart.Builder::new);
				if (item.containsKey(InsightItems.SKU)) {
					cart.lines.add(new AbandonedCart.Line(Attributes.required(item, InsightItems.SKU).s(),
							Attributes.required(item, "name").s(), number(item, "quantity"),
							new Amount(Attributes.required(item, "unitPrice").s(),
									Attributes.required(item, "currency").s())));
				}
				else {
					AttributeValue customer = item.get(InsightItems.CUSTOMER_ID);
					cart.customerId = (customer != null && customer.s() != null) ? customer.s() : null;
					cart.expiredAt = Instant.parse(Attributes.required(item, InsightItems.EXPIRED_AT).s());
					cart.currency = Attributes.required(item, "currency").s();
				}
			});
		return carts.values().stream().map(AbandonedCart.Builder::build).toList();
	}

	private static long number(Map<String, AttributeValue> item, String name) {
		AttributeValue value = (item != null) ? item.get(name) : null;
		return (value != null && value.n() != null) ? Long.parseLong(value.n()) : 0;
	}

	/**
	 * Demand for one product: in active carts now, and all-time adds, checkouts,
	 * abandons.
	 */
	public record ProductDemand(String sku, long inCarts, long adds, long checkouts, long abandons) {
	}

	public record Trending(String sku, long adds) {
	}

	/**
	 * An amount as the read model stores and answers it: a decimal string and a currency,
	 * never a JSON number.
	 */
	public record Amount(String amount, String currency) {
	}

	/**
	 * A cart whose session expired with lines in it.
	 *
	 * @param sessionRef a one-way reference to the session (never its id)
	 * @param customerId null for an anonymous cart
	 */
	public record AbandonedCart(String sessionRef, @Schema(nullable = true) @Nullable String customerId,
			@Schema(nullable = true) @Nullable Instant expiredAt, List<Line> lines, Amount value) {

		public record Line(String sku, String name, long quantity, Amount unitPrice) {
		}

		static final class Builder {

			final String sessionRef;

			final List<Line> lines = new ArrayList<>();

			@Nullable String customerId;

			@Nullable Instant expiredAt;

			@Nullable String currency;

			Builder(String sessionRef) {
				this.sessionRef = sessionRef;
			}

			AbandonedCart build() {
				BigDecimal value = this.lines.stream()
					.map((line) -> new BigDecimal(line.unitPrice().amount())
						.multiply(BigDecimal.valueOf(line.quantity())))
					.reduce(BigDecimal.ZERO, BigDecimal::add);
				String resolved = (this.currency != null) ? this.currency
						: this.lines.stream().map((line) -> line.unitPrice().currency()).findFirst().orElse("USD");
				return new AbandonedCart(this.sessionRef, this.customerId, this.expiredAt, List.copyOf(this.lines),
						new Amount(value.setScale(2, RoundingMode.HALF_EVEN).toPlainString(), resolved));
			}

		}

	}

}
