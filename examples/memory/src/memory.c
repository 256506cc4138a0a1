/*
 * asterai:memory — exports asterai:agent/memory@0.1.0 and
 * asterai:agent/tool@0.1.0; imports asterai:log/logger@0.1.0.
 *
 * Each key is a file `/data/<key>` holding the value's UTF-8 bytes. `/data`
 * is the directory the user grants (WASI preopen). Keys are 1 to 128 bytes of
 * [A-Za-z0-9._-], do not start with '.', and contain no "..", so a key can
 * never name a path outside `/data`.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cabi.h"
#include "host.h"
#include "tool.h"

#define MEM "asterai:agent/memory@0.1.0#"

#define DATA_DIR "/data"
#define MAX_KEY 128
#define MAX_VALUE (1024 * 1024)

/* Returns NULL if `key` is acceptable, else why not. */
static const char *key_problem(const uint8_t *key, size_t len) {
    if (len == 0) return "key is empty";
    if (len > MAX_KEY) return "key is longer than 128 bytes";
    if (key[0] == '.') return "key must not start with '.'";
    for (size_t i = 0; i < len; i++) {
        uint8_t c = key[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.';
        if (!ok) return "key may only contain letters, digits, '.', '-' and '_'";
        if (c == '.' && i + 1 < len && key[i + 1] == '.') return "key must not contain \"..\"";
    }
    return NULL;
}

static char *key_path(const uint8_t *key, size_t len) {
    char *path = malloc(sizeof DATA_DIR + 1 + len);
    if (path == NULL) __builtin_trap();
    memcpy(path, DATA_DIR "/", sizeof DATA_DIR);
    memcpy(path + sizeof DATA_DIR, key, len);
    path[sizeof DATA_DIR + len] = 0;
    return path;
}

/* Writes the value; returns NULL or a malloc'd error message. */
static char *do_store(const uint8_t *key, size_t key_len, const uint8_t *val, size_t val_len) {
    buf_t err = {0};
    const char *bad = key_problem(key, key_len);
    if (bad) {
        buf_puts(&err, bad);
    } else if (val_len > MAX_VALUE) {
        buf_printf(&err, "value is larger than %d bytes", MAX_VALUE);
    } else {
        char *path = key_path(key, key_len);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) {
            buf_printf(&err, "cannot open %s for writing: %s", path, strerror(errno));
        } else {
            size_t off = 0;
            while (off < val_len) {
                ssize_t n = write(fd, val + off, val_len - off);
                if (n < 0) {
                    if (errno == EINTR) continue;
                    buf_printf(&err, "cannot write %s: %s", path, strerror(errno));
                    break;
                }
                off += (size_t)n;
            }
            if (close(fd) != 0 && err.len == 0)
                buf_printf(&err, "cannot close %s: %s", path, strerror(errno));
        }
        if (err.len == 0) {
            char nbytes[24];
            snprintf(nbytes, sizeof nbytes, "%zu", val_len);
            const char *kv[] = {"key", path + sizeof DATA_DIR, "bytes", nbytes};
            alog(LOG_DEBUG, "memory: stored", 2, kv);
        }
        free(path);
    }
    if (err.len == 0) return NULL;
    buf_put(&err, "", 1);
    return (char *)err.ptr;
}

/* Reads the value into *out (valid UTF-8). Returns 1 if found. */
static int do_recall(const uint8_t *key, size_t key_len, buf_t *out) {
    if (key_problem(key, key_len)) return 0;
    char *path = key_path(key, key_len);
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        if (errno != ENOENT) {
            const char *kv[] = {"key", path + sizeof DATA_DIR, "error", strerror(errno)};
            alog(LOG_WARN, "memory: cannot read", 2, kv);
        }
        free(path);
        return 0;
    }
    buf_t raw = {0};
    uint8_t chunk[4096];
    int ok = 1;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR) continue;
            ok = 0;
            break;
        }
        if (n == 0) break;
        buf_put(&raw, chunk, (size_t)n);
        if (raw.len > MAX_VALUE) break; /* a file grown outside the component */
    }
    close(fd);
    free(path);
    if (ok) buf_utf8_lossy(out, raw.ptr, raw.len > MAX_VALUE ? MAX_VALUE : raw.len, raw.len > MAX_VALUE);
    buf_free(&raw);
    return ok;
}

static int do_forget(const uint8_t *key, size_t key_len) {
    if (key_problem(key, key_len)) return 0;
    char *path = key_path(key, key_len);
    int removed = unlink(path) == 0;
    if (removed) {
        const char *kv[] = {"key", path + sizeof DATA_DIR};
        alog(LOG_DEBUG, "memory: forgot", 1, kv);
    }
    free(path);
    return removed;
}

static int cmp_strings(const void *a, const void *b) {
    const cabi_string *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->ptr, y->ptr, n);
    if (c) return c;
    return x->len < y->len ? -1 : x->len > y->len;
}

/* Lists valid keys, sorted bytewise. */
static cabi_list_string do_list(void) {
    cabi_list_string l = {(cabi_string *)4, 0};
    size_t cap = 0;
    DIR *d = opendir(DATA_DIR);
    if (d == NULL) return l;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (key_problem((const uint8_t *)e->d_name, n)) continue;
        if (e->d_type != DT_REG && e->d_type != DT_UNKNOWN) continue;
        if (l.len == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            l.ptr = cabi_realloc(cap ? l.ptr : NULL, cap * sizeof(cabi_string), 4,
                                 ncap * sizeof(cabi_string));
            cap = ncap;
        }
        l.ptr[l.len++] = cabi_string_dup(e->d_name, n);
    }
    closedir(d);
    if (l.len == 0) {
        if (cap) cabi_free(l.ptr, cap * sizeof(cabi_string));
        l.ptr = (cabi_string *)4;
        return l;
    }
    qsort(l.ptr, l.len, sizeof(cabi_string), cmp_strings);
    return l;
}

/* ---------------------------------------------------------- memory exports */

/* result<_, string>: discriminant at 0, error string at 4; size 12. */
static cabi_result_string_string store_ret;

CABI_EXPORT(MEM "store")
cabi_result_string_string *memory_store(uint8_t *key, size_t key_len, uint8_t *val, size_t val_len) {
    char *err = do_store(key, key_len, val, val_len);
    cabi_free(key, key_len);
    cabi_free(val, val_len);
    if (err) {
        cabi_result_err_cstr(&store_ret, err);
        free(err);
    } else {
        store_ret.is_err = 0;
        store_ret.val.ptr = (uint8_t *)1;
        store_ret.val.len = 0;
    }
    return &store_ret;
}

CABI_EXPORT("cabi_post_" MEM "store")
void memory_store_post(cabi_result_string_string *ret) {
    if (ret->is_err) cabi_string_free(&ret->val);
}

/* option<string>: discriminant at 0 (0 = none, 1 = some), string at 4; size 12. */
typedef struct {
    uint8_t is_some;
    cabi_string val;
} option_string;
_Static_assert(offsetof(option_string, val) == 4 && sizeof(option_string) == 12, "option<string>");

static option_string recall_ret;

CABI_EXPORT(MEM "recall")
option_string *memory_recall(uint8_t *key, size_t key_len) {
    buf_t b = {0};
    int found = do_recall(key, key_len, &b);
    cabi_free(key, key_len);
    recall_ret.is_some = (uint8_t)found;
    if (found) {
        recall_ret.val = buf_take(&b);
    } else {
        buf_free(&b);
        recall_ret.val.ptr = (uint8_t *)1;
        recall_ret.val.len = 0;
    }
    return &recall_ret;
}

CABI_EXPORT("cabi_post_" MEM "recall")
void memory_recall_post(option_string *ret) {
    if (ret->is_some) cabi_string_free(&ret->val);
}

static cabi_list_string list_ret;

CABI_EXPORT(MEM "list-keys")
cabi_list_string *memory_list_keys(void) {
    list_ret = do_list();
    return &list_ret;
}

CABI_EXPORT("cabi_post_" MEM "list-keys")
void memory_list_keys_post(cabi_list_string *ret) { cabi_list_string_free(ret); }

CABI_EXPORT(MEM "forget")
uint32_t memory_forget(uint8_t *key, size_t key_len) {
    int removed = do_forget(key, key_len);
    cabi_free(key, key_len);
    return (uint32_t)removed;
}

/* ------------------------------------------------------------ tool exports */

static void tool_run(const char *args, size_t args_len, cabi_result_string_string *ret) {
    char *op = NULL, *key = NULL, *value = NULL;
    size_t op_len = 0, key_len = 0, value_len = 0;
    if (tool_arg_string(ret, args, args_len, "op", 1, &op, &op_len) < 0) goto done;
    buf_t out = {0};
    if (strcmp(op, "list") == 0) {
        cabi_list_string keys = do_list();
        buf_puts(&out, "{\"keys\":[");
        for (size_t i = 0; i < keys.len; i++) {
            if (i) buf_puts(&out, ",");
            buf_json_string(&out, keys.ptr[i].ptr, keys.ptr[i].len);
        }
        buf_puts(&out, "]}");
        cabi_list_string_free(&keys);
        cabi_result_ok(ret, buf_take(&out));
        goto done;
    }
    if (strcmp(op, "store") != 0 && strcmp(op, "recall") != 0 && strcmp(op, "forget") != 0) {
        cabi_result_err_cstr(ret, "invalid arguments: op must be store, recall, list or forget");
        goto done;
    }
    if (tool_arg_string(ret, args, args_len, "key", 1, &key, &key_len) < 0) goto done;
    const char *bad = key_problem((const uint8_t *)key, key_len);
    if (bad) {
        cabi_result_err_cstr(ret, bad);
        goto done;
    }
    if (strcmp(op, "store") == 0) {
        if (tool_arg_string(ret, args, args_len, "value", 1, &value, &value_len) < 0) goto done;
        char *err = do_store((const uint8_t *)key, key_len, (const uint8_t *)value, value_len);
        if (err) {
            cabi_result_err_cstr(ret, err);
            free(err);
        } else {
            cabi_result_ok(ret, cabi_string_from_cstr("{\"stored\":true}"));
        }
    } else if (strcmp(op, "recall") == 0) {
        buf_t v = {0};
        if (do_recall((const uint8_t *)key, key_len, &v)) {
            buf_puts(&out, "{\"found\":true,\"value\":");
            buf_json_string(&out, v.ptr, v.len);
            buf_puts(&out, "}");
        } else {
            buf_puts(&out, "{\"found\":false}");
        }
        buf_free(&v);
        cabi_result_ok(ret, buf_take(&out));
    } else {
        int removed = do_forget((const uint8_t *)key, key_len);
        cabi_result_ok(ret, cabi_string_from_cstr(removed ? "{\"forgotten\":true}" : "{\"forgotten\":false}"));
    }
done:
    free(op);
    free(key);
    free(value);
}

ASTERAI_TOOL("memory",
             "Long-term notes kept between conversations. op \"store\" saves value under key, "
             "\"recall\" returns the value of key, \"list\" returns all keys, \"forget\" deletes key. "
             "Keys: 1-128 characters of letters, digits, '.', '-', '_', not starting with '.' "
             "and without \"..\".",
             "{\"type\":\"object\",\"properties\":{"
             "\"op\":{\"type\":\"string\",\"enum\":[\"store\",\"recall\",\"list\",\"forget\"]},"
             "\"key\":{\"type\":\"string\",\"pattern\":\"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$\"},"
             "\"value\":{\"type\":\"string\"}},"
             "\"required\":[\"op\"],\"additionalProperties\":false}",
             tool_run)
