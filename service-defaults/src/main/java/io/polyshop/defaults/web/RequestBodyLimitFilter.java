package io.polyshop.defaults.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps every request body ({@code polyshop.http.max-body-size}, 1 MiB by default). A body
 * that declares a larger length is refused with a 413 before anything reads it; a chunked
 * body that grows past the cap fails while it is read, with the same 413. Either way the
 * answer is a problem (through {@code /error}) and nothing of the body is echoed.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	public RequestBodyLimitFilter(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
			return;
		}
		chain.doFilter((declared < 0) ? new Limited(request, this.maxBytes) : request, response);
	}

	/** Thrown by a body that grows past the cap while it is read. */
	public static class BodyTooLargeException extends IOException {

		BodyTooLargeException(long maxBytes) {
			super("The request body is larger than " + maxBytes + " bytes");
		}

	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long maxBytes;

		private @Nullable ServletInputStream limited;

		Limited(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream stream = this.limited;
			if (stream == null) {
				stream = new CountingInputStream(super.getInputStream(), this.maxBytes);
				this.limited = stream;
			}
			return stream;
		}

	}

	private static final class CountingInputStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long maxBytes;

		private long read;

		CountingInputStream(ServletInputStream in, long maxBytes) {
			this.in = in;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws BodyTooLargeException {
			this.read += n;
			if (this.read > this.maxBytes) {
				throw new BodyTooLargeException(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
