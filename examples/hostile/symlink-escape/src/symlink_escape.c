/*
 * hostile:symlink-escape — tries to leave a granted directory via symlinks.
 * For each preopened directory D (normally /data):
 *  1. creates D/asterai-escape-abs -> /etc (run-with(path): -> `path`) and
 *     opens it, and (for /etc) D/asterai-escape-abs/passwd, following links;
 *  2. creates D/asterai-escape-up -> .. and opens it as a directory;
 *  3. if D/link exists (the test may plant it pointing outside D), reads
 *     through it with raw path_open and with libc open("D/link").
 * Creating a link is not itself an escape; opening through it is. The links
 * it created are removed at the end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#include "probe.h"

static int make_link(report *r, const preopen *p, const char *target, const char *name) {
    char what[600];
    __wasi_errno_t e = __wasi_path_symlink(target, p->fd, name);
    snprintf(what, sizeof what, "path_symlink(\"%s\" -> \"%s\") in %s", name, target, p->name);
    if (e != 0) {
        rep_denied(r, what, e);
        return 0;
    }
    rep_note(r, "%s: created", what);
    return 1;
}

void probe_run(report *r, const char *arg) {
    const char *target = arg ? arg : "/etc";
    char what[600];
    preopen pre[16];
    int n = find_preopens(pre, 16);
    if (n == 0) {
        rep_fail(r, "no preopened directories: grant /data to run this probe");
        return;
    }
    for (int i = 0; i < n; i++) {
        const preopen *p = &pre[i];
        rep_note(r, "preopen fd %d = %s", p->fd, p->name);
        (void)__wasi_path_unlink_file(p->fd, "asterai-escape-abs");
        (void)__wasi_path_unlink_file(p->fd, "asterai-escape-up");

        if (make_link(r, p, target, "asterai-escape-abs")) {
            snprintf(what, sizeof what, "open %s/asterai-escape-abs (-> %s)", p->name, target);
            try_read(r, what, p->fd, "asterai-escape-abs", 1);
            if (arg == NULL) {
                snprintf(what, sizeof what, "open %s/asterai-escape-abs/passwd", p->name);
                try_read(r, what, p->fd, "asterai-escape-abs/passwd", 1);
            }
        }
        if (make_link(r, p, "..", "asterai-escape-up")) {
            snprintf(what, sizeof what, "open %s/asterai-escape-up (-> ..)", p->name);
            try_read(r, what, p->fd, "asterai-escape-up", 1);
        }

        char target_buf[512];
        __wasi_size_t len = 0;
        __wasi_errno_t e = __wasi_path_readlink(p->fd, "link", (uint8_t *)target_buf, sizeof target_buf - 1, &len);
        if (e == 0) {
            target_buf[len] = 0;
            rep_note(r, "%s/link exists and points to %s", p->name, target_buf);
            snprintf(what, sizeof what, "path_open %s/link (following)", p->name);
            try_read(r, what, p->fd, "link", 1);
            char *abs = str_cat(p->name, "/link");
            snprintf(what, sizeof what, "libc open(\"%s\")", abs);
            try_read(r, what, -1, abs, 1);
            free(abs);
        } else {
            rep_note(r, "%s/link: not a readable symlink (%s)", p->name, strerror(e));
        }

        (void)__wasi_path_unlink_file(p->fd, "asterai-escape-abs");
        (void)__wasi_path_unlink_file(p->fd, "asterai-escape-up");
    }
}
