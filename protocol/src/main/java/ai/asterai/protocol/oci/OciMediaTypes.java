package ai.asterai.protocol.oci;

/**
 * How an asterai release travels as OCI artifacts (docs/oci.md), shared by the registry's {@code /v2}
 * and the client's OCI pull and push. A release is one image manifest in the CNCF Wasm layout (config
 * {@link #WASM_CONFIG}, one {@link #WASM_LAYER} layer: the component, same digest as on {@code /v1}),
 * with two referrers whose {@code subject} is that manifest:
 * <ul>
 *   <li>{@link #WIT_ARTIFACT}: one {@link #WIT_LAYER} layer, the release's WIT package text;</li>
 *   <li>{@link #SIGNATURE_ARTIFACT}: three layers, in this order: the release manifest
 *       ({@link #RELEASE_MANIFEST_LAYER}, the exact signed bytes {@code /v1} serves as the
 *       {@code manifest} part), the WIT package ({@link #WIT_LAYER}) and the signature bundle
 *       ({@link #SIGNATURE_LAYER}, {@code {"keyId":...,"signature":...}}). With the component layer's
 *       digest these are exactly what the release envelope ({@code ReleaseEnvelope}) binds, so a
 *       client verifies a release from this one referrer.</li>
 * </ul>
 * Both referrers use the empty config ({@link #EMPTY_CONFIG}, {@link #EMPTY_DIGEST}).
 */
public final class OciMediaTypes {
    public static final String IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String IMAGE_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String WASM_CONFIG = "application/vnd.wasm.config.v0+json";
    public static final String WASM_LAYER = "application/wasm";
    public static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";
    /** sha256 of the two bytes {@code {}}, the empty config's content. */
    public static final String EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    public static final String WIT_ARTIFACT = "application/vnd.asterai.wit.v1";
    public static final String WIT_LAYER = "application/vnd.asterai.wit.v1+text";
    public static final String SIGNATURE_ARTIFACT = "application/vnd.asterai.release.signature.v1";
    public static final String RELEASE_MANIFEST_LAYER = "application/vnd.asterai.release.manifest.v1+json";
    public static final String SIGNATURE_LAYER = "application/vnd.asterai.release.signature.v1+json";
    /** Annotation on the component manifest: the SemVer version it was published as. */
    public static final String VERSION_ANNOTATION = "org.opencontainers.image.version";
    /** Annotation on the component manifest: the asterai package name, {@code ns:name}. */
    public static final String PACKAGE_ANNOTATION = "ai.asterai.package";

    private OciMediaTypes() {
    }
}
