/*
** test_core.c -- arena, capped buffers, UTF-8 helpers, allocation failure
** injection.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"

static void test_arena(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_create(4096, 1 << 20);
	assert_non_null(a);
	char *p = ng_arena_alloc(a, 3);
	char *q = ng_arena_alloc(a, 5);
	assert_non_null(p);
	assert_non_null(q);
	assert_int_equal((uintptr_t)p % 16, 0);
	assert_int_equal((uintptr_t)q % 16, 0);
	/* grow the last allocation in place */
	char *q2 = ng_arena_grow(a, q, 5, 40);
	assert_ptr_equal(q, q2);
	/* grow something that is not last: copied */
	memcpy(p, "ab", 3);
	char *p2 = ng_arena_grow(a, p, 3, 100);
	assert_ptr_not_equal(p, p2);
	assert_string_equal(p2, "ab");
	/* spill into new chunks, then reset keeps only the first */
	for (int i = 0; i < 100; i++)
		assert_non_null(ng_arena_alloc(a, 4000));
	assert_true(ng_arena_used(a) > 400000);
	ng_arena_reset(a);
	assert_int_equal(ng_arena_used(a), 0);
	/* the cap holds */
	assert_null(ng_arena_alloc(a, 2 << 20));
	assert_non_null(ng_arena_alloc(a, 1000));
	ng_arena_destroy(a);
	ng_arena_destroy(NULL);
}

static void test_arena_rewind(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_create(4096, 1 << 20);
	assert_non_null(a);
	assert_non_null(ng_arena_alloc(a, 100));
	ng_arena_pos pos = ng_arena_mark(a);
	size_t used = ng_arena_used(a);
	char *first = ng_arena_alloc(a, 64);
	assert_non_null(first);
	/* spill into new chunks, most of the cap */
	for (int i = 0; i < 200; i++)
		assert_non_null(ng_arena_alloc(a, 4000));
	ng_arena_rewind(a, pos);
	assert_int_equal(ng_arena_used(a), used);
	/* the same place again, and the freed chunks no longer count to the cap */
	assert_ptr_equal(ng_arena_alloc(a, 64), first);
	for (int i = 0; i < 200; i++)
		assert_non_null(ng_arena_alloc(a, 4000));
	/* a position inside a later chunk */
	ng_arena_pos pos2 = ng_arena_mark(a);
	size_t used2 = ng_arena_used(a);
	assert_non_null(ng_arena_alloc(a, 50000));
	ng_arena_rewind(a, pos2);
	assert_int_equal(ng_arena_used(a), used2);
	ng_arena_destroy(a);
}

static void test_buf(void **state)
{
	(void)state;
	ng_outbuf b = {.cap = 10};
	assert_int_equal(ng_buf_append(&b, NULL, 0), NG_OK); /* empty append to an empty buffer */
	assert_int_equal(b.len, 0);
	assert_int_equal(ng_buf_append(&b, "hello", 5), NG_OK);
	assert_int_equal(ng_buf_append(&b, "world!", 6), NG_ELIMIT);
	assert_int_equal(b.len, 5); /* unchanged on failure */
	assert_int_equal(ng_buf_append(&b, "12345", 5), NG_OK);
	assert_memory_equal(b.data, "hello12345", 10);
	ng_outbuf_free(&b);
	assert_null(b.data);
}

static void test_utf8_decode(void **state)
{
	(void)state;
	int32_t cp;
	assert_int_equal(ng_utf8_decode((const unsigned char *)"\xC3\xA9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(ng_utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	/* overlong, surrogate, beyond U+10FFFF, truncated, lone continuation */
	assert_int_equal(ng_utf8_decode((const unsigned char *)"\xC0\xAF", 2, &cp), 0);
	assert_int_equal(ng_utf8_decode((const unsigned char *)"\xE0\x80\xAF", 3, &cp), 0);
	assert_int_equal(ng_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp), 0);
	assert_int_equal(ng_utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &cp), 0);
	assert_int_equal(ng_utf8_decode((const unsigned char *)"\xE2\x80", 2, &cp), 0);
	assert_int_equal(ng_utf8_decode((const unsigned char *)"\x80", 1, &cp), 0);
	assert_true(ng_utf8_valid("caf\xC3\xA9", 5));
	assert_false(ng_utf8_valid("caf\xC3", 4));
}

static void test_utf8_repair(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_create(4096, 0);
	size_t len, bad;
	int64_t first;
	/* one U+FFFD per maximal invalid subpart: E2 80 is one, FF is one */
	char *r = ng_utf8_repair(a, "a\xE2\x80" "b\xFF" "c", 6, &len, &bad, &first);
	assert_string_equal(r, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
	assert_int_equal(bad, 2);
	assert_int_equal(first, 1);
	r = ng_utf8_repair(a, "ok", 2, &len, &bad, &first);
	assert_string_equal(r, "ok");
	assert_int_equal(bad, 0);
	assert_int_equal(first, -1);
	ng_arena_destroy(a);
}

static void test_alloc_failure(void **state)
{
	(void)state;
	ng_alloc_fail_after(1);
	assert_null(ng_arena_create(4096, 0));
	ng_alloc_fail_after(2); /* the arena struct succeeds, its first chunk fails */
	assert_null(ng_arena_create(4096, 0));
	ng_alloc_fail_after(0);
	ng_arena *a = ng_arena_create(4096, 0);
	assert_non_null(a);
	ng_alloc_fail_after(1);
	assert_null(ng_arena_alloc(a, 100000)); /* needs a new chunk */
	ng_alloc_fail_after(0);
	assert_non_null(ng_arena_alloc(a, 100000));
	ng_arena_destroy(a);
	/* documents: creation fails cleanly at every allocation */
	for (uint64_t k = 1; k <= 3; k++) {
		ng_alloc_fail_after(k);
		ng_doc *d = ng_doc_create(0);
		ng_alloc_fail_after(0);
		ng_doc_destroy(d);
	}
}

static void test_doc_errors(void **state)
{
	(void)state;
	ng_doc *d = ng_doc_create(0);
	for (int i = 0; i < 1024; i++)
		assert_int_equal(ng_doc_add_error(d, NG_EPARSE, i, "test", "problem %d", i), NG_OK);
	/* the list is capped */
	assert_int_equal(ng_doc_add_error(d, NG_EPARSE, 0, "test", "one too many"), NG_ELIMIT);
	assert_int_equal(d->n_errors, 1024);
	assert_string_equal(d->errors[7].message, "problem 7");
	ng_doc_reset(d);
	assert_int_equal(d->n_errors, 0);
	assert_null(d->errors);
	ng_doc_destroy(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena),        cmocka_unit_test(test_arena_rewind),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_utf8_decode),  cmocka_unit_test(test_utf8_repair),
		cmocka_unit_test(test_alloc_failure), cmocka_unit_test(test_doc_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
