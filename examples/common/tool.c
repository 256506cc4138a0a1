#include "tool.h"

#include "jsonv.h"

void tool_info_set(tool_info *t, const char *name, const char *description, const char *schema) {
    t->name = cabi_string_from_cstr(name);
    t->description = cabi_string_from_cstr(description);
    t->parameters_schema = cabi_string_from_cstr(schema);
}

void tool_info_free(tool_info *t) {
    cabi_string_free(&t->name);
    cabi_string_free(&t->description);
    cabi_string_free(&t->parameters_schema);
}

void tool_invalid_args(cabi_result_string_string *ret, const char *msg) {
    buf_t b = {0};
    buf_puts(&b, "invalid arguments: ");
    buf_puts(&b, msg);
    cabi_result_err(ret, buf_take(&b));
}

int tool_arg_string(cabi_result_string_string *ret, const char *args, size_t len,
                    const char *name, int required, char **out, size_t *out_len) {
    char jerr[96];
    int r = jv_object_string(args, len, name, out, out_len, jerr, sizeof jerr);
    if (r < 0) {
        tool_invalid_args(ret, jerr);
        return -1;
    }
    if (r == 0 && required) {
        buf_t b = {0};
        buf_printf(&b, "invalid arguments: missing string member \"%s\"", name);
        cabi_result_err(ret, buf_take(&b));
        return -1;
    }
    return r;
}
