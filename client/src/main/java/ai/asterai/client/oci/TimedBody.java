package ai.asterai.client.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} that gives up when the server sends nothing for
 * {@code idle}: {@link HttpResponse.BodyHandlers#ofInputStream()} waits forever, so a registry that
 * announces more bytes than it sends (or stalls) would hang the client. One buffer list is requested
 * at a time, so at most one is held in memory beyond what the reader has consumed.
 */
final class TimedBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
    private static final List<ByteBuffer> END = List.of();
    private final long idleNanos;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> current = java.util.Collections.emptyIterator();
    private ByteBuffer buffer;
    private boolean done;

    TimedBody(Duration idle) {
        this.idleNanos = idle.toNanos();
    }

    static HttpResponse.BodyHandler<InputStream> handler(Duration idle) {
        return info -> new TimedBody(idle);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    /** The next buffer with bytes left, or null at the end. */
    private ByteBuffer next() throws IOException {
        while (buffer == null || !buffer.hasRemaining()) {
            if (current.hasNext()) {
                buffer = current.next();
                continue;
            }
            if (done) {
                return null;
            }
            Object item;
            try {
                item = queue.poll(idleNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new java.io.InterruptedIOException("interrupted while reading the answer");
            }
            if (item == null) {
                close();
                throw new IOException("the server sent nothing for " + TimeUnit.NANOSECONDS.toSeconds(idleNanos) + " s");
            }
            if (item instanceof Throwable t) {
                done = true;
                throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
            }
            @SuppressWarnings("unchecked")
            List<ByteBuffer> list = (List<ByteBuffer>) item;
            if (list == END) {
                done = true;
                return null;
            }
            current = list.iterator();
            subscription.request(1);
        }
        return buffer;
    }

    @Override
    public int read() throws IOException {
        ByteBuffer b = next();
        return b == null ? -1 : b.get() & 0xff;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        ByteBuffer b = next();
        if (b == null) {
            return -1;
        }
        int n = Math.min(len, b.remaining());
        b.get(out, off, n);
        return n;
    }

    @Override
    public void close() {
        done = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
