/*
 * hostile:loop-forever — run() and run-with(_) spin forever; the host must
 * interrupt the call (time limit). They never return.
 */
#include "probe.h"

static volatile uint64_t spins;

void probe_run(report *r, const char *arg) {
    for (;;) spins++;
}
