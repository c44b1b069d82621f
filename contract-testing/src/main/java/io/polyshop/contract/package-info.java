/**
 * Test support for the services: their OpenAPI documents as contracts their tests
 * enforce, and hostile input generated from them.
 */
@NullMarked
package io.polyshop.contract;

import org.jspecify.annotations.NullMarked;
