package io.polyshop.orders.idempotency;

import org.jspecify.annotations.Nullable;

/** The response a request produced, kept to be replayed byte for byte. */
public record StoredResponse(int status, @Nullable String location, String body) {
}
