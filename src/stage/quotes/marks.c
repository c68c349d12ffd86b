/*
** marks.c -- the quotes finder's first two passes: the per-token tables
** (lexicon classes and cue codes in one look-up per token, sentence and
** paragraph of each token, the entity covering it, the candidate cue words)
** and the pairing of quotation marks into spans (a quote left open at the end
** of a paragraph continues when the next paragraph opens with a mark).
*/

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stage/quotes/finder.h"

/* ---- pass 0: per-token tables */

/* "fired back": token i is a cue of two words when "back" follows it;
** "as X put it": "put" with "it" after it. */
static void back_cue(qctx *c, int32_t i)
{
	if (i + 1 >= c->n || c->t[i].kind != NG_TOK_WORD)
		return;
	if (IS(c, i + 1, "it") && (IS(c, i, "put") || IS(c, i, "puts") || IS(c, i, "putting"))) {
		c->cue[i] = (int16_t)(NG_CUE_SPEECH * 8 + (IS(c, i, "put")	    ? NG_FORM_PAST
							   : IS(c, i, "puts") ? NG_FORM_S
									      : NG_FORM_ING));
		c->lem[i] = "put it";
		return;
	}
	if (!IS(c, i + 1, "back"))
		return;
	/* the cues of retort (words.tsv): "fired back that ...", "shot back, "..."" */
	const struct back_cue *bc = c->w->back;
	for (size_t k = 0; k < c->w->n_back; k++)
		if (is_n(c, i, bc[k].word, strlen(bc[k].word))) {
			c->cue[i] = (int16_t)(NG_CUE_SPEECH * 8 + bc[k].form);
			c->lem[i] = bc[k].lemma;
			return;
		}
}

/* A capitalized cue form inside a sentence with a lowercase word next to it
** is part of a name, not a verb ("a State Department official", "former
** State policy director"); in a title-case headline ("Trump Says He Will
** Win") its neighbours are capitalized too. */
static int name_part_cue(const qctx *c, int32_t i)
{
	const ng_token *t = &c->t[i];
	if (!(t->flags & NG_TF_UPPER_INITIAL) || (t->flags & NG_TF_SENT_START) ||
	    (t->flags & NG_TF_ALL_UPPER))
		return 0;
	if (i > 0 && is_quote_mark(c, i - 1))
		return 0;
	if (i == 0 || !is_word(c, i - 1))
		return 0;
	if (!(c->t[i - 1].flags & NG_TF_UPPER_INITIAL))
		return i + 1 < c->n && c->t[i + 1].kind == NG_TOK_WORD; /* a State official */
	/* after a capitalized word: "the United States", unless the next word
	** is capitalized too (a title-case headline: "Trump Says He Will Win") */
	if (IS(c, i - 1, "united") || !(i + 1 < c->n && is_cap(c, i + 1)))
		return 1;
	/* a lowercase content word shortly before: a sentence, no headline
	** ("attendees of the New York State Republican Party") */
	for (int32_t j = i - 2; j >= 0 && j >= i - 6 && !(c->t[j + 1].flags & NG_TF_SENT_START); j--)
		if (c->t[j].kind == NG_TOK_WORD && !(c->t[j].flags & NG_TF_UPPER_INITIAL) &&
		    tlen(c, j) > 3)
			return 1;
	return 0;
}

/* The first token that ends after byte `off` (c->n when none). The search
** halves the range by arithmetic, not a branch: a branch on the comparison
** fails on about half the steps (ten per entity mention). */
int32_t ngq_tok_after(const qctx *c, uint32_t off)
{
	if (c->n <= 0)
		return 0;
	const ng_token *t = c->t;
	size_t lo = 0, len = (size_t)c->n;
	while (len > 1) {
		size_t half = len / 2;
		/* a product, not a ?: -- gcc compiles the latter to a branch */
		lo += half * (size_t)(t[lo + half - 1].end <= off);
		len -= half;
	}
	return (int32_t)lo + (t[lo].end <= off);
}

/* Interview turns: a paragraph opening with "((" Name "))", the layout of
** Wikinews interviews. */
static ng_status find_turns(qctx *c)
{
	c->turn_s = c->turn_e = NULL;
	c->turn_iv = NULL;
	for (int32_t pi = 0; pi < c->n_paras; pi++) {
		int32_t a = c->pfirst[pi];
		if (!is_ch(c, a, '(') || !is_ch(c, a + 1, '('))
			continue;
		int32_t b = a + 2;
		while (b < c->n && b < a + 8 && is_word(c, b) && c->para[b] == pi)
			b++;
		if (b == a + 2 || !is_ch(c, b, ')') || !is_ch(c, b + 1, ')'))
			continue;
		if (!c->turn_s) {
			size_t np = (size_t)c->n_paras;
			c->turn_s = ng_arena_alloc(c->d->arena, np * sizeof(int32_t));
			c->turn_e = ng_arena_alloc(c->d->arena, np * sizeof(int32_t));
			c->turn_iv = ng_arena_alloc(c->d->arena, np);
			if (!c->turn_s || !c->turn_e || !c->turn_iv)
				return NG_ELIMIT;
			memset(c->turn_s, 0xFF, np * sizeof(int32_t));
			memset(c->turn_e, 0xFF, np * sizeof(int32_t));
			memset(c->turn_iv, 0, np);
		}
		c->turn_s[pi] = a + 2;
		c->turn_e[pi] = b - 1;
		c->turn_iv[pi] = (uint8_t)(b == a + 3 && is_any(c, a + 2, c->w->list[WL_INTERVIEWERS]));
	}
	/* an answer goes on over the paragraphs after its tag, to the next one */
	for (int32_t pi = 1; c->turn_s && pi < c->n_paras; pi++)
		if (c->turn_s[pi] < 0 && c->turn_s[pi - 1] >= 0) {
			c->turn_s[pi] = c->turn_s[pi - 1];
			c->turn_e[pi] = c->turn_e[pi - 1];
			c->turn_iv[pi] = c->turn_iv[pi - 1];
		}
	return NG_OK;
}

ng_status ngq_build_tables(qctx *c)
{
	ng_doc *d = c->d;
	int32_t n = c->n;
	ng_arena *a = d->arena;
	c->cue = ng_arena_alloc(a, sizeof(int16_t) * (size_t)n + 1);
	c->lem = ng_arena_alloc(a, sizeof(char *) * (size_t)n + 1);
	c->sent = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
	c->para = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
	c->inq = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
	c->used = ng_arena_alloc(a, (size_t)n + 1);
	c->wc = ng_arena_alloc(a, sizeof(uint32_t) * (size_t)n + 1);
	c->cands = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
	c->marks = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
	c->pfirst = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
	c->nm_s = ng_arena_alloc(a, sizeof(int32_t) * ((size_t)d->n_sentences * 2 + 1));
	c->nm_e = ng_arena_alloc(a, sizeof(int32_t) * ((size_t)d->n_sentences * 2 + 1));
	if (!c->cue || !c->lem || !c->sent || !c->para || !c->inq || !c->used || !c->wc ||
	    !c->cands || !c->marks || !c->pfirst || !c->nm_s || !c->nm_e)
		return NG_ELIMIT;
	ng_quotes_fill(c->used, 0, (size_t)n);
	c->ent = NULL;
	if (d->entities && d->n_entities) {
		c->ent = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
		if (!c->ent)
			return NG_ELIMIT;
	}
	/* the words the lexicon knows go to cands[] first: the candidates are
	** picked from them below, in place */
	size_t n_hits = ng_cue_lex_tokens(c->lx, c->x, d->text_len, c->t, (size_t)n, c->wc, c->cue,
					  c->lem, c->cands);
	/* locals, not c-> or d->: the stores below may alias them for all the
	** compiler knows, which would reload them on every token */
	const ng_token *t = c->t;
	const uint32_t *stok = d->sentence_tok;
	const size_t ns = d->n_sentences;
	int32_t *sent = c->sent, *para = c->para, *inq = c->inq, *ent = c->ent;
	int32_t *pfirst = c->pfirst, *marks = c->marks;
	/* no token in a quotation or an entity yet */
	ng_quotes_fill(inq, 0xFF, sizeof(int32_t) * (size_t)n);
	if (ent)
		ng_quotes_fill(ent, 0xFF, sizeof(int32_t) * (size_t)n);
	/* one walk over the tokens: the sentence of each token, up to the start
	** of the next one (tokens before the first start are in sentence 0);
	** paragraphs (a blank line, or a line break that starts a sentence);
	** quotation marks */
	const uint32_t para_flags = NG_TF_NEWLINE_BEFORE | NG_TF_SENT_START;
	int32_t p = 0, n_marks = 0, i;
	size_t s = 0;
	int32_t s_end = ns > 1 && stok[1] < (uint32_t)n ? (int32_t)stok[1] : n;
	pfirst[0] = 0;
	for (i = 0; i < n; i++) {
		while (i >= s_end) {
			s++;
			s_end = s + 1 < ns && stok[s + 1] < (uint32_t)n ? (int32_t)stok[s + 1] : n;
		}
		sent[i] = (int32_t)s;
		uint32_t fl = t[i].flags;
		/* most tokens have neither flag: one test for them */
		if ((fl & (NG_TF_PARA_BEFORE | NG_TF_NEWLINE_BEFORE)) && i &&
		    ((fl & NG_TF_PARA_BEFORE) || (fl & para_flags) == para_flags))
			pfirst[++p] = i;
		para[i] = p;
		if (t[i].kind == NG_TOK_QUOTE)
			marks[n_marks++] = i;
	}
	c->n_paras = p + 1;
	c->n_marks = n_marks;
	if (find_turns(c) != NG_OK)
		return NG_ELIMIT;
	/* cues: capitalized ones inside names dropped, phrasal ones added */
	int16_t *cue = c->cue;
	const uint32_t *wc = c->wc;
	int32_t *cands = c->cands, n_cands = 0;
	c->nc_i = ng_arena_alloc(a, sizeof(int32_t) * n_hits + 1);
	c->nc_cue = ng_arena_alloc(a, sizeof(int16_t) * n_hits + 1);
	c->nc_lem = ng_arena_alloc(a, sizeof(char *) * n_hits + 1);
	c->n_nc = 0;
	if (!c->nc_i || !c->nc_cue || !c->nc_lem)
		return NG_ELIMIT;
	for (size_t h = 0; h < n_hits; h++) {
		i = cands[h];
		/* "Said suspension had been set ...": "said" as a determiner, a
		** sentence-initial "Said" before a plain lowercase word */
		if (cue[i] >= 0 && (t[i].flags & NG_TF_SENT_START) && (t[i].flags & NG_TF_UPPER_INITIAL) &&
		    i + 1 < n && t[i + 1].kind == NG_TOK_WORD && !(t[i + 1].flags & NG_TF_UPPER_INITIAL) &&
		    !(wc[i + 1] & ~(uint32_t)WC_LOOKUP_ONLY) && cue[i + 1] < 0 && IS(c, i, "said")) {
			cue[i] = -1;
			c->lem[i] = NULL;
		}
		if (cue[i] >= 0 && name_part_cue(c, i)) {
			c->nc_i[c->n_nc] = i;
			c->nc_cue[c->n_nc] = cue[i];
			c->nc_lem[c->n_nc++] = c->lem[i];
			cue[i] = -1;
			c->lem[i] = NULL;
		}
		if (cue[i] < 0 && (wc[i] & NG_WC_BACK))
			back_cue(c, i);
		if (cue[i] >= 0 ||
		    (wc[i] & (NG_WC_NOUN_CUE | NG_WC_MORE_CUE | NG_WC_ACCORDING | NG_WC_PHRASE)))
			cands[n_cands++] = i;
	}
	c->n_cands = n_cands;
	c->has_subj = ng_arena_alloc(a, (size_t)n_cands + 1);
	c->subj_of = ng_arena_alloc(a, sizeof(subj) * ((size_t)n_cands + 1));
	if (!c->has_subj || !c->subj_of)
		return NG_ELIMIT;
	memset(c->has_subj, 0, (size_t)n_cands);
	/* entity mentions -> tokens */
	if (ent) {
		for (size_t e = 0; e < d->n_entities; e++) {
			const ng_entity *en = &d->entities[e];
			for (size_t m = 0; m < en->n_mentions; m++) {
				uint32_t ms = en->mentions[m].start, me = en->mentions[m].end;
				for (int32_t k = ngq_tok_after(c, ms); k < n && c->t[k].start < me; k++)
					ent[k] = (int32_t)e;
			}
		}
	}
	return NG_OK;
}

/* ---- pass 1: quotation-mark spans */

static void add_span(qctx *c, int32_t o, int32_t e, int closed, int single)
{
	if (c->n_spans >= MAX_QUOTES || e < o)
		return;
	qspan *q = &c->spans[c->n_spans];
	q->o = o;
	q->c = e;
	q->closed = (uint8_t)closed;
	q->single = (uint8_t)single;
	q->para = c->para[o];
	int w = 0;
	for (int32_t k = o; k <= e; k++) {
		uint16_t kind = c->t[k].kind; /* is_word() without its range test */
		w += kind == NG_TOK_WORD || kind == NG_TOK_ABBREV || kind == NG_TOK_NUMBER;
		c->inq[k] = c->n_spans;
	}
	q->words = (uint16_t)(w > 65535 ? 65535 : w);
	c->n_spans++;
}

void ngq_find_spans(qctx *c)
{
	int32_t open = -1, sopen = -1;
	int32_t prev = 0; /* the mark before (token 0 at first) */
	for (int32_t mi = 0; mi < c->n_marks; mi++) {
		int32_t i = c->marks[mi];
		const ng_token *t = &c->t[i];
		/* a paragraph starts after the mark before: at its first token m */
		if (c->para[i] != c->para[prev]) {
			int32_t m = c->pfirst[c->para[prev] + 1];
			sopen = -1;
			if (open >= 0) {
				/* a quote left open continues when the paragraph opens with a mark */
				if (!(m == i && is_double(c, i) && (t->flags & NG_TF_QUOTE_OPEN))) {
					add_span(c, open, m - 1, 0, 0);
					open = -1;
				} else {
					prev = i;
					continue;
				}
			}
		}
		prev = i;
		if (is_double(c, i)) {
			if (t->flags & NG_TF_QUOTE_OPEN) {
				if (open >= 0)
					add_span(c, open, i - 1, 0, 0);
				open = i;
				sopen = -1;
			} else if ((t->flags & NG_TF_QUOTE_CLOSE) && open >= 0) {
				add_span(c, open, i, 1, 0);
				open = -1;
			}
		} else if (open < 0) {
			if ((t->flags & NG_TF_QUOTE_OPEN) && sopen < 0)
				sopen = i;
			else if ((t->flags & NG_TF_QUOTE_CLOSE) && sopen >= 0) {
				add_span(c, sopen, i, 1, 1);
				sopen = -1;
			}
		}
	}
	/* still open: to the end of its paragraph */
	if (open >= 0)
		add_span(c, open,
			 c->para[prev] + 1 < c->n_paras ? c->pfirst[c->para[prev] + 1] - 1 : c->n - 1,
			 0, 0);
}
