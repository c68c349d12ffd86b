/*
** leftover.c -- the last pass of the quotes finder: cue words no rule made a
** record of, each proposing the record a verb pass would make, scored by a
** logistic regression over features of the cue and its neighbours (model.c,
** data/quotes/leftover.model).
*/

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stage/quotes/finder.h"

/* ---- pass 4e: leftover cues, scored by a model */

/* A cue word that no rule made a record of may still open one: the rules
** reject a cue in contexts that are mostly, not always, no attribution. Each
** such word proposes the record a verb pass would make of it (the clause
** after it, to the sentence end or the first token a record holds; the
** subject to its left as the speaker), and a logistic regression
** (data/quotes/leftover.model, trained on PolNeAR train by
** tools/train_quotes_model.py) scores it from the cue and its neighbours.
** The features of every candidate are computed first, on the records of
** the rules alone, so that they are the same when the model is trained
** (ng_quotes_find_dump) and used; then the candidates at or above the
** model's threshold are emitted in text order, each where it is still free. */

#define LO_MAX_FEATS 48
#define LO_WORD 20 /* bytes of a word in a feature */

/* the features' names (lo_names[]) */
enum {
	LO_L,
	LO_F,
	LO_LF,
	LO_P1,
	LO_N1,
	LO_LN1,
	LO_LP1,
	LO_FP1,
	LO_PK,
	LO_NK,
	LO_LPN,
	LO_S,
	LO_FS,
	LO_LS,
	LO_OK,
	LO_LEN,
	LO_MK,
	LO_INQ,
	LO_NCUE,
	LO_N_FEATS
};

static const char *const lo_names[LO_N_FEATS] = {
	"L", "F", "LF", "P1", "N1", "LN1", "LP1", "FP1", "PK", "NK",
	"LPN", "S", "FS", "LS", "ok", "len", "mk", "inq", "ncue"};

typedef struct lo_feats {
	int text;                  /* 1: write the features to s (for the dump) */
	char s[LO_MAX_FEATS * 48]; /* the features, space-separated */
	size_t n;
	uint64_t h[LO_MAX_FEATS];
	int nf;
} lo_feats;

typedef struct lo_cand {
	int32_t v, cs, ce;
	int has_subj;
	subj sp;
	double p;
} lo_cand;

/* A part of features: its text and hash (ng_cue_feat_part) */
typedef struct lo_part {
	const char *s;
	size_t n;
	uint64_t h;
} lo_part;

static lo_part lo_p(const char *s)
{
	lo_part p = {s, strlen(s), 0};
	p.h = ng_cue_feat_part(s, p.n);
	return p;
}

/* Adds feature "name=a", "name=a|b" or "name=a|b|d" (b, d may be NULL) of
** name `id`: its hash, and with f->text its text. */
static inline void lo_add(lo_feats *f, int id, const lo_part *a, const lo_part *b, const lo_part *d)
{
	const lo_part *part[3] = {a, b, d};
	if (f->nf >= LO_MAX_FEATS)
		return;
	uint64_t h = ng_cue_feat_name(id);
	for (int i = 0; i < 3 && part[i]; i++)
		h = ng_cue_feat_mix(h, part[i]->h);
	f->h[f->nf++] = ng_cue_feat_end(h);
	if (!f->text)
		return;
	/* the text: 19 features of at most 4 + 3 * 21 bytes fit s */
	size_t nl = strlen(lo_names[id]), need = nl + 1;
	for (int i = 0; i < 3 && part[i]; i++)
		need += part[i]->n + 1;
	if (f->n + need >= sizeof f->s)
		return;
	memcpy(f->s + f->n, lo_names[id], nl);
	f->n += nl;
	for (int i = 0; i < 3 && part[i]; i++) {
		f->s[f->n++] = i ? '|' : '=';
		memcpy(f->s + f->n, part[i]->s, part[i]->n);
		f->n += part[i]->n;
	}
	f->s[f->n++] = ' ';
}

/* The small numbers of the features, as text */
static const char *const lo_nums[] = {"0",  "1",  "2",  "3",  "4",  "5",  "6",
				      "7",  "8",  "9",  "10", "11", "12", "13",
				      "14", "15", "16", "17", "18", "19", "20"};

static lo_part lo_num(int a)
{
	a = a < 0 ? 0 : a > 20 ? 20 : a;
	size_t n = a < 10 ? 1 : 2;
	lo_part p = {lo_nums[a], n, ng_cue_feat_part(lo_nums[a], n)};
	return p;
}

static void lo_addi(lo_feats *f, int id, int a)
{
	lo_part p = lo_num(a);
	lo_add(f, id, &p, NULL, NULL);
}

/* s for a feature: at most LO_WORD bytes, ASCII lowercased, and space,
** quote, backslash, '|', '=' and control bytes as '_' (they separate the
** parts of a feature or the features) */
static const char *lo_clean(const char *s, size_t l, char *o)
{
	size_t j = 0;
	if (l > LO_WORD)
		l = LO_WORD;
	for (size_t i = 0; i < l; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch + 32);
		if (ch == '"' || ch == '\\' || ch == ' ' || ch == '|' || ch == '=' || ch < 32)
			ch = '_';
		o[j++] = (char)ch;
	}
	o[j] = 0;
	return o;
}

/* Token k's text as lo_clean() makes it; "<none>" outside the text. */
static const char *lo_word(const qctx *c, int32_t k, char *o)
{
	if (k < 0 || k >= c->n)
		return "<none>";
	return lo_clean(c->x + c->t[k].start, c->t[k].end - c->t[k].start, o);
}

/* A coarse class of token k: what matters most beside a cue. */
static const char *lo_kind(const qctx *c, int32_t k)
{
	if (k < 0 || k >= c->n)
		return "none";
	if (has_wc(c, k, NG_WC_PASSIVE))
		return "pass";
	if (has_wc(c, k, NG_WC_AUX))
		return "aux";
	if (has_wc(c, k, NG_WC_DET))
		return "det";
	if (has_wc(c, k, NG_WC_PRON_SUBJ))
		return "pron";
	if (IS(c, k, "to"))
		return "to";
	if (has_wc(c, k, NG_WC_PREP))
		return "prep";
	if (c->t[k].kind == NG_TOK_PUNCT)
		return "punct";
	if (c->t[k].kind == NG_TOK_QUOTE)
		return "quote";
	if (c->cue[k] >= 0)
		return "cue";
	return is_cap(c, k) ? "cap" : "w";
}

/* The features of the candidate at cue v with content [cs, ce]. */
static void lo_features(const qctx *c, const lo_cand *k, lo_feats *f)
{
	int32_t v = k->v;
	char w[LO_WORD + 1], p1[LO_WORD + 1], n1[LO_WORD + 1];
	lo_part P1 = lo_p(lo_word(c, v - 1, p1)), N1 = lo_p(lo_word(c, v + 1, n1));
	lo_part L = lo_p(c->lem[v] ? lo_clean(c->lem[v], strlen(c->lem[v]), w) : lo_word(c, v, w));
	lo_part PK = lo_p(lo_kind(c, v - 1)), NK = lo_p(lo_kind(c, v + 1));
	lo_part FO = lo_num(cue_form(c, v)), SK = lo_num(k->has_subj ? k->sp.kind : 0);
	int words = 0, ncue = 0;
	for (int32_t j = k->cs; j <= k->ce; j++) {
		words += is_word(c, j);
		ncue += c->cue[j] >= 0;
	}
	f->n = 0;
	f->nf = 0;
	lo_add(f, LO_L, &L, NULL, NULL);
	lo_add(f, LO_F, &FO, NULL, NULL);
	lo_add(f, LO_LF, &L, &FO, NULL);
	lo_add(f, LO_P1, &P1, NULL, NULL);
	lo_add(f, LO_N1, &N1, NULL, NULL);
	lo_add(f, LO_LN1, &L, &N1, NULL);
	lo_add(f, LO_LP1, &L, &P1, NULL);
	lo_add(f, LO_FP1, &FO, &P1, NULL);
	lo_add(f, LO_PK, &PK, NULL, NULL);
	lo_add(f, LO_NK, &NK, NULL, NULL);
	lo_add(f, LO_LPN, &L, &PK, &NK);
	lo_add(f, LO_S, &SK, NULL, NULL);
	lo_add(f, LO_FS, &FO, &SK, NULL);
	lo_add(f, LO_LS, &L, &SK, NULL);
	lo_addi(f, LO_OK, ngq_cue_ok(c, v));
	lo_addi(f, LO_LEN, words > 20 ? 20 : words > 8 ? 8 : words);
	lo_addi(f, LO_MK, has_marks(c, k->cs, k->ce));
	lo_addi(f, LO_INQ, c->inq[v] >= 0);
	lo_addi(f, LO_NCUE, ncue > 3 ? 3 : ncue);
	if (f->n)
		f->n--; /* the last space */
}

static double lo_prob(const ng_cue_model *m, const lo_feats *f)
{
	double z = ng_cue_model_bias(m);
	for (int i = 0; i < f->nf; i++)
		z += ng_cue_model_weight(m, f->h[i]);
	if (z > 30)
		z = 30;
	if (z < -30)
		z = -30;
	return 1.0 / (1.0 + exp(-z));
}

/* Appends the candidate's line to c->dump; a full buffer sets c->dump_st
** and ends the writing. */
static void dump_candidate(qctx *c, const lo_cand *k, const lo_feats *f)
{
	char t[48];
	int l = snprintf(t, sizeof t, "%zu\t%zu\t", (size_t)c->t[k->cs].start,
			 (size_t)c->t[k->ce].end);
	ng_status st = c->dump_st;
	if (st == NG_OK)
		st = ng_buf_append(c->dump, t, (size_t)l);
	if (st == NG_OK)
		st = ng_buf_append(c->dump, f->s, f->n);
	if (st == NG_OK)
		st = ng_buf_append(c->dump, "\n", 1);
	c->dump_st = st;
}

void ngq_leftover_cues(qctx *c)
{
	const ng_cue_model *m = ng_cue_lex_model(c->lx);
	if ((!m && !c->dump) || !c->n_cands)
		return;
	lo_cand *k = ng_arena_alloc(c->d->arena, (size_t)c->n_cands * sizeof(lo_cand));
	lo_feats *f = ng_arena_alloc(c->d->arena, sizeof(lo_feats));
	if (!k || !f)
		return;
	f->text = c->dump != NULL;
	int32_t nk = 0;
	for (int32_t i = 0; i < c->n_cands; i++) {
		int32_t v = c->cands[i];
		if (c->cue[v] < 0 || c->used[v])
			continue;
		/* a noun after a determiner ("the claim that was filed", "the call
		** to arms"): on train such candidates were right 31% of the time,
		** and leaving them out costs the model nothing measurable */
		if (cue_form(c, v) != NG_FORM_PAST && v > 0 && has_wc(c, v - 1, NG_WC_DET))
			continue;
		/* a verb of frame prep takes its content after a particle, as in
		** the verb passes ("talked about X", not "talked for an hour") */
		if (cue_frame(c, v) == NG_CUE_PREP && !ngq_cue_particle(c, v + 1, NG_CUE_PREP))
			continue;
		int32_t s0 = sent_first(c, v), s1 = sent_last(c, v), cs = v + 1;
		if (cs > s1)
			continue;
		int32_t ce = content_end(c, cs, s1);
		for (int32_t j = cs; j <= ce; j++)
			if (c->used[j]) {
				ce = j - 1;
				break;
			}
		while (ce > cs && (is_ch(c, ce, ',') || is_ch(c, ce, ':') || is_ch(c, ce, ';')))
			ce--;
		int words = 0;
		for (int32_t j = cs; j <= ce && words < 2; j++)
			words += is_word(c, j);
		/* two words, or one name or object pronoun ("to endorse him") */
		if (words < 2 && !(words == 1 && ce == cs &&
				   (is_cap(c, cs) || IS(c, cs, "him") || IS(c, cs, "her") ||
				    IS(c, cs, "them"))))
			continue;
		/* quoted words: a direct quote's speaker is not guessed (the
		** dump has these too: they compete for the gold records) */
		if (!c->dump && has_marks(c, cs, ce))
			continue;
		lo_cand *q = &k[nk];
		q->v = v;
		q->cs = cs;
		q->ce = ce;
		memset(&q->sp, 0, sizeof(q->sp));
		q->has_subj = ngq_subject_left(c, v, s0, &q->sp);
		lo_features(c, q, f);
		if (c->dump)
			dump_candidate(c, q, f);
		else
			q->p = lo_prob(m, f);
		nk++;
	}
	if (c->dump)
		return;
	double thr = ng_cue_model_threshold(m);
	for (int32_t i = 0; i < nk; i++) {
		lo_cand *q = &k[i];
		if (q->p < thr || c->used[q->v] || !is_free(c, q->cs, q->ce))
			continue;
		/* no subject before the cue: the sentence's speaks when it is a
		** name or a pronoun ("He went out of his way to say ..."; a noun
		** phrase found from the sentence start may run on into its verb,
		** and "It is hard to know ..." has no speaker) */
		subj ss;
		/* ... and after the content when the cue opens the sentence as a
		** participle ("Praising the resistance ..., Qalibaf said ...") */
		int opener = q->v == sent_first(c, q->v) && cue_form(c, q->v) == NG_FORM_ING;
		if ((!q->has_subj || q->sp.kind == SUBJ_NONE) &&
		    ngq_sentence_subject(c, opener ? sent_last(c, q->v) : q->v, &ss) &&
		    (ss.e < q->v || (opener && ss.s > q->ce)) &&
		    (ss.kind == SUBJ_NAME || (ss.kind == SUBJ_PRON && !IS(c, ss.s, "it")))) {
			q->sp = ss;
			q->has_subj = 1;
		}
		subj *sp = q->has_subj && q->sp.kind != SUBJ_NONE ? &q->sp : NULL;
		/* a passive ("the FBI was warned ..."): its subject does not speak
		** (train: all-attribution speaker accuracy 83.89 -> 83.99%) */
		if (cue_form(c, q->v) == NG_FORM_PAST && has_wc(c, q->v - 1, NG_WC_PASSIVE))
			sp = NULL;
		/* a speaker inside another record's content is none; one that
		** speaks another record too is ("Praising X, Qalibaf said, "..."") */
		for (int32_t j = 0; sp && j < c->n_out; j++)
			if (c->out[j].kind != DROPPED && c->out[j].s <= sp->e && sp->s <= c->out[j].e)
				sp = NULL;
		if (sp)
			ngq_resolve(c, sp, -1, -1);
		int32_t before = c->n_out;
		ngq_emit(c, q->cs, q->ce, NG_QUOTE_INDIRECT, q->v, q->v, c->lem[q->v], sp); /* no marks */
		if (c->n_out > before)
			c->out[c->n_out - 1].model = 1;
		if (sp && c->n_out > before)
			for (int32_t j = sp->s; j <= sp->e; j++)
				c->used[j] = 1;
	}
}

const char *const *ngq_leftover_names(int *n)
{
	*n = LO_N_FEATS;
	return lo_names;
}
