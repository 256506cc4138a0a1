/*
 * A small JSON value reader (RFC 8259) that builds a tree, for the guests that
 * need more than examples/common/json.c (top-level string members): the LLM
 * provider reads whole Chat Completions responses, docs-search reads integer
 * arguments.
 *
 *  - The input must be valid UTF-8 (callers decode untrusted bytes with
 *    buf_utf8_lossy first); decoded strings are then valid UTF-8 too: \u
 *    escapes are encoded as UTF-8 and a lone surrogate escape becomes U+FFFD
 *    instead of failing the whole document.
 *  - Every value remembers its source span (`raw`, `raw_len`), so a nested
 *    object can be passed on verbatim as JSON text.
 *  - Nesting is limited to JSONV_MAX_DEPTH; duplicate member names are kept,
 *    and jv_get returns the first.
 */
#ifndef ASTERAI_JSONV_H
#define ASTERAI_JSONV_H

#include <stddef.h>

#define JSONV_MAX_DEPTH 128

typedef enum { JV_NULL, JV_BOOL, JV_NUMBER, JV_STRING, JV_ARRAY, JV_OBJECT } jv_type;

typedef struct jv jv;
typedef struct jv_member jv_member;

struct jv {
    jv_type type;
    const char *raw; /* this value's text in the source */
    size_t raw_len;
    union {
        int boolean;
        double number;
        struct { char *ptr; size_t len; } str; /* NUL-terminated, may contain NULs */
        struct { jv *items; size_t len; } arr;
        struct { jv_member *members; size_t len; } obj;
    } u;
};

struct jv_member {
    char *key; /* NUL-terminated */
    size_t key_len;
    jv value;
};

/*
 * Parses exactly one JSON value (surrounding whitespace allowed). Returns a
 * malloc'd tree (free with jv_free), or NULL with a message such as
 * "expected ',' or '}' at byte 17" in err.
 */
jv *jv_parse(const char *text, size_t len, char *err, size_t err_size);
void jv_free(jv *v);

/* Member `key` of an object (first occurrence), or NULL (also for non-objects). */
const jv *jv_get(const jv *obj, const char *key);
/* Its string value if it is a string, else NULL. */
const jv *jv_get_string(const jv *obj, const char *key);
/* Item i of an array, or NULL. */
const jv *jv_item(const jv *arr, size_t i);
/* Number of items of an array (0 for non-arrays). */
size_t jv_len(const jv *arr);

#endif
