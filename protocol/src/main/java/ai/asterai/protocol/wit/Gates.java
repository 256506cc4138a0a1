package ai.asterai.protocol.wit;

import ai.asterai.protocol.wit.model.Gate;
import java.util.List;

/** Reads the feature gate of an item from its attributes, rejecting contradictory combinations. */
final class Gates {
    private Gates() {
    }

    static Gate of(List<Ast.Attribute> attributes) {
        Ast.Since since = null;
        Ast.Deprecated deprecated = null;
        Ast.Unstable unstable = null;
        Ast.ExternalId externalId = null;
        for (Ast.Attribute a : attributes) {
            if (a instanceof Ast.Since s) {
                if (since != null) {
                    throw s.span().error("cannot specify @since twice");
                }
                since = s;
            } else if (a instanceof Ast.Deprecated d) {
                if (deprecated != null) {
                    throw d.span().error("cannot specify @deprecated twice");
                }
                deprecated = d;
            } else if (a instanceof Ast.Unstable u) {
                if (unstable != null) {
                    throw u.span().error("cannot specify @unstable twice");
                }
                unstable = u;
            } else if (a instanceof Ast.ExternalId e) {
                if (externalId != null) {
                    throw e.span().error("cannot specify @external-id twice");
                }
                externalId = e;
            }
        }
        String deprecatedVersion = deprecated == null ? null : deprecated.version().toString();
        if (since != null && unstable != null) {
            throw since.span().error("cannot specify both @since and @unstable");
        }
        if (since != null) {
            return new Gate.Since(since.version().toString(), deprecatedVersion);
        }
        if (unstable != null) {
            return new Gate.Unstable(unstable.feature().name(), deprecatedVersion);
        }
        if (deprecated != null) {
            throw deprecated.span().error("@deprecated requires @since or @unstable");
        }
        return Gate.NONE;
    }
}
