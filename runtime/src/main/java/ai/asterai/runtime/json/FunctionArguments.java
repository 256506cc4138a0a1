package ai.asterai.runtime.json;

import ai.asterai.runtime.abi.AbiType;
import ai.asterai.runtime.abi.ValueMismatch;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.WitValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Arguments of a WIT function from JSON: an array gives them in parameter order, an object by
 * parameter name (missing {@code option} parameters are none). With exactly one parameter, any other
 * JSON value is that parameter. {@link #fromCommandLine} reads {@code asterai run} words.
 */
public final class FunctionArguments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionArguments() {
    }

    public static List<WitValue> fromJson(WitSignature sig, JsonNode args) {
        List<WitSignature.Param> params = sig.params();
        if (args == null || args.isMissingNode() || (args.isNull() && params.isEmpty())) {
            args = JsonNodeFactory.instance.arrayNode();
        }
        if (args.isArray()) {
            if (args.size() != params.size()) {
                throw new ValueMismatch("", sig.name() + " takes " + params.size() + " argument(s) (" + names(sig)
                        + "), got " + args.size());
            }
            List<WitValue> out = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                out.add(WitJson.fromJson(params.get(i).type(), args.get(i), params.get(i).name()));
            }
            return out;
        }
        if (args.isObject() && namesParams(sig, (ObjectNode) args)) {
            List<WitValue> out = new ArrayList<>();
            for (WitSignature.Param p : params) {
                JsonNode v = args.get(p.name());
                if (v == null && p.type() instanceof AbiType.OptionT) {
                    out.add(WitValue.OptionV.NONE);
                } else if (v == null) {
                    throw new ValueMismatch(p.name(), "missing argument of " + sig.name());
                } else {
                    out.add(WitJson.fromJson(p.type(), v, p.name()));
                }
            }
            return out;
        }
        if (params.size() == 1) {
            return List.of(WitJson.fromJson(params.get(0).type(), args, params.get(0).name()));
        }
        throw new ValueMismatch("", sig.name() + " takes " + params.size() + " arguments (" + names(sig)
                + "): give a JSON array in that order or an object with those names");
    }

    /**
     * Command-line words: one JSON array or object; or {@code name=value} words; or one word per
     * parameter. Each value is JSON, or, when it is not valid JSON and the parameter is a string,
     * char or enum, the text itself.
     */
    public static List<WitValue> fromCommandLine(WitSignature sig, List<String> words) {
        List<WitSignature.Param> params = sig.params();
        if (words.size() == 1) {
            String w = words.get(0).strip();
            if (w.startsWith("[") || (w.startsWith("{") && !(params.size() == 1 && params.get(0).type() instanceof AbiType.RecordT))) {
                JsonNode node = parse(w);
                if (node != null) {
                    return fromJson(sig, node);
                }
            }
        }
        if (!words.isEmpty() && words.stream().allMatch(w -> isNamed(sig, w))) {
            ObjectNode named = JsonNodeFactory.instance.objectNode();
            for (String w : words) {
                int eq = w.indexOf('=');
                String name = w.substring(0, eq);
                if (named.has(name)) {
                    throw new ValueMismatch(name, "given twice");
                }
                named.set(name, value(param(sig, name).type(), w.substring(eq + 1)));
            }
            return fromJson(sig, named);
        }
        if (words.size() != params.size()) {
            throw new ValueMismatch("", sig.name() + " takes " + params.size() + " argument(s) (" + names(sig) + "), got " + words.size());
        }
        ArrayNode positional = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < words.size(); i++) {
            positional.add(value(params.get(i).type(), words.get(i)));
        }
        return fromJson(sig, positional);
    }

    private static JsonNode value(AbiType type, String text) {
        boolean textual = type == AbiType.Scalar.STRING || type == AbiType.Scalar.CHAR || type instanceof AbiType.EnumT;
        JsonNode node = parse(text);
        if (node == null || (textual && !node.isTextual())) {
            if (textual) {
                return JsonNodeFactory.instance.textNode(text);
            }
            if (node == null) {
                throw new ValueMismatch("", "'" + text + "' is not valid JSON for " + type.wit());
            }
        }
        return node;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean isNamed(WitSignature sig, String word) {
        int eq = word.indexOf('=');
        return eq > 0 && sig.params().stream().anyMatch(p -> p.name().equals(word.substring(0, eq)));
    }

    private static WitSignature.Param param(WitSignature sig, String name) {
        return sig.params().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static boolean namesParams(WitSignature sig, ObjectNode args) {
        if (args.isEmpty()) {
            return sig.params().isEmpty() || sig.params().stream().allMatch(p -> p.type() instanceof AbiType.OptionT);
        }
        Set<String> names = new HashSet<>();
        sig.params().forEach(p -> names.add(p.name()));
        for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
            if (!names.contains(it.next())) {
                return false;
            }
        }
        return true;
    }

    private static String names(WitSignature sig) {
        return String.join(", ", sig.params().stream().map(p -> p.name() + ": " + p.type().wit()).toList());
    }
}
