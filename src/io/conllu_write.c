/*
** conllu_write.c -- a document's words as CoNLL-U (ng_write_conllu,
** docs/schema.md): what `newsgraph annotate --format-out conllu` writes.
*/
#include <stdio.h>
#include <string.h>

#include "core/core.h"

static ng_status lit(ng_outbuf *b, const char *s)
{
	return ng_buf_append(b, s, strlen(s));
}

/* A CoNLL-U field: no tabs or line breaks (they become spaces), "_" when
** empty. */
static ng_status field(ng_outbuf *b, const char *s, size_t n)
{
	if (!s || !n)
		return lit(b, "_");
	NG_TRY(ng_buf_reserve(b, n));
	for (size_t i = 0; i < n; i++)
		b->data[b->len++] = (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') ? ' ' : s[i];
	return NG_OK;
}

static ng_status num(ng_outbuf *b, long long v)
{
	char tmp[24];
	int k = snprintf(tmp, sizeof tmp, "%lld", v);
	return ng_buf_append(b, tmp, (size_t)k);
}

static ng_status sentence(const ng_doc *d, size_t si, ng_outbuf *b)
{
	size_t s = d->sentence_word[si], e = d->sentence_word[si + 1];
	if (s >= e)
		return NG_OK;
	NG_TRY(lit(b, "# sent_id = "));
	NG_TRY(field(b, d->id ? d->id : "doc", d->id ? strlen(d->id) : 3));
	NG_TRY(lit(b, "-"));
	NG_TRY(num(b, (long long)si + 1));
	NG_TRY(lit(b, "\n# text = "));
	const ng_word *w = d->words;
	NG_TRY(field(b, d->text + w[s].start, w[e - 1].end - w[s].start));
	NG_TRY(lit(b, "\n"));
	for (size_t i = s; i < e; i++) {
		NG_TRY(num(b, (long long)(i - s + 1)));
		NG_TRY(lit(b, "\t"));
		NG_TRY(field(b, d->text + w[i].start, w[i].end - w[i].start));
		NG_TRY(lit(b, "\t"));
		NG_TRY(field(b, w[i].lemma, w[i].lemma ? strlen(w[i].lemma) : 0));
		NG_TRY(lit(b, "\t"));
		NG_TRY(lit(b, w[i].upos ? w[i].upos : "_"));
		NG_TRY(lit(b, "\t"));
		NG_TRY(lit(b, w[i].xpos ? w[i].xpos : "_"));
		NG_TRY(lit(b, "\t_\t"));
		if (!w[i].deprel)
			NG_TRY(lit(b, "_"));
		else if (w[i].head < 0)
			NG_TRY(lit(b, "0"));
		else
			NG_TRY(num(b, (long long)w[i].head - (long long)s + 1));
		NG_TRY(lit(b, "\t"));
		NG_TRY(lit(b, w[i].deprel ? w[i].deprel : "_"));
		NG_TRY(lit(b, "\t_\t"));
		NG_TRY(lit(b, i + 1 < e && w[i + 1].start == w[i].end ? "SpaceAfter=No\n" : "_\n"));
	}
	return lit(b, "\n");
}

ng_status ng_write_conllu(const ng_doc *d, ng_outbuf *b)
{
	if (!d || !b)
		return NG_EUSAGE;
	if (!d->words || !d->sentence_word)
		return NG_OK;
	size_t mark = b->len;
	ng_status st = NG_OK;
	if (d->id) {
		st = lit(b, "# newdoc id = ");
		if (st == NG_OK)
			st = field(b, d->id, strlen(d->id));
		if (st == NG_OK)
			st = lit(b, "\n");
	}
	for (size_t si = 0; st == NG_OK && si < d->n_sentences; si++)
		st = sentence(d, si, b);
	if (st != NG_OK)
		b->len = mark;
	return st;
}
