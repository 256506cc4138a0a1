/*
 * The asterai:agent/tool@0.1.0 exports, shared by every example tool
 * (calculator, memory, web-fetch, docs-search).
 *
 * A tool defines them once at file scope with
 *
 *   static void run(const char *args, size_t len, cabi_result_string_string *ret);
 *   ASTERAI_TOOL("name", "description", "{...json schema...}", run)
 *
 * which exports `describe` (a tool-info of the three strings),
 * `call(arguments-json)` (calls the handler, which must fill `ret` with ok or
 * err, then frees the argument buffer) and both `cabi_post_` functions.
 */
#ifndef ASTERAI_TOOL_H
#define ASTERAI_TOOL_H

#include <stddef.h>
#include <stdint.h>

#include "cabi.h"

#define TOOL_IFACE "asterai:agent/tool@0.1.0#"

/* record tool-info { name, description, parameters-schema }: 3 strings. */
typedef struct {
    cabi_string name;
    cabi_string description;
    cabi_string parameters_schema;
} tool_info;
_Static_assert(sizeof(tool_info) == 24, "tool-info size");

/* Fills a tool-info with fresh copies of the three strings. */
void tool_info_set(tool_info *t, const char *name, const char *description, const char *schema);
void tool_info_free(tool_info *t);

/* err("invalid arguments: <msg>") */
void tool_invalid_args(cabi_result_string_string *ret, const char *msg);

/*
 * Reads the top-level string member `name` of the arguments object. Returns
 * 1 with *out (malloc'd, NUL-terminated; free it) and *out_len set, or 0 if
 * it is absent and not required. Otherwise fills `ret` with
 * err("invalid arguments: <JSON error>") or
 * err("invalid arguments: missing string member \"<name>\"") and returns -1.
 */
int tool_arg_string(cabi_result_string_string *ret, const char *args, size_t len,
                    const char *name, int required, char **out, size_t *out_len);

#define ASTERAI_TOOL(NAME, DESCRIPTION, SCHEMA, HANDLER)                              \
    static tool_info tool_describe_ret;                                               \
    CABI_EXPORT(TOOL_IFACE "describe")                                                \
    tool_info *tool_describe(void) {                                                  \
        tool_info_set(&tool_describe_ret, NAME, DESCRIPTION, SCHEMA);                 \
        return &tool_describe_ret;                                                    \
    }                                                                                 \
    CABI_EXPORT("cabi_post_" TOOL_IFACE "describe")                                   \
    void tool_describe_post(tool_info *ret) { tool_info_free(ret); }                  \
    static cabi_result_string_string tool_call_ret;                                   \
    CABI_EXPORT(TOOL_IFACE "call")                                                    \
    cabi_result_string_string *tool_call(uint8_t *args, size_t args_len) {            \
        HANDLER((const char *)args, args_len, &tool_call_ret);                        \
        cabi_free(args, args_len); /* the argument buffer is ours */                  \
        return &tool_call_ret;                                                        \
    }                                                                                 \
    CABI_EXPORT("cabi_post_" TOOL_IFACE "call")                                       \
    void tool_call_post(cabi_result_string_string *ret) { cabi_result_free(ret); }

#endif
