package ai.asterai.registry.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL text with its parameters in order; every value a client sent goes in as a parameter. */
final class Sql {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    Sql add(String sql, Object... values) {
        text.append(sql);
        params.addAll(List.of(values));
        return this;
    }

    PreparedStatement prepare(Connection c) throws SQLException {
        PreparedStatement ps = c.prepareStatement(text.toString());
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }

    @Override
    public String toString() {
        return text + " " + params;
    }
}
