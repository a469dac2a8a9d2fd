package dev.storyworld.common;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

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
}
