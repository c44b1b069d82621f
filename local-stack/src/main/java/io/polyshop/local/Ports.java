package io.polyshop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port helpers: a requested port of 0 means "any free port". */
public final class Ports {

	private Ports() {
	}

	static int resolve(int requested) {
		return (requested != 0) ? requested : free();
	}

	public static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free local port", ex);
		}
	}

	static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Whether something accepts connections on the loopback port (within 500 ms). */
	static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void requireFree(int port, String what) {
		if (!isFree(port)) {
			throw new IllegalStateException("Port " + port + " for " + what
					+ " is already in use: stop whatever holds it, or choose another port (see ./polyshop help)");
		}
	}

}
