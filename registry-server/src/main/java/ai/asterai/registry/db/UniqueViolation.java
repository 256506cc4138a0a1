package ai.asterai.registry.db;

import org.hibernate.exception.ConstraintViolationException;

/** Tells a lost race on a unique constraint (a conflict) from a database failure (a 5xx). */
public final class UniqueViolation {
    private UniqueViolation() {
    }

    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException c) {
                return c.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE || "23505".equals(c.getSQLState());
            }
            if (t instanceof java.sql.SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
