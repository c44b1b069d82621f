package io.polyshop.catalog.product.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.polyshop.catalog.CatalogProperties;
import io.polyshop.catalog.product.Money;
import io.polyshop.catalog.product.Product;
import io.polyshop.catalog.product.ProductNotFoundException;
import io.polyshop.catalog.product.ProductService;
import io.polyshop.catalog.product.Products;
import io.polyshop.defaults.http.EntityTags;
import io.polyshop.defaults.openapi.OpenApiDefaults;
import io.polyshop.defaults.openapi.ProblemResponse;
import io.polyshop.defaults.openapi.Versioned;
import io.polyshop.defaults.problem.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue's HTTP API. Every response that carries a product also carries its
 * version as an ETag; writes accept it back in If-Match (optional) for optimistic
 * locking.
 */
@RestController
@RequestMapping(path = "/products", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Products")
class ProductController {

	private static final Logger log = LoggerFactory.getLogger(ProductController.class);

	private static final String PRODUCT_ETAG = "a product, such as \"3\"";

	private final ProductService products;

	private final CatalogProperties.Listing listing;

	ProductController(ProductService products, CatalogProperties properties) {
		this.products = products;
		this.listing = properties.listing();
	}

	@GetMapping("/{sku}")
	@Versioned
	@Operation(summary = "A product by SKU, served through the Redis cache")
	ResponseEntity<ProductResponse> get(@Parameter(
			schema = @Schema(pattern = Product.SKU_REGEX, example = "KTCH-00042")) @PathVariable String sku) {
		// No product can have a malformed SKU: a 400 without touching cache or database,
		// and without echoing what was sent.
		requireValidSku(sku);
		return withETag(this.products.get(sku));
	}

	@GetMapping
	@Operation(summary = "Active products in SKU order, optionally of one category, with keyset pagination")
	ProductPage list(
			@RequestParam(required = false) @Pattern(regexp = Product.CATEGORY_REGEX,
					message = "must be a lower-case slug such as \"kitchen\"") @Nullable String category,
			@Parameter(description = "Page size, 1 to polyshop.catalog.listing.max-limit (100); "
					+ "default polyshop.catalog.listing.default-limit (20)") @RequestParam(
							required = false) @Nullable Integer limit,
			@Parameter(description = "nextCursor of the previous page, unchanged") @RequestParam(
					required = false) @Size(max = 200) @Nullable String cursor) {
		int pageSize = (limit != null) ? limit : this.listing.defaultLimit();
		if (pageSize < 1 || pageSize > this.listing.maxLimit()) {
			throw new InvalidInputException("limit", "must be between 1 and " + this.listing.maxLimit());
		}
		Products.Slice slice = this.products.list(category, Cursor.decode(cursor), pageSize);
		List<ProductResponse> items = slice.products().stream().map(ProductResponse::of).toList();
		String next = slice.hasMore() ? Cursor.encode(items.getLast().sku()) : null;
		return new ProductPage(items, next);
	}

	@PostMapping("/batch-get")
	@Operation(summary = "Up to 100 products by SKU: one Redis round trip, one SQL query for the misses")
	BatchGetResponse batchGet(@Valid @RequestBody BatchGetRequest request) {
		List<String> wanted = request.skus().stream().distinct().toList();
		List<String> lookups = wanted.stream().filter(Product::isValidSku).toList();
		Map<String, Product> found = lookups.isEmpty() ? Map.of() : this.products.getAll(lookups);
		List<ProductResponse> hits = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		for (String sku : wanted) {
			Product product = found.get(sku);
			if (product != null) {
				hits.add(ProductResponse.of(product));
			}
			else {
				missing.add(sku);
			}
		}
		log.info("Batch get of {} SKUs: {} found, {} missing", wanted.size(), hits.size(), missing.size());
		return new BatchGetResponse(hits, missing);
	}

	@PutMapping("/{sku}")
	@SecurityRequirement(name = OpenApiDefaults.BEARER, scopes = "catalog:write")
	@Operation(summary = "Create or replace a product (201 when created)")
	@ApiResponse(responseCode = "200", description = "Replaced")
	@ApiResponse(responseCode = "201", description = "Created",
			headers = @Header(name = HttpHeaders.LOCATION, description = "The product's URL",
					schema = @Schema(type = "string", example = "/products/KTCH-00042")))
	@Versioned
	@ProblemResponse(status = 412, type = "version-mismatch",
			description = "If-Match names another version of the product")
	ResponseEntity<ProductResponse> put(
			@Parameter(schema = @Schema(pattern = Product.SKU_REGEX, example = "KTCH-00042")) @PathVariable String sku,
			@Valid @RequestBody ProductRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		requireValidSku(sku);
		ProductAttributes.check(request.attributes());
		Products.Saved saved = this.products.save(convert(() -> request.toDraft(sku)),
				EntityTags.ifMatchVersion(ifMatch, PRODUCT_ETAG));
		if (saved.created()) {
			return ResponseEntity.created(URI.create("/products/" + sku))
				.eTag(eTag(saved.product()))
				.body(ProductResponse.of(saved.product()));
		}
		return withETag(saved.product());
	}

	@PutMapping("/{sku}/price")
	@SecurityRequirement(name = OpenApiDefaults.BEARER, scopes = "catalog:write")
	@Versioned
	@ProblemResponse(status = 412, type = "version-mismatch",
			description = "If-Match names another version of the product")
	@Operation(summary = "Change a product's price")
	ResponseEntity<ProductResponse> changePrice(
			@Parameter(schema = @Schema(pattern = Product.SKU_REGEX, example = "KTCH-00042")) @PathVariable String sku,
			@Valid @RequestBody MoneyJson price,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		requireValidSku(sku);
		Money money = convert(price::toMoney);
		return withETag(this.products.changePrice(sku, money, EntityTags.ifMatchVersion(ifMatch, PRODUCT_ETAG)));
	}

	@PostMapping("/{sku}/deactivate")
	@SecurityRequirement(name = OpenApiDefaults.BEARER, scopes = "catalog:write")
	@Versioned
	@ProblemResponse(status = 412, type = "version-mismatch",
			description = "If-Match names another version of the product")
	@Operation(summary = "Take a product off sale: it leaves the listing, stays readable by SKU")
	ResponseEntity<ProductResponse> deactivate(
			@Parameter(schema = @Schema(pattern = Product.SKU_REGEX, example = "KTCH-00042")) @PathVariable String sku,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		requireValidSku(sku);
		return withETag(this.products.deactivate(sku, EntityTags.ifMatchVersion(ifMatch, PRODUCT_ETAG)));
	}

	@PostMapping("/{sku}/activate")
	@SecurityRequirement(name = OpenApiDefaults.BEARER, scopes = "catalog:write")
	@Versioned
	@ProblemResponse(status = 412, type = "version-mismatch",
			description = "If-Match names another version of the product")
	@Operation(summary = "Put a product back on sale")
	ResponseEntity<ProductResponse> activate(
			@Parameter(schema = @Schema(pattern = Product.SKU_REGEX, example = "KTCH-00042")) @PathVariable String sku,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		requireValidSku(sku);
		return withETag(this.products.activate(sku, EntityTags.ifMatchVersion(ifMatch, PRODUCT_ETAG)));
	}

	private static void requireValidSku(String sku) {
		if (!Product.isValidSku(sku)) {
			throw new InvalidInputException("sku",
					"must be 3 to 40 upper-case letters, digits or dashes, such as \"KTCH-00042\"");
		}
	}

	/**
	 * Turns a domain rule broken by the input (too many decimals, unknown currency) into
	 * a 400.
	 */
	private static <T> T convert(Supplier<T> conversion) {
		try {
			return conversion.get();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("price", String.valueOf(ex.getMessage()));
		}
	}

	private static ResponseEntity<ProductResponse> withETag(Product product) {
		return ResponseEntity.ok().eTag(eTag(product)).body(ProductResponse.of(product));
	}

	private static String eTag(Product product) {
		return EntityTags.of(product.version());
	}

}
