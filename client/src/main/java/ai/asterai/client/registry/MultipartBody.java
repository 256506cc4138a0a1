package ai.asterai.client.registry;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A {@code multipart/form-data} body whose parts are all file parts (with a filename), as the
 * publish endpoint requires. The body is handed out in 64 KiB slices so progress can be reported
 * as the HTTP client consumes it.
 */
public final class MultipartBody {
    private static final int SLICE = 64 * 1024;
    private final String boundary;
    private final List<byte[]> pieces = new ArrayList<>();

    public MultipartBody() {
        byte[] r = new byte[12];
        new SecureRandom().nextBytes(r);
        this.boundary = "asterai-" + HexFormat.of().formatHex(r);
    }

    public record FilePart(String name, String filename, String contentType, byte[] content) {
    }

    public MultipartBody add(FilePart part) {
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + part.name() + "\"; filename=\"" + part.filename() + "\"\r\n"
                + "Content-Type: " + part.contentType() + "\r\n\r\n";
        pieces.add(head.getBytes(StandardCharsets.UTF_8));
        pieces.add(part.content());
        pieces.add("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    private List<byte[]> finished() {
        List<byte[]> all = new ArrayList<>(pieces);
        all.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return all;
    }

    public long length() {
        return finished().stream().mapToLong(b -> b.length).sum();
    }

    /** A publisher with a known length that reports the bytes handed out so far. */
    public HttpRequest.BodyPublisher publisher(LongConsumer progress) {
        List<byte[]> all = finished();
        long total = all.stream().mapToLong(b -> b.length).sum();
        Iterable<byte[]> slices = () -> new Iterator<>() {
            private int piece;
            private int offset;
            private long sent;

            @Override
            public boolean hasNext() {
                while (piece < all.size() && offset >= all.get(piece).length) {
                    piece++;
                    offset = 0;
                }
                return piece < all.size();
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                byte[] p = all.get(piece);
                int n = Math.min(SLICE, p.length - offset);
                byte[] out = java.util.Arrays.copyOfRange(p, offset, offset + n);
                offset += n;
                sent += n;
                progress.accept(sent);
                return out;
            }
        };
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(slices), total);
    }
}
