package ai.asterai.protocol.wit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Orders named nodes so that each comes after the nodes it depends on. Among nodes that are ready, the
 * one declared first goes first, so an already-sorted input keeps its order (this makes printed WIT
 * read back identically). Unknown names and cycles are reported at the offending reference.
 */
final class Toposort {
    private Toposort() {
    }

    /** {@code deps} maps each node, in declaration order, to the names it refers to. */
    static List<String> sort(String kind, Map<String, List<Ast.Id>> deps) {
        List<String> names = new ArrayList<>(deps.keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        int[] remaining = new int[names.size()];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < names.size(); i++) {
            for (Ast.Id edge : deps.get(names.get(i))) {
                Integer j = index.get(edge.name());
                if (j == null) {
                    throw edge.span().error(notFound(kind, edge.name()));
                }
                remaining[i]++;
                dependents.get(j).add(i);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < names.size(); i++) {
            if (remaining[i] == 0) {
                ready.add(i);
            }
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(names.get(i));
            for (int d : dependents.get(i)) {
                if (--remaining[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() == names.size()) {
            return order;
        }
        for (int i = 0; i < names.size(); i++) {
            if (remaining[i] == 0) {
                continue;
            }
            for (Ast.Id edge : deps.get(names.get(i))) {
                if (remaining[index.get(edge.name())] != 0) {
                    throw edge.span().error(kind + " `" + edge.name() + "` depends on itself");
                }
            }
        }
        throw new IllegalStateException("cycle not found");
    }

    static String notFound(String kind, String name) {
        String message = kind + " `" + name + "` does not exist";
        if (kind.equals("type") && (name.equals("float32") || name.equals("float64"))) {
            message += "\nthe `" + name + "` type has been renamed to `" + (name.equals("float32") ? "f32" : "f64")
                    + "` and is no longer accepted";
        }
        return message;
    }
}
