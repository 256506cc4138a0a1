package ai.asterai.registry.search;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.name.VersionRange;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /v1/search} and {@code GET /v1/interfaces/{ns}:{pkg}/{iface}/implementations}
 * (docs/api.md, "Search and discovery"). Numbers arrive as strings so a malformed one is a 400
 * naming the parameter, not the framework's 404.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {
    private final SearchService search;

    public SearchResource(SearchService search) {
        this.search = search;
    }

    @GET
    @Path("/search")
    public SearchResults search(@QueryParam("q") String q, @QueryParam("interface") String iface,
                                @QueryParam("namespace") String namespace, @QueryParam("keyword") String keyword,
                                @QueryParam("sort") String sort, @QueryParam("page") String page,
                                @QueryParam("per_page") String perPage) {
        SearchQuery query = SearchQuery.parse(q, iface, namespace, keyword, sort, page, perPage);
        SearchStrategy.Found found = search.search(query);
        String next = new NextLink("/v1/search").param("q", q == null ? null : q.strip()).param("interface", iface)
                .param("namespace", namespace).param("keyword", keyword).param("sort", sort)
                .build(query.paging(), found.total());
        return new SearchResults(found.hits(), found.total(), next);
    }

    @GET
    @Path("/interfaces/{pkg}/{iface}/implementations")
    public Implementations implementations(@PathParam("pkg") String pkg, @PathParam("iface") String ifaceName,
                                           @QueryParam("version") String version, @QueryParam("page") String page,
                                           @QueryParam("per_page") String perPage) {
        if (ifaceName.contains("@")) {
            throw new InvalidInputException("interface", "put the interface version in ?version= (e.g. ?version=^1.0), not in the path");
        }
        InterfaceId iface = InterfaceId.parse("interface", pkg + "/" + ifaceName);
        VersionRange range = version == null || version.isEmpty() ? null : VersionRange.parse(version);
        Paging paging = Paging.parse(page, perPage);
        List<Implementation> all = search.implementations(iface, range);
        List<Implementation> pageItems = all.subList(Math.min(paging.offset(), all.size()),
                Math.min(paging.offset() + paging.perPage(), all.size()));
        String next = new NextLink("/v1/interfaces/" + iface.namespace() + ":" + iface.pkg() + "/" + iface.iface()
                + "/implementations").param("version", version).build(paging, all.size());
        return new Implementations(iface.name(), range == null ? null : range.toString(), pageItems, all.size(), next);
    }

}
