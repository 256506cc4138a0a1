/*
 * asterai:llm-openai — exports asterai:llm/chat@0.1.0 (`complete`); imports
 * asterai:http/outgoing@0.1.0 and asterai:log/logger@0.1.0.
 *
 * `complete` turns the chat-request into an OpenAI-compatible Chat Completions
 * request, `POST {base}/v1/chat/completions`, sends it through the host and
 * turns the answer (choices[0].message, finish_reason) into a chat-response,
 * or HTTP errors and malformed answers into the WIT `error` variant.
 *
 * Configuration, read with getenv (the variables the host grants):
 *   ASTERAI_LLM_BASE_URL     endpoint base, default https://api.openai.com
 *                            ("/v1" is appended unless the base ends in "/v1")
 *   ASTERAI_LLM_MODEL        model when the request's `model` is empty,
 *                            default gpt-4o-mini
 *   ASTERAI_LLM_API_KEY_ENV  name of the variable holding the API key,
 *                            default OPENAI_API_KEY; no key, no Authorization
 *   ASTERAI_LLM_TIMEOUT_MS   timeout-ms passed to send, default 120000
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cabi.h"
#include "host.h"
#include "jsonv.h"

#define CHAT "asterai:llm/chat@0.1.0#"

#define DEFAULT_BASE_URL "https://api.openai.com"
#define DEFAULT_MODEL "gpt-4o-mini"
#define DEFAULT_KEY_ENV "OPENAI_API_KEY"
#define DEFAULT_TIMEOUT_MS 120000u
#define ERROR_BODY_LIMIT 500

/* ------------------------------------------------------------ WIT layouts */

/* enum role */
enum { ROLE_SYSTEM = 0, ROLE_USER = 1, ROLE_ASSISTANT = 2, ROLE_TOOL = 3 };
/* enum finish-reason */
enum { FINISH_STOP = 0, FINISH_LENGTH = 1, FINISH_TOOL_CALLS = 2, FINISH_CONTENT_FILTER = 3,
       FINISH_OTHER = 4 };
/* variant error (every case carries a string) */
enum { ERR_INVALID_REQUEST = 0, ERR_UNAUTHORIZED = 1, ERR_RATE_LIMITED = 2, ERR_PROVIDER = 3,
       ERR_BAD_RESPONSE = 4 };

/* record tool-call { id, name, arguments-json }: 0, 8, 16; size 24, align 4. */
typedef struct {
    cabi_string id;
    cabi_string name;
    cabi_string arguments_json;
} llm_tool_call;

typedef struct {
    llm_tool_call *ptr;
    size_t len;
} llm_list_tool_call;

/* option<string>: discriminant at 0, string at 4; size 12. */
typedef struct {
    uint8_t is_some;
    cabi_string val;
} cabi_option_string;

/* record message { role @0, content @4, tool-calls @12, tool-call-id @20 }: size 32, align 4. */
typedef struct {
    uint8_t role;
    cabi_string content;
    llm_list_tool_call tool_calls;
    cabi_option_string tool_call_id;
} llm_message;

/* record tool-definition { name, description, parameters-schema }: size 24. */
typedef struct {
    cabi_string name;
    cabi_string description;
    cabi_string parameters_schema;
} llm_tool_definition;

/* record chat-response { message @0, finish-reason @32 }: size 36, align 4. */
typedef struct {
    llm_message message;
    uint8_t finish_reason;
} llm_chat_response;

/* variant error: discriminant at 0, string at 4; size 12. */
typedef struct {
    uint8_t tag;
    cabi_string msg;
} llm_error;

/* result<chat-response, error>: discriminant at 0, payload at 4; size 40. */
typedef struct {
    uint8_t is_err;
    union {
        llm_chat_response ok;
        llm_error err;
    } val;
} llm_complete_result;

_Static_assert(sizeof(llm_tool_call) == 24, "tool-call size");
_Static_assert(offsetof(cabi_option_string, val) == 4 && sizeof(cabi_option_string) == 12, "option<string>");
_Static_assert(offsetof(llm_message, content) == 4, "message.content");
_Static_assert(offsetof(llm_message, tool_calls) == 12, "message.tool-calls");
_Static_assert(offsetof(llm_message, tool_call_id) == 20, "message.tool-call-id");
_Static_assert(sizeof(llm_message) == 32 && _Alignof(llm_message) == 4, "message size");
_Static_assert(sizeof(llm_tool_definition) == 24, "tool-definition size");
_Static_assert(offsetof(llm_chat_response, finish_reason) == 32, "chat-response.finish-reason");
_Static_assert(sizeof(llm_chat_response) == 36, "chat-response size");
_Static_assert(offsetof(llm_error, msg) == 4 && sizeof(llm_error) == 12, "error layout");
_Static_assert(offsetof(llm_complete_result, val) == 4, "result payload offset");
_Static_assert(sizeof(llm_complete_result) == 40, "result<chat-response, error> size");

static llm_complete_result complete_ret;

/* ------------------------------------------------------------ helpers */

static const char *env_or(const char *name, const char *def) {
    const char *v = getenv(name);
    return v != NULL && v[0] != 0 ? v : def;
}

static int valid_env_name(const char *s) {
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_')) return 0;
    size_t n = 0;
    for (; *s; s++, n++) {
        char c = *s;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return n <= 128;
}

static void set_error(uint8_t tag, buf_t *msg) {
    complete_ret.is_err = 1;
    complete_ret.val.err.tag = tag;
    complete_ret.val.err.msg = buf_take(msg);
}

/* Appends a float (f32) as the shortest JSON number that reads back as the same f32. */
static void buf_json_f32(buf_t *b, float v) {
    char tmp[32];
    for (int prec = 6; prec <= 9; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, (double)v);
        if ((float)strtod(tmp, NULL) == v) break;
    }
    buf_puts(b, tmp);
}

/* Appends at most `limit` bytes of UTF-8 text, not cutting a character. */
static void buf_put_utf8_prefix(buf_t *b, const char *s, size_t len, size_t limit) {
    if (len <= limit) {
        buf_put(b, s, len);
        return;
    }
    size_t n = limit;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    buf_put(b, s, n);
    buf_puts(b, "...");
}

static const char *const role_names[] = {"system", "user", "assistant", "tool"};

/* ------------------------------------------------------------ request */

/*
 * Builds the Chat Completions request body. Returns 1, or 0 with a message in
 * err (an invalid-request).
 */
static int build_body(buf_t *b, buf_t *err, const char *model, const llm_message *msgs, size_t nmsgs,
                      const llm_tool_definition *tools, size_t ntools, uint32_t max_tokens_is_some,
                      uint32_t max_tokens, uint32_t temp_is_some, float temperature) {
    buf_puts(b, "{\"model\":");
    buf_json_string(b, model, strlen(model));
    buf_puts(b, ",\"messages\":[");
    for (size_t i = 0; i < nmsgs; i++) {
        const llm_message *m = &msgs[i];
        if (m->role > ROLE_TOOL) {
            buf_printf(err, "messages[%zu]: unknown role %u", i, (unsigned)m->role);
            return 0;
        }
        if (i) buf_puts(b, ",");
        buf_puts(b, "{\"role\":\"");
        buf_puts(b, role_names[m->role]);
        buf_puts(b, "\",\"content\":");
        if (m->content.len == 0 && m->tool_calls.len > 0)
            buf_puts(b, "null"); /* what OpenAI itself returns for tool-call-only messages */
        else
            buf_json_string(b, m->content.ptr, m->content.len);
        if (m->tool_calls.len > 0) {
            buf_puts(b, ",\"tool_calls\":[");
            for (size_t k = 0; k < m->tool_calls.len; k++) {
                const llm_tool_call *tc = &m->tool_calls.ptr[k];
                if (k) buf_puts(b, ",");
                buf_puts(b, "{\"id\":");
                buf_json_string(b, tc->id.ptr, tc->id.len);
                buf_puts(b, ",\"type\":\"function\",\"function\":{\"name\":");
                buf_json_string(b, tc->name.ptr, tc->name.len);
                /* `arguments` is a string holding JSON text in OpenAI's API. */
                buf_puts(b, ",\"arguments\":");
                if (tc->arguments_json.len == 0)
                    buf_puts(b, "\"{}\"");
                else
                    buf_json_string(b, tc->arguments_json.ptr, tc->arguments_json.len);
                buf_puts(b, "}}");
            }
            buf_puts(b, "]");
        }
        if (m->tool_call_id.is_some) {
            buf_puts(b, ",\"tool_call_id\":");
            buf_json_string(b, m->tool_call_id.val.ptr, m->tool_call_id.val.len);
        }
        buf_puts(b, "}");
    }
    buf_puts(b, "]");
    if (ntools > 0) {
        buf_puts(b, ",\"tools\":[");
        for (size_t i = 0; i < ntools; i++) {
            const llm_tool_definition *t = &tools[i];
            if (t->name.len == 0) {
                buf_printf(err, "tools[%zu]: empty name", i);
                return 0;
            }
            if (i) buf_puts(b, ",");
            buf_puts(b, "{\"type\":\"function\",\"function\":{\"name\":");
            buf_json_string(b, t->name.ptr, t->name.len);
            if (t->description.len > 0) {
                buf_puts(b, ",\"description\":");
                buf_json_string(b, t->description.ptr, t->description.len);
            }
            buf_puts(b, ",\"parameters\":");
            if (t->parameters_schema.len == 0) {
                buf_puts(b, "{\"type\":\"object\",\"properties\":{}}");
            } else {
                /* Embedded verbatim, so it must be one JSON object. */
                char jerr[96];
                jv *schema = jv_parse((const char *)t->parameters_schema.ptr, t->parameters_schema.len,
                                      jerr, sizeof jerr);
                int is_object = schema != NULL && schema->type == JV_OBJECT;
                jv_free(schema);
                if (!is_object) {
                    buf_printf(err, "tools[%zu] (", i);
                    buf_put(err, t->name.ptr, t->name.len);
                    buf_puts(err, "): parameters-schema is not a JSON object");
                    if (jerr[0]) buf_printf(err, ": %s", jerr);
                    return 0;
                }
                buf_put(b, t->parameters_schema.ptr, t->parameters_schema.len);
            }
            buf_puts(b, "}}");
        }
        buf_puts(b, "]");
    }
    if (max_tokens_is_some) buf_printf(b, ",\"max_tokens\":%u", (unsigned)max_tokens);
    if (temp_is_some) {
        if (!isfinite(temperature)) {
            buf_puts(err, "temperature is not a finite number");
            return 0;
        }
        buf_puts(b, ",\"temperature\":");
        buf_json_f32(b, temperature);
    }
    buf_puts(b, "}");
    return 1;
}

static void free_request(uint8_t *model_ptr, size_t model_len, llm_message *msgs, size_t nmsgs,
                         llm_tool_definition *tools, size_t ntools) {
    cabi_free(model_ptr, model_len);
    for (size_t i = 0; i < nmsgs; i++) {
        llm_message *m = &msgs[i];
        cabi_string_free(&m->content);
        for (size_t k = 0; k < m->tool_calls.len; k++) {
            cabi_string_free(&m->tool_calls.ptr[k].id);
            cabi_string_free(&m->tool_calls.ptr[k].name);
            cabi_string_free(&m->tool_calls.ptr[k].arguments_json);
        }
        cabi_free(m->tool_calls.ptr, m->tool_calls.len * sizeof(llm_tool_call));
        if (m->tool_call_id.is_some) cabi_string_free(&m->tool_call_id.val);
    }
    cabi_free(msgs, nmsgs * sizeof(llm_message));
    for (size_t i = 0; i < ntools; i++) {
        cabi_string_free(&tools[i].name);
        cabi_string_free(&tools[i].description);
        cabi_string_free(&tools[i].parameters_schema);
    }
    cabi_free(tools, ntools * sizeof(llm_tool_definition));
}

/* ------------------------------------------------------------ response */

/* The provider's explanation in an error body: error.message, error (a
 * string), message or detail; else the start of the body. */
static void describe_error_body(buf_t *out, const char *text, size_t len) {
    jv *root = jv_parse(text, len, NULL, 0);
    const jv *msg = NULL;
    if (root != NULL && root->type == JV_OBJECT) {
        const jv *e = jv_get(root, "error");
        if (e && e->type == JV_OBJECT) msg = jv_get_string(e, "message");
        else if (e && e->type == JV_STRING) msg = e;
        if (msg == NULL) msg = jv_get_string(root, "message");
        if (msg == NULL) msg = jv_get_string(root, "detail");
    }
    if (msg != NULL)
        buf_put_utf8_prefix(out, msg->u.str.ptr, msg->u.str.len, ERROR_BODY_LIMIT);
    else if (len > 0)
        buf_put_utf8_prefix(out, text, len, ERROR_BODY_LIMIT);
    else
        buf_puts(out, "(empty body)");
    jv_free(root);
}

static const cabi_string *find_header(const http_response *r, const char *name) {
    size_t n = strlen(name);
    for (size_t i = 0; i < r->headers.len; i++) {
        const cabi_string *k = &r->headers.ptr[i].a;
        if (k->len == n && strncasecmp((const char *)k->ptr, name, n) == 0) return &r->headers.ptr[i].b;
    }
    return NULL;
}

static uint8_t map_finish_reason(const jv *fr, size_t ntool_calls) {
    if (fr == NULL || fr->type != JV_STRING) return ntool_calls ? FINISH_TOOL_CALLS : FINISH_OTHER;
    const char *s = fr->u.str.ptr;
    if (strcmp(s, "stop") == 0) return FINISH_STOP;
    if (strcmp(s, "length") == 0) return FINISH_LENGTH;
    if (strcmp(s, "tool_calls") == 0 || strcmp(s, "function_call") == 0) return FINISH_TOOL_CALLS;
    if (strcmp(s, "content_filter") == 0) return FINISH_CONTENT_FILTER;
    return FINISH_OTHER;
}

static const char *const finish_names[] = {"stop", "length", "tool-calls", "content-filter", "other"};

/* Frees the strings of the first `filled` calls and the array of `n`. */
static void free_tool_calls(llm_tool_call *calls, size_t filled, size_t n) {
    for (size_t i = 0; i < filled; i++) {
        cabi_string_free(&calls[i].id);
        cabi_string_free(&calls[i].name);
        cabi_string_free(&calls[i].arguments_json);
    }
    cabi_free(calls, n * sizeof(llm_tool_call));
}

/* Fills complete_ret from a 2xx body (valid UTF-8). */
static void parse_success(const char *text, size_t len, unsigned status) {
    char jerr[96];
    jv *root = jv_parse(text, len, jerr, sizeof jerr);
    if (root == NULL) {
        buf_t m = {0};
        buf_printf(&m, "malformed JSON in the response (HTTP %u): %s", status, jerr);
        set_error(ERR_BAD_RESPONSE, &m);
        return;
    }
    buf_t m = {0};
    const jv *choice = jv_item(jv_get(root, "choices"), 0);
    const jv *msg = jv_get(choice, "message");
    if (root->type != JV_OBJECT) {
        buf_puts(&m, "the response is not a JSON object");
    } else if (choice == NULL) {
        const jv *e = jv_get(root, "error");
        if (e != NULL && e->type != JV_NULL) {
            buf_printf(&m, "HTTP %u with an error: ", status);
            describe_error_body(&m, text, len);
            set_error(ERR_PROVIDER, &m);
            jv_free(root);
            return;
        }
        buf_puts(&m, "the response has no choices[0]");
    } else if (msg == NULL || msg->type != JV_OBJECT) {
        buf_puts(&m, "choices[0].message is missing or not an object");
    }
    if (m.len) {
        set_error(ERR_BAD_RESPONSE, &m);
        jv_free(root);
        return;
    }

    /* content: a string, null, or (some servers) an array of parts with "text". */
    buf_t content = {0};
    const jv *c = jv_get(msg, "content");
    if (c == NULL || c->type == JV_NULL) {
        /* empty */
    } else if (c->type == JV_STRING) {
        buf_put(&content, c->u.str.ptr, c->u.str.len);
    } else if (c->type == JV_ARRAY) {
        for (size_t i = 0; i < jv_len(c); i++) {
            const jv *t = jv_get_string(jv_item(c, i), "text");
            if (t) buf_put(&content, t->u.str.ptr, t->u.str.len);
        }
    } else {
        buf_free(&content);
        buf_puts(&m, "choices[0].message.content is neither a string nor null");
        set_error(ERR_BAD_RESPONSE, &m);
        jv_free(root);
        return;
    }

    /* tool_calls[]: { id, type, function: { name, arguments } } */
    const jv *tcs = jv_get(msg, "tool_calls");
    size_t ntc = 0;
    if (tcs != NULL && tcs->type != JV_NULL && tcs->type != JV_ARRAY) {
        buf_puts(&m, "choices[0].message.tool_calls is not an array");
    } else {
        ntc = jv_len(tcs);
    }
    llm_tool_call *calls = cabi_realloc(NULL, 0, 4, ntc * sizeof(llm_tool_call));
    size_t made = 0;
    for (size_t i = 0; i < ntc && m.len == 0; i++) {
        const jv *tc = jv_item(tcs, i);
        const jv *fn = jv_get(tc, "function");
        const jv *name = jv_get_string(fn, "name");
        if (tc->type != JV_OBJECT || fn == NULL || fn->type != JV_OBJECT) {
            buf_printf(&m, "choices[0].message.tool_calls[%zu] has no function object", i);
            break;
        }
        if (name == NULL || name->u.str.len == 0) {
            buf_printf(&m, "choices[0].message.tool_calls[%zu].function.name is missing", i);
            break;
        }
        llm_tool_call *out = &calls[made];
        const jv *id = jv_get_string(tc, "id");
        if (id != NULL && id->u.str.len > 0) {
            out->id = cabi_string_dup(id->u.str.ptr, id->u.str.len);
        } else {
            /* Some servers omit ids; tool results still need one to refer to. */
            char tmp[32];
            snprintf(tmp, sizeof tmp, "call_%zu", i);
            out->id = cabi_string_from_cstr(tmp);
        }
        out->name = cabi_string_dup(name->u.str.ptr, name->u.str.len);
        const jv *args = jv_get(fn, "arguments");
        if (args == NULL || args->type == JV_NULL)
            out->arguments_json = cabi_string_from_cstr("{}");
        else if (args->type == JV_STRING) /* OpenAI: a string holding JSON text */
            out->arguments_json = cabi_string_dup(args->u.str.ptr, args->u.str.len);
        else /* an object (Ollama-style) or other value: passed on as raw JSON text */
            out->arguments_json = cabi_string_dup(args->raw, args->raw_len);
        made++;
    }
    if (m.len) {
        free_tool_calls(calls, made, ntc);
        buf_free(&content);
        set_error(ERR_BAD_RESPONSE, &m);
        jv_free(root);
        return;
    }

    llm_chat_response *r = &complete_ret.val.ok;
    complete_ret.is_err = 0;
    r->message.role = ROLE_ASSISTANT;
    r->message.content = buf_take(&content);
    r->message.tool_calls.ptr = calls;
    r->message.tool_calls.len = made;
    r->message.tool_call_id.is_some = 0;
    r->finish_reason = map_finish_reason(jv_get(choice, "finish_reason"), made);
    jv_free(root);
}

static void handle_response(const http_response *r, int have_key, const char *key_env) {
    buf_t text = {0};
    buf_utf8_lossy(&text, r->body.ptr, r->body.len, 0);
    const char *t = text.ptr ? (const char *)text.ptr : "";
    unsigned status = r->status;
    if (status >= 200 && status < 300) {
        parse_success(t, text.len, status);
        buf_free(&text);
        return;
    }
    buf_t m = {0};
    uint8_t tag;
    if (status == 401 || status == 403) tag = ERR_UNAUTHORIZED;
    else if (status == 429) tag = ERR_RATE_LIMITED;
    else if (status >= 400 && status < 500 && status != 408) tag = ERR_INVALID_REQUEST;
    else tag = ERR_PROVIDER;
    buf_printf(&m, "HTTP %u: ", status);
    describe_error_body(&m, t, text.len);
    if (tag == ERR_UNAUTHORIZED && !have_key)
        buf_printf(&m, " (no API key sent: %s is not set)", key_env);
    if (tag == ERR_RATE_LIMITED) {
        const cabi_string *ra = find_header(r, "retry-after");
        if (ra != NULL && ra->len > 0 && ra->len < 64) {
            buf_puts(&m, " (retry after ");
            buf_utf8_lossy(&m, ra->ptr, ra->len, 0);
            buf_puts(&m, ")");
        }
    }
    set_error(tag, &m);
    buf_free(&text);
}

/* ------------------------------------------------------------ export */

static void log_outcome(const char *url, unsigned status) {
    char st[12];
    snprintf(st, sizeof st, "%u", status);
    if (complete_ret.is_err) {
        static const char *const tags[] = {"invalid-request", "unauthorized", "rate-limited",
                                           "provider", "bad-response"};
        char *msg = cabi_string_to_cstr(complete_ret.val.err.msg);
        const char *kv[] = {"url", url, "status", st, "error", tags[complete_ret.val.err.tag],
                            "message", msg};
        alog(LOG_WARN, "llm-openai: failed", 4, kv);
        free(msg);
    } else {
        char ntc[12];
        snprintf(ntc, sizeof ntc, "%zu", complete_ret.val.ok.message.tool_calls.len);
        const char *kv[] = {"url", url, "status", st,
                            "finish-reason", finish_names[complete_ret.val.ok.finish_reason],
                            "tool-calls", ntc};
        alog(LOG_INFO, "llm-openai: completed", 4, kv);
    }
}

/*
 * complete(req: chat-request) -> result<chat-response, error>
 * chat-request flattens to 10 values: model (ptr, len), messages (ptr, len),
 * tools (ptr, len), max-tokens (is_some, u32), temperature (is_some, f32).
 */
CABI_EXPORT(CHAT "complete")
llm_complete_result *chat_complete(uint8_t *model_ptr, size_t model_len,
                                   llm_message *msgs, size_t nmsgs,
                                   llm_tool_definition *tools, size_t ntools,
                                   uint32_t max_tokens_is_some, uint32_t max_tokens,
                                   uint32_t temp_is_some, float temperature) {
    memset(&complete_ret, 0, sizeof complete_ret);

    /* Configuration. */
    const char *base = env_or("ASTERAI_LLM_BASE_URL", DEFAULT_BASE_URL);
    const char *key_env = env_or("ASTERAI_LLM_API_KEY_ENV", DEFAULT_KEY_ENV);
    /* The request's model wins if non-empty. */
    const char *model_env = env_or("ASTERAI_LLM_MODEL", DEFAULT_MODEL);
    char *model = cabi_string_to_cstr(model_len ? (cabi_string){model_ptr, model_len}
                                                : (cabi_string){(uint8_t *)model_env, strlen(model_env)});
    uint32_t timeout_ms = DEFAULT_TIMEOUT_MS;
    const char *tenv = getenv("ASTERAI_LLM_TIMEOUT_MS");
    if (tenv != NULL && tenv[0]) {
        char *end;
        unsigned long v = strtoul(tenv, &end, 10);
        if (*end == 0 && v > 0 && v <= 3600000ul) timeout_ms = (uint32_t)v;
    }

    buf_t url = {0};
    size_t blen = strlen(base);
    while (blen > 0 && base[blen - 1] == '/') blen--;
    buf_put(&url, base, blen);
    if (blen >= 3 && memcmp(base + blen - 3, "/v1", 3) == 0)
        buf_puts(&url, "/chat/completions");
    else
        buf_puts(&url, "/v1/chat/completions");
    buf_put(&url, "", 1); /* NUL, not sent */

    const char *key = NULL;
    buf_t err = {0};
    if (!valid_env_name(key_env)) {
        buf_puts(&err, "ASTERAI_LLM_API_KEY_ENV is not a variable name");
        set_error(ERR_UNAUTHORIZED, &err);
    } else {
        key = getenv(key_env);
        if (key != NULL && key[0] == 0) key = NULL;
        for (const char *k = key; k != NULL && *k; k++) {
            if ((unsigned char)*k < 0x20 || *k == 0x7f) {
                buf_printf(&err, "the API key in %s contains control characters", key_env);
                set_error(ERR_UNAUTHORIZED, &err);
                break;
            }
        }
    }

    buf_t body = {0};
    if (!complete_ret.is_err &&
        !build_body(&body, &err, model, msgs, nmsgs, tools, ntools, max_tokens_is_some, max_tokens,
                    temp_is_some, temperature)) {
        set_error(ERR_INVALID_REQUEST, &err);
    }
    /* The arguments are ours: free them now that the body holds what we need. */
    free_request(model_ptr, model_len, msgs, nmsgs, tools, ntools);

    unsigned status = 0;
    if (!complete_ret.is_err) {
        char nm[12], nt[12];
        snprintf(nm, sizeof nm, "%zu", nmsgs);
        snprintf(nt, sizeof nt, "%zu", ntools);
        const char *kv[] = {"url", (const char *)url.ptr, "model", model, "messages", nm, "tools", nt};
        alog(LOG_DEBUG, "llm-openai: request", 4, kv);

        static const char method[] = "POST";
        buf_t auth = {0};
        cabi_tuple_string_string headers[4];
        size_t nh = 0;
#define HDR(k, v, vl) \
    headers[nh].a = (cabi_string){(uint8_t *)(k), strlen(k)}; \
    headers[nh].b = (cabi_string){(uint8_t *)(v), (vl)}; \
    nh++
        HDR("content-type", "application/json", strlen("application/json"));
        HDR("accept", "application/json", strlen("application/json"));
        HDR("user-agent", "asterai-llm-openai/0.1.0", strlen("asterai-llm-openai/0.1.0"));
        if (key != NULL) {
            buf_puts(&auth, "Bearer ");
            buf_puts(&auth, key);
            HDR("authorization", auth.ptr, auth.len);
        }
#undef HDR
        http_send_result res;
        memset(&res, 0, sizeof res);
        /* Arguments are only read by the host; they stay ours. */
        asterai_http_send((const uint8_t *)method, sizeof method - 1,
                          url.ptr, url.len - 1,
                          headers, nh,
                          1, body.ptr, body.len,
                          1, timeout_ms,
                          &res);
        buf_free(&auth);
        if (res.is_err) {
            buf_t m = {0};
            buf_puts(&m, "request to ");
            buf_put(&m, url.ptr, url.len - 1);
            buf_puts(&m, " failed: ");
            http_error_describe(&m, &res.val.err);
            set_error(res.val.err.tag == HTTP_ERR_INVALID_URL ? ERR_INVALID_REQUEST : ERR_PROVIDER, &m);
        } else {
            status = res.val.ok.status;
            handle_response(&res.val.ok, key != NULL, key_env);
        }
        http_send_result_free(&res);
    }
    log_outcome((const char *)url.ptr, status);
    buf_free(&body);
    buf_free(&err);
    buf_free(&url);
    free(model);
    return &complete_ret;
}

CABI_EXPORT("cabi_post_" CHAT "complete")
void chat_complete_post(llm_complete_result *ret) {
    if (ret->is_err) {
        cabi_string_free(&ret->val.err.msg);
    } else {
        llm_message *m = &ret->val.ok.message;
        cabi_string_free(&m->content);
        free_tool_calls(m->tool_calls.ptr, m->tool_calls.len, m->tool_calls.len);
        m->tool_calls.ptr = (llm_tool_call *)4;
        m->tool_calls.len = 0;
        if (m->tool_call_id.is_some) cabi_string_free(&m->tool_call_id.val);
    }
}
