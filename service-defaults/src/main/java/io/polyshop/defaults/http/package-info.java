/**
 * HTTP between services and with clients: timeouts, typed failures, ETags and If-Match.
 */
@NullMarked
package io.polyshop.defaults.http;

import org.jspecify.annotations.NullMarked;
