/*
** extract.c -- the extract stage: raw input -> clean text and metadata.
**
** HTML pages go through the article extractor (html.c: main content and
** metadata); plain text is cleaned (text.c) and, when it was crawled from a
** page, loses its breadcrumb and trailing site furniture, its headline
** becoming the title (furniture.c). Either way the result is cleaned to NFC
** UTF-8. Metadata a reader already found (JSON Lines fields) wins over what
** the page declares, and is cleaned the same way.
*/
#include <string.h>

#include "core/core.h"
#include "pipeline/stage.h"
#include "stage/extract/furniture.h"
#include "stage/extract/html.h"
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

static void set_if_empty(ng_doc *doc, const char **field, const char *v)
{
	(void)doc;
	if (!*field && v && *v)
		*field = v;
}

static ng_status extract_html(ng_doc *doc)
{
	ng_html_result h;
	ng_status st = ng_html_extract(doc, doc->content_type, NULL, &h);
	if (st)
		return st;
	ng_clean_report r;
	st = ng_text_clean(doc->arena, h.text, h.text_len, &doc->text, &doc->text_len, &r);
	if (st)
		return st;
	/* the page was decoded to UTF-8 by the parser: only NUL bytes can be left */
	if ((st = report(doc, &r, "text")) != NG_OK)
		return st;
	set_if_empty(doc, &doc->title, h.title);
	set_if_empty(doc, &doc->author, h.author);
	set_if_empty(doc, &doc->date, h.date);
	set_if_empty(doc, &doc->site, h.site);
	set_if_empty(doc, &doc->lang, h.lang);
	if (!doc->source_url && h.url) {
		/* an attribute value: valid UTF-8 only if the page was, and one line */
		size_t n, bad;
		int64_t first;
		char *u = ng_utf8_repair(doc->arena, h.url, strlen(h.url), &n, &bad, &first);
		if (u) {
			for (size_t i = 0; i < n; i++)
				if ((unsigned char)u[i] < 0x20)
					u[i] = ' ';
			doc->source_url = u;
		}
	}
	return NG_OK;
}

static ng_status extract_text(ng_doc *doc)
{
	ng_clean_report r;
	ng_status st = ng_text_clean(doc->arena, doc->raw, doc->raw_len, &doc->text, &doc->text_len, &r);
	if (st)
		return st;
	if ((st = report(doc, &r, "text")) != NG_OK)
		return st;
	ng_furniture f;
	ng_furniture_trim(doc->text, doc->text_len, doc->title, &f);
	if (f.title_end > f.title_start && !doc->title) {
		char *t = ng_doc_strndup(doc, doc->text + f.title_start, f.title_end - f.title_start);
		if (!t)
			return NG_ELIMIT;
		doc->title = t;
	}
	if (f.author_end > f.author_start && !doc->author) {
		char *a = ng_doc_strndup(doc, doc->text + f.author_start, f.author_end - f.author_start);
		if (!a)
			return NG_ELIMIT;
		doc->author = a;
	}
	if (f.body_start > 0 || f.body_end < doc->text_len) {
		/* the body is a substring: move it to the front */
		size_t n = f.body_end - f.body_start;
		memmove(doc->text, doc->text + f.body_start, n);
		doc->text[n] = '\0';
		doc->text_len = n;
	}
	return NG_OK;
}

static ng_status extract_process(const void *state, ng_doc *doc)
{
	(void)state;
	ng_status st = doc->raw_kind == NG_RAW_HTML ? extract_html(doc) : extract_text(doc);
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
	.optional = 0,
	.assigns = NG_F_TEXT | NG_F_META,
	.init = NULL,
	.process = extract_process,
	.destroy = NULL,
};
