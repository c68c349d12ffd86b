/*
** quotes_test.h -- what the quotes stage's unit tests (test_quotes.c,
** test_quotes_speakers.c, test_quotes_cover.c, test_quotes_verbs.c,
** test_quotes_precision.c) share:
** an engine running extract, segment and quotes, set up once per group, the
** text of a span, and the checks of one quote. Include after <cmocka.h> and
** ng_test.h.
*/
#ifndef NG_QUOTES_TEST_H
#define NG_QUOTES_TEST_H

#include <stdio.h>
#include <string.h>

#include "newsgraph/newsgraph.h"

static ng_engine *eng;

static inline int setup(void **st)
{
	(void)st;
	char err[256];
	ng_config cfg = {.stages = "extract,segment,quotes"};
	eng = ng_engine_create(&cfg, err, sizeof err);
	if (!eng)
		fprintf(stderr, "engine: %s\n", err);
	return eng ? 0 : -1;
}

static inline int teardown(void **st)
{
	(void)st;
	ng_engine_destroy(eng);
	return 0;
}

/* The span's text, in a static buffer ("" for an absent span); four
** buffers in turn, so one call can print several spans. */
static inline const char *span(const ng_doc *d, int64_t s, int64_t e)
{
	static char buf[4][1024];
	static int k;
	char *b = buf[k++ & 3];
	if (s < 0 || e < s) {
		b[0] = 0;
		return b;
	}
	size_t n = (size_t)(e - s) < sizeof buf[0] - 1 ? (size_t)(e - s) : sizeof buf[0] - 1;
	memcpy(b, d->text + s, n);
	b[n] = 0;
	return b;
}

/* The records of both arrays, quotes (speech) first, then attributions:
** record(d, i) for i < n_records(d). The tests of what the finder finds
** look at both; the tests of where a record goes look at each array. */
static inline size_t n_records(const ng_doc *d)
{
	return d->n_quotes + d->n_attributions;
}

static inline const ng_quote *record(const ng_doc *d, size_t i)
{
	return i < d->n_quotes ? &d->quotes[i] : &d->attributions[i - d->n_quotes];
}

/* Is q in the quotes array (speech), not among the attributions? */
static inline int is_speech_record(const ng_doc *d, const ng_quote *q)
{
	return d->n_quotes && q >= d->quotes && q < d->quotes + d->n_quotes;
}

/* The quote whose text starts with `prefix`, or NULL. */
static inline const ng_quote *find(const ng_doc *d, const char *prefix)
{
	for (size_t i = 0; i < n_records(d); i++)
		if (!strncmp(d->text + record(d, i)->start, prefix, strlen(prefix)))
			return record(d, i);
	return NULL;
}

/* Asserts a quote starting with prefix, of that kind, speaker span text
** (NULL: no speaker) and cue lemma (NULL: not checked); returns it. */
static inline const ng_quote *check(const ng_doc *d, const char *prefix, int kind,
				    const char *speaker, const char *cue)
{
	const ng_quote *q = find(d, prefix);
	if (!q) {
		for (size_t i = 0; i < n_records(d); i++)
			fprintf(stderr, "  have: %s\n", span(d, record(d, i)->start, record(d, i)->end));
		fail_msg("no quote starting with '%s'", prefix);
	}
	assert_int_equal(q->kind, kind);
	if (speaker)
		assert_string_equal(span(d, q->speaker_start, q->speaker_end), speaker);
	else
		assert_true(q->speaker_start < 0 && q->speaker < 0);
	if (cue)
		assert_string_equal(q->cue ? q->cue : "(null)", cue);
	return q;
}

/* Prints every record of `d` (when a check fails). */
static inline void dump(const ng_doc *d)
{
	for (size_t i = 0; i < n_records(d); i++)
		fprintf(stderr, "  have: [%s] cue=%s class=%s speaker=[%s]\n",
			span(d, record(d, i)->start, record(d, i)->end),
			record(d, i)->cue ? record(d, i)->cue : "(null)",
			record(d, i)->cue_class ? record(d, i)->cue_class : "(null)",
			span(d, record(d, i)->speaker_start, record(d, i)->speaker_end));
}

/* The record whose content is exactly `text`; fails the test when none. */
static inline const ng_quote *content(const ng_doc *d, const char *text)
{
	for (size_t i = 0; i < n_records(d); i++)
		if (!strcmp(span(d, record(d, i)->start, record(d, i)->end), text))
			return record(d, i);
	fprintf(stderr, "no record with content [%s]\n", text);
	dump(d);
	fail();
	return NULL;
}

/* Annotates `text` and checks that it has records with exactly the contents
** `first` and, unless NULL, `second` (two attributions of one sentence). */
static inline void expect_contents(const char *text, const char *first, const char *second)
{
	ng_doc *d = ng_test_annotate(eng, text, NULL);
	content(d, first);
	if (second)
		content(d, second);
	ng_doc_destroy(d);
}

/* Annotates `text` and checks that it has a record with exactly this
** content, cue class and speaker ("" = none). */
static inline void expect(const char *text, const char *want, const char *cls,
			  const char *speaker)
{
	ng_doc *d = ng_test_annotate(eng, text, NULL);
	const ng_quote *q = content(d, want);
	if (strcmp(q->cue_class, cls) || strcmp(span(d, q->speaker_start, q->speaker_end), speaker)) {
		fprintf(stderr, "in [%s] want [%s] %s [%s]\n", text, want, cls, speaker);
		dump(d);
	}
	assert_string_equal(q->cue_class, cls);
	assert_string_equal(span(d, q->speaker_start, q->speaker_end), speaker);
	ng_doc_destroy(d);
}

/* Annotates `text` and checks that no record's content holds `not_content`. */
static inline void expect_none(const char *text, const char *not_content)
{
	ng_doc *d = ng_test_annotate(eng, text, NULL);
	for (size_t i = 0; i < n_records(d); i++)
		if (strstr(span(d, record(d, i)->start, record(d, i)->end), not_content)) {
			fprintf(stderr, "in [%s]\n", text);
			dump(d);
			fail();
		}
	ng_doc_destroy(d);
}

#endif
