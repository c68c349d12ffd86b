/*
** fuzz_jsonl.c -- libFuzzer target for the JSON Lines reader's parser
** (ng_json_parse_object in src/io/json.c) and its string escaper: each
** input line is parsed as one record, the way the reader does it; then the
** whole input is escaped with ng_json_str, wrapped as {"k":...} and parsed
** back, which must succeed and, for valid UTF-8, give the input back byte
** for byte.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "io/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct seen {
	const char *val;
	size_t len;
	int members;
} seen;

static ng_status on_member(void *ctx, const ng_json_member *m)
{
	seen *s = ctx;
	/* touch every byte the parser hands out */
	volatile unsigned char x = 0;
	for (size_t i = 0; i < m->key_len; i++)
		x ^= (unsigned char)m->key[i];
	for (size_t i = 0; m->val && i < m->val_len; i++)
		x ^= (unsigned char)m->val[i];
	(void)x;
	if (m->type == NG_JSON_STRING && m->key_len == 1 && m->key[0] == 'k') {
		s->val = m->val;
		s->len = m->val_len;
	}
	s->members++;
	return NG_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	ng_arena *a = ng_arena_create(4096, (size_t)64 << 20);
	if (!a)
		return 0;
	/* line by line, as the reader does */
	size_t ls = 0;
	while (ls <= size) {
		const char *nl = ls < size ? memchr(s + ls, '\n', size - ls) : NULL;
		size_t le = nl ? (size_t)(nl - s) : size;
		size_t pos = 0;
		const char *msg = NULL;
		seen sn = {0};
		ng_status st = ng_json_parse_object(a, s + ls, le - ls, on_member, &sn, &pos, &msg);
		if (st != NG_OK && st != NG_EPARSE && st != NG_ELIMIT)
			abort();
		if (st == NG_EPARSE && (!msg || pos > le - ls))
			abort(); /* an error has a message and a position inside the line */
		ng_arena_reset(a);
		ls = le + 1;
	}
	/* escape and parse back */
	ng_outbuf b = {.cap = size * 6 + 64};
	if (ng_buf_append(&b, "{\"k\":", 5) == NG_OK && ng_json_str(&b, s, size) == NG_OK &&
	    ng_buf_append(&b, "}", 1) == NG_OK) {
		size_t pos = 0;
		const char *msg = NULL;
		seen sn = {0};
		ng_status st = ng_json_parse_object(a, b.data, b.len, on_member, &sn, &pos, &msg);
		if (st != NG_OK || sn.members != 1 || !sn.val)
			abort();
		if (ng_utf8_valid(s, size) && (sn.len != size || memcmp(sn.val, s, size) != 0))
			abort();
		if (!ng_utf8_valid(sn.val, sn.len))
			abort();
	}
	ng_outbuf_free(&b);
	ng_arena_destroy(a);
	return 0;
}
