package ai.asterai.runtime.json;

import ai.asterai.runtime.abi.AbiType;
import ai.asterai.runtime.abi.ValueMismatch;
import ai.asterai.runtime.abi.WitValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of WIT values, driven by the type. Records are objects keyed by field name (missing
 * {@code option} fields mean none), lists, tuples and fixed lists are arrays ({@code list<u8>} too, of
 * numbers), {@code option} is null or the value ({@code {"some": v}} when the payload itself is an
 * option), {@code result} is {@code {"ok": v}} or {@code {"err": e}} (null for no payload), variants are
 * {@code {"tag": case, "value": payload}} (a bare case name is accepted for a case without payload),
 * enums are strings, flags arrays of strings, chars one-character strings, u64 unsigned numbers and
 * non-finite floats the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
public final class WitJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private WitJson() {
    }

    // ---------------------------------------------------------------- to JSON

    public static JsonNode toJson(AbiType type, WitValue value) {
        if (type instanceof AbiType.Scalar s) {
            return scalarToJson(s, value);
        } else if (type instanceof AbiType.ListT l) {
            ArrayNode a = NODES.arrayNode();
            if (value instanceof WitValue.Bytes b) {
                for (byte x : b.value()) {
                    a.add(x & 0xFF);
                }
            } else {
                for (WitValue v : ((WitValue.ListV) value).items()) {
                    a.add(toJson(l.element(), v));
                }
            }
            return a;
        } else if (type instanceof AbiType.FixedListT f) {
            ArrayNode a = NODES.arrayNode();
            for (WitValue v : ((WitValue.ListV) value).items()) {
                a.add(toJson(f.element(), v));
            }
            return a;
        } else if (type instanceof AbiType.RecordT r) {
            ObjectNode o = NODES.objectNode();
            Map<String, WitValue> fields = ((WitValue.RecordV) value).fields();
            for (AbiType.Field f : r.fields()) {
                o.set(f.name(), toJson(f.type(), fields.get(f.name())));
            }
            return o;
        } else if (type instanceof AbiType.TupleT t) {
            ArrayNode a = NODES.arrayNode();
            List<WitValue> items = ((WitValue.TupleV) value).items();
            for (int i = 0; i < items.size(); i++) {
                a.add(toJson(t.types().get(i), items.get(i)));
            }
            return a;
        } else if (type instanceof AbiType.FlagsT f) {
            ArrayNode a = NODES.arrayNode();
            Set<String> set = ((WitValue.FlagsV) value).set();
            for (String name : f.flags()) {
                if (set.contains(name)) {
                    a.add(name);
                }
            }
            return a;
        } else if (type instanceof AbiType.EnumT) {
            return NODES.textNode(((WitValue.EnumV) value).caseName());
        } else if (type instanceof AbiType.VariantT v) {
            WitValue.VariantV vv = (WitValue.VariantV) value;
            ObjectNode o = NODES.objectNode();
            o.put("tag", vv.caseName());
            AbiType payload = v.cases().get(v.indexOf(vv.caseName())).type();
            if (payload != null) {
                o.set("value", toJson(payload, vv.payload()));
            }
            return o;
        } else if (type instanceof AbiType.OptionT o) {
            WitValue.OptionV opt = (WitValue.OptionV) value;
            if (!opt.isSome()) {
                return NODES.nullNode();
            }
            JsonNode inner = toJson(o.inner(), opt.value());
            if (o.inner() instanceof AbiType.OptionT) {
                ObjectNode wrap = NODES.objectNode();
                wrap.set("some", inner);
                return wrap;
            }
            return inner;
        } else if (type instanceof AbiType.ResultT r) {
            WitValue.ResultV res = (WitValue.ResultV) value;
            AbiType t = res.isOk() ? r.ok() : r.err();
            ObjectNode o = NODES.objectNode();
            o.set(res.isOk() ? "ok" : "err", t == null ? NODES.nullNode() : toJson(t, res.payload()));
            return o;
        } else if (type instanceof AbiType.HandleT) {
            // the host holds the handle; JSON shows what it is, it cannot hand one back
            ObjectNode o = NODES.objectNode();
            WitValue.Handle h = (WitValue.Handle) value;
            o.put("resource", h.type().name());
            o.put("rep", h.rep() & 0xFFFFFFFFL);
            return o;
        }
        throw new IllegalStateException("unknown ABI type " + type);
    }

    private static JsonNode scalarToJson(AbiType.Scalar s, WitValue value) {
        return switch (s) {
            case BOOL -> NODES.booleanNode(((WitValue.Bool) value).value());
            case U64 -> {
                long v = ((WitValue.Int) value).value();
                yield v >= 0 && v == (int) v ? NODES.numberNode((int) v) : v >= 0 ? NODES.numberNode(v)
                        : NODES.numberNode(BigInteger.valueOf(v).add(TWO_64));
            }
            case S8, U8, S16, U16, S32, U32, S64 -> {
                long v = ((WitValue.Int) value).value();
                yield v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
            }
            case F32 -> floatToJson(((WitValue.F32) value).value());
            case F64 -> floatToJson(((WitValue.F64) value).value());
            case CHAR -> NODES.textNode(new String(Character.toChars(((WitValue.Char) value).codePoint())));
            case STRING -> NODES.textNode(((WitValue.Str) value).value());
        };
    }

    private static JsonNode floatToJson(double d) {
        if (Double.isNaN(d)) {
            return NODES.textNode("NaN");
        }
        if (Double.isInfinite(d)) {
            return NODES.textNode(d > 0 ? "Infinity" : "-Infinity");
        }
        return NODES.numberNode(d);
    }

    private static JsonNode floatToJson(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            return floatToJson((double) f);
        }
        return NODES.numberNode(f);
    }

    // ---------------------------------------------------------------- from JSON

    public static WitValue fromJson(AbiType type, JsonNode json) {
        return fromJson(type, json, "");
    }

    public static WitValue fromJson(AbiType type, JsonNode json, String path) {
        if (json == null || json.isMissingNode()) {
            throw new ValueMismatch(path, "missing value of type " + type.wit());
        }
        if (type instanceof AbiType.Scalar s) {
            return scalarFromJson(s, json, path);
        } else if (type instanceof AbiType.ListT l) {
            ArrayNode a = array(json, type, path);
            if (l.element() == AbiType.Scalar.U8) {
                byte[] bytes = new byte[a.size()];
                for (int i = 0; i < a.size(); i++) {
                    bytes[i] = (byte) ((WitValue.Int) scalarFromJson(AbiType.Scalar.U8, a.get(i), path + "[" + i + "]")).value();
                }
                return new WitValue.Bytes(bytes);
            }
            List<WitValue> items = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                items.add(fromJson(l.element(), a.get(i), path + "[" + i + "]"));
            }
            return new WitValue.ListV(items);
        } else if (type instanceof AbiType.FixedListT f) {
            ArrayNode a = array(json, type, path);
            if (a.size() != f.length()) {
                throw new ValueMismatch(path, f.wit() + " needs exactly " + f.length() + " elements, got " + a.size());
            }
            List<WitValue> items = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                items.add(fromJson(f.element(), a.get(i), path + "[" + i + "]"));
            }
            return new WitValue.ListV(items);
        } else if (type instanceof AbiType.RecordT r) {
            if (!json.isObject()) {
                throw new ValueMismatch(path, "expected an object for record " + r.name() + ", got " + kind(json));
            }
            Map<String, WitValue> fields = new LinkedHashMap<>();
            for (AbiType.Field f : r.fields()) {
                JsonNode v = json.get(f.name());
                if (v == null && f.type() instanceof AbiType.OptionT) {
                    fields.put(f.name(), WitValue.OptionV.NONE);
                } else if (v == null) {
                    throw new ValueMismatch(join(path, f.name()), "missing field of record " + r.name());
                } else {
                    fields.put(f.name(), fromJson(f.type(), v, join(path, f.name())));
                }
            }
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!fields.containsKey(k)) {
                    throw new ValueMismatch(join(path, k), "record " + r.name() + " has no such field (fields: "
                            + String.join(", ", r.fields().stream().map(AbiType.Field::name).toList()) + ")");
                }
            }
            return new WitValue.RecordV(fields);
        } else if (type instanceof AbiType.TupleT t) {
            ArrayNode a = array(json, type, path);
            if (a.size() != t.types().size()) {
                throw new ValueMismatch(path, t.wit() + " needs " + t.types().size() + " items, got " + a.size());
            }
            List<WitValue> items = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                items.add(fromJson(t.types().get(i), a.get(i), path + "[" + i + "]"));
            }
            return new WitValue.TupleV(items);
        } else if (type instanceof AbiType.FlagsT f) {
            ArrayNode a = array(json, type, path);
            Set<String> set = new LinkedHashSet<>();
            for (int i = 0; i < a.size(); i++) {
                String name = text(a.get(i), "a flag name", path + "[" + i + "]");
                if (!f.flags().contains(name)) {
                    throw new ValueMismatch(path + "[" + i + "]", "'" + name + "' is not a flag of " + f.name()
                            + " (flags: " + String.join(", ", f.flags()) + ")");
                }
                set.add(name);
            }
            return new WitValue.FlagsV(set);
        } else if (type instanceof AbiType.EnumT e) {
            String name = text(json, "a case name of enum " + e.name(), path);
            if (!e.cases().contains(name)) {
                throw new ValueMismatch(path, "'" + name + "' is not a case of " + e.name() + " (cases: " + String.join(", ", e.cases()) + ")");
            }
            return new WitValue.EnumV(name);
        } else if (type instanceof AbiType.VariantT v) {
            return variantFromJson(v, json, path);
        } else if (type instanceof AbiType.OptionT o) {
            if (json.isNull()) {
                return WitValue.OptionV.NONE;
            }
            if (o.inner() instanceof AbiType.OptionT) {
                if (!json.isObject() || json.size() != 1 || !json.has("some")) {
                    throw new ValueMismatch(path, "a nested option is null or {\"some\": value}");
                }
                return new WitValue.OptionV(fromJson(o.inner(), json.get("some"), path + ".some"));
            }
            return new WitValue.OptionV(fromJson(o.inner(), json, path));
        } else if (type instanceof AbiType.ResultT r) {
            if (!json.isObject() || json.size() != 1 || !(json.has("ok") || json.has("err"))) {
                throw new ValueMismatch(path, "a result is {\"ok\": value} or {\"err\": value}");
            }
            boolean ok = json.has("ok");
            AbiType t = ok ? r.ok() : r.err();
            JsonNode payload = json.get(ok ? "ok" : "err");
            if (t == null) {
                if (!payload.isNull()) {
                    throw new ValueMismatch(join(path, ok ? "ok" : "err"), "this side of the result has no payload: use null");
                }
                return new WitValue.ResultV(ok, null);
            }
            return new WitValue.ResultV(ok, fromJson(t, payload, join(path, ok ? "ok" : "err")));
        } else if (type instanceof AbiType.HandleT) {
            throw new ValueMismatch(path, type.wit() + " is a resource handle, which cannot be given as JSON");
        }
        throw new IllegalStateException("unknown ABI type " + type);
    }

    private static WitValue variantFromJson(AbiType.VariantT v, JsonNode json, String path) {
        String tag;
        JsonNode payload;
        if (json.isTextual()) {
            tag = json.textValue();
            payload = null;
        } else if (json.isObject() && json.has("tag")) {
            tag = text(json.get("tag"), "a case name", join(path, "tag"));
            payload = json.get("value");
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("tag") && !k.equals("value")) {
                    throw new ValueMismatch(join(path, k), "a variant is {\"tag\": case, \"value\": payload}");
                }
            }
        } else {
            throw new ValueMismatch(path, "expected {\"tag\": case, \"value\": payload} for variant " + v.name() + ", got " + kind(json));
        }
        int index = v.indexOf(tag);
        if (index < 0) {
            throw new ValueMismatch(path, "'" + tag + "' is not a case of " + v.name() + " (cases: "
                    + String.join(", ", v.cases().stream().map(AbiType.Case::name).toList()) + ")");
        }
        AbiType t = v.cases().get(index).type();
        if (t == null) {
            if (payload != null && !payload.isNull()) {
                throw new ValueMismatch(join(path, "value"), "case " + tag + " has no payload");
            }
            return new WitValue.VariantV(tag, null);
        }
        if (payload == null) {
            throw new ValueMismatch(join(path, "value"), "case " + tag + " needs a " + t.wit() + " payload");
        }
        return new WitValue.VariantV(tag, fromJson(t, payload, join(path, "value")));
    }

    private static WitValue scalarFromJson(AbiType.Scalar s, JsonNode json, String path) {
        switch (s) {
            case BOOL:
                if (!json.isBoolean()) {
                    throw new ValueMismatch(path, "expected true or false, got " + kind(json));
                }
                return new WitValue.Bool(json.booleanValue());
            case F32:
                return new WitValue.F32((float) floatFromJson(json, path));
            case F64:
                return new WitValue.F64(floatFromJson(json, path));
            case CHAR: {
                String t = text(json, "a one-character string", path);
                if (t.codePointCount(0, t.length()) != 1) {
                    throw new ValueMismatch(path, "a char is exactly one Unicode character, got " + t.codePointCount(0, t.length()));
                }
                int cp = t.codePointAt(0);
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    throw new ValueMismatch(path, "a lone surrogate is not a char");
                }
                return new WitValue.Char(cp);
            }
            case STRING:
                return new WitValue.Str(text(json, "a string", path));
            default:
                return new WitValue.Int(integerFromJson(s, json, path));
        }
    }

    private static long integerFromJson(AbiType.Scalar s, JsonNode json, String path) {
        if (!json.isNumber()) {
            throw new ValueMismatch(path, "expected an integer (" + s.wit() + "), got " + kind(json));
        }
        BigInteger v;
        try {
            v = json.isIntegralNumber() ? json.bigIntegerValue() : json.decimalValue().toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new ValueMismatch(path, json + " is not an integer (" + s.wit() + ")");
        }
        BigInteger min;
        BigInteger max;
        switch (s) {
            case S8 -> { min = BigInteger.valueOf(Byte.MIN_VALUE); max = BigInteger.valueOf(Byte.MAX_VALUE); }
            case U8 -> { min = BigInteger.ZERO; max = BigInteger.valueOf(0xFF); }
            case S16 -> { min = BigInteger.valueOf(Short.MIN_VALUE); max = BigInteger.valueOf(Short.MAX_VALUE); }
            case U16 -> { min = BigInteger.ZERO; max = BigInteger.valueOf(0xFFFF); }
            case S32 -> { min = BigInteger.valueOf(Integer.MIN_VALUE); max = BigInteger.valueOf(Integer.MAX_VALUE); }
            case U32 -> { min = BigInteger.ZERO; max = BigInteger.valueOf(0xFFFFFFFFL); }
            case S64 -> { min = BigInteger.valueOf(Long.MIN_VALUE); max = BigInteger.valueOf(Long.MAX_VALUE); }
            default -> { min = BigInteger.ZERO; max = TWO_64.subtract(BigInteger.ONE); }
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new ValueMismatch(path, v + " is out of range for " + s.wit() + " (" + min + ".." + max + ")");
        }
        return v.longValue();
    }

    private static double floatFromJson(JsonNode json, String path) {
        if (json.isNumber()) {
            return json.isBigDecimal() ? new BigDecimal(json.decimalValue().toString()).doubleValue() : json.doubleValue();
        }
        if (json.isTextual()) {
            switch (json.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new ValueMismatch(path, "expected a number, got " + kind(json));
    }

    private static ArrayNode array(JsonNode json, AbiType type, String path) {
        if (!json.isArray()) {
            throw new ValueMismatch(path, "expected an array for " + type.wit() + ", got " + kind(json));
        }
        return (ArrayNode) json;
    }

    private static String text(JsonNode json, String what, String path) {
        if (json == null || !json.isTextual()) {
            throw new ValueMismatch(path, "expected " + what + ", got " + kind(json));
        }
        return json.textValue();
    }

    static String kind(JsonNode json) {
        if (json == null || json.isMissingNode()) {
            return "nothing";
        }
        if (json.isNull()) {
            return "null";
        }
        if (json.isTextual()) {
            return "a string";
        }
        if (json.isNumber()) {
            return "a number";
        }
        if (json.isBoolean()) {
            return "a boolean";
        }
        return json.isArray() ? "an array" : "an object";
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
