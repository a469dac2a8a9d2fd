package dev.storyworld.web.database;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The connection source behind the server's pool: PostgreSQL for a {@code jdbc:postgresql:} URL,
 * the embedded H2 for {@code jdbc:h2:}. One class lets a single {@code @DataSourceDefinition}
 * serve both, chosen by {@code storyworld.db.url} alone. The pool sets the bean properties.
 */
public class StoryworldDataSource implements DataSource {

    private static final Map<PGProperty, String> NETWORK_BOUNDS = Map.of(
            PGProperty.CONNECT_TIMEOUT, "1",
            PGProperty.LOGIN_TIMEOUT, "2",
            PGProperty.SOCKET_TIMEOUT, "10",
            PGProperty.TCP_KEEP_ALIVE, "true");

    private String url;
    private String user;
    private String password;
    private volatile DataSource target;

    public void setUrl(String url) {
        this.url = url;
    }

    public void setURL(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    private DataSource target() {
        DataSource ds = target;
        if (ds == null) {
            ds = create();
            target = ds;
        }
        return ds;
    }

    private DataSource create() {
        if (url != null && url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            return h2;
        }
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("storyworld.db.url must be a jdbc:postgresql: or jdbc:h2: URL, not " + url);
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        boundWaits(pg, url);
        if (user != null && !user.isBlank()) {
            pg.setUser(user);
        }
        if (password != null && !password.isBlank()) {
            pg.setPassword(password);
        }
        // JSON documents are bound as text; untyped strings let PostgreSQL cast them to json.
        pg.setStringType("unspecified");
        return pg;
    }

    /**
     * Bounds every wait on the network, unless the URL sets its own: a refused or unanswered
     * connect fails within 1 s, a login within 2 s, and a read that gets no answer for 10 s (a
     * network partition) gives up on the connection. The read bound stays well above the session
     * lock wait (3 s) and ordinary statements; a longer migration statement needs a larger
     * socketTimeout in the URL.
     */
    private static void boundWaits(PGSimpleDataSource pg, String url) {
        Properties given = Driver.parseURL(url, null);
        NETWORK_BOUNDS.forEach((property, value) -> {
            if (!given.containsKey(property.getName())) {
                pg.setProperty(property, value);
            }
        });
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target().getConnection();
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        return target().getConnection(username, pass);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // The pool's log writer is not needed: drivers log through java.util.logging.
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return target().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target().isWrapperFor(type);
    }
}
