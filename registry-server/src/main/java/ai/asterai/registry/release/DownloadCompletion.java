package ai.asterai.registry.release;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/**
 * Runs an action once a response's body has been written out completely: not when the resource
 * returns, nor when the body is queued, but when the connection has taken its last byte. A client
 * that goes away earlier (closes after the headers, or mid-body) never triggers it.
 */
public final class DownloadCompletion {
    private static final Logger LOG = Logger.getLogger(DownloadCompletion.class);

    private DownloadCompletion() {
    }

    public static void whenWritten(RoutingContext ctx, Runnable action) {
        ctx.addEndHandler(ended -> {
            if (ended.failed()) {
                LOG.debugf("download of %s not completed: %s", ctx.request().path(), ended.cause());
                return;
            }
            Channel channel = channel(ctx.request().connection());
            if (channel == null) {
                action.run(); // not a connection we can look into: the body was at least handed over
                return;
            }
            // Netty completes writes in order: this empty one succeeds only after every byte of the
            // body before it reached the socket, and fails if the connection closes first
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
                if (written.isSuccess()) {
                    action.run();
                } else {
                    LOG.debugf("download of %s aborted by the client", ctx.request().path());
                }
            });
        });
    }

    private static Channel channel(HttpConnection connection) {
        // Vert.x does not expose the channel in its API; its connections are ConnectionBase
        return connection instanceof io.vertx.core.net.impl.ConnectionBase base ? base.channel() : null;
    }
}
