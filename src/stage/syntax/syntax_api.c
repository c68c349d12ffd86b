/*
** syntax_api.c -- reading words and trees (syntax_api.h).
*/
#include <string.h>

#include "stage/syntax/syntax_api.h"

/* Deepest chain a walk up the tree follows (trees have no cycles; this is
** the guard should one ever come in). */
#define MAX_WALK 64

static bool ok(const ng_doc *doc, int32_t w)
{
	return doc && doc->words && w >= 0 && (size_t)w < doc->n_words;
}

bool ng_syn_has_trees(const ng_doc *doc)
{
	return doc && doc->words && doc->n_words && doc->words[0].deprel;
}

int32_t ng_syn_word_of_token(const ng_doc *doc, uint32_t tok)
{
	if (!doc || !doc->words || !doc->n_words)
		return -1;
	size_t lo = 0, hi = doc->n_words;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->words[mid].token < tok)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < doc->n_words && doc->words[lo].token == tok ? (int32_t)lo : -1;
}

int32_t ng_syn_word_at(const ng_doc *doc, uint32_t off)
{
	if (!doc || !doc->words || !doc->n_words)
		return -1;
	size_t lo = 0, hi = doc->n_words;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->words[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < doc->n_words && doc->words[lo].start <= off ? (int32_t)lo : -1;
}

int32_t ng_syn_sentence_of(const ng_doc *doc, int32_t w)
{
	if (!ok(doc, w) || !doc->sentence_word || !doc->n_sentences)
		return -1;
	size_t lo = 0, hi = doc->n_sentences;
	while (lo + 1 < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->sentence_word[mid] <= (uint32_t)w)
			lo = mid;
		else
			hi = mid;
	}
	return (int32_t)lo;
}

int32_t ng_syn_head(const ng_doc *doc, int32_t w)
{
	if (!ok(doc, w))
		return -1;
	int32_t h = doc->words[w].head;
	return h >= 0 && (size_t)h < doc->n_words ? h : -1;
}

bool ng_syn_rel(const ng_doc *doc, int32_t w, const char *rel)
{
	if (!ok(doc, w) || !doc->words[w].deprel || !rel)
		return false;
	const char *d = doc->words[w].deprel;
	size_t n = strlen(rel);
	return !strncmp(d, rel, n) && (d[n] == 0 || (d[n] == ':' && !strchr(rel, ':')));
}

/* The word range of w's sentence (the whole document without sentences). */
static void sent_range(const ng_doc *doc, int32_t w, size_t *s, size_t *e)
{
	int32_t si = ng_syn_sentence_of(doc, w);
	if (si < 0) {
		*s = 0;
		*e = doc->n_words;
		return;
	}
	*s = doc->sentence_word[si];
	*e = doc->sentence_word[si + 1];
}

size_t ng_syn_children(const ng_doc *doc, int32_t w, int32_t *out, size_t cap)
{
	if (!ok(doc, w))
		return 0;
	size_t s, e, n = 0;
	sent_range(doc, w, &s, &e);
	for (size_t i = s; i < e; i++)
		if (doc->words[i].head == w) {
			if (n < cap)
				out[n] = (int32_t)i;
			n++;
		}
	return n;
}

int32_t ng_syn_child(const ng_doc *doc, int32_t w, const char *rel)
{
	if (!ok(doc, w))
		return -1;
	size_t s, e;
	sent_range(doc, w, &s, &e);
	for (size_t i = s; i < e; i++)
		if (doc->words[i].head == w && ng_syn_rel(doc, (int32_t)i, rel))
			return (int32_t)i;
	return -1;
}

int32_t ng_syn_subject(const ng_doc *doc, int32_t w)
{
	for (int steps = 0; ok(doc, w) && steps < MAX_WALK; steps++) {
		int32_t c = ng_syn_child(doc, w, "nsubj");
		if (c < 0)
			c = ng_syn_child(doc, w, "csubj");
		if (c >= 0)
			return c;
		int32_t h = ng_syn_head(doc, w);
		if (h < 0)
			return -1;
		if (ng_syn_rel(doc, w, "xcomp")) {
			int32_t o = ng_syn_object(doc, h);
			if (o >= 0)
				return o;
		} else if (!ng_syn_rel(doc, w, "conj")) {
			return -1;
		}
		w = h;
	}
	return -1;
}

int32_t ng_syn_object(const ng_doc *doc, int32_t w)
{
	return ng_syn_child(doc, w, "obj");
}

static bool lemma_is(const ng_doc *doc, size_t i, const char *l)
{
	return doc->words[i].lemma && !strcmp(doc->words[i].lemma, l);
}

int32_t ng_syn_agent(const ng_doc *doc, int32_t w)
{
	int32_t a = ng_syn_child(doc, w, "obl:agent");
	if (a >= 0 || !ng_syn_is_passive(doc, w))
		return a;
	size_t s, e;
	sent_range(doc, w, &s, &e);
	for (size_t i = s; i < e; i++) {
		if (doc->words[i].head != w || !ng_syn_rel(doc, (int32_t)i, "obl"))
			continue;
		for (size_t j = s; j < e; j++)
			if (doc->words[j].head == (int32_t)i && ng_syn_rel(doc, (int32_t)j, "case") &&
			    lemma_is(doc, j, "by"))
				return (int32_t)i;
	}
	return -1;
}

bool ng_syn_is_passive(const ng_doc *doc, int32_t w)
{
	return ng_syn_child(doc, w, "nsubj:pass") >= 0 || ng_syn_child(doc, w, "aux:pass") >= 0 ||
	       ng_syn_child(doc, w, "csubj:pass") >= 0;
}

bool ng_syn_is_negated(const ng_doc *doc, int32_t w)
{
	if (!ok(doc, w))
		return false;
	size_t s, e;
	sent_range(doc, w, &s, &e);
	for (size_t i = s; i < e; i++)
		if (doc->words[i].head == w &&
		    (lemma_is(doc, i, "not") || lemma_is(doc, i, "never") ||
		     (lemma_is(doc, i, "no") && ng_syn_rel(doc, (int32_t)i, "advmod"))))
			return true;
	return false;
}

/* True when a is w or one of its ancestors leads to w. */
static bool under(const ng_doc *doc, int32_t a, int32_t w)
{
	for (int steps = 0; a >= 0 && steps < MAX_WALK; steps++) {
		if (a == w)
			return true;
		a = ng_syn_head(doc, a);
	}
	return false;
}

ng_span ng_syn_subtree_span(const ng_doc *doc, int32_t w)
{
	if (!ok(doc, w))
		return (ng_span){0, 0};
	ng_span sp = {doc->words[w].start, doc->words[w].end};
	size_t s, e;
	sent_range(doc, w, &s, &e);
	for (size_t i = s; i < e; i++)
		if (under(doc, (int32_t)i, w)) {
			if (doc->words[i].start < sp.start)
				sp.start = doc->words[i].start;
			if (doc->words[i].end > sp.end)
				sp.end = doc->words[i].end;
		}
	return sp;
}

/* True when i hangs on w through name-internal relations only. */
static bool in_name(const ng_doc *doc, int32_t i, int32_t w)
{
	for (int steps = 0; i >= 0 && steps < MAX_WALK; steps++) {
		if (i == w)
			return true;
		if (!ng_syn_rel(doc, i, "flat") && !ng_syn_rel(doc, i, "compound") &&
		    !ng_syn_rel(doc, i, "fixed"))
			return false;
		i = ng_syn_head(doc, i);
	}
	return false;
}

ng_span ng_syn_name_span(const ng_doc *doc, int32_t w)
{
	if (!ok(doc, w))
		return (ng_span){0, 0};
	ng_span sp = {doc->words[w].start, doc->words[w].end};
	size_t s, e;
	sent_range(doc, w, &s, &e);
	for (size_t i = s; i < e; i++)
		if (in_name(doc, (int32_t)i, w)) {
			if (doc->words[i].start < sp.start)
				sp.start = doc->words[i].start;
			if (doc->words[i].end > sp.end)
				sp.end = doc->words[i].end;
		}
	return sp;
}
