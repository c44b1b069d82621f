package io.polyshop.catalog.product.web;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.polyshop.catalog.CatalogIntegrationTest;
import io.polyshop.catalog.TestProducts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract: status codes, problem documents, ETags, money as strings. */
@CatalogIntegrationTest
class ProductApiTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void putCreatesThenReplacesAndEveryWriteBumpsTheVersion() {
		String sku = TestProducts.uniqueSku();

		MvcTestResult created = put(sku, TestProducts.json("Kettle", "kitchen", "39.90"));
		assertThat(created).hasStatus(HttpStatus.CREATED)
			.hasHeader(HttpHeaders.LOCATION, "/products/" + sku)
			.hasHeader(HttpHeaders.ETAG, "\"0\"");
		assertThat(created).bodyJson()
			.extractingPath("$.price")
			.isEqualTo(java.util.Map.of("amount", "39.90", "currency", "USD"));

		MvcTestResult replaced = put(sku, TestProducts.json("Kettle 2", "kitchen", "41"));
		assertThat(replaced).hasStatusOk().hasHeader(HttpHeaders.ETAG, "\"1\"");
		assertThat(replaced).bodyJson().extractingPath("$.price.amount").isEqualTo("41.00");
	}

	@Test
	void aConditionalGetWithTheCurrentETagIsNotModifiedAndOneWithAnOldETagGetsTheProduct() {
		String sku = TestProducts.uniqueSku();
		put(sku, TestProducts.json("Vase", "home", "12.00"));

		assertThat(this.mvc.get().uri("/products/{sku}", sku).header(HttpHeaders.IF_NONE_MATCH, "\"0\""))
			.hasStatus(HttpStatus.NOT_MODIFIED)
			.hasHeader(HttpHeaders.ETAG, "\"0\"");
		put(sku, TestProducts.json("Vase", "home", "13.00"));
		assertThat(this.mvc.get().uri("/products/{sku}", sku).header(HttpHeaders.IF_NONE_MATCH, "\"0\"")).hasStatusOk()
			.hasHeader(HttpHeaders.ETAG, "\"1\"")
			.bodyJson()
			.extractingPath("$.price.amount")
			.isEqualTo("13.00");
	}

	@Test
	void aStaleIfMatchIsAPreconditionFailure() {
		String sku = TestProducts.uniqueSku();
		put(sku, TestProducts.json("Lamp", "home", "25.00"));
		put(sku, TestProducts.json("Lamp", "home", "26.00"));

		assertThat(this.mvc.put()
			.uri("/products/{sku}/price", sku)
			.header(HttpHeaders.AUTHORIZATION, TestProducts.staff())
			.header(HttpHeaders.IF_MATCH, "\"0\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"amount\": \"27.00\", \"currency\": \"USD\"}")).hasStatus(HttpStatus.PRECONDITION_FAILED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:polyshop:problem:version-mismatch");

		assertThat(this.mvc.put()
			.uri("/products/{sku}/price", sku)
			.header(HttpHeaders.AUTHORIZATION, TestProducts.staff())
			.header(HttpHeaders.IF_MATCH, "\"1\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"amount\": \"27.00\", \"currency\": \"USD\"}")).hasStatusOk()
			.hasHeader(HttpHeaders.ETAG, "\"2\"");
	}

	@Test
	void aDeactivatedProductLeavesTheListingButStaysReadableBySku() {
		String category = TestProducts.uniqueCategory();
		String sku = TestProducts.uniqueSku();
		put(sku, TestProducts.json("Old Radio", category, "15.00"));

		assertThat(this.mvc.post()
			.uri("/products/{sku}/deactivate", sku)
			.header(HttpHeaders.AUTHORIZATION, TestProducts.staff())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.active")
			.isEqualTo(false);

		assertThat(this.mvc.get().uri("/products?category={category}", category)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items")
			.asArray()
			.isEmpty();
		assertThat(this.mvc.get().uri("/products/{sku}", sku)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.active")
			.isEqualTo(false);
	}

	@Test
	void batchGetAnswersFoundProductsInRequestOrderAndNamesTheMissing() {
		String first = TestProducts.uniqueSku();
		String second = TestProducts.uniqueSku();
		put(first, TestProducts.json("First", "tests", "1.00"));
		put(second, TestProducts.json("Second", "tests", "2.00"));
		String unknown = TestProducts.uniqueSku();

		MvcTestResult result = this.mvc.post()
			.uri("/products/batch-get")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"skus\": [\"%s\", \"%s\", \"%s\", \"%s\"]}".formatted(second, unknown, first, second))
			.exchange();

		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.products[*].sku").isEqualTo(java.util.List.of(second, first));
		assertThat(result).bodyJson().extractingPath("$.missing").isEqualTo(java.util.List.of(unknown));
	}

	@Test
	void anUnknownSkuIsANotFoundProblem() {
		assertThat(this.mvc.get().uri("/products/{sku}", TestProducts.uniqueSku())).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:polyshop:problem:not-found");
		assertThat(this.mvc.post()
			.uri("/products/{sku}/deactivate", TestProducts.uniqueSku())
			.header(HttpHeaders.AUTHORIZATION, TestProducts.staff())).hasStatus(HttpStatus.NOT_FOUND);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"name\": \"\", \"category\": \"home\", \"price\": {\"amount\": \"1.00\", \"currency\": \"USD\"}}",
			"{\"name\": \"X\", \"category\": \"Home Goods\", \"price\": {\"amount\": \"1.00\", \"currency\": \"USD\"}}",
			"{\"name\": \"X\", \"category\": \"home\", \"price\": {\"amount\": \"1.999\", \"currency\": \"USD\"}}",
			"{\"name\": \"X\", \"category\": \"home\", \"price\": {\"amount\": \"-1\", \"currency\": \"USD\"}}",
			"{\"name\": \"X\", \"category\": \"home\", \"price\": {\"amount\": 1.5, \"currency\": \"usd\"}}",
			"{\"name\": \"X\", \"category\": \"home\", \"price\": {\"amount\": \"1.00\", \"currency\": \"XYZ\"}}",
			"{\"name\": \"X\", \"category\": \"home\", \"price\": {\"amount\": \"10.5\", \"currency\": \"JPY\"}}",
			"{\"name\": \"X\\u0000Y\", \"category\": \"home\", \"price\": {\"amount\": \"1.00\", \"currency\": \"USD\"}}",
			"{\"name\": \"X\", \"description\": \"bell\\u0007\", \"category\": \"home\", \"price\": {\"amount\": \"1.00\", \"currency\": \"USD\"}}",
			"{\"name\": \"X\", \"category\": \"home\", \"price\": {\"amount\": \"1.00\", \"currency\": \"XXX\"}}",
			"{\"name\": \"X\", \"category\": \"home\", \"price\": {\"amount\": \"1.00\", \"currency\": \"DEM\"}}",
			// attributes: a NUL PostgreSQL's jsonb refuses, a nested object, a name that
			// is not one
			"{\"name\": \"X\", \"category\": \"home\", \"price\": {\"amount\": \"1.00\", \"currency\": \"USD\"}, \"attributes\": {\"a\": \"\\u0000\"}}",
			"{\"name\": \"X\", \"category\": \"home\", \"price\": {\"amount\": \"1.00\", \"currency\": \"USD\"}, \"attributes\": {\"a\": {\"b\": 1}}}",
			"{\"name\": \"X\", \"category\": \"home\", \"price\": {\"amount\": \"1.00\", \"currency\": \"USD\"}, \"attributes\": {\"no spaces\": 1}}",
			"{\"name\": \"X\", \"category\": \"home\"}", "{\"name\": ", "[]" })
	void invalidProductBodiesAreBadRequestProblems(String body) {
		assertThat(put(TestProducts.uniqueSku(), body)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/products?limit=0", "/products?limit=101", "/products?limit=abc",
			"/products?cursor=not-a-cursor", "/products?category=Not%20A%20Slug" })
	void invalidListingParametersAreBadRequestProblems(String uri) {
		assertThat(this.mvc.get().uri(uri)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo(400);
	}

	@Test
	void aMalformedSkuCannotBeCreatedAndAStaleIfMatchMustBeAVersion() {
		assertThat(put("lower-case", TestProducts.json("X", "home", "1.00"))).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("sku");
		assertThat(this.mvc.put()
			.uri("/products/{sku}", TestProducts.uniqueSku())
			.header(HttpHeaders.AUTHORIZATION, TestProducts.staff())
			.header(HttpHeaders.IF_MATCH, "\"abc\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content(TestProducts.json("X", "home", "1.00"))).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void aBatchOfMoreThanAHundredSkusIsABadRequest() {
		String skus = IntStream.range(0, 101)
			.mapToObj((i) -> "\"SKU-" + i + "\"")
			.collect(Collectors.joining(",", "[", "]"));
		assertThat(this.mvc.post()
			.uri("/products/batch-get")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"skus\": " + skus + "}")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void theOpenApiDocumentDescribesTheProductEndpoints() {
		assertThat(this.mvc.get().uri("/v3/api-docs")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.paths")
			.asMap()
			.containsKeys("/products/{sku}", "/products", "/products/batch-get", "/products/{sku}/price");
	}

	private MvcTestResult put(String sku, String body) {
		return this.mvc.put()
			.uri("/products/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, TestProducts.staff())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

}
