package ai.asterai.runtime.host;

import ai.asterai.runtime.sandbox.LogRecord;
import ai.asterai.runtime.abi.ImportAdapter;
import ai.asterai.runtime.abi.WitSignature;
import ai.asterai.runtime.abi.WitValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code asterai:log/logger}: records into the agent's log, tagged with the calling component. */
final class LoggerHost implements HostInterface {
    private static final int MAX_FIELDS = 64;
    private final Map<String, WitSignature> signatures;

    LoggerHost(Map<String, WitSignature> signatures) {
        this.signatures = signatures;
    }

    @Override
    public String id() {
        return "asterai:log/logger@0.1.0";
    }

    @Override
    public Map<String, WitSignature> signatures() {
        return signatures;
    }

    @Override
    public ImportAdapter.Implementation bind(String function, HostContext ctx) {
        if (!function.equals("log")) {
            throw new IllegalArgumentException("asterai:log/logger has no function " + function);
        }
        int max = ctx.limits().logMaxBytes();
        return args -> {
            LogRecord.Level level = LogRecord.Level.valueOf(((WitValue.EnumV) args.get(0)).caseName().toUpperCase(java.util.Locale.ROOT));
            String message = cut(((WitValue.Str) args.get(1)).value(), max);
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            for (WitValue f : ((WitValue.ListV) args.get(2)).items()) {
                if (fields.size() == MAX_FIELDS) {
                    break;
                }
                List<WitValue> kv = ((WitValue.TupleV) f).items();
                fields.add(Map.entry(cut(((WitValue.Str) kv.get(0)).value(), 256), cut(((WitValue.Str) kv.get(1)).value(), max)));
            }
            ctx.log().write(new LogRecord(Instant.now(), ctx.component(), level, message, fields));
            return null;
        };
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
