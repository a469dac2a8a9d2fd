package dev.storyworld.web.platform;

import dev.storyworld.common.Database;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The application's one data source, and Flyway bringing its schema up to date before the service
 * answers. Each feature module ships its migrations under {@code db/migration/<module>}; version
 * numbers are unique across modules.
 */
@DataSourceDefinition(
        name = DatabaseMigration.DATA_SOURCE,
        className = "dev.storyworld.web.platform.StoryworldDataSource",
        // Defaults in the expressions (after ':'): Payara resolves them first while deploying, before
        // the application's own config is visible, and without a default it warns "no value found".
        url = "${MPCONFIG=" + Database.URL + ":" + Database.DEFAULT_URL + "}",
        user = "${MPCONFIG=" + Database.USER + ":" + Database.DEFAULT_CREDENTIAL + "}",
        password = "${MPCONFIG=" + Database.PASSWORD + ":" + Database.DEFAULT_CREDENTIAL + "}",
        minPoolSize = 2,
        maxPoolSize = 40,
        // With the database away, a request fails within about a second instead of queueing for the
        // pool: no request waits more than 1 s for a connection; each connection is checked with a
        // round trip (isValid; the meta-data check never reaches the server) before use, and one
        // dead connection empties the pool, which refills with fresh ones once the database is back.
        properties = {"fish.payara.max-wait-time-in-millis=1000",
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                "fish.payara.fail-all-connections=true"})
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseMigration {

    public static final String DATA_SOURCE = "java:app/jdbc/storyworld";
    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        var result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/world", "classpath:db/migration/session")
                .placeholders(Map.of("json", jsonType()))
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }

    /** Client documents are json on PostgreSQL, which keeps them exactly as written; H2 keeps them as text. */
    private String jsonType() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")
                    ? "json" : "CHARACTER LARGE OBJECT";
        } catch (SQLException e) {
            throw new IllegalStateException("The database is unreachable at start-up", e);
        }
    }
}
