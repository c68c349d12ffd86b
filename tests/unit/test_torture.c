/*
** test_torture.c -- failed-allocation torture (after curl's runtests -t):
** runs the whole pipeline on a sample article with the k-th allocation made
** to fail, for every k until a run needs no failure. Each run must end
** with a clean error status or success -- never a crash, and under ASan
** never a leak.
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

/* One full run; returns true when no allocation failed along the way. */
static bool run_once(void)
{
	ng_engine *eng = ng_engine_create(NULL, NULL, 0);
	if (!eng)
		return false;
	ng_doc *d = ng_doc_create(0);
	if (!d) {
		ng_engine_destroy(eng);
		return false;
	}
	/* big enough that the arena grows past its first chunk several times */
	d->raw = big;
	d->raw_len = big_len;
	d->id = "torture";
	d->assigned = NG_F_RAW;
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
	ng_engine_destroy(eng);
	return ok;
}

static void test_every_allocation_fails_once(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3000; i++) {
		memcpy(big + big_len, article, sizeof article - 1);
		big_len += sizeof article - 1;
		big[big_len++] = '\n';
	}
	ng_alloc_fail_after(0);
	assert_true(run_once()); /* the article itself is fine */
	uint64_t k;
	for (k = 1; k < 10000; k++) {
		ng_alloc_fail_after(k);
		bool ok = run_once();
		ng_alloc_fail_after(0);
		if (ok)
			break;
	}
	assert_true(k > 8);     /* the loop really exercised failures */
	assert_true(k < 10000); /* and reached a run that needs no failure */
	printf("torture: %llu failure points\n", (unsigned long long)(k - 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_allocation_fails_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
