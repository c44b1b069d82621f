/**
 * Every service as an OAuth2 resource server, written once: JWT validation, the rules
 * every service shares (public health and API documents, everything else by token), the
 * service's own rules ({@link AccessRules}), and 401 and 403 as problem details.
 */
@NullMarked
package io.polyshop.defaults.security;

import org.jspecify.annotations.NullMarked;
