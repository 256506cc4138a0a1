/*
 * Shared part of the hostile guests: the asterai:test/probe@0.1.0 exports and
 * a report builder. Each guest implements probe_run().
 */
#ifndef ASTERAI_PROBE_H
#define ASTERAI_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "cabi.h"

typedef struct {
    buf_t lines;
    int attempts; /* escape attempts made */
    int escaped;  /* attempts that got through */
    int failed;   /* the probe could not run properly */
} report;

/* Runs the probe; `arg` is NULL for run(), the argument for run-with(arg). */
void probe_run(report *r, const char *arg);

/* "denied   <what>: <strerror(err)> (errno <err>)" — an attempt that was refused. */
void rep_denied(report *r, const char *what, int err);
/* "denied   <what>: <detail>" — refused, described in words. */
void rep_refused(report *r, const char *what, const char *detail);
/* "ESCAPED  <what>: <detail>" — an attempt that got through. */
void rep_escaped(report *r, const char *what, const char *detail);
/* "note     <text>" — information only. */
void rep_note(report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "FAILED   <text>" — the probe itself could not run. */
void rep_fail(report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Preopened directories (fd and guest path), found with fd_prestat_get. */
typedef struct {
    int fd;
    char name[256];
} preopen;
int find_preopens(preopen *out, int max);

/*
 * Opens `path` for reading — with libc open() when dirfd < 0, else with raw
 * WASI path_open relative to dirfd (following symlinks if `follow`) — and
 * records the outcome: refused, or ESCAPED with the first bytes read (or
 * the entry names, for a directory).
 */
void try_read(report *r, const char *what, int dirfd, const char *path, int follow);

/* Like try_read, but creates/truncates `path` and writes a marker line. */
void try_write(report *r, const char *what, int dirfd, const char *path);

/* A malloc'd string of `a` followed by `b`. */
char *str_cat(const char *a, const char *b);

#endif
