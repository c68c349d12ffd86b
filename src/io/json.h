/*
** json.h -- the small JSON toolkit the readers and writers share: string
** escaping into a capped buffer, and a strict RFC 8259 parser for one JSON
** Lines record.
*/
#ifndef NG_JSON_H
#define NG_JSON_H

#include "core/core.h"

/* Appends s[0..n) as a JSON string (with quotes). Invalid UTF-8 is written
** as U+FFFD, so the output is always valid JSON. */
NG_WARN_UNUSED ng_status ng_json_str(ng_outbuf *b, const char *s, size_t n);

/* Appends a decimal integer. */
NG_WARN_UNUSED ng_status ng_json_int(ng_outbuf *b, long long v);

/* One member of a parsed object: the key and, for string and number
** values, the decoded value (strings unescaped to UTF-8; numbers as their
** literal text). Other values (objects, arrays, true/false/null) are
** validated and given as their raw JSON text. */
typedef enum { NG_JSON_STRING, NG_JSON_NUMBER, NG_JSON_OTHER, NG_JSON_NULL } ng_json_type;

typedef struct ng_json_member {
	const char *key;
	size_t key_len;
	const char *val;
	size_t val_len;
	ng_json_type type;
} ng_json_member;

/* Parses `s[0..n)`, which must hold exactly one JSON object (surrounding
** whitespace allowed), calling `cb` for each top-level member. Decoded
** strings are allocated from `a`. Nesting is limited to 64 levels. On error
** returns NG_EPARSE (or NG_ELIMIT) and sets *err_pos to the byte offset
** and *err_msg to a static message. */
typedef ng_status (*ng_json_member_cb)(void *ctx, const ng_json_member *m);
NG_WARN_UNUSED ng_status ng_json_parse_object(ng_arena *a, const char *s, size_t n,
					      ng_json_member_cb cb, void *ctx, size_t *err_pos,
					      const char **err_msg);

#endif
