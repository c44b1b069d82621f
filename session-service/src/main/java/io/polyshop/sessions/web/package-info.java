/** The one place exceptions become RFC 9457 problem responses. */
@NullMarked
package io.polyshop.sessions.web;

import org.jspecify.annotations.NullMarked;
