#include "cabi.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

CABI_EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    if (new_size == 0) {
        if (old != NULL && old_size != 0) free(old);
        return (void *)align; /* dummy, aligned, never dereferenced */
    }
    void *p;
    if (align <= 8) {
        /* malloc's alignment (16 in wasi-libc) covers every WIT type. */
        p = (old != NULL && old_size != 0) ? realloc(old, new_size) : malloc(new_size);
    } else {
        p = aligned_alloc(align, (new_size + align - 1) / align * align);
        if (p != NULL && old != NULL && old_size != 0) {
            memcpy(p, old, old_size < new_size ? old_size : new_size);
            free(old);
        }
    }
    if (p == NULL) __builtin_trap(); /* out of memory: trap, as the ABI expects */
    return p;
}

void cabi_free(void *ptr, size_t bytes) {
    if (bytes != 0 && ptr != NULL) free(ptr);
}

void cabi_string_free(cabi_string *s) {
    cabi_free(s->ptr, s->len);
    s->ptr = (uint8_t *)1;
    s->len = 0;
}

void cabi_list_string_free(cabi_list_string *l) {
    for (size_t i = 0; i < l->len; i++) cabi_string_free(&l->ptr[i]);
    cabi_free(l->ptr, l->len * sizeof(cabi_string));
    l->ptr = (cabi_string *)4;
    l->len = 0;
}

void cabi_list_tuple_string_string_free(cabi_list_tuple_string_string *l) {
    for (size_t i = 0; i < l->len; i++) {
        cabi_string_free(&l->ptr[i].a);
        cabi_string_free(&l->ptr[i].b);
    }
    cabi_free(l->ptr, l->len * sizeof(cabi_tuple_string_string));
    l->ptr = (cabi_tuple_string_string *)4;
    l->len = 0;
}

cabi_string cabi_string_dup(const void *bytes, size_t len) {
    cabi_string s;
    s.ptr = cabi_realloc(NULL, 0, 1, len);
    s.len = len;
    if (len) memcpy(s.ptr, bytes, len);
    return s;
}

cabi_string cabi_string_from_cstr(const char *s) {
    return cabi_string_dup(s, strlen(s));
}

char *cabi_string_to_cstr(cabi_string s) {
    char *c = malloc(s.len + 1);
    if (c == NULL) __builtin_trap();
    if (s.len) memcpy(c, s.ptr, s.len);
    c[s.len] = 0;
    return c;
}

static void buf_reserve(buf_t *b, size_t extra) {
    if (b->len + extra <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra) cap *= 2;
    uint8_t *p = realloc(b->ptr, cap);
    if (p == NULL) __builtin_trap();
    b->ptr = p;
    b->cap = cap;
}

void buf_put(buf_t *b, const void *bytes, size_t len) {
    if (len == 0) return;
    buf_reserve(b, len);
    memcpy(b->ptr + b->len, bytes, len);
    b->len += len;
}

void buf_puts(buf_t *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_printf(buf_t *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0) return;
    buf_reserve(b, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf((char *)b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_json_string(buf_t *b, const void *bytes, size_t len) {
    static const char hex[] = "0123456789abcdef";
    const uint8_t *p = bytes;
    buf_put(b, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        uint8_t c = p[i];
        switch (c) {
        case '"': buf_put(b, "\\\"", 2); break;
        case '\\': buf_put(b, "\\\\", 2); break;
        case '\n': buf_put(b, "\\n", 2); break;
        case '\r': buf_put(b, "\\r", 2); break;
        case '\t': buf_put(b, "\\t", 2); break;
        case '\b': buf_put(b, "\\b", 2); break;
        case '\f': buf_put(b, "\\f", 2); break;
        default:
            if (c < 0x20) {
                char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                buf_put(b, esc, 6);
            } else {
                buf_put(b, &c, 1);
            }
        }
    }
    buf_put(b, "\"", 1);
}

void buf_json_number(buf_t *b, double v) {
    char tmp[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v) break;
    }
    buf_puts(b, tmp);
}

cabi_string buf_take(buf_t *b) {
    cabi_string s;
    if (b->len == 0) {
        free(b->ptr);
        s.ptr = (uint8_t *)1;
        s.len = 0;
    } else {
        /* Shrink to the exact size so cabi_free(ptr, len) matches. */
        uint8_t *p = realloc(b->ptr, b->len);
        s.ptr = p ? p : b->ptr;
        s.len = b->len;
    }
    b->ptr = NULL;
    b->len = b->cap = 0;
    return s;
}

void buf_free(buf_t *b) {
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

/* Length of the well-formed UTF-8 sequence at p (1..4), or 0 if ill-formed;
 * *need is set to the length the lead byte asks for. */
static size_t utf8_seq(const uint8_t *p, size_t avail, size_t *need) {
    uint8_t c = p[0];
    uint8_t lo = 0x80, hi = 0xBF;
    size_t n;
    if (c < 0x80) { *need = 1; return 1; }
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) { n = 3; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) n = 3;
    else if (c == 0xED) { n = 3; hi = 0x9F; }
    else if (c >= 0xEE && c <= 0xEF) n = 3;
    else if (c == 0xF0) { n = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) { n = 4; hi = 0x8F; }
    else { *need = 1; return 0; }
    *need = n;
    for (size_t i = 1; i < n; i++) {
        if (i >= avail) return 0;
        uint8_t d = p[i];
        if (i == 1 ? (d < lo || d > hi) : (d < 0x80 || d > 0xBF)) return 0;
    }
    return n;
}

void buf_utf8_lossy(buf_t *b, const uint8_t *bytes, size_t len, int truncated) {
    static const uint8_t fffd[3] = {0xEF, 0xBF, 0xBD};
    size_t i = 0;
    while (i < len) {
        size_t need;
        size_t n = utf8_seq(bytes + i, len - i, &need);
        if (n) {
            buf_put(b, bytes + i, n);
            i += n;
            continue;
        }
        if (truncated && i + need > len) {
            /* A character cut by the truncation: check the prefix is valid. */
            int prefix_ok = 1;
            for (size_t k = i + 1; k < len; k++)
                if ((bytes[k] & 0xC0) != 0x80) prefix_ok = 0;
            if (prefix_ok) break;
        }
        buf_put(b, fffd, 3);
        i++;
        while (i < len && (bytes[i] & 0xC0) == 0x80 && need > 1) {
            i++; /* skip the continuation bytes of the broken sequence */
            need--;
        }
    }
}

void cabi_result_ok(cabi_result_string_string *r, cabi_string s) {
    r->is_err = 0;
    r->val = s;
}

void cabi_result_err(cabi_result_string_string *r, cabi_string s) {
    r->is_err = 1;
    r->val = s;
}

void cabi_result_err_cstr(cabi_result_string_string *r, const char *msg) {
    cabi_result_err(r, cabi_string_from_cstr(msg));
}

void cabi_result_free(cabi_result_string_string *r) {
    cabi_string_free(&r->val);
}
