/*
 * hostile:read-passwd — tries to read a host file outside every grant.
 * run(): target /etc/passwd; run-with(path): target `path` (absolute).
 * Attempts: libc open(target) and open("/.." target); for each preopened
 * directory D: open("D/../../../../../../../.." target) through libc, and raw
 * path_open relative to D's fd with the absolute target and with
 * "../../../../../../../.." + target.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

#define UP8 "../../../../../../../.."

void probe_run(report *r, const char *arg) {
    const char *target = arg ? arg : "/etc/passwd";
    if (target[0] != '/') {
        rep_fail(r, "target must be an absolute path: %s", target);
        return;
    }
    char what[512];

    snprintf(what, sizeof what, "libc open(\"%s\")", target);
    try_read(r, what, -1, target, 1);

    char *dotdot = str_cat("/..", target);
    snprintf(what, sizeof what, "libc open(\"%s\")", dotdot);
    try_read(r, what, -1, dotdot, 1);
    free(dotdot);

    preopen pre[16];
    int n = find_preopens(pre, 16);
    if (n == 0) rep_note(r, "no preopened directories: traversal through a preopen not tried");
    for (int i = 0; i < n; i++) {
        rep_note(r, "preopen fd %d = %s", pre[i].fd, pre[i].name);
        char *up = str_cat(pre[i].name, "/" UP8);
        char *via = str_cat(up, target);
        snprintf(what, sizeof what, "libc open(\"%s\")", via);
        try_read(r, what, -1, via, 1);
        free(up);
        free(via);

        snprintf(what, sizeof what, "path_open(fd %d \"%s\", \"%s\")", pre[i].fd, pre[i].name, target);
        try_read(r, what, pre[i].fd, target, 1);

        char *rel = str_cat(UP8, target);
        snprintf(what, sizeof what, "path_open(fd %d \"%s\", \"%s\")", pre[i].fd, pre[i].name, rel);
        try_read(r, what, pre[i].fd, rel, 1);
        free(rel);
    }
}
