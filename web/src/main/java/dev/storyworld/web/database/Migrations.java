package dev.storyworld.web.database;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Brings the schema up to date, module by module, in the order of their dependencies: each feature
 * module numbers its own migrations from 1 under {@code db/migration/<module>} and has a history
 * table of its own, so that no module needs to know the numbers another took.
 * <p>
 * A database migrated before this scheme has the one shared history {@code flyway_schema_history}
 * (world 1, 3 and 4, session 2): its modules' histories start at the versions it had applied.
 */
public final class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());
    private static final String SHARED_HISTORY = "flyway_schema_history";

    /**
     * A module's migrations, the version of its that the shared history's last version (4) stands for,
     * and its comment-only revisions.
     */
    record Module(String name, String versionInSharedHistory, List<Revision> revisions) {
        String history() {
            return "flyway_history_" + name;
        }
    }

    /**
     * A migration whose comments were reworded after databases had applied it: Flyway would refuse
     * their history's checksum, so exactly that old checksum is replaced by the new one. Any other
     * mismatch still fails validation.
     */
    record Revision(String version, int checksumBefore, int checksumAfter) {
    }

    /** The first migrations' comments pointed at a document outside the repository until 2026-12. */
    static final List<Module> MODULES = List.of(
            new Module("world", "3", List.of(new Revision("1", 1144899012, 1640883962))),
            new Module("session", "1", List.of(new Revision("1", 1968410819, -79142516))));

    private Migrations() {
    }

    public static void migrate(DataSource dataSource, ClassLoader classLoader) {
        Map<String, String> placeholders = Map.of("json", jsonType(dataSource));
        boolean shared = hasTable(dataSource, SHARED_HISTORY);
        for (Module module : MODULES) {
            var flyway = Flyway.configure(classLoader)
                    .dataSource(dataSource)
                    .table(module.history())
                    .locations("classpath:db/migration/" + module.name())
                    .placeholders(placeholders);
            if (shared && !hasTable(dataSource, module.history())) {
                Flyway.configure(classLoader).dataSource(dataSource).table(module.history())
                        .baselineVersion(module.versionInSharedHistory()).load().baseline();
                LOG.info(() -> "Migrations of " + module.name() + " continue the shared history at version "
                        + module.versionInSharedHistory());
            }
            realign(dataSource, module);
            // The schema already holds the tables of the modules below: a module's first run starts its history at 0.
            var result = flyway.baselineOnMigrate(true).baselineVersion("0").load().migrate();
            LOG.info(() -> "Schema of " + module.name() + " at version " + result.targetSchemaVersion + " ("
                    + result.migrationsExecuted + " migrations applied now)");
        }
    }

    private static void realign(DataSource dataSource, Module module) {
        if (module.revisions().isEmpty() || !hasTable(dataSource, module.history())) {
            return;
        }
        String sql = "UPDATE " + module.history() + " SET \"checksum\" = ? WHERE \"version\" = ? AND \"checksum\" = ?";
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(sql)) {
            for (Revision revision : module.revisions()) {
                update.setInt(1, revision.checksumAfter());
                update.setString(2, revision.version());
                update.setInt(3, revision.checksumBefore());
                if (update.executeUpdate() > 0) {
                    LOG.info(() -> "Migration " + module.name() + " " + revision.version()
                            + ": checksum of its reworded comments recorded");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The database is unreachable at start-up", e);
        }
    }

    /** Client documents are json on PostgreSQL, which keeps them exactly as written; H2 keeps them as text. */
    private static String jsonType(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")
                    ? "json" : "CHARACTER LARGE OBJECT";
        } catch (SQLException e) {
            throw new IllegalStateException("The database is unreachable at start-up", e);
        }
    }

    private static boolean hasTable(DataSource dataSource, String table) {
        try (Connection connection = dataSource.getConnection();
             ResultSet tables = connection.getMetaData().getTables(null, null, null, new String[]{"TABLE"})) {
            while (tables.next()) {
                if (table.equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("The database is unreachable at start-up", e);
        }
    }
}
