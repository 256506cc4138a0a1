package ai.asterai.registry.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.DataException;
import org.junit.jupiter.api.Test;

/** A value the database refuses is the request's fault (4xx); only a failing database is a 503. */
class DatabaseErrorMappingTest {
    private final ProblemMappers mappers = new ProblemMappers();

    private Response map(String sqlState) {
        return mappers.database(new PersistenceException("failed", new SQLException("driver says no", sqlState)));
    }

    @Test
    void dataAndIntegrityErrorsAreNotOutages() {
        assertEquals(400, map("22021").getStatus()); // NUL / invalid byte sequence (PostgreSQL)
        assertEquals(400, map("22001").getStatus()); // string too long
        assertEquals(400, map("22P02").getStatus()); // invalid text representation
        assertEquals(409, map("23505").getStatus()); // unique violation
        assertEquals(409, map("23503").getStatus()); // foreign key violation
        assertEquals(400, map("23502").getStatus()); // not null
        assertEquals(Problem.MEDIA_TYPE, map("22021").getMediaType().toString());
        // Hibernate's own wrappers carry the state too
        assertEquals(400, mappers.database(new PersistenceException(new DataException("x", new SQLException("y", "22021"))))
                .getStatus());
        assertEquals(409, mappers.database(new PersistenceException(new ConstraintViolationException("x",
                new SQLException("y", "23505"), "uq"))).getStatus());
    }

    @Test
    void outagesStayRetryable503s() {
        for (String state : new String[]{"08001", "08006", "40001", "40P01", "53300", "57P01", null}) {
            Response r = map(state);
            assertEquals(503, r.getStatus(), String.valueOf(state));
            assertEquals("5", r.getHeaderString("Retry-After"));
        }
        assertEquals(503, mappers.database(new PersistenceException("no cause")).getStatus());
    }

    @Test
    void statementsTheDatabaseDoesNotUnderstandAreOurBug() {
        assertEquals(500, map("42P01").getStatus());
    }
}
