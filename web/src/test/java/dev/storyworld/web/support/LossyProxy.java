package dev.storyworld.web.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the service that loses one answer: on its first connection it forwards the
 * request, and when the service starts answering it closes both sides instead of relaying (or, made
 * with {@link #holdingTheFirstAnswer}, keeps the connection open and relays nothing), so the service
 * has done the work and the client saw nothing. Later connections are relayed whole.
 */
public final class LossyProxy implements AutoCloseable {

    private final boolean hold;
    private final CountDownLatch withheld = new CountDownLatch(1);

    private final ServerSocket listener;
    private final URL target;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicBoolean loseNext = new AtomicBoolean(true);
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    public LossyProxy(URL target) throws IOException {
        this(target, false);
    }

    /** A proxy whose first answer never arrives, on a connection it keeps open until the client hangs up. */
    public static LossyProxy holdingTheFirstAnswer(URL target) throws IOException {
        return new LossyProxy(target, true);
    }

    private LossyProxy(URL target, boolean hold) throws IOException {
        this.target = target;
        this.hold = hold;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Waits until the service began its first answer (it has done the work); false after {@code seconds}. */
    public boolean awaitWithheldAnswer(long seconds) throws InterruptedException {
        return withheld.await(seconds, TimeUnit.SECONDS);
    }

    /** Connections the proxy accepted, the lost one included. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                Socket service = new Socket(target.getHost(), target.getPort());
                sockets.add(client);
                sockets.add(service);
                boolean lose = loseNext.getAndSet(false);
                threads.execute(() -> pump(client, service, false));
                threads.execute(() -> pump(service, client, lose));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean loseAnswer) {
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            // The first byte of the answer proves the service has done the work: drop it and hang up,
            // or hold: swallow the answer and keep the connection until the client closes its side.
            while ((read = in.read(buffer)) >= 0) {
                if (loseAnswer) {
                    withheld.countDown();
                    if (!hold) {
                        return;
                    }
                    continue;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closedByTheOtherSide) {
            // The other pump closed both sockets; nothing is left to relay.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
