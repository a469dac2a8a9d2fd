package dev.storyworld.web.database;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrations on the embedded H2 of the local run: per-module histories, and the way from the shared one. */
class MigrationsTest {

    private static JdbcDataSource newDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return h2;
    }

    private static List<String> column(JdbcDataSource db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static void execute(JdbcDataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void aNewDatabaseGetsEveryModulesMigrationsEachInItsOwnHistory() throws SQLException {
        JdbcDataSource db = newDatabase();
        Migrations.migrate(db, getClass().getClassLoader());

        assertThat(column(db, "SELECT \"version\" FROM flyway_history_world WHERE \"type\" = 'SQL'"
                + " ORDER BY \"installed_rank\"")).containsExactly("1", "2", "3");
        assertThat(column(db, "SELECT \"version\" FROM flyway_history_session WHERE \"type\" = 'SQL'"
                + " ORDER BY \"installed_rank\"")).containsExactly("1", "2");
        assertThat(column(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
                .contains("game_worlds", "game_world_states", "idempotency_keys", "game_world_counts", "game_scenes",
                        "game_sessions", "game_session_events");
    }

    @Test
    void aDatabaseOfTheSharedHistoryContinuesWhereItWas() throws SQLException {
        JdbcDataSource db = newDatabase();
        Migrations.migrate(db, getClass().getClassLoader());
        execute(db, "INSERT INTO game_worlds (owner_user_id, name, meta, created_at) VALUES (7, 'kept', '{}', CURRENT_TIMESTAMP)");
        // As a database migrated before per-module histories: all tables, one shared history.
        execute(db, "DROP TABLE flyway_history_world");
        execute(db, "DROP TABLE flyway_history_session");
        execute(db, "CREATE TABLE flyway_schema_history (\"version\" VARCHAR(50))");
        // The shared history ended at session V1: what the session module's V2 adds was not there yet.
        execute(db, "DROP INDEX ux_game_session_events_version");
        execute(db, "ALTER TABLE game_session_events DROP COLUMN version");

        Migrations.migrate(db, getClass().getClassLoader());
        Migrations.migrate(db, getClass().getClassLoader());

        assertThat(column(db, "SELECT \"type\" || ' ' || \"version\" FROM flyway_history_world"
                + " WHERE \"version\" IS NOT NULL")).containsExactly("BASELINE 3");
        assertThat(column(db, "SELECT \"type\" || ' ' || \"version\" FROM flyway_history_session"
                + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")).containsExactly("BASELINE 1", "SQL 2");
        assertThat(column(db, "SELECT name FROM game_worlds")).containsExactly("kept");
    }

    @Test
    void aDatabaseMigratedBeforeTheCommentsWereRewordedStillStarts() throws SQLException {
        JdbcDataSource db = newDatabase();
        Migrations.migrate(db, getClass().getClassLoader());
        execute(db, "UPDATE flyway_history_world SET \"checksum\" = 1144899012 WHERE \"version\" = '1'");
        execute(db, "UPDATE flyway_history_session SET \"checksum\" = 1968410819 WHERE \"version\" = '1'");

        Migrations.migrate(db, getClass().getClassLoader());

        assertThat(column(db, "SELECT \"checksum\" FROM flyway_history_world WHERE \"version\" = '1'"))
                .containsExactly("1640883962");
        assertThat(column(db, "SELECT \"checksum\" FROM flyway_history_session WHERE \"version\" = '1'"))
                .containsExactly("-79142516");
    }

    @Test
    void anyOtherChangedMigrationIsStillRefused() throws SQLException {
        JdbcDataSource db = newDatabase();
        Migrations.migrate(db, getClass().getClassLoader());
        execute(db, "UPDATE flyway_history_world SET \"checksum\" = 42 WHERE \"version\" = '1'");

        assertThatThrownBy(() -> Migrations.migrate(db, getClass().getClassLoader()))
                .hasMessageContaining("checksum");
    }
}
