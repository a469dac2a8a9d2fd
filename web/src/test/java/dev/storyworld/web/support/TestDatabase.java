package dev.storyworld.web.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Direct access to the database of the server under test, for what the API does not show on
 * purpose (a world's meta version) or cannot reach in a test's time (a key 24 hours old).
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** The first column of the first row, or null when there is no row. */
    public static Object value(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static int update(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * Runs {@code sql} in a transaction that stays open, holding its row locks, while
     * {@code meanwhile} runs, and commits it afterwards: to make the server wait at a chosen moment.
     */
    public static <T> T holding(String sql, Object[] parameters, Callable<T> meanwhile) throws Exception {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                statement.executeUpdate();
            }
            T result = meanwhile.call();
            connection.commit();
            return result;
        }
    }

    /** Every table of the service, for {@link #fingerprint}. */
    private static final List<String> TABLES = List.of("game_worlds", "game_world_states", "game_world_counts",
            "game_scenes", "game_scene_nodes", "game_scene_edges", "game_sessions", "game_session_events",
            "idempotency_keys");

    /** A digest of every row of every table, by table: equal fingerprints mean nothing was written. */
    public static Map<String, String> fingerprint() {
        Map<String, String> digests = new TreeMap<>();
        for (String table : TABLES) {
            digests.put(table, (String) value("SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|'"
                    + " ORDER BY t::text), '')) FROM " + table + " t"));
        }
        return digests;
    }

    /** Whether some session of this database is waiting for a lock right now. */
    public static boolean someoneWaitsForALock() {
        return ((Number) value("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'")).longValue() > 0;
    }

    /** A connection of the test's own to the server's database, for a transaction the test steers. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("storyworld.it.db.url"),
                System.getProperty("storyworld.it.db.user"), System.getProperty("storyworld.it.db.password"));
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
