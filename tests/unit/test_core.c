/*
** test_core.c -- arena, capped buffers, UTF-8 helpers, allocation failure
** injection, the typed sort.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/core.h"
#include "core/sort.h"

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

/* a key and the position it came from: equal keys must stay a permutation */
typedef struct kv {
	int key;
	int from;
} kv;

static inline bool kv_less(const kv *a, const kv *b)
{
	return a->key < b->key;
}
NG_SORT_DEFINE(kv_sort, kv, kv_less)

static int kv_cmp(const void *x, const void *y)
{
	const kv *a = x, *b = y;
	return (a->key > b->key) - (a->key < b->key);
}

/* v sorted by key and a permutation of its input (every `from` once) */
static void check_sorted(const kv *v, size_t n, const kv *ref)
{
	unsigned char *seen = calloc(n ? n : 1, 1);
	assert_non_null(seen);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].key, ref[i].key); /* ref: the same keys by qsort */
		assert_true(v[i].from >= 0 && (size_t)v[i].from < n && !seen[v[i].from]);
		seen[v[i].from] = 1;
	}
	free(seen);
}

static void test_sort(void **state)
{
	(void)state;
	enum { MAX = 5000 };
	kv *v = calloc(MAX, sizeof *v), *ref = calloc(MAX, sizeof *ref);
	assert_non_null(v);
	assert_non_null(ref);
	static const size_t sizes[] = {0, 1, 2, 3, 15, 16, 17, 31, 100, 257, 1000, MAX};
	uint32_t r = 12345;
	for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
		size_t n = sizes[si];
		/* random, few distinct keys, sorted, reversed, all equal, organ pipe */
		for (int shape = 0; shape < 6; shape++) {
			for (size_t i = 0; i < n; i++) {
				r = r * 1103515245u + 12345u;
				int k = shape == 0   ? (int)(r >> 8)
					: shape == 1 ? (int)(r >> 8) % 3
					: shape == 2 ? (int)i
					: shape == 3 ? (int)(n - i)
					: shape == 4 ? 7
						     : (int)(i < n / 2 ? i : n - i);
				v[i] = (kv){k, (int)i};
			}
			memcpy(ref, v, n * sizeof *v);
			qsort(ref, n, sizeof *ref, kv_cmp);
			kv_sort(v, n);
			check_sorted(v, n, ref);
		}
	}
	/* the heapsort fallback on its own (reached past 2 log2 n splits) */
	for (size_t i = 0; i < 777; i++) {
		r = r * 1103515245u + 12345u;
		v[i] = (kv){(int)(r >> 20), (int)i};
	}
	memcpy(ref, v, 777 * sizeof *v);
	qsort(ref, 777, sizeof *ref, kv_cmp);
	kv_sort_heap(v, 777);
	check_sorted(v, 777, ref);
	free(v);
	free(ref);
}

/* ng_grow and ng_arena_grow_array: doubling from `first`, the cap, the
** array unchanged on failure. */
static void test_grow(void **state)
{
	(void)state;
	int *a = NULL;
	size_t cap = 0;
	assert_int_equal(ng_grow(&a, &cap, 1, sizeof *a, 4, 100), NG_OK);
	assert_int_equal(cap, 4);
	a[3] = 7;
	assert_int_equal(ng_grow(&a, &cap, 5, sizeof *a, 4, 100), NG_OK);
	assert_int_equal(cap, 8);
	assert_int_equal(a[3], 7);
	assert_int_equal(ng_grow(&a, &cap, 70, sizeof *a, 4, 100), NG_OK);
	assert_int_equal(cap, 100); /* 128 clamped to the cap */
	int *before = a;
	assert_int_equal(ng_grow(&a, &cap, 101, sizeof *a, 4, 100), NG_ELIMIT);
	assert_ptr_equal(a, before);
	assert_int_equal(cap, 100);
	assert_int_equal(ng_grow(&a, &cap, SIZE_MAX / 2, sizeof *a, 4, SIZE_MAX), NG_ELIMIT);
	ng_free(a);
	ng_arena *ar = ng_arena_create(1024, 4096);
	assert_non_null(ar);
	char *b = NULL;
	cap = 0;
	assert_int_equal(ng_arena_grow_array(ar, &b, &cap, 10, 1, 256, SIZE_MAX), NG_OK);
	assert_int_equal(cap, 256);
	memset(b, 'x', 10);
	assert_int_equal(ng_arena_grow_array(ar, &b, &cap, 2000, 1, 256, SIZE_MAX), NG_OK);
	assert_int_equal(cap, 2048);
	assert_int_equal(b[9], 'x');
	/* over the arena's cap: NG_ELIMIT, the array kept */
	assert_int_equal(ng_arena_grow_array(ar, &b, &cap, 8000, 1, 256, SIZE_MAX), NG_ELIMIT);
	assert_int_equal(cap, 2048);
	assert_int_equal(b[9], 'x');
	ng_arena_destroy(ar);
}

/* ng_lines: line ends, skipped lines, PATH:LINE errors, the cap. */
static void test_lines(void **state)
{
	(void)state;
	char path[] = "/tmp/ng-test-lines-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("# comment\nfirst\r\n\nsecond\nlast", f);
	fclose(f);
	char err[256];
	ng_lines lr;
	assert_int_equal(ng_lines_open(&lr, path, NG_LINES_SKIP_BLANK | NG_LINES_SKIP_HASH, "t", err,
				       sizeof err), NG_OK);
	char *line;
	size_t len;
	assert_int_equal(ng_lines_next(&lr, &line, &len), NG_OK);
	assert_string_equal(line, "first");
	assert_int_equal(len, 5);
	assert_int_equal(lr.lineno, 2);
	assert_int_equal(ng_lines_next(&lr, &line, &len), NG_OK);
	assert_string_equal(line, "second");
	assert_int_equal(lr.lineno, 4);
	assert_int_equal(ng_lines_fail(&lr, NG_EPARSE, "bad %s", "field"), NG_EPARSE);
	char want[512];
	snprintf(want, sizeof want, "t: %s:4: bad field", path);
	assert_string_equal(err, want);
	assert_int_equal(ng_lines_next(&lr, &line, &len), NG_OK);
	assert_string_equal(line, "last"); /* no line end at the end of the file */
	assert_int_equal(ng_lines_next(&lr, &line, &len), NG_DONE);
	ng_lines_close(&lr);
	/* without flags every line comes; a line over the cap is an error */
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("# kept\n\n", f);
	for (int i = 0; i < NG_LINE_MAX + 10; i++)
		fputc('a', f);
	fputs("\nafter\n", f);
	fclose(f);
	assert_int_equal(ng_lines_open(&lr, path, 0, NULL, err, sizeof err), NG_OK);
	assert_int_equal(ng_lines_next(&lr, &line, &len), NG_OK);
	assert_string_equal(line, "# kept");
	assert_int_equal(ng_lines_next(&lr, &line, &len), NG_OK);
	assert_int_equal(len, 0);
	assert_int_equal(ng_lines_next(&lr, &line, &len), NG_ELIMIT);
	snprintf(want, sizeof want, "%s:3: line longer than", path);
	assert_non_null(strstr(err, want));
	ng_lines_close(&lr);
	unlink(path);
	assert_int_equal(ng_lines_open(&lr, path, 0, "t", err, sizeof err), NG_EIO);
	assert_non_null(strstr(err, "No such file"));
	ng_lines_close(&lr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena),        cmocka_unit_test(test_arena_rewind),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_grow),         cmocka_unit_test(test_lines),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_utf8_decode),  cmocka_unit_test(test_utf8_repair),
		cmocka_unit_test(test_alloc_failure), cmocka_unit_test(test_doc_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
