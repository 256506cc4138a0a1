package ai.asterai.protocol.release;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.Text;
import ai.asterai.protocol.name.PackageName;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a component asks for. The runtime grants at most this, and only what the user also grants.
 * Empty means nothing: no files, no hosts, no environment, no other components.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Permissions(List<FileGrant> files, List<String> hosts, List<String> env, Long memory, Long timeMs,
                          List<String> components) {
    private static final Pattern HOST = Pattern.compile("(https?)://(\\*\\.)?[a-z0-9]([a-z0-9.-]{0,252})(:(\\*|[0-9]{1,5}))?");
    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final long MAX_MEMORY = 4L << 30;

    public static final Permissions NONE = new Permissions(List.of(), List.of(), List.of(), null, null, List.of());

    public Permissions {
        files = files == null ? List.of() : List.copyOf(files);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        env = env == null ? List.of() : List.copyOf(env);
        components = components == null ? List.of() : List.copyOf(components);
    }

    /** One directory the component wants, seen at {@code guest} inside the sandbox. */
    public record FileGrant(String guest, String access) {
        public boolean readOnly() {
            return !"rw".equals(access);
        }
    }

    public void validate() {
        for (FileGrant f : files) {
            if (f == null || f.guest() == null || !f.guest().startsWith("/") || f.guest().contains("..")
                    || f.guest().length() > 256 || f.guest().chars().anyMatch(c -> Text.isControl(c) || Character.isSurrogate((char) c))) {
                throw new InvalidInputException("permissions.files", "file permission needs an absolute guest path without '..'");
            }
            if (!"ro".equals(f.access()) && !"rw".equals(f.access())) {
                throw new InvalidInputException("permissions.files", "file access must be 'ro' or 'rw'");
            }
        }
        for (String h : hosts) {
            if (h == null || !HOST.matcher(h).matches()) {
                throw new InvalidInputException("permissions.hosts",
                        "host permission must look like https://host[:port] (got '" + PackageName.printable(String.valueOf(h)) + "')");
            }
        }
        for (String e : env) {
            if (e == null || !ENV.matcher(e).matches()) {
                throw new InvalidInputException("permissions.env", "environment variable names are [A-Za-z_][A-Za-z0-9_]*");
            }
        }
        if (memory != null && (memory <= 0 || memory > MAX_MEMORY)) {
            throw new InvalidInputException("permissions.memory", "memory must be between 1 byte and 4 GiB");
        }
        if (timeMs != null && (timeMs <= 0 || timeMs > 3_600_000)) {
            throw new InvalidInputException("permissions.timeMs", "timeMs must be between 1 and 3600000");
        }
        for (String c : components) {
            PackageName.parse(c);
        }
    }
}
