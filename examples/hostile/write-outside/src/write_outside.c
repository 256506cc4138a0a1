/*
 * hostile:write-outside — tries to create files outside the granted /data.
 * run(): target /tmp/asterai-escape.txt; run-with(path): target `path`
 * (absolute). Attempts: libc open("/data/../escape.txt") and libc
 * open(target) for writing; for each preopened directory D, raw path_open
 * with O_CREAT relative to D's fd of "../escape.txt", of the absolute target
 * and of "../../../../../../../.." + target. A successful attempt writes the
 * line "asterai sandbox escape probe".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

#define UP8 "../../../../../../../.."

void probe_run(report *r, const char *arg) {
    const char *target = arg ? arg : "/tmp/asterai-escape.txt";
    if (target[0] != '/') {
        rep_fail(r, "target must be an absolute path: %s", target);
        return;
    }
    char what[512];

    try_write(r, "libc open(\"/data/../escape.txt\", O_CREAT)", -1, "/data/../escape.txt");

    snprintf(what, sizeof what, "libc open(\"%s\", O_CREAT)", target);
    try_write(r, what, -1, target);

    preopen pre[16];
    int n = find_preopens(pre, 16);
    if (n == 0) rep_note(r, "no preopened directories: writes through a preopen not tried");
    for (int i = 0; i < n; i++) {
        rep_note(r, "preopen fd %d = %s", pre[i].fd, pre[i].name);
        snprintf(what, sizeof what, "path_open(fd %d \"%s\", \"../escape.txt\", O_CREAT)", pre[i].fd, pre[i].name);
        try_write(r, what, pre[i].fd, "../escape.txt");

        snprintf(what, sizeof what, "path_open(fd %d \"%s\", \"%s\", O_CREAT)", pre[i].fd, pre[i].name, target);
        try_write(r, what, pre[i].fd, target);

        char *rel = str_cat(UP8, target);
        snprintf(what, sizeof what, "path_open(fd %d \"%s\", \"%s\", O_CREAT)", pre[i].fd, pre[i].name, rel);
        try_write(r, what, pre[i].fd, rel);
        free(rel);
    }
}
