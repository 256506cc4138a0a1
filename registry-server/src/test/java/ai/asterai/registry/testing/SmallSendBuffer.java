package ai.asterai.registry.testing;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * In the @QuarkusTest application only: a small socket send buffer, so a response larger than the
 * kernel's buffers really waits for its client, and a client that goes away mid-body is seen as
 * gone (on loopback the kernel would otherwise take a whole test-sized body at once).
 */
@ApplicationScoped
public class SmallSendBuffer implements HttpServerOptionsCustomizer {
    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setSendBufferSize(64 * 1024);
    }
}
