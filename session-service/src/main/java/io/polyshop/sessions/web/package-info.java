/** The one place exceptions become RFC 9457 problem responses. */
package io.polyshop.sessions.web;
