/*
 * Imports of the Asterai host interfaces, lowered by hand per the canonical
 * ABI (module `ns:pkg/iface@0.1.0`, field = function name). A function whose
 * result does not fit one flat value takes a pointer to a return area as its
 * last parameter; the host writes the result there and allocates any
 * strings/lists in it with our `cabi_realloc`, so the guest frees them.
 */
#ifndef ASTERAI_HOST_H
#define ASTERAI_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "cabi.h"

/* ---- asterai:log/logger@0.1.0 ---- */

/* enum level: trace=0, debug=1, info=2, warn=3, error=4 (one i32 when flat). */
enum { LOG_TRACE = 0, LOG_DEBUG = 1, LOG_INFO = 2, LOG_WARN = 3, LOG_ERROR = 4 };

/* log(level, message, fields) -> ()  core: (i32 i32 i32 i32 i32) -> () */
CABI_IMPORT("asterai:log/logger@0.1.0", "log")
void asterai_log_log(uint32_t level, const uint8_t *msg_ptr, size_t msg_len,
                     const cabi_tuple_string_string *fields_ptr, size_t fields_len);

/* Logs `msg` with `npairs` key/value pairs given as C strings k0, v0, k1, v1... */
void alog(uint32_t level, const char *msg, size_t npairs, const char *const *kv);

/* ---- asterai:http/outgoing@0.1.0 ---- */

/* record response { status: u16, headers: list<tuple<string,string>>, body: list<u8> }:
 * status at 0, headers at 4, body at 12; size 20, align 4. */
typedef struct {
    uint16_t status;
    cabi_list_tuple_string_string headers;
    cabi_list_u8 body;
} http_response;

/* variant error { denied(string), invalid-url(string), timeout, too-large, failed(string) }:
 * discriminant at 0, string payload at 4; size 12. */
enum { HTTP_ERR_DENIED = 0, HTTP_ERR_INVALID_URL = 1, HTTP_ERR_TIMEOUT = 2,
       HTTP_ERR_TOO_LARGE = 3, HTTP_ERR_FAILED = 4 };
typedef struct {
    uint8_t tag;
    cabi_string msg; /* for denied, invalid-url, failed */
} http_error;

/* result<response, error>: discriminant at 0, payload at 4; size 24, align 4. */
typedef struct {
    uint8_t is_err;
    union {
        http_response ok;
        http_error err;
    } val;
} http_send_result;

_Static_assert(offsetof(http_response, headers) == 4, "response.headers");
_Static_assert(offsetof(http_response, body) == 12, "response.body");
_Static_assert(sizeof(http_response) == 20, "response size");
_Static_assert(offsetof(http_error, msg) == 4 && sizeof(http_error) == 12, "error layout");
_Static_assert(offsetof(http_send_result, val) == 4 && sizeof(http_send_result) == 24,
               "result<response, error> layout");

/* send(req) flattened: method(ptr,len) url(ptr,len) headers(ptr,len)
 * body(option: is_some, ptr, len) timeout-ms(option: is_some, value), retptr
 * core: (i32 x 12) -> () */
CABI_IMPORT("asterai:http/outgoing@0.1.0", "send")
void asterai_http_send(const uint8_t *method_ptr, size_t method_len,
                       const uint8_t *url_ptr, size_t url_len,
                       const cabi_tuple_string_string *headers_ptr, size_t headers_len,
                       uint32_t body_is_some, const uint8_t *body_ptr, size_t body_len,
                       uint32_t timeout_is_some, uint32_t timeout_ms,
                       http_send_result *ret);

/* Frees what the host allocated in a send result. */
void http_send_result_free(http_send_result *r);

/* Describes an http error as "denied: ..." etc. into b. */
void http_error_describe(buf_t *b, const http_error *e);

/* ---- asterai:host/components@0.1.0 ---- */

/* record component-info { name: string, version: string, interfaces: list<string> }: size 24. */
typedef struct {
    cabi_string name;
    cabi_string version;
    cabi_list_string interfaces;
} component_info;

/* list() -> list<component-info>  core: (i32 retptr) -> () */
CABI_IMPORT("asterai:host/components@0.1.0", "list")
void asterai_host_components_list(void *ret /* {component_info *ptr; size_t len} */);

/* call(component, function, args-json) -> result<string, string>
 * core: (i32 x 6, i32 retptr) -> () */
CABI_IMPORT("asterai:host/components@0.1.0", "call")
void asterai_host_components_call(const uint8_t *component_ptr, size_t component_len,
                                  const uint8_t *function_ptr, size_t function_len,
                                  const uint8_t *args_ptr, size_t args_len,
                                  cabi_result_string_string *ret);

#endif
