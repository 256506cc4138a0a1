package ai.asterai.registry.web;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.registry.failure.RegistryFailure;
import ai.asterai.registry.problem.FailureProblems;
import ai.asterai.registry.search.SearchQuery;
import ai.asterai.registry.search.SearchService;
import ai.asterai.registry.search.SearchStrategy;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * The registry's web pages, server-rendered with Qute (every value escaped), usable without
 * JavaScript; /assets/app.js adds instant results and copy buttons on top.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class WebResource {
    private final SearchService search;
    private final PackagePages packages;
    private final NamespacePages namespaces;

    public WebResource(SearchService search, PackagePages packages, NamespacePages namespaces) {
        this.search = search;
        this.packages = packages;
        this.namespaces = namespaces;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(SearchPage page);

        static native TemplateInstance pkg(PackagePage page);

        static native TemplateInstance namespace(NamespacePage page);

        static native TemplateInstance error(int status, String title, String detail);
    }

    @GET
    public Response searchPage(@QueryParam("q") String q, @QueryParam("interface") String iface,
                               @QueryParam("namespace") String namespace, @QueryParam("keyword") String keyword,
                               @QueryParam("sort") String sort, @QueryParam("page") String page) {
        String text = q == null ? "" : q;
        iface = blankToNull(iface);
        namespace = blankToNull(namespace);
        keyword = blankToNull(keyword);
        try {
            SearchQuery query = SearchQuery.parse(text, iface, namespace, keyword, sort, page, null);
            SearchStrategy.Found found = search.search(query);
            int n = query.paging().page();
            String prev = n > 1 ? href(text, iface, namespace, keyword, sort, n - 1) : null;
            String next = query.paging().hasNext(found.total()) ? href(text, iface, namespace, keyword, sort, n + 1) : null;
            boolean browsing = !query.hasText() && iface == null && namespace == null && keyword == null;
            return html(200, Templates.search(new SearchPage(text, iface, namespace, keyword, query.sort().wire(), found.hits(),
                    found.total(), n, prev, next, null, browsing)));
        } catch (InvalidInputException e) {
            return html(400, Templates.search(new SearchPage(text, iface, namespace, keyword, sort, List.of(), 0, 1, null, null,
                    "Cannot search: " + e.getMessage(), false)));
        }
    }

    @GET
    @Path("packages/{ns}/{name}")
    public Response packagePage(@PathParam("ns") String ns, @PathParam("name") String name, @QueryParam("version") String version) {
        return page(() -> Templates.pkg(packages.page(new PackageName(ns, name), version == null || version.isEmpty() ? null : version)));
    }

    @GET
    @Path("namespaces/{ns}")
    public Response namespacePage(@PathParam("ns") String ns) {
        return page(() -> Templates.namespace(namespaces.page(ns)));
    }

    /** Client mistakes become pages too (404 for what does not exist, 400 for a malformed name or version). */
    private static Response page(Supplier<TemplateInstance> render) {
        try {
            return html(200, render.get());
        } catch (RegistryFailure e) {
            int status = FailureProblems.status(e);
            String title = status == 404 ? "Not found" : FailureProblems.title(e);
            return html(status, Templates.error(status, title, e.getMessage()));
        } catch (InvalidInputException e) {
            return html(404, Templates.error(404, "Not found", e.getMessage()));
        }
    }

    private static Response html(int status, TemplateInstance t) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(t.render()).build();
    }

    private static String href(String q, String iface, String namespace, String keyword, String sort, int page) {
        StringBuilder sb = new StringBuilder("/?q=").append(enc(q));
        if (iface != null && !iface.isEmpty()) {
            sb.append("&interface=").append(enc(iface));
        }
        if (namespace != null && !namespace.isEmpty()) {
            sb.append("&namespace=").append(enc(namespace));
        }
        if (keyword != null && !keyword.isEmpty()) {
            sb.append("&keyword=").append(enc(keyword));
        }
        if (sort != null && !sort.isEmpty()) {
            sb.append("&sort=").append(enc(sort));
        }
        return sb.append("&page=").append(page).toString();
    }

    /** An empty field of the form is no filter. */
    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
