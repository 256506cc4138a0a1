package ai.asterai.registry.oci.auth;

import ai.asterai.protocol.oci.OciErrorCode;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The token endpoint of the bearer challenge ({@code realm}): docker's token protocol by GET with
 * Basic credentials, and the OAuth2 form by POST (password or refresh_token grant) as oras sends.
 */
@Path("/v2/token")
@Produces(MediaType.APPLICATION_JSON)
public class OciTokenResource {




    private final OciTokens tokens;

    public OciTokenResource(OciTokens tokens) {
        this.tokens = tokens;
    }

    public record TokenResponse(String token, @JsonProperty("access_token") String accessToken,
                                @JsonProperty("expires_in") long expiresIn, @JsonProperty("issued_at") OffsetDateTime issuedAt) {
    }

    @GET
    public TokenResponse get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("scope") List<String> scope) {
        String credential = OciTokens.basicPassword(authorization);
        if (credential == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            credential = authorization.substring(7).trim();
        } else if (credential == null && authorization != null && !authorization.isBlank()) {
            throw OciRefusals.of(OciErrorCode.UNAUTHORIZED, 401, "use Basic credentials whose password is an API token of this registry");
        }
        return answer(tokens.issue(credential, OciAccess.parseScopes(scope)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TokenResponse post(@RestForm("grant_type") String grantType, @RestForm("password") String password,
                              @RestForm("refresh_token") String refreshToken, @RestForm("scope") List<String> scope) {
        String credential;
        if ("password".equals(grantType)) {
            credential = password;
        } else if ("refresh_token".equals(grantType)) {
            credential = refreshToken;
        } else {
            throw OciRefusals.of(OciErrorCode.UNSUPPORTED, 400, "grant_type must be password or refresh_token");
        }
        if (credential == null || credential.isBlank()) {
            throw OciRefusals.of(OciErrorCode.UNAUTHORIZED, 401, "the " + grantType + " grant needs an API token of this registry");
        }
        return answer(tokens.issue(credential, OciAccess.parseScopes(scope)));
    }

    private static TokenResponse answer(OciTokens.Issued t) {
        return new TokenResponse(t.token(), t.token(), t.expiresIn(), t.issuedAt());
    }

}
