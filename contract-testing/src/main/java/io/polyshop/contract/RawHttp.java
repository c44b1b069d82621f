package io.polyshop.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: the bytes go out exactly as
 * written, so that a request can carry what no well-behaved client would send (a NUL in
 * the path, malformed percent-encoding, a header of 20 KB). That is the point of a fuzz
 * test, and why this is not {@code java.net.http.HttpClient}, which refuses to build
 * them.
 */
public final class RawHttp {

	private static final int TIMEOUT_MILLIS = 10_000;

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/** Sends the request with {@code Connection: close} and reads the whole answer. */
	public Answer send(String method, String target, Map<String, String> headers, byte[] body) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
			request.writeBytes(
					("Host: 127.0.0.1:" + this.port + "\r\nConnection: close\r\n").getBytes(StandardCharsets.UTF_8));
			headers.forEach((name, value) -> request
				.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
			if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
				request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.UTF_8));
			}
			request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
			request.writeBytes(body);
			OutputStream out = socket.getOutputStream();
			out.write(request.toByteArray());
			out.flush();
			return Answer.parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + abbreviate(target) + " got no answer", ex);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
			all.write(buffer, 0, read);
		}
		return all.toByteArray();
	}

	static String abbreviate(String text) {
		return (text.length() <= 120) ? text : text.substring(0, 120) + "… (" + text.length() + " chars)";
	}

	/**
	 * A response: status, headers (names in lower case) and the body, de-chunked.
	 */
	public record Answer(int status, Map<String, String> headers, String body) {

		static Answer parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			if (end < 0) {
				throw new IllegalStateException("Not an HTTP response: " + abbreviate(text));
			}
			String[] lines = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).strip());
			}
			byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = dechunk(body);
			}
			return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(byte[] chunked) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			int position = 0;
			while (position < chunked.length) {
				int lineEnd = indexOfCrlf(chunked, position);
				String sizeLine = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
				int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
				if (size == 0) {
					break;
				}
				body.write(chunked, lineEnd + 2, size);
				position = lineEnd + 2 + size + 2;
			}
			return body.toByteArray();
		}

		private static int indexOfCrlf(byte[] bytes, int from) {
			for (int i = from; i < bytes.length - 1; i++) {
				if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
					return i;
				}
			}
			throw new IllegalStateException("Truncated chunked body");
		}

		public String contentType() {
			return this.headers.getOrDefault("content-type", "");
		}

	}

}
