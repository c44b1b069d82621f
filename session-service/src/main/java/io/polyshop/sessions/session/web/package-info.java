/** HTTP for sessions, carts, checkout and a customer's sessions. */
package io.polyshop.sessions.session.web;
