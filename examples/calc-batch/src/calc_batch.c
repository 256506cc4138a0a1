/*
 * asterai:calc-batch — an agent tool that evaluates several arithmetic
 * expressions in one call by calling the asterai:calculator component once
 * per expression through asterai:host/components: the example of one
 * component using another. It declares asterai:calculator in asterai.toml;
 * the runtime lets the calls through only when the user grants it as well.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cabi.h"
#include "host.h"
#include "jsonv.h"
#include "tool.h"

#define MAX_EXPRESSIONS 32

static const char CALCULATOR[] = "asterai:calculator";
static const char EVAL[] = "asterai:calculator/calc@0.1.0#eval";

/* Appends eval(expr) as the calculator answers it ({"ok":..} or {"err":..});
 * returns 0, or -1 with `ret` set to err when the calculator cannot be called. */
static int eval_one(buf_t *out, const jv *expr, cabi_result_string_string *ret) {
    buf_t args = {0};
    buf_puts(&args, "[");
    buf_json_string(&args, expr->u.str.ptr, expr->u.str.len);
    buf_puts(&args, "]");
    cabi_result_string_string r;
    memset(&r, 0, sizeof r);
    asterai_host_components_call((const uint8_t *)CALCULATOR, sizeof CALCULATOR - 1,
                                 (const uint8_t *)EVAL, sizeof EVAL - 1,
                                 args.ptr, args.len, &r);
    buf_free(&args);
    if (r.is_err) {
        buf_t msg = {0};
        buf_puts(&msg, "cannot call asterai:calculator: ");
        buf_put(&msg, r.val.ptr, r.val.len);
        cabi_result_err(ret, buf_take(&msg));
        cabi_string_free(&r.val);
        return -1;
    }
    buf_put(out, r.val.ptr, r.val.len);
    cabi_string_free(&r.val);
    return 0;
}

static void tool_run(const char *args, size_t args_len, cabi_result_string_string *ret) {
    char err[160];
    jv *root = jv_parse(args, args_len, err, sizeof err);
    if (root == NULL) {
        tool_invalid_args(ret, err);
        return;
    }
    const jv *list = jv_get(root, "expressions");
    size_t n = list == NULL ? 0 : jv_len(list);
    if (list == NULL || list->type != JV_ARRAY || n == 0 || n > MAX_EXPRESSIONS) {
        tool_invalid_args(ret, "\"expressions\" must be an array of 1 to 32 strings");
        jv_free(root);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (jv_item(list, i)->type != JV_STRING) {
            tool_invalid_args(ret, "every item of \"expressions\" must be a string");
            jv_free(root);
            return;
        }
    }
    buf_t out = {0};
    buf_puts(&out, "{\"results\":[");
    for (size_t i = 0; i < n; i++) {
        if (i > 0) buf_puts(&out, ",");
        if (eval_one(&out, jv_item(list, i), ret) < 0) {
            buf_free(&out);
            jv_free(root);
            return;
        }
    }
    buf_puts(&out, "]}");
    cabi_result_ok(ret, buf_take(&out));
    jv_free(root);
}

ASTERAI_TOOL("calc-batch",
             "Evaluates up to 32 arithmetic expressions at once (decimal numbers, + - * /, "
             "parentheses, unary minus). Returns {\"results\": [{\"ok\": number} or "
             "{\"err\": message}, ...]} in the order given.",
             "{\"type\":\"object\","
             "\"properties\":{\"expressions\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":32,"
             "\"items\":{\"type\":\"string\"},"
             "\"description\":\"Arithmetic expressions, e.g. [\\\"2*(3+4)\\\", \\\"10/4\\\"]\"}},"
             "\"required\":[\"expressions\"],\"additionalProperties\":false}",
             tool_run)
