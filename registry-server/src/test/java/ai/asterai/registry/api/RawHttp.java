package ai.asterai.registry.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand, for requests a well-behaved client library refuses to send (no Host,
 * a hostile Host, enormous request lines and headers); reads one response.
 */
final class RawHttp {
    private RawHttp() {
    }

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String contentType() {
            String t = header("content-type");
            return t == null ? null : t.split(";")[0].trim();
        }
    }

    static Response send(int port, String head, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before it read everything; read what it said
            }
            return read(s.getInputStream());
        }
    }

    static Response send(int port, String head) throws IOException {
        return send(port, head, null);
    }

    static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int headEnd = -1;
        byte[] chunk = new byte[8192];
        try {
            while (headEnd < 0) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                buf.write(chunk, 0, n);
                headEnd = buf.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // keep what arrived
        }
        String all = buf.toString(StandardCharsets.ISO_8859_1);
        if (headEnd < 0) {
            throw new IOException("no complete response head: '" + all + "'");
        }
        String[] lines = all.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
        }
        byte[] rest = buf.toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(rest, headEnd + 4, rest.length - headEnd - 4);
        String length = headers.get("content-length");
        try {
            if (length != null) {
                int want = Integer.parseInt(length);
                while (body.size() < want) {
                    int n = in.read(chunk, 0, Math.min(chunk.length, want - body.size()));
                    if (n < 0) {
                        break;
                    }
                    body.write(chunk, 0, n);
                }
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                return new Response(status, headers, dechunk(body, in));
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // keep what arrived
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String dechunk(ByteArrayOutputStream start, InputStream in) throws IOException {
        InputStream all = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(start.toByteArray()), in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder line = new StringBuilder();
            for (int c; (c = all.read()) >= 0 && c != '\n'; ) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            int size = Integer.parseInt(line.toString().split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(all.readNBytes(size));
            all.read();
            all.read();
        }
    }
}
