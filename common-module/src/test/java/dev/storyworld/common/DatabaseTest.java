package dev.storyworld.common;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {

    private static PersistenceException failure(String sqlState) {
        return new PersistenceException("flush failed", new RuntimeException(new SQLException("refused", sqlState)));
    }

    /** A row still referred to is 23503 on PostgreSQL and H2 alike; H2's missing parent (23506) and other 23s are not. */
    @Test
    void aRowStillReferredToIsTheForeignKeyStateAtAnyDepth() {
        assertThat(Database.isStillReferenced(failure("23503"))).isTrue();
        assertThat(Database.isStillReferenced(failure("23506"))).isFalse();
        assertThat(Database.isStillReferenced(failure("23505"))).isFalse();
        assertThat(Database.isStillReferenced(new PersistenceException("no SQL state"))).isFalse();
    }

    /** An unreachable database is an expected condition: one line with its cause, no stack trace; anything else keeps it. */
    @Test
    void aFailureOfAnUnreachableDatabaseIsLoggedWithoutItsStackTrace() {
        Logger log = Logger.getLogger("DatabaseTest.logFailure");
        log.setUseParentHandlers(false);
        List<LogRecord> records = new ArrayList<>();
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });

        Database.logFailure(log, "listening failed", failure("08006"));
        Database.logFailure(log, "reading failed", failure("42P01"));

        assertThat(records).hasSize(2);
        assertThat(records.get(0).getThrown()).isNull();
        assertThat(records.get(0).getMessage()).startsWith("listening failed; database unreachable:")
                .contains("cause: java.sql.SQLException: refused");
        assertThat(records.get(1).getThrown()).isInstanceOf(PersistenceException.class);
        assertThat(records.get(1).getMessage()).isEqualTo("reading failed");
    }
}
