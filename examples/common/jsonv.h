/*
 * The one JSON reader of the example guests (RFC 8259). It builds a value
 * tree: the LLM provider reads whole Chat Completions responses, docs-search
 * its arguments; jv_object_string reads one string member of a tool's
 * arguments (calculator, memory, web-fetch, through common/tool.c).
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
#define JV_ARGS_MAX_DEPTH 64

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

/*
 * Tool arguments: looks up the string member `key` of the JSON object in
 * text[0..len). Returns 1 and sets *out (malloc'd, NUL-terminated, escapes
 * decoded; free it) and *out_len when found; 0 when the object has no such
 * member; -1 with a message in err when the text is not one well-formed JSON
 * object or the member (its first occurrence) is not a string.
 *
 * A stricter dialect than jv_parse's: nesting up to JV_ARGS_MAX_DEPTH, a lone
 * surrogate escape is an error, messages carry no position ("expected ':'",
 * "unexpected end of input", "unterminated object", "member is not a string",
 * "arguments must be a JSON object", ...), and parsing stops at the member
 * `key` if its value is not a string.
 */
int jv_object_string(const char *text, size_t len, const char *key,
                     char **out, size_t *out_len, char *err, size_t err_size);

#endif
