/*
 * Linked into the calculator (examples/calculator/src) to make a core module with no imports, for
 * the component fixture with no WASI imports (examples/components/c-calculator/calculator.wasm).
 *
 * The calculator never does I/O, but wasi-libc's stdio (pulled in by snprintf) references
 * fd_write, fd_seek and fd_close, which wasi-libc declares as imports of wasi_snapshot_preview1
 * under these symbol names. Defining them here resolves them inside the module, so the linker
 * emits no import; the rest of the code (strtod, snprintf, malloc) is the same wasi-libc code as in
 * examples/calculator/calculator.wasm, so both give the same results. They answer EBADF (8).
 */
#include <stdint.h>

#define WASI_ERRNO_BADF 8

int32_t __imported_wasi_snapshot_preview1_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len,
                                                   int32_t nwritten) {
    return WASI_ERRNO_BADF;
}

int32_t __imported_wasi_snapshot_preview1_fd_seek(int32_t fd, int64_t offset, int32_t whence,
                                                  int32_t newoffset) {
    return WASI_ERRNO_BADF;
}

int32_t __imported_wasi_snapshot_preview1_fd_close(int32_t fd) {
    return WASI_ERRNO_BADF;
}
