package ai.asterai.registry.json;

import ai.asterai.protocol.InvalidInputException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.io.PushbackInputStream;

/**
 * JSON request bodies are UTF-8 without a byte order mark, as manifests are. Jackson on its own skips
 * a UTF-8 BOM and detects UTF-16 and UTF-32 from the first bytes, so {@code "name"} sent in UTF-16
 * would have created a namespace: refused here before binding, with a 400 problem. Malformed UTF-8
 * further on is Jackson's to refuse.
 */
@Provider
public class JsonEncoding implements ReaderInterceptor {
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type != null && "json".equalsIgnoreCase(type.getSubtype())) {
            PushbackInputStream in = new PushbackInputStream(context.getInputStream(), 4);
            byte[] head = new byte[4];
            int n = in.readNBytes(head, 0, 4);
            if (n > 0) {
                in.unread(head, 0, n);
            }
            check(head, n);
            context.setInputStream(in);
        }
        return context.proceed();
    }

    static void check(byte[] head, int n) {
        boolean utf8Bom = n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf;
        boolean utf16Bom = n >= 2 && (((head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) || ((head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe));
        if (utf8Bom || utf16Bom) {
            throw new InvalidInputException("body", "the JSON body starts with a byte order mark; send UTF-8 without one");
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) { // UTF-16 or UTF-32 without a mark: ASCII characters come with NUL bytes
                throw new InvalidInputException("body", "the JSON body is not UTF-8 (UTF-16 and UTF-32 are refused)");
            }
        }
    }
}
