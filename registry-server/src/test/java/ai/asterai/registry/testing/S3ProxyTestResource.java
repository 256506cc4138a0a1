package ai.asterai.registry.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts S3Proxy once for the @QuarkusTest suite and points the registry at it. */
public class S3ProxyTestResource implements QuarkusTestResourceLifecycleManager {
    private static S3ProxyProcess s3;

    public static S3ProxyProcess s3() {
        return s3;
    }

    @Override
    public Map<String, String> start() {
        s3 = S3ProxyProcess.start();
        return Map.of(
                "asterai.s3.endpoint", s3.endpoint(),
                "asterai.s3.access-key", S3ProxyProcess.ACCESS_KEY,
                "asterai.s3.secret-key", S3ProxyProcess.SECRET_KEY,
                "asterai.s3.bucket", "asterai-test");
    }

    @Override
    public void stop() {
        if (s3 != null) {
            s3.close();
        }
    }
}
