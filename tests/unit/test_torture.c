/*
** test_torture.c -- failed-allocation torture (after curl's runtests -t):
** runs the whole pipeline on a sample article with the k-th allocation made
** to fail, for every k until a run needs no failure; and engine creation
** likewise. Each run must end with a clean error status or success --
** never a crash, and under ASan never a leak.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"

static const char article[] =
	"TEHRAN (Reuters) - Iranian Parliament Speaker Mohammad Baqer Qalibaf said, "
	"\xE2\x80\x9CWe will respond.\xE2\x80\x9D He spoke to Lt. Gen. Salami.\n\n"
	"The U.S. said it was \"monitoring\" events. Prices rose 3.5%.";

static char big[sizeof article * 3000];
static size_t big_len;

/* Gives the document the big article as its raw input. */
static void give_big(ng_doc *d)
{
	d->raw = big;
	d->raw_len = big_len;
	d->id = "torture";
	d->assigned = NG_F_RAW;
}

/* One document through the shared engine; true when no allocation failed. */
static bool run_doc(const ng_engine *eng)
{
	ng_doc *d = ng_doc_create(0);
	if (!d)
		return false;
	/* big enough that the arena grows past its first chunk several times */
	give_big(d);
	bool ok = false;
	ng_status st = ng_engine_annotate(eng, d);
	if (st == NG_OK) {
		ng_outbuf out = {.cap = 1 << 24};
		st = ng_write_jsonl(d, 0, &out);
		ok = st == NG_OK;
		if (ok)
			assert_true(out.len > 0 && out.data[out.len - 1] == '\n');
		ng_outbuf_free(&out);
	} else {
		assert_true(st == NG_ENOMEM || st == NG_ELIMIT);
	}
	ng_doc_destroy(d);
	return ok;
}

static void fill_big(void)
{
	if (big_len)
		return;
	for (size_t i = 0; i < 3000; i++) {
		memcpy(big + big_len, article, sizeof article - 1);
		big_len += sizeof article - 1;
		big[big_len++] = '\n';
	}
}

/* Every allocation made while annotating and writing a document fails
** once. The engine (and its models) is built once, outside the torture. */
static void test_document_allocations(void **state)
{
	(void)state;
	fill_big();
	ng_engine *eng = ng_engine_create(NULL, NULL, 0);
	assert_non_null(eng);
	assert_true(run_doc(eng)); /* the article itself is fine */
	uint64_t k;
	for (k = 1; k < 100000; k++) {
		ng_alloc_fail_after(k);
		bool ok = run_doc(eng);
		ng_alloc_fail_after(0);
		if (ok)
			break;
	}
	assert_true(k > 8);      /* the loop really exercised failures */
	assert_true(k < 100000); /* and reached a run that needs no failure */
	printf("torture: %llu failure points in a document's run\n", (unsigned long long)(k - 1));
	ng_engine_destroy(eng);
}

/* The JSON of `d` annotated with no allocation failing, in `out`. */
static void annotate_json(const ng_engine *eng, ng_doc *d, ng_outbuf *out)
{
	assert_int_equal(ng_engine_annotate(eng, d), NG_OK);
	assert_int_equal(ng_write_jsonl(d, 0, out), NG_OK);
}

/* Out of memory, the engine gives the document back as it came (input,
** no annotation, no error added), and annotating it again once memory is
** free gives the very output of an undisturbed run: what `annotate -j N`
** relies on when it retries such a document alone. Every failure point of
** the run is tried. */
static void test_given_back(void **state)
{
	(void)state;
	fill_big();
	ng_engine *eng = ng_engine_create(NULL, NULL, 0);
	assert_non_null(eng);
	ng_outbuf want = {.cap = 1 << 24};
	ng_doc *d = ng_doc_create(0);
	assert_non_null(d);
	give_big(d);
	annotate_json(eng, d, &want);
	unsigned given = 0;
	for (uint64_t k = 1; k < 100000; k++) {
		ng_doc_reset(d);
		give_big(d);
		ng_alloc_fail_after(k);
		ng_status st = ng_engine_annotate(eng, d);
		ng_alloc_fail_after(0);
		if (st == NG_OK)
			break;
		if (st != NG_ENOMEM)
			continue; /* an arena over its cap: NG_ELIMIT, with the reason */
		given++;
		assert_true(d->assigned == NG_F_RAW && d->raw == big && d->raw_len == big_len);
		assert_true(d->text == NULL && d->n_tokens == 0 && d->n_entities == 0 &&
			    d->n_errors == 0 && d->n_quotes == 0 && d->n_events == 0);
		ng_outbuf got = {.cap = 1 << 24};
		annotate_json(eng, d, &got);
		assert_int_equal(got.len, want.len);
		assert_memory_equal(got.data, want.data, want.len);
		ng_outbuf_free(&got);
	}
	assert_true(given > 8);
	printf("torture: %u documents given back out of memory, annotated again identically\n",
	       given);
	ng_outbuf_free(&want);
	ng_doc_destroy(d);
	ng_engine_destroy(eng);
}

/* Engine creation (stage table, model loading) fails cleanly at each of
** its first allocations and at every 37th after them: NULL, no leak, and a
** real message, a NUL-terminated printable string (issue 29, item 14: a
** stage that ran out of memory left the caller's buffer as it was, and
** the command line printed its uninitialised bytes). */
static void test_engine_allocations(void **state)
{
	(void)state;
	uint64_t k, tried = 0;
	for (k = 1; k < 1000000; k += k < 200 ? 1 : 37) {
		ng_alloc_fail_after(k);
		char err[256];
		memset(err, 'X', sizeof err);
		ng_engine *eng = ng_engine_create(NULL, err, sizeof err);
		ng_alloc_fail_after(0);
		if (eng) {
			ng_engine_destroy(eng);
			break;
		}
		tried++;
		const char *end = memchr(err, 0, sizeof err);
		if (!end || end == err)
			fail_msg("allocation %llu: no message", (unsigned long long)k);
		for (const char *p = err; p < end; p++)
			if ((unsigned char)*p < 0x20 || *p == 'X')
				fail_msg("allocation %llu: message '%.60s' is not one", (unsigned long long)k,
					 err);
	}
	assert_true(k < 1000000);
	printf("torture: engine creation failed cleanly, with a message, at each of %llu allocation "
	       "points tried\n", (unsigned long long)tried);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_allocations),
		cmocka_unit_test(test_given_back),
		cmocka_unit_test(test_engine_allocations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
