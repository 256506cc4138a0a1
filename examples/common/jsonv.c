#include "jsonv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const unsigned char *s;
    size_t n, i;
    char *err;
    size_t err_size;
    int failed;
    /* Tool-arguments dialect (jv_object_string): plain messages, strict
     * surrogates, depth JV_ARGS_MAX_DEPTH, and `key` checked while parsing. */
    int args;
    int max_depth;
    const char *key;
    int key_seen;
} parser;

static void *xrealloc(void *p, size_t size) {
    void *q = realloc(p, size ? size : 1);
    if (q == NULL) __builtin_trap();
    return q;
}

static int fail(parser *p, const char *msg) {
    if (!p->failed) {
        p->failed = 1;
        if (p->err_size) {
            if (p->args)
                snprintf(p->err, p->err_size, "%s", msg);
            else if (p->i >= p->n)
                snprintf(p->err, p->err_size, "%s at end of input", msg);
            else
                snprintf(p->err, p->err_size, "%s at byte %zu", msg, p->i);
        }
    }
    return 0;
}

static void ws(parser *p) {
    while (p->i < p->n) {
        unsigned char c = p->s[p->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        p->i++;
    }
}

typedef struct {
    char *ptr;
    size_t len, cap;
} sbuf;

static void sput(sbuf *b, const void *bytes, size_t len) {
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 16;
        while (cap < b->len + len + 1) cap *= 2;
        b->ptr = xrealloc(b->ptr, cap);
        b->cap = cap;
    }
    memcpy(b->ptr + b->len, bytes, len);
    b->len += len;
    b->ptr[b->len] = 0;
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

static int hex4(parser *p, unsigned *out) {
    if (p->n - p->i < 4) return fail(p, "truncated \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        unsigned char c = p->s[p->i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return fail(p, "bad \\u escape");
        p->i++;
    }
    *out = v;
    return 1;
}

/* Parses the string literal at p->i (a '"') into a fresh NUL-terminated buffer. */
static int string(parser *p, char **out, size_t *out_len) {
    sbuf b = {0};
    sput(&b, "", 0);
    p->i++;
    for (;;) {
        if (p->i >= p->n) { free(b.ptr); return fail(p, "unterminated string"); }
        unsigned char c = p->s[p->i];
        if (c == '"') { p->i++; break; }
        if (c < 0x20) { free(b.ptr); return fail(p, "control character in string"); }
        if (c != '\\') {
            size_t start = p->i;
            while (p->i < p->n && p->s[p->i] != '"' && p->s[p->i] != '\\' && p->s[p->i] >= 0x20) p->i++;
            sput(&b, p->s + start, p->i - start);
            continue;
        }
        p->i++;
        if (p->i >= p->n) { free(b.ptr); return fail(p, "unterminated string"); }
        c = p->s[p->i++];
        switch (c) {
        case '"': sput(&b, "\"", 1); break;
        case '\\': sput(&b, "\\", 1); break;
        case '/': sput(&b, "/", 1); break;
        case 'b': sput(&b, "\b", 1); break;
        case 'f': sput(&b, "\f", 1); break;
        case 'n': sput(&b, "\n", 1); break;
        case 'r': sput(&b, "\r", 1); break;
        case 't': sput(&b, "\t", 1); break;
        case 'u': {
            unsigned cp;
            if (!hex4(p, &cp)) { free(b.ptr); return 0; }
            if (p->args && cp >= 0xD800 && cp <= 0xDFFF) {
                /* strict: only a well-formed pair is accepted */
                unsigned lo;
                if (cp >= 0xDC00) { free(b.ptr); return fail(p, "lone low surrogate in \\u escape"); }
                if (p->n - p->i < 2 || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u') {
                    free(b.ptr);
                    return fail(p, "lone high surrogate in \\u escape");
                }
                p->i += 2;
                if (!hex4(p, &lo)) { free(b.ptr); return 0; }
                if (lo < 0xDC00 || lo > 0xDFFF) { free(b.ptr); return fail(p, "bad surrogate pair in \\u escape"); }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xD800 && cp <= 0xDBFF && p->n - p->i >= 6 && p->s[p->i] == '\\' &&
                p->s[p->i + 1] == 'u') {
                size_t save = p->i;
                unsigned lo;
                p->i += 2;
                if (!hex4(p, &lo)) { free(b.ptr); return 0; }
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else {
                    p->i = save; /* not a pair: the high half stands alone */
                    cp = 0xFFFD;
                }
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD; /* lone surrogate */
            }
            put_utf8(&b, cp);
            break;
        }
        default:
            p->i--;
            free(b.ptr);
            return fail(p, "bad escape in string");
        }
    }
    *out = b.ptr;
    *out_len = b.len;
    return 1;
}

static int digits(parser *p) {
    size_t start = p->i;
    while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
    return p->i > start;
}

static int number(parser *p, double *out) {
    size_t start = p->i;
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
    size_t len = p->i - start;
    char tmp[64];
    char *t = len < sizeof tmp ? tmp : xrealloc(NULL, len + 1);
    memcpy(t, p->s + start, len);
    t[len] = 0;
    *out = strtod(t, NULL); /* may be +-inf for huge exponents */
    if (t != tmp) free(t);
    return 1;
}

static int literal(parser *p, const char *word) {
    size_t len = strlen(word);
    if (p->n - p->i < len || memcmp(p->s + p->i, word, len) != 0) return fail(p, "unexpected character");
    p->i += len;
    return 1;
}

static void free_value(jv *v);

static int value(parser *p, jv *v, int depth) {
    memset(v, 0, sizeof *v);
    v->type = JV_NULL;
    if (depth > p->max_depth) return fail(p, "nested too deeply");
    ws(p);
    if (p->i >= p->n) return fail(p, p->args ? "unexpected end of input" : "expected a value");
    size_t start = p->i;
    unsigned char c = p->s[p->i];
    int ok;
    if (c == '{') {
        v->type = JV_OBJECT;
        size_t cap = 0;
        p->i++;
        ws(p);
        if (p->i < p->n && p->s[p->i] == '}') {
            p->i++;
            ok = 1;
        } else {
            for (;;) {
                ws(p);
                if (p->i >= p->n || p->s[p->i] != '"') { ok = fail(p, "expected a member name"); break; }
                if (v->u.obj.len == cap) {
                    cap = cap ? cap * 2 : 4;
                    v->u.obj.members = xrealloc(v->u.obj.members, cap * sizeof(jv_member));
                }
                jv_member *m = &v->u.obj.members[v->u.obj.len];
                memset(m, 0, sizeof *m);
                if (!string(p, &m->key, &m->key_len)) { ok = 0; break; }
                v->u.obj.len++; /* counted now so jv_free releases the key */
                ws(p);
                if (p->i >= p->n || p->s[p->i] != ':') { ok = fail(p, "expected ':'"); break; }
                p->i++;
                if (depth == 0 && p->key && !p->key_seen && strlen(p->key) == m->key_len &&
                    memcmp(p->key, m->key, m->key_len) == 0) {
                    /* the member asked for: a string, checked where it stands */
                    p->key_seen = 1;
                    ws(p);
                    if (p->i >= p->n || p->s[p->i] != '"') { ok = fail(p, "member is not a string"); break; }
                }
                if (!value(p, &m->value, depth + 1)) { ok = 0; break; }
                ws(p);
                if (p->i < p->n && p->s[p->i] == ',') { p->i++; continue; }
                if (p->i < p->n && p->s[p->i] == '}') { p->i++; ok = 1; break; }
                ok = fail(p, p->args && p->i >= p->n ? "unterminated object" : "expected ',' or '}'");
                break;
            }
        }
    } else if (c == '[') {
        v->type = JV_ARRAY;
        size_t cap = 0;
        p->i++;
        ws(p);
        if (p->i < p->n && p->s[p->i] == ']') {
            p->i++;
            ok = 1;
        } else {
            for (;;) {
                if (v->u.arr.len == cap) {
                    cap = cap ? cap * 2 : 4;
                    v->u.arr.items = xrealloc(v->u.arr.items, cap * sizeof(jv));
                }
                jv *item = &v->u.arr.items[v->u.arr.len];
                ok = value(p, item, depth + 1);
                v->u.arr.len++; /* counted even on failure: jv_free handles partial items */
                if (!ok) break;
                ws(p);
                if (p->i < p->n && p->s[p->i] == ',') { p->i++; continue; }
                if (p->i < p->n && p->s[p->i] == ']') { p->i++; ok = 1; break; }
                ok = fail(p, p->args && p->i >= p->n ? "unterminated array" : "expected ',' or ']'");
                break;
            }
        }
    } else if (c == '"') {
        v->type = JV_STRING;
        ok = string(p, &v->u.str.ptr, &v->u.str.len);
        if (!ok) v->type = JV_NULL;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        v->type = JV_NUMBER;
        ok = number(p, &v->u.number);
    } else if (c == 't') {
        v->type = JV_BOOL;
        v->u.boolean = 1;
        ok = literal(p, "true");
    } else if (c == 'f') {
        v->type = JV_BOOL;
        ok = literal(p, "false");
    } else if (c == 'n') {
        ok = literal(p, "null");
    } else {
        ok = fail(p, "unexpected character");
    }
    v->raw = (const char *)p->s + start;
    v->raw_len = p->i - start;
    return ok;
}

static void free_value(jv *v) {
    switch (v->type) {
    case JV_STRING:
        free(v->u.str.ptr);
        break;
    case JV_ARRAY:
        for (size_t i = 0; i < v->u.arr.len; i++) free_value(&v->u.arr.items[i]);
        free(v->u.arr.items);
        break;
    case JV_OBJECT:
        for (size_t i = 0; i < v->u.obj.len; i++) {
            free(v->u.obj.members[i].key);
            free_value(&v->u.obj.members[i].value);
        }
        free(v->u.obj.members);
        break;
    default:
        break;
    }
    v->type = JV_NULL;
}

static jv *parse(parser *p) {
    if (p->err_size) p->err[0] = 0;
    jv *root = xrealloc(NULL, sizeof(jv));
    int ok = value(p, root, 0);
    if (ok) {
        ws(p);
        if (p->i != p->n)
            ok = fail(p, p->args ? "trailing characters after the object" : "trailing characters after the value");
    }
    if (!ok) {
        free_value(root);
        free(root);
        return NULL;
    }
    return root;
}

jv *jv_parse(const char *text, size_t len, char *err, size_t err_size) {
    parser p = {(const unsigned char *)text, len, 0, err, err_size, 0, 0, JSONV_MAX_DEPTH, NULL, 0};
    return parse(&p);
}

int jv_object_string(const char *text, size_t len, const char *key,
                     char **out, size_t *out_len, char *err, size_t err_size) {
    parser p = {(const unsigned char *)text, len, 0, err, err_size, 0, 1, JV_ARGS_MAX_DEPTH, key, 0};
    *out = NULL;
    *out_len = 0;
    ws(&p);
    if (p.i >= p.n || p.s[p.i] != '{') {
        if (err_size) snprintf(err, err_size, "%s", "arguments must be a JSON object");
        return -1;
    }
    jv *root = parse(&p);
    if (root == NULL) return -1;
    const jv *v = jv_get(root, key);
    int found = v != NULL; /* a string: anything else failed the parse */
    if (found) {
        *out = xrealloc(NULL, v->u.str.len + 1);
        memcpy(*out, v->u.str.ptr, v->u.str.len + 1);
        *out_len = v->u.str.len;
    }
    jv_free(root);
    return found;
}

void jv_free(jv *v) {
    if (v == NULL) return;
    free_value(v);
    free(v);
}

const jv *jv_get(const jv *obj, const char *key) {
    if (obj == NULL || obj->type != JV_OBJECT) return NULL;
    size_t klen = strlen(key);
    for (size_t i = 0; i < obj->u.obj.len; i++) {
        const jv_member *m = &obj->u.obj.members[i];
        if (m->key_len == klen && memcmp(m->key, key, klen) == 0) return &m->value;
    }
    return NULL;
}

const jv *jv_get_string(const jv *obj, const char *key) {
    const jv *v = jv_get(obj, key);
    return v && v->type == JV_STRING ? v : NULL;
}

const jv *jv_item(const jv *arr, size_t i) {
    if (arr == NULL || arr->type != JV_ARRAY || i >= arr->u.arr.len) return NULL;
    return &arr->u.arr.items[i];
}

size_t jv_len(const jv *arr) {
    return arr && arr->type == JV_ARRAY ? arr->u.arr.len : 0;
}
