#include "probe.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

#define PROBE "asterai:test/probe@0.1.0#"

static void rep_vline(report *r, const char *tag, const char *fmt, va_list ap) {
    char tmp[1024];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    buf_puts(&r->lines, tag);
    /* Everything in a report must be valid UTF-8. */
    buf_utf8_lossy(&r->lines, (const uint8_t *)tmp, strlen(tmp), 1);
    buf_puts(&r->lines, "\n");
}

static void rep_line(report *r, const char *tag, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    rep_vline(r, tag, fmt, ap);
    va_end(ap);
}

void rep_denied(report *r, const char *what, int err) {
    r->attempts++;
    rep_line(r, "denied   ", "%s: %s (errno %d)", what, strerror(err), err);
}

void rep_refused(report *r, const char *what, const char *detail) {
    r->attempts++;
    rep_line(r, "denied   ", "%s: %s", what, detail);
}

void rep_escaped(report *r, const char *what, const char *detail) {
    r->attempts++;
    r->escaped++;
    rep_line(r, "ESCAPED  ", "%s: %s", what, detail);
}

void rep_note(report *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    rep_vline(r, "note     ", fmt, ap);
    va_end(ap);
}

void rep_fail(report *r, const char *fmt, ...) {
    va_list ap;
    r->failed = 1;
    va_start(ap, fmt);
    rep_vline(r, "FAILED   ", fmt, ap);
    va_end(ap);
}

int find_preopens(preopen *out, int max) {
    int n = 0;
    for (int fd = 3; fd < 64 && n < max; fd++) {
        __wasi_prestat_t st;
        __wasi_errno_t e = __wasi_fd_prestat_get(fd, &st);
        if (e == __WASI_ERRNO_BADF) break;
        if (e != 0 || st.tag != __WASI_PREOPENTYPE_DIR) continue;
        size_t len = st.u.dir.pr_name_len;
        if (len >= sizeof out[n].name) len = sizeof out[n].name - 1;
        char tmp[256];
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)tmp, len) != 0) continue;
        tmp[len] = 0;
        out[n].fd = fd;
        memcpy(out[n].name, tmp, len + 1);
        n++;
    }
    return n;
}

char *str_cat(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);
    if (s == NULL) __builtin_trap();
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    return s;
}

/* Describes what an opened fd gives away: first bytes, or entry names. */
static void describe_fd(int fd, char *detail, size_t size) {
    char data[161];
    ssize_t n = read(fd, data, sizeof data - 1);
    if (n >= 0) {
        for (ssize_t i = 0; i < n; i++)
            if (data[i] == '\n' || data[i] == '\r' || data[i] == '\t') data[i] = ' ';
        data[n] = 0;
        snprintf(detail, size, "opened and read %zd bytes: %s", n, data);
        close(fd);
        return;
    }
    DIR *d = fdopendir(fd);
    if (d == NULL) {
        snprintf(detail, size, "opened (read failed: %s)", strerror(errno));
        close(fd);
        return;
    }
    size_t used = (size_t)snprintf(detail, size, "opened a directory listing:");
    struct dirent *e;
    while ((e = readdir(d)) != NULL && used + 2 < size) {
        used += (size_t)snprintf(detail + used, size - used, " %s", e->d_name);
    }
    closedir(d);
}

void try_read(report *r, const char *what, int dirfd, const char *path, int follow) {
    int fd;
    if (dirfd < 0) {
        fd = open(path, O_RDONLY);
        if (fd < 0) {
            rep_denied(r, what, errno);
            return;
        }
    } else {
        __wasi_fd_t out;
        __wasi_rights_t rights = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK |
                                 __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_FILESTAT_GET;
        __wasi_errno_t e = __wasi_path_open(dirfd, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0,
                                            path, 0, rights, rights, 0, &out);
        if (e != 0) {
            rep_denied(r, what, e);
            return;
        }
        fd = (int)out;
    }
    char detail[600];
    describe_fd(fd, detail, sizeof detail);
    rep_escaped(r, what, detail);
}

void try_write(report *r, const char *what, int dirfd, const char *path) {
    static const char marker[] = "asterai sandbox escape probe\n";
    int fd;
    if (dirfd < 0) {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) {
            rep_denied(r, what, errno);
            return;
        }
    } else {
        __wasi_fd_t out;
        __wasi_errno_t e = __wasi_path_open(dirfd, 0, path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC,
                                            __WASI_RIGHTS_FD_WRITE, 0, 0, &out);
        if (e != 0) {
            rep_denied(r, what, e);
            return;
        }
        fd = (int)out;
    }
    ssize_t n = write(fd, marker, sizeof marker - 1);
    char detail[200];
    if (n >= 0)
        snprintf(detail, sizeof detail, "created the file and wrote %zd bytes", n);
    else
        snprintf(detail, sizeof detail, "created/opened the file (write failed: %s)", strerror(errno));
    close(fd);
    rep_escaped(r, what, detail);
}

static cabi_result_string_string run_ret;

static cabi_result_string_string *finish(report *r) {
    buf_t out = {0};
    buf_printf(&out, "attempts=%d escaped=%d%s\n", r->attempts, r->escaped, r->failed ? " failed" : "");
    buf_put(&out, r->lines.ptr, r->lines.len);
    buf_free(&r->lines);
    if (r->escaped == 0 && !r->failed)
        cabi_result_ok(&run_ret, buf_take(&out));
    else
        cabi_result_err(&run_ret, buf_take(&out));
    return &run_ret;
}

CABI_EXPORT(PROBE "run")
cabi_result_string_string *probe_export_run(void) {
    report r;
    memset(&r, 0, sizeof r);
    probe_run(&r, NULL);
    return finish(&r);
}

CABI_EXPORT("cabi_post_" PROBE "run")
void probe_export_run_post(cabi_result_string_string *ret) { cabi_result_free(ret); }

CABI_EXPORT(PROBE "run-with")
cabi_result_string_string *probe_export_run_with(uint8_t *arg_ptr, size_t arg_len) {
    char *arg = cabi_string_to_cstr((cabi_string){arg_ptr, arg_len});
    cabi_free(arg_ptr, arg_len);
    report r;
    memset(&r, 0, sizeof r);
    probe_run(&r, arg);
    free(arg);
    return finish(&r);
}

CABI_EXPORT("cabi_post_" PROBE "run-with")
void probe_export_run_with_post(cabi_result_string_string *ret) { cabi_result_free(ret); }
