package ai.asterai.protocol.wit;

import java.util.ArrayList;
import java.util.List;

/** Walks the interface and world paths ({@code use}, {@code include}, imports, exports) of a file. */
final class UsePaths {
    private UsePaths() {
    }

    /** What a path must name: includes name worlds; top-level {@code use} is not yet known. */
    enum Kind { WORLD, INTERFACE, UNKNOWN }

    interface Visitor {
        /**
         * {@code owner} is the interface whose {@code use} this is, or the world whose {@code include}
         * this is (these order items); null elsewhere. {@code names} are the names of a {@code use}.
         */
        void visit(Ast.Id owner, List<Ast.Attribute> attributes, Ast.UsePath path, List<Ast.UseName> names, Kind kind);
    }

    /**
     * Visits every path a file mentions, in a fixed order: per world its uses and includes, then the paths
     * of its imports, then those of its exports; per interface its uses; top-level uses.
     */
    static void forEach(List<Ast.Item> items, Visitor visitor) {
        for (Ast.Item item : items) {
            if (item instanceof Ast.World world) {
                List<Ast.Import> imports = new ArrayList<>();
                List<Ast.Export> exports = new ArrayList<>();
                for (Ast.WorldItem wi : world.items()) {
                    if (wi instanceof Ast.Use u) {
                        visitor.visit(null, u.attributes(), u.from(), u.names(), Kind.INTERFACE);
                    } else if (wi instanceof Ast.Include inc) {
                        visitor.visit(world.name(), inc.attributes(), inc.from(), null, Kind.WORLD);
                    } else if (wi instanceof Ast.Import imp) {
                        imports.add(imp);
                    } else if (wi instanceof Ast.Export exp) {
                        exports.add(exp);
                    }
                }
                for (Ast.Import imp : imports) {
                    visitExtern(imp.kind(), imp.attributes(), visitor);
                }
                for (Ast.Export exp : exports) {
                    visitExtern(exp.kind(), exp.attributes(), visitor);
                }
            } else if (item instanceof Ast.Interface iface) {
                for (Ast.InterfaceItem ii : iface.items()) {
                    if (ii instanceof Ast.Use u) {
                        visitor.visit(iface.name(), u.attributes(), u.from(), u.names(), Kind.INTERFACE);
                    }
                }
            } else if (item instanceof Ast.TopUse u) {
                visitor.visit(null, u.attributes(), u.path(), null, Kind.UNKNOWN);
            }
        }
    }

    private static void visitExtern(Ast.Extern kind, List<Ast.Attribute> attributes, Visitor visitor) {
        if (kind instanceof Ast.InlineInterface inline) {
            for (Ast.InterfaceItem ii : inline.items()) {
                if (ii instanceof Ast.Use u) {
                    visitor.visit(null, u.attributes(), u.from(), u.names(), Kind.INTERFACE);
                }
            }
        } else if (kind instanceof Ast.PathExtern p) {
            visitor.visit(null, attributes, p.path(), null, Kind.INTERFACE);
        } else if (kind instanceof Ast.NamedPathExtern p) {
            visitor.visit(null, attributes, p.path(), null, Kind.INTERFACE);
        }
    }
}
