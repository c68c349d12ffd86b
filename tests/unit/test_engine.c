/*
** test_engine.c -- the engine's stage contract: a stage list whose
** requirement no earlier stage assigns is refused with a message naming the
** stage, the missing parts, the stage that assigns them and a list that
** works; an optional input no earlier stage assigns is a warning; the parts
** each stage assigns are set on the document; max_doc_bytes is enforced;
** the data directory is taken from the config, the variable or the default.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ng_test.h"

/* ng_engine_create() on `stages` must fail with every string of `want`
** (NULL-terminated) in its message. */
static void expect_refused(const char *stages, const char *const *want)
{
	char err[512] = "";
	ng_config cfg = {.stages = stages};
	ng_engine *e = ng_engine_create(&cfg, err, sizeof err);
	if (e)
		fprintf(stderr, "'%s' was accepted\n", stages);
	assert_null(e);
	for (; *want; want++) {
		if (!strstr(err, *want))
			fprintf(stderr, "'%s': no \"%s\" in \"%s\"\n", stages, *want, err);
		assert_non_null(strstr(err, *want));
	}
	assert_null(strstr(err, "0x"));
}

static void test_missing_requirement(void **state)
{
	(void)state;
	expect_refused("entities", (const char *const[]){"stage 'entities' needs", "tokens",
							  "sentences", "stage 'segment'", "text",
							  "stage 'extract'",
							  "extract,segment,entities", NULL});
	/* coref reads the tagger's tags: without them it would find nothing */
	expect_refused("extract,segment,coref",
		       (const char *const[]){"stage 'coref' needs NER tags", "stage 'entities'",
					     "extract,segment,entities,coref", NULL});
	/* the order counts: the tags come too late */
	expect_refused("extract,segment,coref,entities",
		       (const char *const[]){"stage 'coref' needs NER tags", NULL});
	expect_refused("extract,segment,quotes,nosuch",
		       (const char *const[]){"unknown stage 'nosuch'", "extract, segment", NULL});
	expect_refused("extract,extract", (const char *const[]){"repeated stage 'extract'", NULL});
}

/* The warnings of an engine for `stages` (which must be accepted). */
static void expect_warnings(const char *stages, const char *const *want, size_t n_lines)
{
	char err[512] = "";
	ng_config cfg = {.stages = stages};
	ng_engine *e = ng_engine_create(&cfg, err, sizeof err);
	if (!e)
		fprintf(stderr, "'%s': %s\n", stages, err);
	assert_non_null(e);
	const char *w = ng_engine_warnings(e);
	for (; *want; want++) {
		if (!strstr(w, *want))
			fprintf(stderr, "'%s': no \"%s\" in \"%s\"\n", stages, *want, w);
		assert_non_null(strstr(w, *want));
	}
	size_t lines = *w ? 1 : 0;
	for (const char *p = w; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, n_lines);
	ng_engine_destroy(e);
}

static void test_optional_inputs(void **state)
{
	(void)state;
	expect_warnings(NULL, (const char *const[]){NULL}, 0);
	expect_warnings("extract,segment", (const char *const[]){NULL}, 0);
	expect_warnings("extract,segment,quotes",
			(const char *const[]){"stage 'quotes' reads NER tags", "entities",
					      "stage 'coref'", NULL},
			1);
	expect_warnings("extract,segment,entities,coref,events",
			(const char *const[]){"stage 'events' reads quotes", NULL}, 1);
	expect_warnings("extract,segment,events,quotes",
			(const char *const[]){"stage 'events'", "\nstage 'quotes'", NULL}, 2);
}

/* Each stage's parts are set on the document once it has run; the entities
** stage assigns the tags, coref the entities. */
static void test_assigned(void **state)
{
	(void)state;
	char err[512];
	ng_config cfg = {.stages = "extract,segment,entities"};
	ng_engine *e = ng_engine_create(&cfg, err, sizeof err);
	assert_non_null(e);
	ng_doc *d = ng_test_annotate(e, "Angela Merkel met Emmanuel Macron in Paris.", NULL);
	assert_int_equal(d->assigned, NG_F_RAW | NG_F_TEXT | NG_F_META | NG_F_TOKENS |
					      NG_F_SENTENCES | NG_F_NER_TAGS);
	assert_non_null(d->ner_tags);
	ng_doc_destroy(d);
	ng_engine_destroy(e);
}

static void test_max_doc_bytes(void **state)
{
	(void)state;
	char err[512];
	ng_config cfg = {.stages = "extract,segment", .max_doc_bytes = 10};
	ng_engine *e = ng_engine_create(&cfg, err, sizeof err);
	assert_non_null(e);
	ng_doc *d = ng_doc_create(0);
	assert_non_null(d);
	d->raw = "Ten bytes.";
	d->raw_len = 10;
	d->assigned = NG_F_RAW;
	assert_int_equal(ng_engine_annotate(e, d), NG_OK);
	ng_doc_reset(d);
	d->raw = "Eleven bytes";
	d->raw_len = 11;
	d->assigned = NG_F_RAW;
	assert_int_equal(ng_engine_annotate(e, d), NG_ELIMIT);
	assert_int_equal(d->n_errors, 1);
	assert_non_null(strstr(d->errors[0].message, "11 bytes"));
	assert_null(d->tokens);
	ng_doc_destroy(d);
	ng_engine_destroy(e);
}

/* The data directory: ng_config.data_dir wins over $NEWSGRAPH_DATA, which
** wins over the default; a missing one is named; stages that read no data
** run without one. */
static void test_data_dir(void **state)
{
	(void)state;
	char err[512] = "";
	const char *data = NG_TEST_DIR "/../data";
	assert_int_equal(setenv("NEWSGRAPH_DATA", "/nonexistent/ng", 1), 0);
	assert_string_equal(ng_data_dir(), "/nonexistent/ng");
	ng_config cfg = {.stages = "extract,segment,entities"};
	assert_null(ng_engine_create(&cfg, err, sizeof err));
	assert_non_null(strstr(err, "'/nonexistent/ng' ($NEWSGRAPH_DATA)"));
	cfg.data_dir = data;
	ng_engine *e = ng_engine_create(&cfg, err, sizeof err);
	assert_non_null(e);
	ng_engine_destroy(e);
	cfg.stages = "extract,segment";
	cfg.data_dir = "/nonexistent/ng2";
	e = ng_engine_create(&cfg, err, sizeof err);
	assert_non_null(e);
	ng_engine_destroy(e);
	cfg.stages = "extract,segment,quotes";
	assert_null(ng_engine_create(&cfg, err, sizeof err));
	assert_non_null(strstr(err, "'/nonexistent/ng2' (--data, ng_config.data_dir)"));
	assert_int_equal(unsetenv("NEWSGRAPH_DATA"), 0);
	/* the default of a build run in place: the source tree's data/ */
	assert_true(strstr(ng_data_dir(), "/data") != NULL);
	cfg.data_dir = NULL;
	e = ng_engine_create(&cfg, err, sizeof err);
	assert_non_null(e);
	ng_engine_destroy(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_requirement),
		cmocka_unit_test(test_optional_inputs),
		cmocka_unit_test(test_assigned),
		cmocka_unit_test(test_max_doc_bytes),
		cmocka_unit_test(test_data_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
