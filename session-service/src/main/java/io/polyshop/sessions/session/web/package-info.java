/** HTTP for sessions, carts, checkout and a customer's sessions. */
@NullMarked
package io.polyshop.sessions.session.web;

import org.jspecify.annotations.NullMarked;
