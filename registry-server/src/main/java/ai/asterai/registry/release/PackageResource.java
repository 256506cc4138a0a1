package ai.asterai.registry.release;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.registry.auth.Authenticator;
import ai.asterai.registry.auth.Caller;
import ai.asterai.registry.auth.Scope;
import ai.asterai.registry.blob.BlobResponder;
import ai.asterai.registry.config.PublicUrl;
import ai.asterai.registry.failure.NotFound;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/v1/packages/{ns}/{name}")
@Produces(MediaType.APPLICATION_JSON)
public class PackageResource {
    private static final Set<String> PARTS = Set.of("wasm", "wit", "manifest", "signature");
    private final Authenticator auth;
    private final PublishService publisher;
    private final ReleaseQueries queries;
    private final BlobResponder blobs;
    private final DownloadCounter downloads;
    private final ReleasePartsCache partsCache;
    private final PublicUrl publicUrl;

    public PackageResource(Authenticator auth, PublishService publisher, ReleaseQueries queries, BlobResponder blobs,
                           DownloadCounter downloads, ReleasePartsCache partsCache, PublicUrl publicUrl) {
        this.auth = auth;
        this.publisher = publisher;
        this.queries = queries;
        this.blobs = blobs;
        this.downloads = downloads;
        this.partsCache = partsCache;
        this.publicUrl = publicUrl;
    }

    @POST
    @Path("/versions")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response publish(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @PathParam("ns") String ns, @PathParam("name") String name,
                            @RestForm(FileUpload.ALL) List<FileUpload> parts) {
        PackageName pkg = new PackageName(ns, name);
        Caller caller = auth.require(authorization, Scope.PUBLISH, ns);
        Set<String> seen = new HashSet<>();
        FileUpload wasm = null, wit = null, manifest = null, signature = null;
        for (FileUpload f : parts == null ? List.<FileUpload>of() : parts) {
            String part = f.name();
            if (!PARTS.contains(part)) {
                throw new InvalidInputException(PackageName.printable(part), "unexpected part '" + PackageName.printable(part)
                        + "'; a publish has the parts wasm, wit, manifest, signature");
            }
            if (!seen.add(part)) {
                throw new InvalidInputException(part, "part '" + part + "' appears more than once");
            }
            requireUnencoded(f);
            switch (part) {
                case "wasm" -> wasm = f;
                case "wit" -> wit = f;
                case "manifest" -> manifest = f;
                default -> signature = f;
            }
        }
        for (String required : List.of("wit", "manifest", "signature")) {
            if (!seen.contains(required)) {
                throw new InvalidInputException(required, "missing part '" + required
                        + "' (send each part as a file part with a filename)");
            }
        }
        Release r = publisher.publish(caller, new PublishRequest(pkg.namespace(), pkg.name(),
                wasm == null ? null : wasm.uploadedFile(), wit.uploadedFile(), manifest.uploadedFile(), signature.uploadedFile()));
        return Response.status(201)
                .header(HttpHeaders.LOCATION, publicUrl.link("/v1/packages/" + pkg.namespace() + "/" + pkg.name() + "/versions/" + r.version))
                .entity(queries.view(pkg, r)).build();
    }

    /** Part encodings that leave the bytes as sent (RFC 7578 4.7): anything else would be decoded, so it is refused. */
    private static final Set<String> IDENTITY_ENCODINGS = Set.of("binary", "8bit", "7bit");

    private static void requireUnencoded(FileUpload f) {
        f.getHeaders().forEach((header, values) -> {
            if (header.equalsIgnoreCase("Content-Transfer-Encoding")) {
                for (String v : values) {
                    if (!IDENTITY_ENCODINGS.contains(v.strip().toLowerCase(java.util.Locale.ROOT))) {
                        throw new InvalidInputException(f.name(), "part '" + f.name() + "' has Content-Transfer-Encoding '"
                                + PackageName.printable(v) + "'; send every part as raw bytes (binary, or no Content-Transfer-Encoding)");
                    }
                }
            }
        });
    }

    @GET
    public ReleaseQueries.PackageView get(@PathParam("ns") String ns, @PathParam("name") String name) {
        return queries.packageView(new PackageName(ns, name));
    }

    @GET
    @Path("/versions/{version}")
    public ReleaseQueries.VersionView version(@PathParam("ns") String ns, @PathParam("name") String name,
                                              @PathParam("version") String version) {
        PackageName pkg = new PackageName(ns, name);
        return queries.view(pkg, queries.release(pkg, Version.parse(version)));
    }

    /** The bytes of one part of a release: {@code wasm}, {@code wit} or {@code manifest}. */
    @GET
    @Path("/versions/{version}/{part}")
    public Response part(@PathParam("ns") String ns, @PathParam("name") String name, @PathParam("version") String version,
                         @PathParam("part") String part, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                         @HeaderParam("Range") String range, @jakarta.ws.rs.core.Context io.vertx.ext.web.RoutingContext http) {
        PackageName pkg = new PackageName(ns, name);
        // from memory after the first download: a release's parts never change
        ReleasePartsCache.Parts r = partsCache.get(pkg, Version.parse(version));
        Response resp = switch (part) {
            case "wasm" -> {
                if (r.wasmDigest() == null) {
                    throw new NotFound("'" + pkg + "@" + r.version() + "' is an interface package and has no wasm");
                }
                yield blobs.serve(Digest.parse(r.wasmDigest()), r.wasmSize(), "application/wasm", ifNoneMatch, range);
            }
            case "wit" -> blobs.serve(Digest.parse(r.witDigest()), r.witSize(), "text/plain; charset=utf-8", ifNoneMatch, range);
            case "manifest" -> blobs.serve(Digest.parse(r.manifestDigest()), r.manifestSize(), "application/json", ifNoneMatch, range);
            default -> throw new NotFound("no part '" + PackageName.printable(part) + "'; parts are wasm, wit, manifest");
        };
        if ("wasm".equals(part) && http.request().method() == io.vertx.core.http.HttpMethod.GET && reachesTheEnd(resp)) {
            // a download is a GET whose body (to its last byte) was written out, once per client and window
            String client = http.request().remoteAddress() == null ? "unknown" : http.request().remoteAddress().hostAddress();
            DownloadCompletion.whenWritten(http, () -> downloads.countOnce(r.releaseId(), client));
        }
        return resp;
    }

    /** A 200, or a 206 whose range runs to the last byte (a resumed download that finishes). */
    private static boolean reachesTheEnd(Response resp) {
        if (resp.getStatus() == 200) {
            return true;
        }
        Object range = resp.getStatus() == 206 ? resp.getHeaders().getFirst("Content-Range") : null;
        if (range == null) {
            return false;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)").matcher(range.toString());
        return m.matches() && Long.parseLong(m.group(2)) + 1 == Long.parseLong(m.group(3));
    }

    @POST
    @Path("/versions/{version}/yank")
    public ReleaseQueries.VersionView yank(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                           @PathParam("ns") String ns, @PathParam("name") String name,
                                           @PathParam("version") String version) {
        return setYanked(authorization, ns, name, version, true);
    }

    @POST
    @Path("/versions/{version}/unyank")
    public ReleaseQueries.VersionView unyank(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                             @PathParam("ns") String ns, @PathParam("name") String name,
                                             @PathParam("version") String version) {
        return setYanked(authorization, ns, name, version, false);
    }

    private ReleaseQueries.VersionView setYanked(String authorization, String ns, String name, String version, boolean yanked) {
        PackageName pkg = new PackageName(ns, name);
        Version v = Version.parse(version);
        auth.require(authorization, Scope.YANK, ns);
        Release r = queries.setYanked(pkg, v, yanked);
        if (r == null) {
            throw new NotFound("'" + pkg + "' has no version " + v);
        }
        return queries.view(pkg, r);
    }
}
