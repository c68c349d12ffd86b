/*
** csv.c -- rows of CSV and TSV files and the mapping of their header to the
** document's fields.
**
** Default header names, case-insensitive, the first present wins:
**   text:   text, body, content, article, full_text, maintext, story
**   html:   html, raw_html
**   title:  title, headline
**   date:   date, published, publish_date, published_at, pubdate, datetime, time
**   url:    url, link, source_url
**   id:     id, doc_id, article_id, guid
**   author: author, authors, byline
**   lang:   lang, language
**   site:   site, source, domain, publisher
*/
#include "io/csv.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const field_names[NG_CSV_NFIELDS] = {
	"id", "text", "html", "title", "date", "author", "site", "lang", "url"};

static const char *const defaults[NG_CSV_NFIELDS][8] = {
	[NG_CSV_ID] = {"id", "doc_id", "article_id", "guid"},
	[NG_CSV_TEXT] = {"text", "body", "content", "article", "full_text", "maintext", "story"},
	[NG_CSV_HTML] = {"html", "raw_html"},
	[NG_CSV_TITLE] = {"title", "headline"},
	[NG_CSV_DATE] = {"date", "published", "publish_date", "published_at", "pubdate", "datetime",
			 "time"},
	[NG_CSV_AUTHOR] = {"author", "authors", "byline"},
	[NG_CSV_SITE] = {"site", "source", "domain", "publisher"},
	[NG_CSV_LANG] = {"lang", "language"},
	[NG_CSV_URL] = {"url", "link", "source_url"},
};

const char *ng_csv_field_name(int field)
{
	return field >= 0 && field < NG_CSV_NFIELDS ? field_names[field] : "?";
}

size_t ng_csv_row_end(const char *s, size_t n, size_t *at, bool *in_q)
{
	size_t i = *at;
	while (i < n) {
		if (*in_q) {
			const char *q = memchr(s + i, '"', n - i);
			if (!q) {
				i = n;
				break;
			}
			i = (size_t)(q - s) + 1;
			/* "" inside quotes is an escaped quote: stay inside */
			if (i < n && s[i] == '"') {
				i++;
				continue;
			}
			if (i == n) {
				i--; /* cannot tell "" from " yet: look again with more bytes */
				break;
			}
			*in_q = false;
			continue;
		}
		char c = s[i];
		if (c == '\n') {
			*at = 0;
			return i + 1;
		}
		/* a quote opens a quoted field only at the start of a field */
		if (c == '"' && (i == 0 || s[i - 1] == ',' || s[i - 1] == '\t' || s[i - 1] == '\n'))
			*in_q = true;
		i++;
	}
	*at = i;
	return 0;
}

ng_status ng_csv_split(ng_arena *a, const char *s, size_t n, char sep, ng_csv_row *row)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	size_t nf = 1;
	bool q = false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' && (q || i == 0 || s[i - 1] == sep))
			q = !q;
		else if (s[i] == sep && !q)
			nf++;
	}
	row->f = ng_arena_alloc(a, nf * sizeof(char *));
	row->len = ng_arena_alloc(a, nf * sizeof(size_t));
	char *out = ng_arena_alloc(a, n + nf);
	if (!row->f || !row->len || !out)
		return NG_ELIMIT;
	row->n = 0;
	size_t i = 0;
	while (row->n < nf) {
		char *start = out;
		if (i < n && s[i] == '"') {
			i++;
			while (i < n) {
				if (s[i] == '"') {
					if (i + 1 < n && s[i + 1] == '"') {
						*out++ = '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				*out++ = s[i++];
			}
			/* anything between the closing quote and the separator is kept */
			while (i < n && s[i] != sep)
				*out++ = s[i++];
		} else {
			while (i < n && s[i] != sep)
				*out++ = s[i++];
		}
		if (out > start && out[-1] == '\r')
			out--;
		row->len[row->n] = (size_t)(out - start);
		*out++ = '\0';
		row->f[row->n++] = start;
		if (i < n && s[i] == sep)
			i++;
		else if (i >= n)
			break;
	}
	return NG_OK;
}

static int field_of(const char *name, size_t len)
{
	for (int k = 0; k < NG_CSV_NFIELDS; k++)
		if (strlen(field_names[k]) == len && !strncmp(field_names[k], name, len))
			return k;
	return -1;
}

static int column_of(const ng_csv_row *head, const char *name, size_t len)
{
	for (size_t c = 0; c < head->n; c++) {
		const char *h = head->f[c];
		size_t hl = head->len[c];
		if (c == 0 && hl >= 3 && !memcmp(h, "\xEF\xBB\xBF", 3)) {
			h += 3;
			hl -= 3;
		}
		while (hl && (*h == ' ' || *h == '\t'))
			h++, hl--;
		while (hl && (h[hl - 1] == ' ' || h[hl - 1] == '\t'))
			hl--;
		if (hl == len && !strncasecmp(h, name, len))
			return (int)c;
	}
	return -1;
}

/* Calls fn for each "field=column" of spec; false (with err) on bad syntax. */
static bool spec_each(const char *spec, bool (*fn)(void *ctx, int field, const char *col, size_t cl),
		      void *ctx, char *err, size_t errlen)
{
	const char *p = spec;
	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t l = end ? (size_t)(end - p) : strlen(p);
		const char *eq = memchr(p, '=', l);
		if (!eq || eq == p || eq + 1 == p + l) {
			snprintf(err, errlen, "--csv-columns: '%.*s' is not FIELD=COLUMN", (int)l, p);
			return false;
		}
		int f = field_of(p, (size_t)(eq - p));
		if (f < 0) {
			snprintf(err, errlen,
				 "--csv-columns: unknown field '%.*s' (id, text, html, title, date, "
				 "author, site, lang, url)",
				 (int)(eq - p), p);
			return false;
		}
		if (fn && !fn(ctx, f, eq + 1, l - (size_t)(eq + 1 - p))) {
			snprintf(err, errlen, "--csv-columns: the header has no column '%.*s'",
				 (int)(l - (size_t)(eq + 1 - p)), eq + 1);
			return false;
		}
		p = end ? end + 1 : NULL;
	}
	return true;
}

bool ng_csv_spec_check(const char *spec, char *err, size_t errlen)
{
	return spec_each(spec, NULL, NULL, err, errlen);
}

typedef struct map_ctx {
	const ng_csv_row *head;
	int *col;
} map_ctx;

static bool map_one(void *ctx, int field, const char *name, size_t len)
{
	map_ctx *m = ctx;
	m->col[field] = column_of(m->head, name, len);
	return m->col[field] >= 0;
}

bool ng_csv_map(const ng_csv_row *head, const char *spec, int col[NG_CSV_NFIELDS], char *err,
		size_t errlen)
{
	for (int k = 0; k < NG_CSV_NFIELDS; k++)
		col[k] = -1;
	map_ctx m = {head, col};
	if (!spec_each(spec, map_one, &m, err, errlen))
		return false;
	for (int k = 0; k < NG_CSV_NFIELDS; k++)
		for (int d = 0; col[k] < 0 && d < 8 && defaults[k][d]; d++) {
			int c = column_of(head, defaults[k][d], strlen(defaults[k][d]));
			bool taken = false;
			for (int j = 0; j < NG_CSV_NFIELDS; j++)
				taken |= col[j] == c;
			if (c >= 0 && !taken)
				col[k] = c;
		}
	if (col[NG_CSV_TEXT] < 0 && col[NG_CSV_HTML] < 0) {
		size_t o = (size_t)snprintf(err, errlen, "no text column in the header (");
		for (size_t c = 0; c < head->n && c < 12 && o < errlen; c++)
			o += (size_t)snprintf(err + o, errlen - o, "%s%.40s", c ? ", " : "", head->f[c]);
		if (o < errlen)
			snprintf(err + o, errlen - o, "%s); name it with --csv-columns text=COLUMN",
				 head->n > 12 ? ", ..." : "");
		return false;
	}
	return true;
}
