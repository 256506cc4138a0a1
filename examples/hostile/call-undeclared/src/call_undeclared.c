/*
 * hostile:call-undeclared — calls a component it did not declare (its
 * asterai.toml lists no components).
 * run(): asterai:calculator; run-with(name): component `name`.
 * Calls asterai:host/components#call(name, "asterai:agent/tool@0.1.0#describe",
 * "[]"); an err is refused, an ok is ESCAPED. Also calls list(), which must
 * return no components for this guest; any it returns is ESCAPED.
 */
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "probe.h"

typedef struct {
    component_info *ptr;
    size_t len;
} list_component_info;

void probe_run(report *r, const char *arg) {
    const char *component = arg ? arg : "asterai:calculator";
    static const char function[] = "asterai:agent/tool@0.1.0#describe";
    static const char args[] = "[]";
    cabi_result_string_string res;
    memset(&res, 0, sizeof res);
    asterai_host_components_call((const uint8_t *)component, strlen(component),
                                 (const uint8_t *)function, sizeof function - 1,
                                 (const uint8_t *)args, sizeof args - 1, &res);
    char what[400];
    snprintf(what, sizeof what, "call(\"%s\", \"%s\")", component, function);
    buf_t detail = {0};
    buf_put(&detail, res.val.ptr, res.val.len);
    buf_put(&detail, "", 1);
    if (res.is_err)
        rep_refused(r, what, (const char *)detail.ptr);
    else
        rep_escaped(r, what, (const char *)detail.ptr);
    buf_free(&detail);
    cabi_string_free(&res.val);

    list_component_info list;
    memset(&list, 0, sizeof list);
    asterai_host_components_list(&list);
    if (list.len == 0) {
        rep_refused(r, "list()", "no components visible");
    } else {
        buf_t names = {0};
        buf_printf(&names, "%zu components visible:", list.len);
        for (size_t i = 0; i < list.len; i++) {
            buf_puts(&names, " ");
            buf_put(&names, list.ptr[i].name.ptr, list.ptr[i].name.len);
        }
        buf_put(&names, "", 1);
        rep_escaped(r, "list()", (const char *)names.ptr);
        buf_free(&names);
    }
    for (size_t i = 0; i < list.len; i++) {
        cabi_string_free(&list.ptr[i].name);
        cabi_string_free(&list.ptr[i].version);
        cabi_list_string_free(&list.ptr[i].interfaces);
    }
    cabi_free(list.ptr, list.len * sizeof(component_info));
}
