/*
 * asterai:web-fetch — exports asterai:agent/tool@0.1.0; imports
 * asterai:http/outgoing@0.1.0 and asterai:log/logger@0.1.0.
 *
 * call({"url": "..."}) sends GET url and returns
 * {"status":200,"content-type":"text/html","bytes":1256,"truncated":false,"body":"..."}
 * where body is the first 4 KiB of the response body decoded as UTF-8
 * (ill-formed bytes become U+FFFD). A request the host refuses or that fails
 * gives err("request failed: <error>").
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cabi.h"
#include "host.h"
#include "tool.h"

#define BODY_LIMIT 4096
#define TIMEOUT_MS 10000

static void fetch(const char *url, size_t url_len, cabi_result_string_string *ret) {
    static const char method[] = "GET";
    static const char ua_name[] = "user-agent";
    static const char ua_value[] = "asterai-web-fetch/0.1.0";
    static const char accept_name[] = "accept";
    static const char accept_value[] = "text/html, text/plain, application/json, */*;q=0.5";
    cabi_tuple_string_string headers[2] = {
        {{(uint8_t *)ua_name, sizeof ua_name - 1}, {(uint8_t *)ua_value, sizeof ua_value - 1}},
        {{(uint8_t *)accept_name, sizeof accept_name - 1}, {(uint8_t *)accept_value, sizeof accept_value - 1}},
    };
    http_send_result res;
    memset(&res, 0, sizeof res);
    /* Arguments are only read by the host; they stay ours. */
    asterai_http_send((const uint8_t *)method, sizeof method - 1,
                      (const uint8_t *)url, url_len,
                      headers, 2,
                      0, NULL, 0,               /* body: none */
                      1, TIMEOUT_MS,            /* timeout-ms: some(10000) */
                      &res);
    buf_t out = {0};
    if (res.is_err) {
        buf_t msg = {0};
        http_error_describe(&msg, &res.val.err);
        buf_put(&msg, "", 1); /* NUL for the log call */
        const char *kv[] = {"url", url, "error", (const char *)msg.ptr};
        alog(LOG_INFO, "web-fetch: request failed", 2, kv);
        buf_puts(&out, "request failed: ");
        buf_put(&out, msg.ptr, msg.len - 1);
        buf_free(&msg);
        cabi_result_err(ret, buf_take(&out));
    } else {
        http_response *r = &res.val.ok;
        char status[8];
        snprintf(status, sizeof status, "%u", (unsigned)r->status);
        const char *kv[] = {"url", url, "status", status};
        alog(LOG_INFO, "web-fetch: fetched", 2, kv);
        buf_printf(&out, "{\"status\":%u,\"content-type\":", (unsigned)r->status);
        const cabi_string *ctype = NULL;
        for (size_t i = 0; i < r->headers.len; i++) {
            cabi_string *n = &r->headers.ptr[i].a;
            if (n->len == 12 && strncasecmp((const char *)n->ptr, "content-type", 12) == 0) {
                ctype = &r->headers.ptr[i].b;
                break;
            }
        }
        if (ctype) {
            buf_t ct = {0};
            buf_utf8_lossy(&ct, ctype->ptr, ctype->len, 0);
            buf_json_string(&out, ct.ptr, ct.len);
            buf_free(&ct);
        } else {
            buf_puts(&out, "null");
        }
        int truncated = r->body.len > BODY_LIMIT;
        buf_printf(&out, ",\"bytes\":%zu,\"truncated\":%s,\"body\":", r->body.len, truncated ? "true" : "false");
        buf_t text = {0};
        buf_utf8_lossy(&text, r->body.ptr, truncated ? BODY_LIMIT : r->body.len, truncated);
        buf_json_string(&out, text.ptr, text.len);
        buf_free(&text);
        buf_puts(&out, "}");
        cabi_result_ok(ret, buf_take(&out));
    }
    http_send_result_free(&res);
}

static void tool_run(const char *args, size_t args_len, cabi_result_string_string *ret) {
    char *url = NULL;
    size_t url_len = 0;
    if (tool_arg_string(ret, args, args_len, "url", 1, &url, &url_len) < 0) return;
    if (url_len == 0)
        tool_invalid_args(ret, "\"url\" is empty");
    else
        fetch(url, url_len, ret);
    free(url);
}

ASTERAI_TOOL("web-fetch",
             "Fetches a web page with HTTP GET and returns its status, content type and the first "
             "4 KiB of its body as text. Only hosts the user granted can be reached.",
             "{\"type\":\"object\",\"properties\":{\"url\":{\"type\":\"string\","
             "\"description\":\"Absolute http or https URL\"}},"
             "\"required\":[\"url\"],\"additionalProperties\":false}",
             tool_run)
