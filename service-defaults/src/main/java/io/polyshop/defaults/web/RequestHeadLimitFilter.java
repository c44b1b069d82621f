package io.polyshop.defaults.web;

import java.io.IOException;
import java.util.Collections;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the head of a request with the statuses HTTP has for it: a target (path and
 * query) longer than {@code polyshop.http.max-uri-length} is a 414, headers larger than
 * {@code polyshop.http.max-header-size} together a 431, both as problems and without
 * echoing them. Tomcat's own limit on the whole head is set above these (see
 * {@code ServiceDefaultsAutoConfiguration}), so that it only catches what is far too
 * large, with a 400 of its own.
 */
public class RequestHeadLimitFilter extends OncePerRequestFilter {

	private final long maxUriLength;

	private final long maxHeaderSize;

	public RequestHeadLimitFilter(long maxUriLength, long maxHeaderSize) {
		this.maxUriLength = maxUriLength;
		this.maxHeaderSize = maxHeaderSize;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		long uriLength = request.getRequestURI().length() + ((query != null) ? query.length() + 1 : 0);
		if (uriLength > this.maxUriLength) {
			response.sendError(HttpStatus.URI_TOO_LONG.value());
			return;
		}
		if (headerSize(request) > this.maxHeaderSize) {
			response.sendError(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value());
			return;
		}
		chain.doFilter(request, response);
	}

	/** Bytes of the header fields as sent: name, colon, space, value, line break. */
	private static long headerSize(HttpServletRequest request) {
		long size = 0;
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				size += name.length() + value.length() + 4;
			}
		}
		return size;
	}

}
