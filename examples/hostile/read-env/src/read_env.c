/*
 * hostile:read-env — reads an environment variable it was not granted.
 * run(): SECRET_TOKEN; run-with(name): the variable `name`. Reports the value
 * if visible (ESCAPED) and the names of all visible variables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

extern char **environ;

void probe_run(report *r, const char *arg) {
    const char *name = arg ? arg : "SECRET_TOKEN";
    char what[300];
    snprintf(what, sizeof what, "getenv(\"%s\")", name);
    const char *value = getenv(name);
    if (value) {
        char detail[700];
        snprintf(detail, sizeof detail, "%s=%s", name, value);
        rep_escaped(r, what, detail);
    } else {
        rep_refused(r, what, "not set");
    }
    int count = 0;
    buf_t names = {0};
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        size_t len = eq ? (size_t)(eq - *e) : strlen(*e);
        if (count) buf_puts(&names, " ");
        buf_put(&names, *e, len);
        count++;
    }
    buf_put(&names, "", 1);
    rep_note(r, "%d environment variables visible%s%s", count, count ? ": " : "", (const char *)names.ptr);
    buf_free(&names);
}
