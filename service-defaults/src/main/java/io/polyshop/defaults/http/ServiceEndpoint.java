package io.polyshop.defaults.http;

import java.net.URI;
import java.time.Duration;

/**
 * Where a peer service answers and how long a call to it may take: part of each service's
 * typed properties ({@code polyshop.sessions.catalog.*}, ...).
 *
 * @param baseUrl the peer's base URL
 * @param connectTimeout bound on opening a connection
 * @param readTimeout bound on waiting for the answer
 */
public record ServiceEndpoint(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
}
