package ai.asterai.client.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {
    @Test
    void everyPartIsAFilePartAndProgressReachesTheTotal() throws Exception {
        byte[] big = new byte[200_000];
        MultipartBody body = new MultipartBody()
                .add(new MultipartBody.FilePart("manifest", "manifest.json", "application/json", "{}".getBytes()))
                .add(new MultipartBody.FilePart("wasm", "x.wasm", "application/wasm", big));
        List<Long> progress = new ArrayList<>();
        var publisher = body.publisher(progress::add);
        assertEquals(body.length(), publisher.contentLength());
        java.io.ByteArrayOutputStream collected = new java.io.ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer b) {
                byte[] a = new byte[b.remaining()];
                b.get(a);
                collected.writeBytes(a);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get();
        String text = collected.toString(StandardCharsets.ISO_8859_1);
        assertEquals(body.length(), collected.size());
        assertTrue(text.contains("Content-Disposition: form-data; name=\"manifest\"; filename=\"manifest.json\""));
        assertTrue(text.contains("Content-Disposition: form-data; name=\"wasm\"; filename=\"x.wasm\""));
        assertTrue(body.contentType().startsWith("multipart/form-data; boundary=asterai-"));
        assertEquals(body.length(), progress.get(progress.size() - 1));
        assertTrue(progress.size() > 3, "reported in slices");
    }

    @Test
    void textFromTheNetworkIsOneSafeLine() {
        assertEquals("a b ?[31mred", RegistryClient.oneLine("a\r\nb \u001b[31mred"));
    }
}
