/*
 * hostile:http-denied — sends an HTTP request it declared no host for.
 * run(): GET https://example.com/; run-with(url): GET `url`. Only
 * err(denied(...)) from asterai:http/outgoing#send counts as refused; any
 * response or other error means the host tried the request (ESCAPED).
 */
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "probe.h"

void probe_run(report *r, const char *arg) {
    const char *url = arg ? arg : "https://example.com/";
    static const char method[] = "GET";
    http_send_result res;
    memset(&res, 0, sizeof res);
    asterai_http_send((const uint8_t *)method, 3, (const uint8_t *)url, strlen(url),
                      NULL, 0,    /* headers: [] */
                      0, NULL, 0, /* body: none */
                      1, 5000,    /* timeout-ms: some(5000) */
                      &res);
    char what[600];
    snprintf(what, sizeof what, "send(GET %s)", url);
    buf_t detail = {0};
    if (res.is_err) {
        http_error_describe(&detail, &res.val.err);
        buf_put(&detail, "", 1);
        if (res.val.err.tag == HTTP_ERR_DENIED)
            rep_refused(r, what, (const char *)detail.ptr);
        else
            rep_escaped(r, what, (const char *)detail.ptr); /* not refused by policy */
    } else {
        buf_printf(&detail, "got a response: status %u, %zu body bytes", (unsigned)res.val.ok.status,
                   res.val.ok.body.len);
        buf_put(&detail, "", 1);
        rep_escaped(r, what, (const char *)detail.ptr);
    }
    buf_free(&detail);
    http_send_result_free(&res);
}
