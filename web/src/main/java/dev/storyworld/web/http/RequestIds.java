package dev.storyworld.web.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an id, answered in {@value #HEADER}: the client's when it sent a valid one
 * (1 to 64 visible ASCII characters), else a fresh UUID. It runs on the error dispatch too, so the
 * container's own answers (a rejected token, an unknown path) carry it as well.
 * <p>
 * While the request runs, its id is {@link #current()} and ends the name of the thread serving it:
 * the server's log formatter writes the thread name into every record ({@code _ThreadName=...
 * request=<id>}), so every log line about the request carries its id, the application's, the
 * libraries' and the server's alike, with no change to how anything logs.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR}, asyncSupported = true)
public class RequestIds extends HttpFilter {

    public static final String HEADER = "X-Request-Id";
    private static final int LONGEST = 64;
    private static final String ATTRIBUTE = RequestIds.class.getName();
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    /** The id of the request this thread serves, or null outside a request (timers, start-up). */
    public static String current() {
        return CURRENT.get();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = (String) request.getAttribute(ATTRIBUTE);
        if (id == null) {
            String sent = request.getHeader(HEADER);
            id = valid(sent) ? sent : fresh();
            request.setAttribute(ATTRIBUTE, id);
        }
        response.setHeader(HEADER, id);
        if (id.equals(CURRENT.get())) {
            chain.doFilter(request, response);
            return;
        }
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        CURRENT.set(id);
        thread.setName(threadName + " request=" + id);
        try {
            chain.doFilter(request, response);
        } finally {
            thread.setName(threadName);
            CURRENT.remove();
        }
    }

    /**
     * A random (version 4) UUID from the thread's own generator: an id needs to be unique, not
     * unpredictable, and {@link UUID#randomUUID()} draws from the shared SecureRandom on every request.
     */
    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xC000L << 48) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    static boolean valid(String id) {
        return id != null && !id.isEmpty() && id.length() <= LONGEST && id.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }
}
