package io.polyshop.catalog.product.web;

import java.util.List;

/** Found products in request order, and the SKUs that do not exist. */
record BatchGetResponse(List<ProductResponse> products, List<String> missing) {
}
