/*
 * A small strict JSON reader for tool arguments: checks that the text is one
 * JSON object and extracts top-level string members.
 */
#ifndef ASTERAI_JSON_H
#define ASTERAI_JSON_H

#include <stddef.h>

/*
 * Looks up the string member `key` of the JSON object in `json[0..len)`.
 * Returns 1 and sets *out (malloc'd, NUL-terminated, UTF-8, escapes decoded;
 * free it) and *out_len when found; 0 when the object has no such member;
 * -1 when the text is not a well-formed JSON object or the member is not a
 * string, with a static message in *err. The first occurrence of a key wins.
 */
int json_get_string(const char *json, size_t len, const char *key,
                    char **out, size_t *out_len, const char **err);

#endif
