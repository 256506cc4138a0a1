/*
 * asterai:calculator — exports asterai:calculator/calc@0.1.0 and
 * asterai:agent/tool@0.1.0. Pure: no host imports.
 *
 * The same source builds three releases of the package for the runtime's
 * hot-swap tests (examples/build.sh):
 *   calculator/         0.1.0  tool call answers {"result":14}
 *   calculator-v2/      0.2.0  -DCALC_V2: tool call answers {"result":14,"engine":"v2"}
 *   calculator-broken/  0.3.0  -DCALC_BROKEN: tool call traps (every call);
 *                              instantiation and every other export work
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabi.h"
#include "tool.h"

#define CALC "asterai:calculator/calc@0.1.0#"

/* ---------------------------------------------------------------- parser */

#define MAX_NESTING 256

typedef struct {
    const char *s;
    size_t n, i;
    int depth;
    char err[160]; /* empty while no error */
} calc_parser;

static void skip_spaces(calc_parser *p) {
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
                           p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

static double set_error(calc_parser *p, const char *what) {
    if (p->err[0]) return 0;
    if (p->i >= p->n) {
        snprintf(p->err, sizeof p->err, "%s at end of expression", what);
    } else {
        unsigned char c = (unsigned char)p->s[p->i];
        if (c >= 0x20 && c < 0x7f)
            snprintf(p->err, sizeof p->err, "%s at position %zu ('%c')", what, p->i + 1, c);
        else
            snprintf(p->err, sizeof p->err, "%s at position %zu", what, p->i + 1);
    }
    return 0;
}

static double parse_sum(calc_parser *p);

static double parse_number(calc_parser *p) {
    size_t start = p->i;
    size_t int_digits = 0, frac_digits = 0;
    while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') { p->i++; int_digits++; }
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') { p->i++; frac_digits++; }
    }
    if (int_digits + frac_digits == 0) {
        p->i = start;
        return set_error(p, "expected a number");
    }
    size_t len = p->i - start;
    char *tmp = malloc(len + 1);
    if (tmp == NULL) __builtin_trap();
    memcpy(tmp, p->s + start, len);
    tmp[len] = 0;
    double v = strtod(tmp, NULL);
    free(tmp);
    if (!isfinite(v)) {
        p->i = start;
        return set_error(p, "number out of range");
    }
    return v;
}

/* primary := number | '(' sum ')' ; unary := ('-' | '+') unary | primary */
static double parse_unary(calc_parser *p) {
    skip_spaces(p);
    if (p->i >= p->n) return set_error(p, "expected a number or '('");
    char c = p->s[p->i];
    if (c == '-' || c == '+') {
        if (++p->depth > MAX_NESTING) return set_error(p, "expression nested too deeply");
        p->i++;
        double v = parse_unary(p);
        p->depth--;
        return c == '-' ? -v : v;
    }
    if (c == '(') {
        if (++p->depth > MAX_NESTING) return set_error(p, "expression nested too deeply");
        p->i++;
        double v = parse_sum(p);
        if (p->err[0]) return 0;
        skip_spaces(p);
        if (p->i >= p->n || p->s[p->i] != ')') return set_error(p, "expected ')'");
        p->i++;
        p->depth--;
        return v;
    }
    if ((c >= '0' && c <= '9') || c == '.') return parse_number(p);
    return set_error(p, "expected a number or '('");
}

/* product := unary (('*' | '/') unary)* */
static double parse_product(calc_parser *p) {
    double v = parse_unary(p);
    for (;;) {
        if (p->err[0]) return 0;
        skip_spaces(p);
        if (p->i >= p->n || (p->s[p->i] != '*' && p->s[p->i] != '/')) return v;
        char op = p->s[p->i];
        size_t op_pos = p->i;
        p->i++;
        double r = parse_unary(p);
        if (p->err[0]) return 0;
        if (op == '*') {
            v *= r;
        } else {
            if (r == 0) {
                p->i = op_pos;
                return set_error(p, "division by zero");
            }
            v /= r;
        }
    }
}

/* sum := product (('+' | '-') product)* */
static double parse_sum(calc_parser *p) {
    double v = parse_product(p);
    for (;;) {
        if (p->err[0]) return 0;
        skip_spaces(p);
        if (p->i >= p->n || (p->s[p->i] != '+' && p->s[p->i] != '-')) return v;
        char op = p->s[p->i++];
        double r = parse_product(p);
        if (p->err[0]) return 0;
        v = op == '+' ? v + r : v - r;
    }
}

/* Evaluates s[0..n). Returns 1 with *out, or 0 with the message in err. */
static int evaluate(const char *s, size_t n, double *out, char *err, size_t err_size) {
    calc_parser p;
    memset(&p, 0, sizeof p);
    p.s = s;
    p.n = n;
    skip_spaces(&p);
    if (p.i >= p.n) {
        snprintf(err, err_size, "empty expression");
        return 0;
    }
    double v = parse_sum(&p);
    if (!p.err[0]) {
        skip_spaces(&p);
        if (p.i < p.n) set_error(&p, p.s[p.i] == ')' ? "unmatched ')'" : "unexpected character");
    }
    if (!p.err[0] && !isfinite(v)) snprintf(p.err, sizeof p.err, "result out of range");
    if (p.err[0]) {
        snprintf(err, err_size, "%s", p.err);
        return 0;
    }
    *out = v == 0 ? 0.0 : v; /* no negative zero */
    return 1;
}

/* ------------------------------------------------------------ calc exports */

CABI_EXPORT(CALC "add")
double calc_add(double a, double b) { return a + b; }

/* result<f64, string>: discriminant at 0, payload at 8; size 16. */
typedef struct {
    uint8_t is_err;
    union {
        double ok;
        cabi_string err;
    } val;
} result_f64_string;
_Static_assert(offsetof(result_f64_string, val) == 8, "result<f64, string> layout");
_Static_assert(sizeof(result_f64_string) == 16, "result<f64, string> size");

static result_f64_string eval_ret;

CABI_EXPORT(CALC "eval")
result_f64_string *calc_eval(uint8_t *expr_ptr, size_t expr_len) {
    char err[200];
    double v;
    if (evaluate((const char *)expr_ptr, expr_len, &v, err, sizeof err)) {
        eval_ret.is_err = 0;
        eval_ret.val.ok = v;
    } else {
        eval_ret.is_err = 1;
        eval_ret.val.err = cabi_string_from_cstr(err);
    }
    cabi_free(expr_ptr, expr_len);
    return &eval_ret;
}

CABI_EXPORT("cabi_post_" CALC "eval")
void calc_eval_post(result_f64_string *ret) {
    if (ret->is_err) cabi_string_free(&ret->val.err);
}

CABI_EXPORT(CALC "fib")
uint64_t calc_fib(uint32_t n) {
    uint64_t a = 0, b = 1;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t t = a + b;
        a = b;
        b = t;
    }
    return a;
}

/* record entry { key: string, tags: list<string>, weight: f64 }:
 * key at 0, tags at 8, weight at 16; size 24, align 8. */
typedef struct {
    cabi_string key;
    cabi_list_string tags;
    double weight;
} entry;
_Static_assert(offsetof(entry, tags) == 8, "entry.tags offset");
_Static_assert(offsetof(entry, weight) == 16, "entry.weight offset");
_Static_assert(sizeof(entry) == 24 && _Alignof(entry) == 8, "entry size/align");

typedef struct {
    entry *ptr;
    size_t len;
} list_entry;

static list_entry echo_ret;

CABI_EXPORT(CALC "echo-records")
list_entry *calc_echo_records(entry *items, size_t count) {
    entry *copy = cabi_realloc(NULL, 0, 8, count * sizeof(entry));
    for (size_t i = 0; i < count; i++) {
        entry *src = &items[i];
        entry *dst = &copy[i];
        dst->key = cabi_string_dup(src->key.ptr, src->key.len);
        dst->tags.len = src->tags.len;
        dst->tags.ptr = cabi_realloc(NULL, 0, 4, src->tags.len * sizeof(cabi_string));
        for (size_t t = 0; t < src->tags.len; t++)
            dst->tags.ptr[t] = cabi_string_dup(src->tags.ptr[t].ptr, src->tags.ptr[t].len);
        dst->weight = src->weight;
    }
    /* The arguments are ours: free them. */
    for (size_t i = 0; i < count; i++) {
        cabi_string_free(&items[i].key);
        cabi_list_string_free(&items[i].tags);
    }
    cabi_free(items, count * sizeof(entry));
    echo_ret.ptr = copy;
    echo_ret.len = count;
    return &echo_ret;
}

CABI_EXPORT("cabi_post_" CALC "echo-records")
void calc_echo_records_post(list_entry *ret) {
    for (size_t i = 0; i < ret->len; i++) {
        cabi_string_free(&ret->ptr[i].key);
        cabi_list_string_free(&ret->ptr[i].tags);
    }
    cabi_free(ret->ptr, ret->len * sizeof(entry));
    ret->ptr = (entry *)8;
    ret->len = 0;
}

/* ------------------------------------------------------------ tool exports */

static void tool_run(const char *args, size_t args_len, cabi_result_string_string *ret) {
#ifdef CALC_BROKEN
    __builtin_trap(); /* a release whose tool is broken: the call traps */
#endif
    char *expr = NULL;
    size_t expr_len = 0;
    if (tool_arg_string(ret, args, args_len, "expression", 1, &expr, &expr_len) < 0) return;
    char err[200];
    double v;
    if (evaluate(expr, expr_len, &v, err, sizeof err)) {
        buf_t b = {0};
        buf_puts(&b, "{\"result\":");
        buf_json_number(&b, v);
#ifdef CALC_V2
        buf_puts(&b, ",\"engine\":\"v2\"");
#endif
        buf_puts(&b, "}");
        cabi_result_ok(ret, buf_take(&b));
    } else {
        cabi_result_err_cstr(ret, err);
    }
    free(expr);
}

ASTERAI_TOOL("calculator",
             "Evaluates an arithmetic expression exactly as written: decimal numbers, "
             "+ - * /, parentheses and unary minus. Returns {\"result\": number}.",
             "{\"type\":\"object\","
             "\"properties\":{\"expression\":{\"type\":\"string\","
             "\"description\":\"Arithmetic expression, e.g. 2*(3+4)/-0.5\"}},"
             "\"required\":[\"expression\"],\"additionalProperties\":false}",
             tool_run)
