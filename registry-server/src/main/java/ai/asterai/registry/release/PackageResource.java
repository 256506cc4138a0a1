package ai.asterai.registry.release;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.registry.auth.Authenticator;
import ai.asterai.registry.auth.Caller;
import ai.asterai.registry.auth.Scope;
import ai.asterai.registry.blob.BlobResponder;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.registry.problem.ProblemException;
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
import java.net.URI;
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

    public PackageResource(Authenticator auth, PublishService publisher, ReleaseQueries queries, BlobResponder blobs,
                           DownloadCounter downloads, ReleasePartsCache partsCache) {
        this.auth = auth;
        this.publisher = publisher;
        this.queries = queries;
        this.blobs = blobs;
        this.downloads = downloads;
        this.partsCache = partsCache;
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
        return Response.created(URI.create("/v1/packages/" + pkg.namespace() + "/" + pkg.name() + "/versions/" + r.version))
                .entity(queries.view(pkg, r)).build();
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
                         @HeaderParam("Range") String range) {
        PackageName pkg = new PackageName(ns, name);
        // from memory after the first download: a release's parts never change
        ReleasePartsCache.Parts r = partsCache.get(pkg, Version.parse(version));
        Response resp = switch (part) {
            case "wasm" -> {
                if (r.wasmDigest() == null) {
                    throw ProblemException.notFound("'" + pkg + "@" + r.version() + "' is an interface package and has no wasm");
                }
                yield blobs.serve(Digest.parse(r.wasmDigest()), r.wasmSize(), "application/wasm", ifNoneMatch, range);
            }
            case "wit" -> blobs.serve(Digest.parse(r.witDigest()), r.witSize(), "text/plain; charset=utf-8", ifNoneMatch, range);
            case "manifest" -> blobs.serve(Digest.parse(r.manifestDigest()), r.manifestSize(), "application/json", ifNoneMatch, range);
            default -> throw ProblemException.notFound("no part '" + PackageName.printable(part) + "'; parts are wasm, wit, manifest");
        };
        if ("wasm".equals(part) && resp.getStatus() == 200) {
            downloads.count(r.releaseId());
        }
        return resp;
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
            throw ProblemException.notFound("'" + pkg + "' has no version " + v);
        }
        return queries.view(pkg, r);
    }
}
