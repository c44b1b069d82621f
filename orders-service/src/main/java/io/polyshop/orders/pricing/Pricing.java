package io.polyshop.orders.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.polyshop.orders.order.Money;
import io.polyshop.orders.order.OrderLine;
import io.polyshop.orders.order.OrderRejectedException;
import io.polyshop.orders.order.OrderRejectedException.Violation;

import org.springframework.stereotype.Component;

/**
 * Turns what a client asked for (SKU and quantity) into priced order lines, with the
 * catalogue's name, category and unit price at this moment. All the rules are checked
 * before anything is refused, so the client sees every problem in one answer.
 */
@Component
public class Pricing {

	private final CatalogClient catalog;

	Pricing(CatalogClient catalog) {
		this.catalog = catalog;
	}

	/**
	 * @throws OrderRejectedException if a SKU is unknown, inactive or priced in another
	 * currency, a quantity is outside 1..999, or a SKU appears twice
	 * @throws CatalogUnavailableException if catalog-service cannot answer
	 */
	/** numeric(14,2): the largest line or order total the store holds. */
	static final BigDecimal MAX_STORED_AMOUNT = new BigDecimal("999999999999.99");

	public List<OrderLine> price(Currency currency, List<Wanted> wanted) {
		List<Violation> violations = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < wanted.size(); i++) {
			Wanted line = wanted.get(i);
			if (line.quantity() < OrderLine.MIN_QUANTITY || line.quantity() > OrderLine.MAX_QUANTITY) {
				violations.add(new Violation("lines[%d].quantity".formatted(i), "bad-quantity",
						"quantity of " + line.sku() + " must be between 1 and 999, not " + line.quantity()));
			}
			if (!seen.add(line.sku())) {
				violations.add(new Violation("lines[%d].sku".formatted(i), "duplicate-sku",
						line.sku() + " appears more than once: put the whole quantity on one line"));
			}
		}
		if (!violations.isEmpty()) {
			throw new OrderRejectedException(violations);
		}

		Map<String, CatalogProduct> products = this.catalog.products(seen);
		List<OrderLine> lines = new ArrayList<>();
		for (int i = 0; i < wanted.size(); i++) {
			Wanted line = wanted.get(i);
			CatalogProduct product = products.get(line.sku());
			String field = "lines[%d].sku".formatted(i);
			if (product == null) {
				violations.add(new Violation(field, "unknown-sku", "no product " + line.sku()));
			}
			else if (!product.active()) {
				violations.add(new Violation(field, "inactive-sku", line.sku() + " is no longer on sale"));
			}
			else if (!product.price().currency().equals(currency.getCurrencyCode())) {
				violations.add(new Violation(field, "currency-mismatch", line.sku() + " is priced in "
						+ product.price().currency() + ", the order is in " + currency.getCurrencyCode()));
			}
			else {
				Money unitPrice = new Money(new BigDecimal(product.price().amount()), currency);
				lines.add(new OrderLine(i + 1, line.sku(), product.name(), product.category(), unitPrice,
						line.quantity()));
			}
		}
		if (violations.isEmpty()) {
			checkFitsTheStore(lines, violations);
		}
		if (!violations.isEmpty()) {
			throw new OrderRejectedException(violations);
		}
		return lines;
	}

	/**
	 * Line totals and the order total are numeric(14,2) in the store: an order whose
	 * money does not fit is refused here, with the lines named, not by the database as a
	 * 500.
	 */
	private static void checkFitsTheStore(List<OrderLine> lines, List<Violation> violations) {
		BigDecimal total = BigDecimal.ZERO;
		for (int i = 0; i < lines.size(); i++) {
			BigDecimal lineTotal = lines.get(i).lineTotal().amount();
			total = total.add(lineTotal);
			if (lineTotal.compareTo(MAX_STORED_AMOUNT) > 0) {
				violations.add(new Violation("lines[%d].quantity".formatted(i), "amount-too-large",
						"the line total exceeds " + MAX_STORED_AMOUNT.toPlainString()));
			}
		}
		if (violations.isEmpty() && total.compareTo(MAX_STORED_AMOUNT) > 0) {
			violations.add(new Violation("lines", "amount-too-large",
					"the order total exceeds " + MAX_STORED_AMOUNT.toPlainString()));
		}
	}

	/** A line as the client asked for it. */
	public record Wanted(String sku, int quantity) {
	}

}
