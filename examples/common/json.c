#include "json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

typedef struct {
    const unsigned char *s;
    size_t n, i;
    const char *err;
} parser;

/* Decoded string under construction (NULL ptr when only validating). */
typedef struct {
    char *ptr;
    size_t len, cap;
} sbuf;

static int fail(parser *p, const char *msg) {
    if (p->err == NULL) p->err = msg;
    return 0;
}

static void ws(parser *p) {
    while (p->i < p->n) {
        unsigned char c = p->s[p->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        p->i++;
    }
}

static void sput(sbuf *b, const void *bytes, size_t len) {
    if (b == NULL) return;
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 32;
        while (cap < b->len + len + 1) cap *= 2;
        char *q = realloc(b->ptr, cap);
        if (q == NULL) __builtin_trap();
        b->ptr = q;
        b->cap = cap;
    }
    memcpy(b->ptr + b->len, bytes, len);
    b->len += len;
    b->ptr[b->len] = 0;
}

static int hex4(parser *p, unsigned *out) {
    if (p->n - p->i < 4) return fail(p, "truncated \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        unsigned char c = p->s[p->i++];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return fail(p, "bad \\u escape");
    }
    *out = v;
    return 1;
}

static void put_utf8(sbuf *b, unsigned cp) {
    unsigned char u[4];
    size_t n;
    if (cp < 0x80) { u[0] = cp; n = 1; }
    else if (cp < 0x800) { u[0] = 0xC0 | (cp >> 6); u[1] = 0x80 | (cp & 63); n = 2; }
    else if (cp < 0x10000) {
        u[0] = 0xE0 | (cp >> 12); u[1] = 0x80 | ((cp >> 6) & 63); u[2] = 0x80 | (cp & 63); n = 3;
    } else {
        u[0] = 0xF0 | (cp >> 18); u[1] = 0x80 | ((cp >> 12) & 63);
        u[2] = 0x80 | ((cp >> 6) & 63); u[3] = 0x80 | (cp & 63); n = 4;
    }
    sput(b, u, n);
}

/* Parses a string literal at p->i (which must be '"'); decodes into b. */
static int string(parser *p, sbuf *b) {
    p->i++; /* opening quote */
    if (b) sput(b, "", 0);
    for (;;) {
        if (p->i >= p->n) return fail(p, "unterminated string");
        unsigned char c = p->s[p->i];
        if (c == '"') { p->i++; return 1; }
        if (c < 0x20) return fail(p, "control character in string");
        if (c != '\\') {
            size_t start = p->i;
            while (p->i < p->n && p->s[p->i] != '"' && p->s[p->i] != '\\' && p->s[p->i] >= 0x20) p->i++;
            sput(b, p->s + start, p->i - start);
            continue;
        }
        p->i++;
        if (p->i >= p->n) return fail(p, "unterminated string");
        c = p->s[p->i++];
        switch (c) {
        case '"': sput(b, "\"", 1); break;
        case '\\': sput(b, "\\", 1); break;
        case '/': sput(b, "/", 1); break;
        case 'b': sput(b, "\b", 1); break;
        case 'f': sput(b, "\f", 1); break;
        case 'n': sput(b, "\n", 1); break;
        case 'r': sput(b, "\r", 1); break;
        case 't': sput(b, "\t", 1); break;
        case 'u': {
            unsigned cp;
            if (!hex4(p, &cp)) return 0;
            if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(p, "lone low surrogate in \\u escape");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (p->n - p->i < 2 || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u')
                    return fail(p, "lone high surrogate in \\u escape");
                p->i += 2;
                if (!hex4(p, &lo)) return 0;
                if (lo < 0xDC00 || lo > 0xDFFF) return fail(p, "bad surrogate pair in \\u escape");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            put_utf8(b, cp);
            break;
        }
        default:
            return fail(p, "bad escape in string");
        }
    }
}

static int digits(parser *p) {
    size_t start = p->i;
    while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
    return p->i > start;
}

static int number(parser *p) {
    if (p->s[p->i] == '-') p->i++;
    if (p->i < p->n && p->s[p->i] == '0') p->i++;
    else if (!digits(p)) return fail(p, "bad number");
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        if (!digits(p)) return fail(p, "bad number");
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-')) p->i++;
        if (!digits(p)) return fail(p, "bad number");
    }
    return 1;
}

static int literal(parser *p, const char *word) {
    size_t len = strlen(word);
    if (p->n - p->i < len || memcmp(p->s + p->i, word, len) != 0) return fail(p, "unexpected character");
    p->i += len;
    return 1;
}

static int value(parser *p, int depth);

/* Parses an object at p->i. At depth 0, decodes member `key` into *found. */
static int object(parser *p, int depth, const char *key, sbuf *found, int *have) {
    p->i++; /* '{' */
    ws(p);
    if (p->i < p->n && p->s[p->i] == '}') { p->i++; return 1; }
    for (;;) {
        ws(p);
        if (p->i >= p->n || p->s[p->i] != '"') return fail(p, "expected a member name");
        sbuf name = {0};
        if (!string(p, key ? &name : NULL)) { free(name.ptr); return 0; }
        int match = key && !*have && name.ptr && strlen(key) == name.len && memcmp(name.ptr, key, name.len) == 0;
        free(name.ptr);
        ws(p);
        if (p->i >= p->n || p->s[p->i] != ':') return fail(p, "expected ':'");
        p->i++;
        ws(p);
        if (match) {
            if (p->i >= p->n || p->s[p->i] != '"') return fail(p, "member is not a string");
            if (!string(p, found)) return 0;
            *have = 1;
        } else if (!value(p, depth + 1)) {
            return 0;
        }
        ws(p);
        if (p->i >= p->n) return fail(p, "unterminated object");
        if (p->s[p->i] == ',') { p->i++; continue; }
        if (p->s[p->i] == '}') { p->i++; return 1; }
        return fail(p, "expected ',' or '}'");
    }
}

static int array(parser *p, int depth) {
    p->i++; /* '[' */
    ws(p);
    if (p->i < p->n && p->s[p->i] == ']') { p->i++; return 1; }
    for (;;) {
        ws(p);
        if (!value(p, depth + 1)) return 0;
        ws(p);
        if (p->i >= p->n) return fail(p, "unterminated array");
        if (p->s[p->i] == ',') { p->i++; continue; }
        if (p->s[p->i] == ']') { p->i++; return 1; }
        return fail(p, "expected ',' or ']'");
    }
}

static int value(parser *p, int depth) {
    if (depth > MAX_DEPTH) return fail(p, "nested too deeply");
    ws(p);
    if (p->i >= p->n) return fail(p, "unexpected end of input");
    unsigned char c = p->s[p->i];
    if (c == '{') return object(p, depth, NULL, NULL, NULL);
    if (c == '[') return array(p, depth);
    if (c == '"') return string(p, NULL);
    if (c == '-' || (c >= '0' && c <= '9')) return number(p);
    if (c == 't') return literal(p, "true");
    if (c == 'f') return literal(p, "false");
    if (c == 'n') return literal(p, "null");
    return fail(p, "unexpected character");
}

int json_get_string(const char *json, size_t len, const char *key,
                    char **out, size_t *out_len, const char **err) {
    parser p = {(const unsigned char *)json, len, 0, NULL};
    sbuf found = {0};
    int have = 0;
    *out = NULL;
    *out_len = 0;
    ws(&p);
    if (p.i >= p.n || p.s[p.i] != '{') {
        *err = "arguments must be a JSON object";
        return -1;
    }
    int ok = object(&p, 0, key, &found, &have);
    if (ok) {
        ws(&p);
        if (p.i != p.n) ok = fail(&p, "trailing characters after the object");
    }
    if (!ok) {
        free(found.ptr);
        *err = p.err ? p.err : "malformed JSON";
        return -1;
    }
    if (!have) return 0;
    if (found.ptr == NULL) { /* empty string */
        found.ptr = malloc(1);
        if (found.ptr == NULL) __builtin_trap();
        found.ptr[0] = 0;
    }
    *out = found.ptr;
    *out_len = found.len;
    return 1;
}
