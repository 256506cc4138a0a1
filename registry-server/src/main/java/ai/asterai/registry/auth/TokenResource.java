package ai.asterai.registry.auth;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.Text;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.registry.failure.NotFound;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** API tokens: minted by the administrator, shown once, stored hashed. */
@Path("/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {
    private final Authenticator auth;
    private final NamespaceDirectory namespaces;
    private final TokenStore tokens;

    public TokenResource(Authenticator auth, NamespaceDirectory namespaces, TokenStore tokens) {
        this.tokens = tokens;
        this.namespaces = namespaces;
        this.auth = auth;
    }

    public record CreateToken(String description, List<String> namespaces, List<String> scopes, Integer expiresInDays) {
    }

    public record TokenInfo(Long id, String description, List<String> namespaces, List<String> scopes,
                            OffsetDateTime createdAt, OffsetDateTime expiresAt, boolean admin) {
    }

    public record CreatedToken(String token, TokenInfo info) {
    }

    @POST
    @Transactional
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, CreateToken req) {
        auth.requireAdmin(authorization);
        if (req == null) {
            throw new InvalidInputException("body", "request body is required");
        }
        if (req.namespaces() == null || req.namespaces().isEmpty() || req.namespaces().size() > 100) {
            throw new InvalidInputException("namespaces", "namespaces must list 1 to 100 namespace names, or [\"*\"]");
        }
        Set<String> ns = new LinkedHashSet<>();
        for (String n : req.namespaces()) {
            ns.add("*".equals(n) ? n : PackageName.requireLabel("namespaces", n));
        }
        // a token for a name nobody holds yet would gain rights over whoever creates it later
        for (String n : ns) {
            if (!"*".equals(n) && !namespaces.exists(n)) {
                throw new InvalidInputException("namespaces", "namespace '" + n + "' does not exist; create it before minting a token for it");
            }
        }
        if (req.scopes() == null || req.scopes().isEmpty()) {
            throw new InvalidInputException("scopes", "scopes must list at least one of publish, yank, keys");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String s : req.scopes()) {
            scopes.add(Scope.parse(String.valueOf(s)).wire());
        }
        if (req.expiresInDays() != null && (req.expiresInDays() < 1 || req.expiresInDays() > 3650)) {
            throw new InvalidInputException("expiresInDays", "expiresInDays must be between 1 and 3650");
        }
        if (req.description() != null && req.description().length() > 200) {
            throw new InvalidInputException("description", "description is longer than 200 characters");
        }
        Text.requireLine("description", req.description());
        String secret = TokenSecrets.generate();
        ApiToken t = new ApiToken();
        t.tokenHash = TokenSecrets.hash(secret);
        t.description = req.description();
        t.namespaces = String.join(",", ns);
        t.scopes = String.join(",", scopes);
        t.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        t.expiresAt = req.expiresInDays() == null ? null : t.createdAt.plusDays(req.expiresInDays());
        tokens.insert(t);
        return Response.status(201).entity(new CreatedToken(secret, info(t))).build();
    }

    @GET
    @Path("/self")
    public TokenInfo self(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller c = auth.authenticate(authorization);
        if (c.admin()) {
            return new TokenInfo(null, "administrator", List.of("*"), List.of("publish", "yank", "keys"), null, null, true);
        }
        return info(tokens.byId(c.tokenId()));
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        auth.requireAdmin(authorization);
        long tokenId;
        try {
            tokenId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("id", "token id must be a number");
        }
        ApiToken t = tokens.byId(tokenId);
        if (t == null) {
            throw new NotFound("no token with id " + tokenId);
        }
        if (t.revokedAt == null) {
            tokens.revoke(t, OffsetDateTime.now(ZoneOffset.UTC));
        }
        return Response.noContent().build();
    }

    private static TokenInfo info(ApiToken t) {
        return new TokenInfo(t.id, t.description, new ArrayList<>(List.of(t.namespaces.split(","))),
                new ArrayList<>(List.of(t.scopes.split(","))), t.createdAt, t.expiresAt, false);
    }
}
