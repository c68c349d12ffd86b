/*
** quotes.c -- the quotes stage: finds direct quotations and reported speech
** in a tokenized document and attributes each to a speaker.
**
** Works from tokens (with the segmenter's quote-open/close flags) and
** sentences alone; when the entities/coref stages ran, the speaker span is
** linked to the entity whose mention covers it. This file loads the lexicon
** and its word classes, runs the passes in order (find()) and holds the
** stage's entry points; finder.h lists the files of the passes.
** docs/internals/quotes.md describes the design and its limits.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline/stage.h"
#include "stage/quotes/finder.h"

/* ---- the finder */

/* The finder proper: the records of the document, as a malloc'd array *out
** of the *n_out quotations (speech) and then the *n_attr other attributions
** (NULL and 0 when none). Its work space is in the arena. */
static ng_status find(qctx *c, ng_quote **out, size_t *n_out, size_t *n_attr)
{
	ng_doc *doc = c->d;
	*out = NULL;
	*n_out = *n_attr = 0;
	ng_status st = ngq_build_tables(c);
	if (st != NG_OK)
		return st;
	size_t cap = (size_t)c->n / 2 + 1;
	if (cap > MAX_QUOTES)
		cap = MAX_QUOTES;
	c->spans = ng_arena_alloc(doc->arena, cap * sizeof(qspan));
	c->out = ng_arena_alloc(doc->arena, cap * sizeof(cand));
	if (!c->spans || !c->out)
		return NG_ELIMIT;
	c->cap_out = (int32_t)cap;
	ngq_find_spans(c);
	ngq_collect_names(c);
	ngq_direct_quotes(c);
	ngq_title_name(c);
	ngq_reported(c, 1);
	ngq_reported(c, 0);
	ngq_more_cues(c);
	ngq_phrase_cues_find(c);
	ngq_headlines(c);
	ngq_leftover_cues(c);
	if (!c->n_out)
		return NG_OK;
	/* pronoun speakers found before later names were noted: resolve again */
	ngq_sort_cands(c->out, c->n_out);
	ngq_floating(c);
	ngq_seeming(c);
	ngq_medial(c);
	ng_quote *q = ng_malloc((size_t)c->n_out * 2 * sizeof(ng_quote));
	if (!q)
		return NG_ENOMEM;
	/* speech from the front, the other attributions from the back (reversed) */
	size_t m = 0, a = 0, end = (size_t)c->n_out * 2;
	for (int32_t i = 0; i < c->n_out; i++) {
		const cand *k = &c->out[i];
		if (k->kind == DROPPED)
			continue;
		if (k->kind != NG_QUOTE_DIRECT && k->cue_s >= 0 &&
		    ngq_not_attribution(c, k->s, k->e, k->cue_s))
			continue;
		int cls = k->cls != CLS_OF_CUE ? k->cls
			  : k->cue_s >= 0 ? cue_class(c, k->cue_s)
					  : NG_CLS_SPEECH;
		if (k->cls == CLS_OF_CUE && ngq_evidence_subject(c, &k->sp))
			cls = NG_CLS_EVIDENCE;
		int attr = ngq_to_attributions(c, k, cls);
		ng_quote *o = attr ? &q[end - 1 - a++] : &q[m++];
		memset(o, 0, sizeof(*o));
		o->start = c->t[k->s].start;
		o->end = c->t[k->e].end;
		o->kind = k->kind;
		o->speaker = k->sp.entity;
		o->speaker_start = k->sp.rs >= 0 ? (int64_t)c->t[k->sp.rs].start : -1;
		o->speaker_end = k->sp.rs >= 0 ? (int64_t)c->t[k->sp.re].end : -1;
		o->subject_start = k->sp.kind != SUBJ_NONE ? (int64_t)c->t[k->sp.s].start : -1;
		o->subject_end = k->sp.kind != SUBJ_NONE ? (int64_t)c->t[k->sp.e].end : -1;
		o->cue = k->lemma;
		o->cue_class = ng_cue_class_name(cls);
		o->cue_start = k->cue_s >= 0 ? (int64_t)c->t[k->cue_s].start : -1;
		o->cue_end = k->cue_s >= 0 ? (int64_t)c->t[k->cue_e].end : -1;
	}
	/* the attributions after the quotes, in text order */
	for (size_t i = 0; i < a; i++)
		q[m + i] = q[end - 1 - i];
	*out = q;
	*n_out = m;
	*n_attr = a;
	return NG_OK;
}

static ng_status find_doc(const ng_cue_lex *lx, ng_doc *doc, ng_outbuf *dump)
{
	doc->quotes = doc->attributions = NULL;
	doc->n_quotes = doc->n_attributions = 0;
	if (!doc->tokens || !doc->n_tokens || !doc->sentence_tok || !doc->n_sentences)
		return NG_OK;
	if (doc->n_tokens > INT32_MAX / 2)
		return NG_ELIMIT;
	qctx c;
	memset(&c, 0, sizeof(c));
	c.d = doc;
	c.x = doc->text;
	c.t = doc->tokens;
	c.n = (int32_t)doc->n_tokens;
	c.lx = lx;
	c.w = ng_cue_lex_words(lx);
	c.dump = dump;
	verb_pool vp = {0};
	c.vp = &vp;
	/* the per-token tables and candidates are work space: freed here, so a
	** document waiting for the store keeps only its records */
	ng_arena_pos work = ng_arena_mark(doc->arena);
	ng_quote *tmp;
	size_t n_speech, n_attr;
	ng_status st = find(&c, &tmp, &n_speech, &n_attr);
	size_t n = n_speech + n_attr;
	ng_arena_rewind(doc->arena, work);
	if (st == NG_OK && n) {
		ng_quote *q = ng_arena_alloc(doc->arena, n * sizeof(ng_quote));
		char *cues = vp.len ? ng_arena_alloc(doc->arena, vp.len) : NULL;
		if (!q || (vp.len && !cues)) {
			st = NG_ELIMIT;
		} else {
			memcpy(q, tmp, n * sizeof(ng_quote));
			if (vp.len)
				memcpy(cues, vp.buf, vp.len);
			/* cue strings of the pool: to their copy (compared as integers:
			** the other cues point into the lexicon or at literals) */
			uintptr_t lo = (uintptr_t)vp.buf, hi = lo + vp.len;
			for (size_t i = 0; i < n; i++) {
				uintptr_t p = (uintptr_t)q[i].cue;
				if (vp.len && p >= lo && p < hi)
					q[i].cue = cues + (p - lo);
			}
			doc->quotes = n_speech ? q : NULL;
			doc->n_quotes = n_speech;
			doc->attributions = n_attr ? q + n_speech : NULL;
			doc->n_attributions = n_attr;
		}
	}
	ng_free(tmp);
	ng_free(vp.buf);
	return st != NG_OK ? st : c.dump_st;
}

ng_status ng_quotes_find(const ng_cue_lex *lx, ng_doc *doc)
{
	return find_doc(lx, doc, NULL);
}

ng_status ng_quotes_find_dump(const ng_cue_lex *lx, ng_doc *doc, ng_outbuf *dump)
{
	return find_doc(lx, doc, dump);
}


/* The file `name` in the directory of `path`, to out (cap bytes); 0 when it
** does not fit. */
static int sibling(const char *path, const char *name, char *out, size_t cap)
{
	const char *slash = strrchr(path, '/');
	size_t dn = slash ? (size_t)(slash - path) + 1 : 0, nl = strlen(name);
	if (dn + nl + 1 > cap)
		return 0;
	memcpy(out, path, dn);
	memcpy(out + dn, name, nl + 1);
	return 1;
}

ng_status ng_quotes_load(const char *path, ng_cue_lex **out, char *err, size_t errlen)
{
	ng_cue_lex *lx = NULL;
	*out = NULL;
	ng_status st = ng_cue_lex_load(path, &lx, err, errlen);
	if (st != NG_OK)
		return st;
	/* the word lists beside it, and their word classes */
	char wpath[4096];
	ng_quote_words *w = NULL;
	if (sibling(path, "words.tsv", wpath, sizeof wpath))
		st = ng_quote_words_load(wpath, &w, err, errlen);
	else
		st = NG_EUSAGE;
	if (st != NG_OK) {
		if (st == NG_EUSAGE && err && errlen)
			snprintf(err, errlen, "quotes: path too long: %s", path);
		ng_cue_lex_destroy(lx);
		return st;
	}
	ng_cue_lex_set_words(lx, w);
	st = ngq_words_classes(lx, w);
	if (st != NG_OK) {
		ng_cue_lex_destroy(lx);
		if (err && errlen)
			snprintf(err, errlen, "quotes: word classes do not fit the lexicon");
		return st;
	}
	/* the leftover-cue model beside the lexicon */
	char mpath[4096];
	if (!sibling(path, "leftover.model", mpath, sizeof mpath)) {
		ng_cue_lex_destroy(lx);
		if (err && errlen)
			snprintf(err, errlen, "quotes: path too long: %s", path);
		return NG_EUSAGE;
	}
	ng_cue_model *m = NULL;
	int n_names = 0;
	const char *const *names = ngq_leftover_names(&n_names);
	st = ng_cue_model_load(mpath, names, n_names, &m, err, errlen);
	if (st != NG_OK) {
		ng_cue_lex_destroy(lx);
		return st;
	}
	ng_cue_lex_set_model(lx, m);
	*out = lx;
	return NG_OK;
}

static ng_status quotes_init(const ng_config *cfg, void **state, char *err, size_t errlen)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/quotes/cue_verbs.tsv", ng_stage_data_dir(cfg));
	ng_cue_lex *lx = NULL;
	ng_status st = ng_quotes_load(path, &lx, err, errlen);
	if (st != NG_OK)
		return st;
	*state = lx;
	return NG_OK;
}

static ng_status quotes_process(const void *state, ng_doc *doc)
{
	return ng_quotes_find(state, doc);
}

static void quotes_destroy(void *state)
{
	ng_cue_lex_destroy(state);
}

const ng_stage ng_stage_quotes = {
	.name = "quotes",
	.requires = NG_F_TEXT | NG_F_TOKENS | NG_F_SENTENCES,
	.optional = NG_F_NER_TAGS | NG_F_ENTITIES, /* speakers among the entities */
	.assigns = NG_F_QUOTES | NG_F_CUE_CLASS,
	.init = quotes_init,
	.process = quotes_process,
	.destroy = quotes_destroy,
};
