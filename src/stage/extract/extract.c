/*
** extract.c -- the extract stage: raw input -> clean text and metadata.
**
** Plain text is cleaned (text.c). Metadata a reader already found (JSON
** Lines fields) is cleaned the same way. HTML pages and crawled-text
** furniture are the subject of the extraction issue and plug in here.
*/
#include <string.h>

#include "core/core.h"
#include "pipeline/stage.h"
#include "stage/extract/text.h"

static ng_status report(ng_doc *doc, const ng_clean_report *r, const char *what)
{
	ng_status st = NG_OK;
	if (r->bad_utf8)
		st = ng_doc_add_error(doc, NG_EPARSE, r->first_bad_utf8, "extract",
				      "%s: invalid UTF-8 at byte %lld (%zu sequence%s replaced by U+FFFD)",
				      what, (long long)r->first_bad_utf8, r->bad_utf8,
				      r->bad_utf8 == 1 ? "" : "s");
	if (!st && r->nul_bytes)
		st = ng_doc_add_error(doc, NG_EPARSE, r->first_nul, "extract",
				      "%s: NUL byte at byte %lld (%zu replaced by U+FFFD)", what,
				      (long long)r->first_nul, r->nul_bytes);
	return st == NG_ELIMIT ? NG_OK : st; /* a full error list is not fatal */
}

/* Cleans one metadata string in place (NULL stays NULL; empty becomes NULL). */
static ng_status clean_meta(ng_doc *doc, const char **field, const char *what)
{
	if (!*field)
		return NG_OK;
	char *out;
	size_t len;
	ng_clean_report r;
	ng_status st = ng_text_clean(doc->arena, *field, strlen(*field), &out, &len, &r);
	if (st)
		return st;
	/* metadata is one line */
	for (size_t i = 0; i < len; i++)
		if (out[i] == '\n' || out[i] == '\t')
			out[i] = ' ';
	*field = len ? out : NULL;
	return report(doc, &r, what);
}

static ng_status extract_process(const void *state, ng_doc *doc)
{
	(void)state;
	ng_clean_report r;
	ng_status st = ng_text_clean(doc->arena, doc->raw, doc->raw_len, &doc->text, &doc->text_len, &r);
	if (st)
		return st;
	st = report(doc, &r, "text");
	if (st)
		return st;
	const char **meta[] = {&doc->title, &doc->date, &doc->author, &doc->site, &doc->lang};
	const char *names[] = {"title", "date", "author", "site", "lang"};
	for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++)
		if ((st = clean_meta(doc, meta[i], names[i])) != NG_OK)
			return st;
	if (doc->text_len == 0)
		return NG_EEMPTY;
	if (doc->text_len > UINT32_MAX - 1)
		return NG_ELIMIT; /* offsets are 32-bit */
	return NG_OK;
}

const ng_stage ng_stage_extract = {
	.name = "extract",
	.requires = NG_F_RAW,
	.assigns = NG_F_TEXT | NG_F_META,
	.init = NULL,
	.process = extract_process,
	.destroy = NULL,
};
