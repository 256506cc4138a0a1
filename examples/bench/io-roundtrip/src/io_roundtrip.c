/*
 * asterai:io-roundtrip — the guest of bench/wasi-io. Built as a wasm32-wasi reactor and made a
 * component with the preview1 adapter (jco new --wasi-reactor), so its write() and read() on a file
 * become wasi:filesystem write-via-stream / read-via-stream and wasi:io output-stream and
 * input-stream calls (check-write, write, blocking-flush; blocking-read).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "cabi.h"

#define PATH "/data/io-roundtrip.bin"
#define MAX_CHUNK (1u << 20)

static uint8_t pattern(uint32_t i) {
    return (uint8_t)((i * 131u + (i >> 13)) ^ 0x5a);
}

CABI_EXPORT("roundtrip")
int64_t roundtrip(uint32_t bytes, uint32_t chunk) {
    if (chunk == 0 || chunk > MAX_CHUNK) return -1001;
    uint8_t *buf = malloc(chunk);
    if (buf == NULL) return -ENOMEM;
    int64_t result;
    int fd = open(PATH, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        result = -errno;
        goto out;
    }
    for (uint32_t at = 0; at < bytes;) {
        uint32_t n = bytes - at < chunk ? bytes - at : chunk;
        for (uint32_t k = 0; k < n; k++) buf[k] = pattern(at + k);
        ssize_t w = write(fd, buf, n);
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
    uint64_t hash = 0xcbf29ce484222325ull;
    uint32_t at = 0;
    for (;;) {
        ssize_t r = read(fd, buf, chunk);
        if (r < 0) {
            result = -errno;
            close(fd);
            goto out;
        }
        if (r == 0) break;
        for (ssize_t k = 0; k < r; k++) {
            if (buf[k] != pattern(at + (uint32_t)k)) {
                result = -1000;
                close(fd);
                goto out;
            }
            hash = (hash ^ buf[k]) * 0x100000001b3ull;
        }
        at += (uint32_t)r;
    }
    close(fd);
    result = at == bytes ? (int64_t)(hash & 0x7fffffffffffffffull) : -1000;
out:
    free(buf);
    return result;
}
