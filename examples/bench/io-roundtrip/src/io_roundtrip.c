/*
 * asterai:io-roundtrip — the guest of bench/wasi-io. Built as a wasm32-wasi reactor and made a
 * component with the preview1 adapter (jco new --wasi-reactor), so its write() and read() on a file
 * become wasi:filesystem write-via-stream / read-via-stream and wasi:io output-stream and
 * input-stream calls (check-write, write, blocking-flush; blocking-read).
 *
 * The guest's own work per byte is kept small (the pattern is made once, the check compares eight
 * bytes at a time), so the figure is mostly the host's I/O path.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cabi.h"

#define PATH "/data/io-roundtrip.bin"
#define MAX_CHUNK (1u << 20)

/* Whether the n bytes at a and b are equal, eight at a time. */
static int same(const uint8_t *a, const uint8_t *b, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y) return 0;
    }
    for (; i < n; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

CABI_EXPORT("roundtrip")
int64_t roundtrip(uint32_t bytes, uint32_t chunk) {
    if (chunk == 0 || chunk > MAX_CHUNK) return -1001;
    /* the file is the pattern repeated: byte at offset i is pat[i % chunk] */
    uint8_t *pat = malloc(chunk);
    uint8_t *buf = malloc(chunk);
    if (pat == NULL || buf == NULL) {
        free(pat);
        return -ENOMEM;
    }
    for (uint32_t k = 0; k < chunk; k++) pat[k] = (uint8_t)((k * 131u + (k >> 13)) ^ 0x5a);
    int64_t result;
    int fd = open(PATH, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        result = -errno;
        goto out;
    }
    for (uint32_t at = 0; at < bytes;) {
        uint32_t from = at % chunk;
        uint32_t n = chunk - from < bytes - at ? chunk - from : bytes - at;
        ssize_t w = write(fd, pat + from, n);
        if (w <= 0) {
            result = w < 0 ? -errno : -EIO;
            close(fd);
            goto out;
        }
        at += (uint32_t)w;
    }
    if (close(fd) != 0) {
        result = -errno;
        goto out;
    }
    fd = open(PATH, O_RDONLY);
    if (fd < 0) {
        result = -errno;
        goto out;
    }
    uint32_t at = 0;
    for (;;) {
        ssize_t r = read(fd, buf, chunk);
        if (r < 0) {
            result = -errno;
            close(fd);
            goto out;
        }
        if (r == 0) break;
        /* compare with the pattern from at % chunk, wrapping once at most (r <= chunk) */
        uint32_t from = at % chunk;
        uint32_t first = chunk - from < (uint32_t)r ? chunk - from : (uint32_t)r;
        if (!same(buf, pat + from, first) || !same(buf + first, pat, (uint32_t)r - first)) {
            result = -1000;
            close(fd);
            goto out;
        }
        at += (uint32_t)r;
    }
    close(fd);
    result = at == bytes ? (int64_t)at : -1000;
out:
    free(pat);
    free(buf);
    return result;
}
