package ai.asterai.runtime.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * A function's WIT signature with resolved types, and its core (flattened) signatures as an export
 * the host calls and as an import the guest calls. Up to {@value #MAX_FLAT_PARAMS} flat parameters are
 * passed directly, more go through memory; more than {@value #MAX_FLAT_RESULTS} flat result goes
 * through a return area (returned by an export, passed as an extra last parameter to an import).
 *
 * @param result null when the function returns nothing
 */
public record WitSignature(String name, List<Param> params, AbiType result) {
    public static final int MAX_FLAT_PARAMS = 16;
    public static final int MAX_FLAT_RESULTS = 1;

    public record Param(String name, AbiType type) {
    }

    public WitSignature {
        params = List.copyOf(params);
    }

    public List<CoreType> flatParams() {
        List<CoreType> flat = new ArrayList<>();
        for (Param p : params) {
            flat.addAll(p.type().flat());
        }
        return flat;
    }

    public List<CoreType> flatResults() {
        return result == null ? List.of() : result.flat();
    }

    public boolean paramsInMemory() {
        return flatParams().size() > MAX_FLAT_PARAMS;
    }

    public boolean resultInMemory() {
        return flatResults().size() > MAX_FLAT_RESULTS;
    }

    /** The params as one tuple, for passing them through memory. */
    public AbiType.TupleT paramTuple() {
        return AbiType.TupleT.of(params.stream().map(Param::type).toList());
    }

    /** Core type of an export implementing this function: what the host calls. */
    public CoreSignature exportCore() {
        List<CoreType> p = paramsInMemory() ? List.of(CoreType.I32) : flatParams();
        List<CoreType> r = resultInMemory() ? List.of(CoreType.I32) : flatResults();
        return new CoreSignature(p, r);
    }

    /** Core type of an import of this function: what the guest calls. */
    public CoreSignature importCore() {
        List<CoreType> p = new ArrayList<>(paramsInMemory() ? List.of(CoreType.I32) : flatParams());
        List<CoreType> r = flatResults();
        if (resultInMemory()) {
            p.add(CoreType.I32);
            r = List.of();
        }
        return new CoreSignature(p, r);
    }

    /** {@code name(a: t, ..) -> r} */
    public String wit() {
        StringBuilder b = new StringBuilder(name).append(": func(");
        for (int i = 0; i < params.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(params.get(i).name()).append(": ").append(params.get(i).type().wit());
        }
        b.append(")");
        if (result != null) {
            b.append(" -> ").append(result.wit());
        }
        return b.toString();
    }

    /** A core function type. */
    public record CoreSignature(List<CoreType> params, List<CoreType> results) {
        public CoreSignature {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }

        @Override
        public String toString() {
            return "(" + String.join(", ", params.stream().map(CoreType::wat).toList()) + ") -> ("
                    + String.join(", ", results.stream().map(CoreType::wat).toList()) + ")";
        }
    }
}
