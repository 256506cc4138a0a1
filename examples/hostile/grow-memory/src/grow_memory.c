/*
 * hostile:grow-memory — grows linear memory until memory.grow fails.
 * run(): no limit of its own; run-with(n): stop after n pages (decimal).
 * Grows in steps of 256 pages (16 MiB), halving the step on failure down to
 * one page, so it finds the exact limit. Always returns ok with the counts:
 * "start=<pages> grown=<pages> end=<pages> bytes=<bytes>".
 */
#include <stdio.h>
#include <stdlib.h>

#include "probe.h"

void probe_run(report *r, const char *arg) {
    unsigned long limit = arg ? strtoul(arg, NULL, 10) : 65536UL;
    size_t start = __builtin_wasm_memory_size(0);
    unsigned long grown = 0;
    size_t step = 256;
    while (step > 0 && grown < limit) {
        if (step > limit - grown) step = limit - grown;
        if (__builtin_wasm_memory_grow(0, step) == (size_t)-1)
            step /= 2;
        else
            grown += step;
    }
    size_t end = __builtin_wasm_memory_size(0);
    r->attempts++;
    rep_note(r, "start=%zu grown=%lu end=%zu bytes=%llu", start, grown, end,
             (unsigned long long)end * 65536ULL);
    if (grown < limit)
        rep_note(r, "memory.grow refused one more page at %zu pages", end);
    else
        rep_note(r, "stopped at the requested limit of %lu pages", limit);
}
