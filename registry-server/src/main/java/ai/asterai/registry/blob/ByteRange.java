package ai.asterai.registry.blob;

import ai.asterai.registry.failure.RangeNotSatisfiable;

/** One satisfiable byte range of an HTTP Range header (RFC 9110); null means the whole body. */
public record ByteRange(long start, long end) {
    public long length() {
        return end - start + 1;
    }

    public static ByteRange parse(String header, long size) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.contains(",")) {
            // other units and multipart ranges are optional; serving the whole body is allowed
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw unsatisfiable(size);
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            long start;
            long end;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) throw unsatisfiable(size);
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(a);
                end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
                if (!b.isEmpty() && Long.parseLong(b) < start) {
                    throw unsatisfiable(size);
                }
            }
            if (start < 0 || start >= size || end < start) {
                throw unsatisfiable(size);
            }
            return new ByteRange(start, end);
        } catch (NumberFormatException e) {
            throw unsatisfiable(size);
        }
    }

    private static RangeNotSatisfiable unsatisfiable(long size) {
        return new RangeNotSatisfiable(size);
    }
}
