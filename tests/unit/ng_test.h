/*
** ng_test.h -- what several unit tests share: annotating a text of ours
** with an engine, as a reader would hand it over. Include after <cmocka.h>.
*/
#ifndef NG_TEST_H
#define NG_TEST_H

#include <string.h>

#include "newsgraph/newsgraph.h"

/* A new document holding `text` (not copied: it must outlive the document)
** with `date` (or NULL), run through the engine's stages; fails the test
** when the engine does. Free with ng_doc_destroy(). */
static inline ng_doc *ng_test_annotate(const ng_engine *e, const char *text, const char *date)
{
	ng_doc *d = ng_doc_create(0);
	assert_non_null(d);
	d->raw = text;
	d->raw_len = strlen(text);
	d->raw_kind = NG_RAW_TEXT;
	d->date = date;
	d->assigned |= NG_F_RAW;
	assert_int_equal(ng_engine_annotate(e, d), NG_OK);
	return d;
}

#endif
