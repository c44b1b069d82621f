package io.polyshop.catalog.product;

import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.jayway.jsonpath.JsonPath;
import io.polyshop.catalog.CatalogIntegrationTest;
import io.polyshop.catalog.TestProducts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@CatalogIntegrationTest
class KeysetPaginationTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void pagingThroughACategoryWhileRowsAreInsertedNeitherSkipsNorRepeatsARow() throws Exception {
		String category = TestProducts.uniqueCategory();
		String prefix = "P-" + category.substring(2).toUpperCase(Locale.ROOT) + "-";
		List<String> original = new ArrayList<>();
		for (int i = 1; i <= 40; i++) {
			original.add(create(prefix + "%03d".formatted(i * 10), category));
		}

		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			MvcTestResult page = this.mvc.get()
				.uri("/products?category={category}&limit=7" + ((cursor != null) ? "&cursor=" + cursor : ""), category)
				.exchange();
			assertThat(page).hasStatusOk();
			String body = page.getResponse().getContentAsString();
			List<String> skus = JsonPath.read(body, "$.items[*].sku");
			seen.addAll(skus);
			cursor = JsonPath.read(body, "$.nextCursor");
			if (!skus.isEmpty()) {
				// Between two pages other writers add a product behind the cursor (an
				// OFFSET would then repeat a row) and one ahead of it.
				String last = skus.getLast();
				int number = Integer.parseInt(last.substring(prefix.length(), prefix.length() + 3));
				create(prefix + "%03d".formatted(number - 5), category);
				create(last + "-B", category);
			}
		}
		while (cursor != null && seen.size() < 500);

		assertThat(seen).as("no row repeated").doesNotHaveDuplicates();
		assertThat(seen).as("no row that existed before the walk skipped").containsAll(original);
		assertThat(seen).as("in SKU order").isSorted();
	}

	@Test
	void theLastPageHasNoCursor() throws UnsupportedEncodingException {
		String category = TestProducts.uniqueCategory();
		create(TestProducts.uniqueSku(), category);
		create(TestProducts.uniqueSku(), category);

		MvcTestResult page = this.mvc.get().uri("/products?category={category}&limit=2", category).exchange();

		assertThat(page).hasStatusOk();
		assertThat((List<?>) JsonPath.read(page.getResponse().getContentAsString(), "$.items")).hasSize(2);
		assertThat((Object) JsonPath.read(page.getResponse().getContentAsString(), "$.nextCursor")).isNull();
	}

	private String create(String sku, String category) {
		assertThat(this.mvc.put()
			.uri("/products/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, TestProducts.staff())
			.contentType(MediaType.APPLICATION_JSON)
			.content(TestProducts.json("Paged " + sku, category, "3.00"))).hasStatus2xxSuccessful();
		return sku;
	}

}
