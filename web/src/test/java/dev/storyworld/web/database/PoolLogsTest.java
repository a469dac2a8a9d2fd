package dev.storyworld.web.database;

import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAException;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

class PoolLogsTest {

    private static LogRecord record(Level level, String logger, String message, Throwable thrown, Object... parameters) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setThrown(thrown);
        record.setParameters(parameters);
        return record;
    }

    @Test
    void recordsAboutAnUnreachableDatabaseAreOneWarningASecondWithoutStackTrace() {
        PoolLogs.Condenser condenser = new PoolLogs.Condenser();
        String logger = PoolLogs.LOGGERS.get(6);
        XAException rollback = new XAException("This Managed Connection is not valid as the physical connection is not usable");
        LogRecord first = record(Level.SEVERE, logger, "DTX5007:Exception :", rollback);
        assertThat(condenser.isLoggable(first)).isTrue();
        assertThat(first.getLevel()).isEqualTo(Level.WARNING);
        assertThat(first.getThrown()).isNull();
        assertThat(first.getMessage()).contains("DTX5007").contains("XAException").contains("not usable");
        for (int i = 0; i < 50; i++) {
            assertThat(condenser.isLoggable(record(Level.SEVERE, logger, "DTX5007:Exception :", rollback))).isFalse();
        }
        // Another logger has a second of its own.
        LogRecord pool = record(Level.WARNING, PoolLogs.LOGGERS.get(3), "RAR5117 : Failed to obtain/create connection from"
                + " connection pool [ {0} ]. Reason : {1}", null, "pool", "Connection could not be allocated because: Connection refused");
        assertThat(condenser.isLoggable(pool)).isTrue();
        assertThat(pool.getMessage()).contains("[ pool ]").contains("Connection refused");
    }

    @Test
    void everythingElsePassesUnchanged() {
        PoolLogs.Condenser condenser = new PoolLogs.Condenser();
        SQLException misconfigured = new SQLException("ClassNotFoundException: org.example.Driver", "S1000");
        for (int i = 0; i < 3; i++) {
            LogRecord severe = record(Level.SEVERE, PoolLogs.LOGGERS.get(1), "RAR5099 : Wrong class name", misconfigured);
            assertThat(condenser.isLoggable(severe)).isTrue();
            assertThat(severe.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(severe.getThrown()).isSameAs(misconfigured);
        }
        LogRecord info = record(Level.INFO, PoolLogs.LOGGERS.get(4), "Connection refused, retrying", null);
        assertThat(condenser.isLoggable(info)).isTrue();
        assertThat(info.getMessage()).isEqualTo("Connection refused, retrying");
    }
}
