package ai.asterai.registry.oci.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Access to one repository ({@code ns/name}) as the token scheme's scope strings name it:
 * {@code repository:ns/name:push,pull}. Only {@code pull} and {@code push} mean anything here.
 */
public record OciAccess(String repository, Set<String> actions) {
    /** Repository names this registry has: two labels (PackageName's rules are checked later). */
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9-]{1,63}/[a-z0-9-]{1,63}");
    private static final int MAX_SCOPES = 10;

    public OciAccess {
        actions = Set.copyOf(actions);
    }

    /**
     * The repository scopes among the {@code scope} parameters (each may hold several, space
     * separated). Scopes of other types or of names that cannot exist here grant nothing and are
     * dropped, as the token spec allows.
     */
    public static List<OciAccess> parseScopes(List<String> params) {
        List<OciAccess> out = new ArrayList<>();
        for (String param : params) {
            if (param == null) {
                continue;
            }
            for (String scope : param.trim().split(" +")) {
                if (out.size() >= MAX_SCOPES) {
                    return out;
                }
                int first = scope.indexOf(':');
                int last = scope.lastIndexOf(':');
                if (first < 0 || last <= first || !"repository".equals(scope.substring(0, first))) {
                    continue;
                }
                String repo = scope.substring(first + 1, last);
                if (!REPOSITORY.matcher(repo).matches()) {
                    continue;
                }
                Set<String> actions = new LinkedHashSet<>();
                for (String a : scope.substring(last + 1).split(",")) {
                    if (a.equals("pull") || a.equals("push")) {
                        actions.add(a);
                    }
                }
                out.add(new OciAccess(repo, actions));
            }
        }
        return out;
    }

    public String namespace() {
        return repository.substring(0, repository.indexOf('/'));
    }

    /** As stored with a bearer token: {@code ns/name:pull,push}. */
    public String encode() {
        return repository + ":" + String.join(",", actions.stream().sorted().toList());
    }

    public static List<OciAccess> decodeAll(String stored) {
        List<OciAccess> out = new ArrayList<>();
        for (String entry : stored.split(";")) {
            int colon = entry.lastIndexOf(':');
            if (colon > 0) {
                Set<String> actions = new LinkedHashSet<>(List.of(entry.substring(colon + 1).split(",")));
                actions.remove(""); // an entry granted nothing
                out.add(new OciAccess(entry.substring(0, colon), actions));
            }
        }
        return out;
    }

    public static String encodeAll(List<OciAccess> access) {
        return String.join(";", access.stream().map(OciAccess::encode).toList());
    }
}
