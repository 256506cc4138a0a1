#include "host.h"

#include <string.h>

void alog(uint32_t level, const char *msg, size_t npairs, const char *const *kv) {
    cabi_tuple_string_string fields[8];
    if (npairs > 8) npairs = 8;
    for (size_t i = 0; i < npairs; i++) {
        fields[i].a.ptr = (uint8_t *)kv[2 * i];
        fields[i].a.len = strlen(kv[2 * i]);
        fields[i].b.ptr = (uint8_t *)kv[2 * i + 1];
        fields[i].b.len = strlen(kv[2 * i + 1]);
    }
    /* The host only reads these buffers; they stay ours. */
    asterai_log_log(level, (const uint8_t *)msg, strlen(msg), fields, npairs);
}

void http_send_result_free(http_send_result *r) {
    if (r->is_err) {
        uint8_t t = r->val.err.tag;
        if (t == HTTP_ERR_DENIED || t == HTTP_ERR_INVALID_URL || t == HTTP_ERR_FAILED)
            cabi_string_free(&r->val.err.msg);
    } else {
        cabi_list_tuple_string_string_free(&r->val.ok.headers);
        cabi_free(r->val.ok.body.ptr, r->val.ok.body.len);
        r->val.ok.body.len = 0;
    }
}

void http_error_describe(buf_t *b, const http_error *e) {
    const char *name;
    int has_msg = 1;
    switch (e->tag) {
    case HTTP_ERR_DENIED: name = "denied"; break;
    case HTTP_ERR_INVALID_URL: name = "invalid-url"; break;
    case HTTP_ERR_TIMEOUT: name = "timeout"; has_msg = 0; break;
    case HTTP_ERR_TOO_LARGE: name = "too-large"; has_msg = 0; break;
    case HTTP_ERR_FAILED: name = "failed"; break;
    default: name = "unknown-error"; has_msg = 0; break;
    }
    buf_puts(b, name);
    if (has_msg) {
        buf_puts(b, ": ");
        buf_put(b, e->msg.ptr, e->msg.len);
    }
}
