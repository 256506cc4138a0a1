/*
 * Hand-written Component Model canonical ABI glue shared by the example
 * components (wasm32, so pointers and size_t are 32-bit).
 *
 * Conventions (see docs/examples.md):
 *  - Exports use the wit-bindgen names `ns:pkg/iface@x.y.z#func`; results
 *    that do not fit one flat value are returned as a pointer to a static
 *    return area laid out as the value is in memory, and
 *    `cabi_post_ns:pkg/iface@x.y.z#func` frees what it points to.
 *  - Argument buffers are allocated by the host with `cabi_realloc`; the
 *    guest owns and frees them.
 *  - Imports use module `ns:pkg/iface@x.y.z` and the function name; results
 *    that do not fit one flat value are written by the host into a return
 *    area whose pointer the guest passes as the last parameter, and buffers
 *    in them are allocated with `cabi_realloc` and owned by the guest.
 *  - Empty strings and lists use the element alignment as a dummy pointer;
 *    only buffers with a non-zero byte size are ever freed.
 */
#ifndef ASTERAI_CABI_H
#define ASTERAI_CABI_H

#include <stddef.h>
#include <stdint.h>

#define CABI_EXPORT(name) __attribute__((export_name(name)))
#define CABI_IMPORT(module, name) \
    __attribute__((import_module(module), import_name(name)))

/* string: ptr at 0, byte length at 4; size 8, align 4. */
typedef struct {
    uint8_t *ptr;
    size_t len;
} cabi_string;

/* list<string>: ptr at 0, element count at 4. */
typedef struct {
    cabi_string *ptr;
    size_t len;
} cabi_list_string;

/* tuple<string, string>: size 16, align 4. */
typedef struct {
    cabi_string a;
    cabi_string b;
} cabi_tuple_string_string;

/* list<tuple<string, string>> */
typedef struct {
    cabi_tuple_string_string *ptr;
    size_t len;
} cabi_list_tuple_string_string;

/* list<u8> */
typedef struct {
    uint8_t *ptr;
    size_t len;
} cabi_list_u8;

/* result<string, string>: discriminant byte at 0, payload at 4; size 12. */
typedef struct {
    uint8_t is_err;
    cabi_string val;
} cabi_result_string_string;

_Static_assert(sizeof(cabi_string) == 8, "string layout");
_Static_assert(sizeof(cabi_tuple_string_string) == 16, "tuple layout");
_Static_assert(offsetof(cabi_result_string_string, val) == 4, "result layout");
_Static_assert(sizeof(cabi_result_string_string) == 12, "result size");

/* The canonical ABI allocator, exported as `cabi_realloc`. */
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size);

/* Frees a buffer of `bytes` bytes that came from cabi_realloc (no-op for 0). */
void cabi_free(void *ptr, size_t bytes);
void cabi_string_free(cabi_string *s);
void cabi_list_string_free(cabi_list_string *l);
void cabi_list_tuple_string_string_free(cabi_list_tuple_string_string *l);

/* A string owning a fresh copy of `len` bytes (dummy pointer when empty). */
cabi_string cabi_string_dup(const void *bytes, size_t len);
cabi_string cabi_string_from_cstr(const char *s);
/* A NUL-terminated malloc'd copy of a string argument. */
char *cabi_string_to_cstr(cabi_string s);

/* Growable byte buffer used to build results. */
typedef struct {
    uint8_t *ptr;
    size_t len;
    size_t cap;
} buf_t;

void buf_put(buf_t *b, const void *bytes, size_t len);
void buf_puts(buf_t *b, const char *s);
void buf_printf(buf_t *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends `bytes` as a JSON string literal with quotes; the bytes must be UTF-8. */
void buf_json_string(buf_t *b, const void *bytes, size_t len);
/* Appends a finite double as the shortest JSON number that reads back exactly. */
void buf_json_number(buf_t *b, double v);
/* Moves the contents into a cabi_string and resets the buffer. */
cabi_string buf_take(buf_t *b);
void buf_free(buf_t *b);

/*
 * Appends `bytes` to `b` as valid UTF-8: every ill-formed sequence becomes
 * U+FFFD, and an incomplete sequence at the very end is dropped when
 * `truncated` is set (the input was cut short) or replaced otherwise.
 */
void buf_utf8_lossy(buf_t *b, const uint8_t *bytes, size_t len, int truncated);

/* Fills a result<string, string> return area with ok(s) or err(s). */
void cabi_result_ok(cabi_result_string_string *r, cabi_string s);
void cabi_result_err(cabi_result_string_string *r, cabi_string s);
void cabi_result_err_cstr(cabi_result_string_string *r, const char *msg);
/* Frees the string in a result<string, string> return area. */
void cabi_result_free(cabi_result_string_string *r);

#endif
