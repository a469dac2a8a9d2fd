package dev.storyworld.web.database;

import dev.storyworld.common.Database;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;

/**
 * The application's one data source, and its schema brought up to date ({@link Migrations}) before
 * the service answers.
 */
@DataSourceDefinition(
        name = DatabaseMigration.DATA_SOURCE,
        className = "dev.storyworld.web.database.StoryworldDataSource",
        // Defaults in the expressions (after ':'): Payara resolves them first while deploying, before
        // the application's own config is visible, and without a default it warns "no value found".
        url = "${MPCONFIG=" + Database.URL + ":" + Database.DEFAULT_URL + "}",
        user = "${MPCONFIG=" + Database.USER + ":" + Database.DEFAULT_CREDENTIAL + "}",
        password = "${MPCONFIG=" + Database.PASSWORD + ":" + Database.DEFAULT_CREDENTIAL + "}",
        minPoolSize = 2,
        maxPoolSize = 40,
        // With the database away, a request fails within about a second instead of queueing for the
        // pool: no request waits more than 1 s for a connection; a connection is checked with a round
        // trip (isValid; the meta-data check never reaches the server) before use, at most once a
        // second (checked at every use, it added a round trip to nearly every request), and one
        // dead connection empties the pool, which refills with fresh ones once the database is back.
        // A connection that died within its second fails its request as unreachable: a clean 503.
        properties = {"fish.payara.max-wait-time-in-millis=1000",
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                "fish.payara.validate-atmost-once-period-in-seconds=1",
                "fish.payara.fail-all-connections=true"})
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseMigration {

    public static final String DATA_SOURCE = "java:app/jdbc/storyworld";

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        Migrations.migrate(dataSource, getClass().getClassLoader());
    }
}
