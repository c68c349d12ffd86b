/*
** test_text.c -- input bytes to clean text: repair, control characters,
** line ends, NFC, trimming; and the JSON Lines parser and string writer.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "io/json.h"
#include "stage/extract/text.h"

static char *clean(ng_arena *a, const char *in, size_t n, ng_clean_report *r)
{
	char *out;
	size_t len;
	assert_int_equal(ng_text_clean(a, in, n, &out, &len, r), NG_OK);
	assert_int_equal(strlen(out), len);
	assert_true(ng_utf8_valid(out, len));
	return out;
}

#define CLEAN(lit) clean(a, lit, sizeof(lit) - 1, &r)

static void test_clean(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_create(4096, 0);
	ng_clean_report r;
	/* BOM, CR LF, CR, trimming */
	assert_string_equal(CLEAN("\xEF\xBB\xBF  a\r\nb\rc \n"), "a\nb\nc");
	/* NUL and invalid bytes become U+FFFD and are counted */
	assert_string_equal(CLEAN("a\0b\xFF" "c"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
	assert_int_equal(r.nul_bytes, 1);
	assert_int_equal(r.first_nul, 1);
	assert_int_equal(r.bad_utf8, 1);
	assert_int_equal(r.first_bad_utf8, 3);
	/* other controls become spaces; tab stays; U+2028 is a line break */
	assert_string_equal(CLEAN("a\x01" "b\tc\xE2\x80\xA8" "d"), "a b\tc\nd");
	assert_int_equal(r.controls, 1);
	/* NFC: e + combining acute -> é; already composed stays; Hangul jamo compose */
	assert_string_equal(CLEAN("Jose\xCC\x81 Jos\xC3\xA9"), "Jos\xC3\xA9 Jos\xC3\xA9");
	assert_string_equal(CLEAN("\xE1\x84\x80\xE1\x85\xA1"), "\xEA\xB0\x80");
	/* an ordering change: combining marks in canonical order */
	assert_string_equal(CLEAN("a\xCC\x81\xCC\xA3"), "\xE1\xBA\xA1\xCC\x81");
	/* curly quotes and dashes pass through untouched */
	assert_string_equal(CLEAN("\xE2\x80\x9Cok\xE2\x80\x9D \xE2\x80\x94 x"),
			    "\xE2\x80\x9Cok\xE2\x80\x9D \xE2\x80\x94 x");
	/* only whitespace: empty */
	assert_string_equal(CLEAN(" \n\t "), "");
	ng_arena_destroy(a);
}

static void test_clean_limit(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_create(4096, 8192);
	char big[5000];
	memset(big, 'x', sizeof big);
	char *out;
	size_t len;
	ng_clean_report r;
	assert_int_equal(ng_text_clean(a, big, sizeof big, &out, &len, &r), NG_ELIMIT);
	ng_arena_destroy(a);
}

typedef struct seen {
	char keys[8][32];
	char vals[8][64];
	ng_json_type types[8];
	int n;
} seen;

static ng_status collect(void *ctx, const ng_json_member *m)
{
	seen *s = ctx;
	if (s->n == 8)
		return NG_OK;
	snprintf(s->keys[s->n], 32, "%.*s", (int)m->key_len, m->key);
	snprintf(s->vals[s->n], 64, "%.*s", (int)m->val_len, m->val);
	s->types[s->n] = m->type;
	s->n++;
	return NG_OK;
}

static void test_json_parse(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_create(4096, 0);
	seen s = {0};
	size_t pos;
	const char *msg;
	const char *ok = " {\"id\": 42, \"text\": \"a\\\"b\\n\\u00e9\\ud83d\\ude00\", \"x\": [1, {\"y\": null}],"
			 " \"t\": true, \"n\": null} ";
	assert_int_equal(ng_json_parse_object(a, ok, strlen(ok), collect, &s, &pos, &msg), NG_OK);
	assert_int_equal(s.n, 5);
	assert_string_equal(s.keys[0], "id");
	assert_string_equal(s.vals[0], "42");
	assert_int_equal(s.types[0], NG_JSON_NUMBER);
	assert_string_equal(s.vals[1], "a\"b\n\xC3\xA9\xF0\x9F\x98\x80");
	assert_int_equal(s.types[1], NG_JSON_STRING);
	assert_string_equal(s.vals[2], "[1, {\"y\": null}]");
	assert_int_equal(s.types[2], NG_JSON_OTHER);
	assert_int_equal(s.types[4], NG_JSON_NULL);
	/* lone surrogates become U+FFFD */
	s.n = 0;
	const char *sur = "{\"t\":\"\\ud800x\\udc00\"}";
	assert_int_equal(ng_json_parse_object(a, sur, strlen(sur), collect, &s, &pos, &msg), NG_OK);
	assert_string_equal(s.vals[0], "\xEF\xBF\xBDx\xEF\xBF\xBD");

	/* invalid UTF-8 in a string is passed through for the extract stage to repair */
	s.n = 0;
	assert_int_equal(ng_json_parse_object(a, "{\"t\":\"\xFF\"}", 9, collect, &s, &pos, &msg), NG_OK);
	assert_string_equal(s.vals[0], "\xFF");

	/* errors carry a position and a message */
	struct {
		const char *in;
		size_t pos;
	} bad[] = {
		{"{\"a\": 1", 7},          {"{\"a\" 1}", 5},         {"[1]", 0},
		{"{\"a\": tru}", 6},       {"{\"a\": \"x}", 9},      {"{\"a\": 1} x", 9},
		{"{\"a\": \"\\q\"}", 7},   {"{\"a\": 01}", 7},       {"", 0},
		{"{\"a\": [1,]}", 9},    {"{\"a\": \"\x01\"}", 7},
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		s.n = 0;
		msg = NULL;
		ng_status st = ng_json_parse_object(a, bad[k].in, strlen(bad[k].in), collect, &s, &pos, &msg);
		if (st != NG_EPARSE)
			fail_msg("case %zu: status %d", k, st);
		assert_non_null(msg);
		if (pos != bad[k].pos)
			fail_msg("case %zu (%s): error at %zu, want %zu (%s)", k, bad[k].in, pos, bad[k].pos, msg);
	}
	/* nesting is bounded */
	char deep[300];
	size_t o = 0;
	o += (size_t)snprintf(deep, sizeof deep, "{\"a\":");
	for (int i = 0; i < 100; i++)
		deep[o++] = '[';
	deep[o] = '\0';
	assert_int_equal(ng_json_parse_object(a, deep, o, collect, &s, &pos, &msg), NG_ELIMIT);
	ng_arena_destroy(a);
}

static void test_json_str(void **state)
{
	(void)state;
	ng_outbuf b = {.cap = 1 << 20};
	assert_int_equal(ng_json_str(&b, "a\"\\\n\x01\xC3\xA9\xFF" "z", 9), NG_OK);
	assert_int_equal(ng_buf_append(&b, "", 1), NG_OK);
	assert_string_equal(b.data, "\"a\\\"\\\\\\n\\u0001\xC3\xA9\xEF\xBF\xBDz\"");
	ng_outbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),      cmocka_unit_test(test_clean_limit),
		cmocka_unit_test(test_json_parse), cmocka_unit_test(test_json_str),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
