package ai.asterai.client.project;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a WIT package offers, read for display ({@code asterai info}): the exports of its worlds
 * and the interfaces it declares. A light scan, not a parser: it only has to name things.
 */
public record WitSummary(String packageName, List<String> interfaces, List<String> exports, List<String> imports) {
    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([a-z][a-z0-9-]*:[a-z][a-z0-9-]*(?:@[0-9A-Za-z.+-]+)?)\\s*;");
    private static final Pattern INTERFACE = Pattern.compile("(?m)^\\s*interface\\s+([a-z%][a-z0-9-]*)\\s*\\{");
    private static final Pattern WORLD = Pattern.compile("(?m)^\\s*world\\s+([a-z%][a-z0-9-]*)\\s*\\{");
    private static final Pattern NAMED_ITEM = Pattern.compile("(?s)([a-z%][a-z0-9-]*)\\s*:\\s*(func|interface|async)\\b.*");
    private static final Pattern ITEM = Pattern.compile("\\b(export|import)\\s+([^;{]+?)\\s*(;|\\{)");

    /** Summarises the package; {@code world} (the manifest's, may be null) picks which world's exports to list. */
    public static WitSummary of(String wit, String world) {
        String text = stripComments(wit);
        Matcher pm = PACKAGE.matcher(text);
        String pkg = pm.find() ? pm.group(1) : null;
        List<String> interfaces = new ArrayList<>();
        Matcher im = INTERFACE.matcher(text);
        while (im.find()) {
            interfaces.add(qualify(pkg, im.group(1).replace("%", "")));
        }
        String wantedWorld = world == null ? null : world.replaceAll("^[^/]*/", "").replaceAll("@.*$", "");
        Set<String> exports = new LinkedHashSet<>();
        Set<String> imports = new LinkedHashSet<>();
        Matcher wm = WORLD.matcher(text);
        while (wm.find()) {
            String name = wm.group(1).replace("%", "");
            String body = block(text, wm.end() - 1);
            if (wantedWorld != null && !wantedWorld.equals(name)) {
                continue;
            }
            Matcher it = ITEM.matcher(body);
            while (it.find()) {
                String item = it.group(2).strip();
                Matcher named = NAMED_ITEM.matcher(item);
                String shown = named.matches() ? named.group(1).replace("%", "") + " (" + named.group(2) + ")"
                        : item.contains(":") ? item : qualify(pkg, item.replace("%", ""));
                (it.group(1).equals("export") ? exports : imports).add(shown);
            }
        }
        return new WitSummary(pkg, interfaces, List.copyOf(exports), List.copyOf(imports));
    }

    /** {@code calc} in package {@code a:b@1.0.0} is {@code a:b/calc@1.0.0}. */
    private static String qualify(String pkg, String local) {
        if (pkg == null || local.contains(":")) {
            return local;
        }
        int at = pkg.indexOf('@');
        return at < 0 ? pkg + "/" + local : pkg.substring(0, at) + "/" + local + pkg.substring(at);
    }

    private static String block(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(open + 1, i);
            }
        }
        return text.substring(open + 1);
    }

    private static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", "");
    }
}
