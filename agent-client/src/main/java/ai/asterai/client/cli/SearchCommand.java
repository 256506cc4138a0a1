package ai.asterai.client.cli;

import ai.asterai.client.failure.NetworkException;
import ai.asterai.client.failure.RegistryException;
import ai.asterai.client.registry.Models;
import ai.asterai.client.registry.RegistryClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", description = "Search the registry's packages by name, description and keywords.")
public final class SearchCommand extends BaseCommand {
    @Parameters(paramLabel = "QUERY", arity = "0..1", description = "Words to look for (may be empty with --interface).")
    String query;

    @Option(names = "--interface", paramLabel = "NS:PKG/IFACE", description = "Only packages that export this interface, e.g. asterai:agent/tool.")
    String iface;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N results (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    RegistryOption registry;

    @Mixin
    JsonOption json;

    record Result(String registry, List<Models.SearchHit> results, boolean more) {
    }

    @Override
    protected int run() {
        if ((query == null || query.isBlank()) && iface == null) {
            throw new UserException("give a QUERY, an --interface, or both");
        }
        if (limit < 1 || limit > 1000) {
            throw new UserException("--limit must be between 1 and 1000");
        }
        if (iface != null && !iface.matches("[a-z][a-z0-9-]*:[a-z][a-z0-9-]*(/[a-z][a-z0-9-]*)?(@[0-9A-Za-z.+-]+)?")) {
            throw new UserException("--interface '" + ai.asterai.protocol.name.PackageName.printable(iface)
                    + "' must look like ns:pkg/interface[@version]");
        }
        RegistryClient client = ctx.registry(registry.url);
        List<Models.SearchHit> hits = new ArrayList<>();
        Models.SearchPage page;
        try {
            page = client.search(query == null ? "" : query.strip(), iface);
            hits.addAll(page.results());
            while (hits.size() < limit && page.next() != null && !page.results().isEmpty()) {
                page = client.searchNext(page.next());
                hits.addAll(page.results());
            }
        } catch (RegistryException e) {
            if (e.status() == 404) {
                throw new NetworkException(client.url().value(), "the registry at " + client.url()
                        + " does not offer search (GET /v1/search answered 404); use `asterai info NS:NAME` for a known package", e);
            }
            throw e;
        }
        boolean more = hits.size() > limit || page.next() != null;
        List<Models.SearchHit> shown = hits.subList(0, Math.min(limit, hits.size()));
        if (json.enabled) {
            ctx.printJson(new Result(client.url().value(), shown, more));
            return ExitCodes.OK;
        }
        if (shown.isEmpty()) {
            ctx.out().println("No packages match" + describe() + ".");
            return ExitCodes.OK;
        }
        Table t = new Table("NAME", "VERSION", "DOWNLOADS", "DESCRIPTION");
        for (Models.SearchHit h : shown) {
            t.row(h.name(), h.version(), h.downloads(), Table.truncate(h.description(), 60));
        }
        t.print(ctx.out());
        if (more) {
            ctx.out().println("... more results: raise --limit (now " + limit + ")");
        }
        return ExitCodes.OK;
    }

    private String describe() {
        String q = query == null || query.isBlank() ? "" : " '" + query.strip() + "'";
        return q + (iface == null ? "" : (q.isEmpty() ? "" : " and") + " exporting " + iface);
    }
}
