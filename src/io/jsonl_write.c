/*
** jsonl_write.c -- one document as one line of JSON (docs/schema.md).
*/
#include <stdio.h>
#include <string.h>

#include "io/json.h"

static ng_status lit(ng_outbuf *b, const char *s)
{
	return ng_buf_append(b, s, strlen(s));
}

static ng_status field_str(ng_outbuf *b, const char *key, const char *v)
{
	NG_TRY(lit(b, key));
	if (!v)
		return lit(b, "null");
	return ng_json_str(b, v, strlen(v));
}

/* Appends [[s,e],[s,e],...] from spans given by a getter. */
static ng_status pairs(ng_outbuf *b, const void *base, size_t n, size_t stride)
{
	/* each pair: at most 2 * 10 digits + 4 */
	if (n > (SIZE_MAX - 2) / 24)
		return NG_ELIMIT;
	NG_TRY(ng_buf_reserve(b, n * 24 + 2));
	char *o = b->data + b->len;
	*o++ = '[';
	for (size_t i = 0; i < n; i++) {
		const uint32_t *v = (const uint32_t *)((const char *)base + i * stride);
		if (i)
			*o++ = ',';
		*o++ = '[';
		for (int k = 0; k < 2; k++) {
			char tmp[12];
			int l = 0;
			uint32_t x = v[k];
			do {
				tmp[l++] = (char)('0' + x % 10);
				x /= 10;
			} while (x);
			while (l)
				*o++ = tmp[--l];
			if (k == 0)
				*o++ = ',';
		}
		*o++ = ']';
	}
	*o++ = ']';
	b->len = (size_t)(o - b->data);
	return NG_OK;
}

static ng_status key_int(ng_outbuf *b, const char *key, long long v)
{
	NG_TRY(lit(b, key));
	return ng_json_int(b, v);
}

/* "key":"text[start,end)" or null when the span is absent */
static ng_status key_span_text(ng_outbuf *b, const char *key, const ng_doc *d, int64_t s, int64_t e)
{
	NG_TRY(lit(b, key));
	if (s < 0 || e < s || (uint64_t)e > d->text_len)
		return lit(b, "null");
	return ng_json_str(b, d->text + s, (size_t)(e - s));
}

static ng_status key_opt_int(ng_outbuf *b, const char *key, int64_t v)
{
	NG_TRY(lit(b, key));
	return v < 0 ? lit(b, "null") : ng_json_int(b, v);
}

static const char *const entity_types[] = {"PER", "ORG", "LOC", "MISC"};
static const char *const mention_kinds[] = {"name", "partial", "pronoun", "title"};
static const char *const quote_kinds[] = {"direct", "indirect", "mixed"};

static ng_status write_entities(const ng_doc *d, ng_outbuf *b)
{
	NG_TRY(lit(b, ",\"entities\":["));
	for (size_t i = 0; i < d->n_entities; i++) {
		const ng_entity *e = &d->entities[i];
		NG_TRY(key_int(b, i ? ",{\"id\":" : "{\"id\":", e->id));
		NG_TRY(field_str(b, ",\"name\":", e->name));
		NG_TRY(field_str(b, ",\"type\":", entity_types[e->type & 3]));
		NG_TRY(lit(b, ",\"titles\":["));
		for (size_t k = 0; k < e->n_titles; k++) {
			if (k)
				NG_TRY(lit(b, ","));
			NG_TRY(ng_json_str(b, e->titles[k], strlen(e->titles[k])));
		}
		NG_TRY(lit(b, "]"));
		if (e->affiliation)
			NG_TRY(field_str(b, ",\"affiliation\":", e->affiliation));
		if (e->country)
			NG_TRY(field_str(b, ",\"country\":", e->country));
		if (e->key)
			NG_TRY(field_str(b, ",\"key\":", e->key));
		NG_TRY(lit(b, ",\"mentions\":["));
		for (size_t k = 0; k < e->n_mentions; k++) {
			const ng_mention *m = &e->mentions[k];
			NG_TRY(key_int(b, k ? ",{\"start\":" : "{\"start\":", m->start));
			NG_TRY(key_int(b, ",\"end\":", m->end));
			NG_TRY(key_span_text(b, ",\"text\":", d, m->start, m->end));
			NG_TRY(field_str(b, ",\"kind\":", mention_kinds[m->kind & 3]));
			NG_TRY(lit(b, "}"));
		}
		NG_TRY(lit(b, "]}"));
	}
	return lit(b, "]");
}

/* One array of records: "quotes" (speech) or "attributions" (the others,
** same fields). */
static ng_status write_quotes(const ng_doc *d, ng_outbuf *b, const char *key, const ng_quote *qs,
			      size_t n)
{
	NG_TRY(lit(b, key));
	for (size_t i = 0; i < n; i++) {
		const ng_quote *q = &qs[i];
		NG_TRY(key_int(b, i ? ",{\"start\":" : "{\"start\":", q->start));
		NG_TRY(key_int(b, ",\"end\":", q->end));
		NG_TRY(key_span_text(b, ",\"text\":", d, q->start, q->end));
		NG_TRY(field_str(b, ",\"kind\":", quote_kinds[q->kind < 3 ? q->kind : 0]));
		NG_TRY(key_opt_int(b, ",\"speaker\":", q->speaker));
		NG_TRY(key_span_text(b, ",\"speaker_text\":", d, q->speaker_start, q->speaker_end));
		NG_TRY(key_opt_int(b, ",\"speaker_start\":", q->speaker_start));
		NG_TRY(key_opt_int(b, ",\"speaker_end\":", q->speaker_end));
		NG_TRY(field_str(b, ",\"cue\":", q->cue));
		if (d->assigned & NG_F_CUE_CLASS)
			NG_TRY(field_str(b, ",\"cue_class\":", q->cue_class));
		NG_TRY(key_opt_int(b, ",\"cue_start\":", q->cue_start));
		NG_TRY(key_opt_int(b, ",\"cue_end\":", q->cue_end));
		NG_TRY(lit(b, "}"));
	}
	return lit(b, "]");
}

static ng_status write_actor(const ng_doc *d, ng_outbuf *b, const char *key, const ng_actor *a)
{
	NG_TRY(lit(b, key));
	NG_TRY(lit(b, "{"));
	if (a->entity >= 0)
		NG_TRY(key_int(b, "\"entity\":", a->entity));
	NG_TRY(key_span_text(b, a->entity >= 0 ? ",\"text\":" : "\"text\":", d, a->start, a->end));
	/* the entity's canonical name: "Mohammad Baqer Qalibaf" for "He" */
	if (a->entity >= 0 && (size_t)a->entity < d->n_entities && d->entities[a->entity].name)
		NG_TRY(field_str(b, ",\"name\":", d->entities[a->entity].name));
	NG_TRY(field_str(b, ",\"code\":", a->code));
	return lit(b, "}");
}

static ng_status write_events(const ng_doc *d, ng_outbuf *b)
{
	NG_TRY(lit(b, ",\"events\":["));
	for (size_t i = 0; i < d->n_events; i++) {
		const ng_event *e = &d->events[i];
		NG_TRY(key_int(b, i ? ",{\"sentence\":" : "{\"sentence\":", e->sentence));
		NG_TRY(key_int(b, ",\"start\":", e->start));
		NG_TRY(key_int(b, ",\"end\":", e->end));
		NG_TRY(write_actor(d, b, ",\"source\":", &e->source));
		NG_TRY(write_actor(d, b, ",\"target\":", &e->target));
		NG_TRY(field_str(b, ",\"cameo\":", e->cameo));
		NG_TRY(field_str(b, ",\"plover\":", e->plover));
		if (e->mode)
			NG_TRY(field_str(b, ",\"mode\":", e->mode));
		NG_TRY(lit(b, e->negated ? ",\"negated\":true" : ",\"negated\":false"));
		if (e->modality)
			NG_TRY(field_str(b, ",\"modality\":", e->modality));
		if (e->act)
			NG_TRY(field_str(b, ",\"act\":", e->act));
		if (e->reporter)
			NG_TRY(field_str(b, ",\"reported_by\":", e->reporter));
		if (e->date) {
			NG_TRY(field_str(b, ",\"date\":", e->date));
			NG_TRY(lit(b, e->date_from_sentence ? ",\"date_source\":\"sentence\""
							    : ",\"date_source\":\"article\""));
		}
		NG_TRY(key_span_text(b, ",\"verb_text\":", d, e->verb_start, e->verb_end));
		NG_TRY(key_int(b, ",\"verb_start\":", e->verb_start));
		NG_TRY(key_int(b, ",\"verb_end\":", e->verb_end));
		char g[32];
		snprintf(g, sizeof g, ",\"goldstein\":%.1f", e->goldstein);
		NG_TRY(lit(b, g));
		NG_TRY(key_int(b, ",\"quad_class\":", e->quad_class));
		NG_TRY(lit(b, "}"));
	}
	return lit(b, "]");
}

/* "words": one object per syntactic word; "head" is the index of the head
** word in this array (-1 for a root) and, with "deprel", only there when a
** parser ran. */
static ng_status write_words(const ng_doc *d, ng_outbuf *b)
{
	NG_TRY(lit(b, ",\"words\":["));
	for (size_t i = 0; i < d->n_words; i++) {
		const ng_word *w = &d->words[i];
		NG_TRY(key_int(b, i ? ",{\"start\":" : "{\"start\":", w->start));
		NG_TRY(key_int(b, ",\"end\":", w->end));
		NG_TRY(field_str(b, ",\"upos\":", w->upos));
		NG_TRY(field_str(b, ",\"xpos\":", w->xpos));
		NG_TRY(field_str(b, ",\"lemma\":", w->lemma));
		if (w->deprel) {
			NG_TRY(key_int(b, ",\"head\":", w->head));
			NG_TRY(field_str(b, ",\"deprel\":", w->deprel));
		}
		NG_TRY(lit(b, "}"));
	}
	return lit(b, "]");
}

static ng_status write_doc(const ng_doc *d, unsigned flags, ng_outbuf *b)
{
	NG_TRY(field_str(b, "{\"id\":", d->id));
	NG_TRY(lit(b, ",\"source\":{"));
	bool comma = false;
	if (d->source_path) {
		NG_TRY(field_str(b, "\"path\":", d->source_path));
		comma = true;
	}
	if (d->source_url) {
		NG_TRY(field_str(b, comma ? ",\"url\":" : "\"url\":", d->source_url));
		comma = true;
	}
	if (d->source_offset >= 0) {
		NG_TRY(lit(b, comma ? ",\"offset\":" : "\"offset\":"));
		NG_TRY(ng_json_int(b, d->source_offset));
		comma = true;
	}
	if (d->source_line > 0) {
		NG_TRY(lit(b, comma ? ",\"line\":" : "\"line\":"));
		NG_TRY(ng_json_int(b, d->source_line));
	}
	NG_TRY(lit(b, "}"));
	NG_TRY(field_str(b, ",\"title\":", d->title));
	NG_TRY(field_str(b, ",\"date\":", d->date));
	if (d->date_raw)
		NG_TRY(field_str(b, ",\"date_raw\":", d->date_raw));
	if (d->crawled)
		NG_TRY(field_str(b, ",\"crawled\":", d->crawled));
	NG_TRY(field_str(b, ",\"author\":", d->author));
	NG_TRY(field_str(b, ",\"site\":", d->site));
	NG_TRY(field_str(b, ",\"lang\":", d->lang));
	NG_TRY(lit(b, ",\"text\":"));
	NG_TRY(ng_json_str(b, d->text ? d->text : "", d->text ? d->text_len : 0));
	NG_TRY(lit(b, ",\"sentences\":"));
	NG_TRY(pairs(b, d->sentences, d->n_sentences, sizeof(ng_span)));
	if (flags & NG_W_TOKENS) {
		NG_TRY(lit(b, ",\"tokens\":"));
		NG_TRY(pairs(b, d->tokens, d->n_tokens, sizeof(ng_token)));
	}
	if ((flags & NG_W_SYNTAX) && (d->assigned & NG_F_SYNTAX))
		NG_TRY(write_words(d, b));
	NG_TRY(write_entities(d, b));
	NG_TRY(write_quotes(d, b, ",\"quotes\":[", d->quotes, d->n_quotes));
	NG_TRY(write_quotes(d, b, ",\"attributions\":[", d->attributions, d->n_attributions));
	NG_TRY(write_events(d, b));
	NG_TRY(lit(b, ",\"errors\":["));
	for (size_t i = 0; i < d->n_errors; i++) {
		const ng_error *e = &d->errors[i];
		NG_TRY(field_str(b, i ? ",{\"stage\":" : "{\"stage\":", e->stage));
		NG_TRY(field_str(b, ",\"code\":", ng_strerror(e->code)));
		NG_TRY(field_str(b, ",\"message\":", e->message));
		if (e->offset >= 0) {
			NG_TRY(lit(b, ",\"offset\":"));
			NG_TRY(ng_json_int(b, e->offset));
		}
		NG_TRY(lit(b, "}"));
	}
	return lit(b, "]}\n");
}

ng_status ng_write_jsonl(const ng_doc *d, unsigned flags, ng_outbuf *b)
{
	if (!d || !b)
		return NG_EUSAGE;
	size_t mark = b->len;
	ng_status st = write_doc(d, flags, b);
	if (st)
		b->len = mark;
	return st;
}
