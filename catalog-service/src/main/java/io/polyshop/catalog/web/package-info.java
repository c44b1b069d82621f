/**
 * Cross-cutting HTTP concerns: the one place exceptions become RFC 9457 problem
 * responses.
 */
@NullMarked
package io.polyshop.catalog.web;

import org.jspecify.annotations.NullMarked;
