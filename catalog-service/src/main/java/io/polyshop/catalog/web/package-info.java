/**
 * Cross-cutting HTTP concerns: who may call what, the one place exceptions become RFC
 * 9457 problem responses, and the framework floor ({@code /ping}).
 */
@NullMarked
package io.polyshop.catalog.web;

import org.jspecify.annotations.NullMarked;
