/**
 * The local OAuth2 / OpenID Connect issuer: Spring Authorization Server with PolyShop's
 * demo users and clients.
 */
@NullMarked
package io.polyshop.auth;

import org.jspecify.annotations.NullMarked;
