package io.polyshop.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in front of a store or a service that can be made to stall: connections
 * stay open and requests are accepted, but nothing is forwarded until it resumes. This is
 * the fault that timeouts exist for (a frozen process, a black-holed network), and unlike
 * a stopped server it gives no quick "connection refused". It can also be cut: every
 * connection is closed and each new one at once, as if the server were down, while the
 * server behind it keeps running with its data. Works the same in front of an embedded
 * store or a container.
 */
public final class StallingProxy implements AutoCloseable {

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final Object gate = new Object();

	private volatile boolean stalled;

	private volatile boolean cut;

	private StallingProxy(InetSocketAddress target) {
		this.target = target;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.threads.submit(this::accept);
	}

	/** A proxy on a free loopback port, forwarding to {@code host:port}. */
	public static StallingProxy to(String host, int port) {
		return new StallingProxy(new InetSocketAddress(host, port));
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** From now on nothing passes, in either direction, until {@link #resume()}. */
	public void stall() {
		this.stalled = true;
	}

	public void resume() {
		synchronized (this.gate) {
			this.stalled = false;
			this.gate.notifyAll();
		}
	}

	/**
	 * From now on the server seems down: open connections are closed, new ones closed as
	 * soon as they are accepted, until {@link #restore()}.
	 */
	public void cut() {
		this.cut = true;
		this.sockets.forEach(this::close);
	}

	public void restore() {
		this.cut = false;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					close(client);
					continue;
				}
				this.threads.submit(() -> connect(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void connect(Socket client) {
		try {
			Socket upstream = new Socket(this.target.getAddress(), this.target.getPort());
			this.sockets.add(client);
			this.sockets.add(upstream);
			this.threads.submit(() -> pump(client, upstream));
			pump(upstream, client);
		}
		catch (IOException ex) {
			close(client);
		}
	}

	/** Copies {@code from} to {@code to}, holding every chunk while stalled. */
	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				awaitOpen();
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException | InterruptedException ex) {
			// The other side closed, or the proxy did.
		}
		finally {
			close(from);
			close(to);
		}
	}

	private void awaitOpen() throws InterruptedException {
		synchronized (this.gate) {
			while (this.stalled) {
				this.gate.wait();
			}
		}
	}

	private void close(Socket socket) {
		this.sockets.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	@Override
	public void close() {
		resume();
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
		this.sockets.forEach(this::close);
		this.threads.shutdownNow();
	}

}
