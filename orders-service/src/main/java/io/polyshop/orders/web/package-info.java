/**
 * Cross-cutting HTTP concerns: the one place exceptions become RFC 9457 problem
 * responses.
 */
package io.polyshop.orders.web;
