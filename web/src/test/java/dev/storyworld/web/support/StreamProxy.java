package dev.storyworld.web.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of the service for clients that follow live streams (a browser, the Java
 * client): it relays every connection whole, and on the connections that opened a stream (a request
 * for {@code .../stream}) it can hold what the service sends, as a congested network would, or cut
 * them, as a failing network or a restarted balancer would.
 */
public final class StreamProxy implements AutoCloseable {

    private static final Pattern STREAM_REQUEST = Pattern.compile("(?m)^GET \\S*/stream HTTP/1\\.1\r?\n");

    private final ServerSocket listener;
    private final URL target;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Socket> streams = ConcurrentHashMap.newKeySet();
    private final List<String> streamRequests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch held = new CountDownLatch(0);

    public StreamProxy(URL target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    /** The proxy's root, in place of the service's. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    /** Holds what the service sends on stream connections until {@link #release()}. */
    public void hold() {
        held = new CountDownLatch(1);
    }

    public void release() {
        held.countDown();
    }

    /**
     * Closes every stream connection open now, both sides, once there is one (a client that was cut
     * before may still be reconnecting; at most 30 s); returns how many.
     */
    public int cut() throws IOException, InterruptedException {
        List<Socket> open;
        synchronized (streams) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (streams.isEmpty() && deadline - System.nanoTime() > 0) {
                TimeUnit.NANOSECONDS.timedWait(streams, deadline - System.nanoTime());
            }
            open = List.copyOf(streams);
        }
        for (Socket socket : open) {
            socket.close();
        }
        return open.size() / 2;
    }

    /** The head (request line and headers) of every stream request so far, in order. */
    public List<String> streamRequests() {
        return List.copyOf(streamRequests);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket service = new Socket(target.getHost(), target.getPort());
                sockets.add(client);
                sockets.add(service);
                threads.execute(() -> relayRequests(client, service));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /**
     * Client to service. A connection becomes a stream connection at its request for a stream (kept-alive
     * connections carry other requests first), and stays one: a stream ends only with its connection.
     */
    private void relayRequests(Socket client, Socket service) {
        AtomicBoolean stream = new AtomicBoolean();
        threads.execute(() -> relayAnswers(service, client, stream));
        try (client; service) {
            InputStream in = client.getInputStream();
            OutputStream out = service.getOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                String text = new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                Matcher request = STREAM_REQUEST.matcher(text);
                if (!stream.get() && request.find()) {
                    synchronized (streams) {
                        streams.add(client);
                        streams.add(service);
                        streams.notifyAll();
                    }
                    int head = text.indexOf("\r\n\r\n", request.start());
                    streamRequests.add(text.substring(request.start(), head < 0 ? text.length() : head));
                    stream.set(true);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closedByTheOtherSide) {
            // The other direction, a cut or close() closed the sockets; nothing is left to relay.
        } finally {
            streams.remove(client);
            streams.remove(service);
        }
    }

    private void relayAnswers(Socket service, Socket client, AtomicBoolean stream) {
        try (service; client) {
            InputStream in = service.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (stream.get()) {
                    held.await();
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closedByTheOtherSide) {
            // As above.
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        release();
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
