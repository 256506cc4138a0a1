package ai.asterai.runtime.abi;

import ai.asterai.protocol.wit.model.FunctionKind;
import ai.asterai.protocol.wit.model.ResolvedWit;
import ai.asterai.protocol.wit.model.TypeDef;
import ai.asterai.protocol.wit.model.TypeRef;
import ai.asterai.protocol.wit.model.WitFunction;
import ai.asterai.protocol.wit.model.WitType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns WIT model types (from the protocol module's resolver) into {@link AbiType}s with layouts. */
public final class AbiTypeResolver {
    private final ResolvedWit wit;
    private final Map<TypeRef, AbiType> named = new HashMap<>();

    public AbiTypeResolver(ResolvedWit wit) {
        this.wit = wit;
    }

    public WitSignature signature(WitFunction f) {
        if (f.kind() != FunctionKind.FREESTANDING) {
            throw new UnsupportedWitType("function " + f.qualifiedName() + " belongs to a resource; resources are not supported yet");
        }
        if (f.async()) {
            throw new UnsupportedWitType("function " + f.name() + " is async; async functions are not supported yet");
        }
        List<WitSignature.Param> params = new ArrayList<>();
        for (WitFunction.Param p : f.params()) {
            params.add(new WitSignature.Param(p.name(), resolve(p.type())));
        }
        return new WitSignature(f.name(), params, f.result() == null ? null : resolve(f.result()));
    }

    public synchronized AbiType resolve(WitType type) {
        if (type instanceof WitType.Primitive p) {
            return switch (p) {
                case BOOL -> AbiType.Scalar.BOOL;
                case S8 -> AbiType.Scalar.S8;
                case S16 -> AbiType.Scalar.S16;
                case S32 -> AbiType.Scalar.S32;
                case S64 -> AbiType.Scalar.S64;
                case U8 -> AbiType.Scalar.U8;
                case U16 -> AbiType.Scalar.U16;
                case U32 -> AbiType.Scalar.U32;
                case U64 -> AbiType.Scalar.U64;
                case F32 -> AbiType.Scalar.F32;
                case F64 -> AbiType.Scalar.F64;
                case CHAR -> AbiType.Scalar.CHAR;
                case STRING -> AbiType.Scalar.STRING;
                case ERROR_CONTEXT -> throw new UnsupportedWitType("error-context is not supported yet");
            };
        } else if (type instanceof WitType.Named n) {
            return named(n.ref());
        } else if (type instanceof WitType.ListType l) {
            return new AbiType.ListT(resolve(l.element()));
        } else if (type instanceof WitType.FixedListType f) {
            if (f.size() <= 0 || f.size() > 1 << 16) {
                throw new UnsupportedWitType("fixed-length list of " + f.size() + " elements is not supported");
            }
            return new AbiType.FixedListT(resolve(f.element()), (int) f.size());
        } else if (type instanceof WitType.MapType m) {
            return new AbiType.ListT(AbiType.TupleT.of(List.of(resolve(m.key()), resolve(m.value()))));
        } else if (type instanceof WitType.OptionType o) {
            return AbiType.OptionT.of(resolve(o.inner()));
        } else if (type instanceof WitType.ResultType r) {
            return AbiType.ResultT.of(r.ok() == null ? null : resolve(r.ok()), r.err() == null ? null : resolve(r.err()));
        } else if (type instanceof WitType.TupleType t) {
            List<AbiType> types = new ArrayList<>();
            for (WitType e : t.types()) {
                types.add(resolve(e));
            }
            return AbiType.TupleT.of(types);
        } else if (type instanceof WitType.OwnHandle || type instanceof WitType.BorrowHandle) {
            throw new UnsupportedWitType("resource handles are not supported yet");
        } else if (type instanceof WitType.FutureType || type instanceof WitType.StreamType) {
            throw new UnsupportedWitType("futures and streams are not supported yet");
        }
        throw new UnsupportedWitType("unknown WIT type " + type);
    }

    private AbiType named(TypeRef ref) {
        AbiType cached = named.get(ref);
        if (cached != null) {
            return cached;
        }
        TypeDef def = wit.typeDef(ref).orElseThrow(() -> new UnsupportedWitType("type " + ref + " is not defined"));
        AbiType t;
        if (def.kind() instanceof TypeDef.AliasDef a) {
            t = resolve(a.target());
        } else if (def.kind() instanceof TypeDef.RecordDef r) {
            List<String> names = new ArrayList<>();
            List<AbiType> types = new ArrayList<>();
            for (TypeDef.Field f : r.fields()) {
                names.add(f.name());
                types.add(resolve(f.type()));
            }
            t = AbiType.RecordT.of(def.name(), names, types);
        } else if (def.kind() instanceof TypeDef.VariantDef v) {
            List<AbiType.Case> cases = new ArrayList<>();
            for (TypeDef.Case c : v.cases()) {
                cases.add(new AbiType.Case(c.name(), c.type() == null ? null : resolve(c.type())));
            }
            t = AbiType.VariantT.of(def.name(), cases);
        } else if (def.kind() instanceof TypeDef.EnumDef e) {
            t = AbiType.EnumT.of(def.name(), e.cases().stream().map(TypeDef.EnumCase::name).toList());
        } else if (def.kind() instanceof TypeDef.FlagsDef f) {
            t = new AbiType.FlagsT(def.name(), f.flags().stream().map(TypeDef.Flag::name).toList());
        } else {
            throw new UnsupportedWitType("resource " + def.name() + " is not supported yet");
        }
        named.put(ref, t);
        return t;
    }
}
