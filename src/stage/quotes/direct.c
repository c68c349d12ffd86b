/*
** direct.c -- direct quotations: each quotation-mark span is attributed from
** a cue after it ("...," he said / "...," said X) or before it (X said:
** "..."), a verb outside the lexicon in the attribution pattern, or a dash
** signature; a span that follows an attributed one continues it; short
** unattributed spans are scare quotes, titles or parts of reported speech.
*/

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stage/quotes/finder.h"

/* "and" at k joins two noun phrases of a subject ("the senator and
** presidential candidate said", "Dovere and Debenedetti wrote"): a word
** that is no pronoun, cue or function word follows it, and one precedes. */
static int coordinated_np(const qctx *c, int32_t k)
{
	return is_word(c, k - 1) && c->cue[k - 1] < 0 && is_word(c, k + 1) && c->cue[k + 1] < 0 &&
	       !is_subj_pronoun(c, k + 1) && !has_wc(c, k + 1, NG_WC_NOT_NP_END | NG_WC_SKIP_ADV);
}

/* A sentence from token k that is only a name and a cue verb ("Trump
** said.", no quotation after it): the attribution of the quotation before
** it, even when that one closed with a period. */
static int bare_attribution(const qctx *c, int32_t k)
{
	int32_t e = k;
	while (e < c->n && e - k < 5 && is_cap(c, e) && c->cue[e] < 0)
		e++;
	if (e == k || e >= c->n || c->cue[e] < 0 || cue_form(c, e) != NG_FORM_PAST)
		return 0;
	return e + 1 < c->n && sent_final(c, e + 1) &&
	       (e + 2 >= c->n || c->para[e + 2] != c->para[k] || !is_quote_mark(c, e + 2));
}

/* The cue after a closing mark: "...," he said / "...," said X. Returns
** the verb's token index or -1, and the subject. */
static int32_t trailing_cue(const qctx *c, const qspan *q, subj *sp)
{
	int32_t k = q->c + 1;
	if (k >= c->n || c->para[k] != q->para)
		return -1;
	/* a quotation closed by a period ends its sentence: the words after it
	** ("... ordinary." He added, "...") open the next one and introduce
	** what follows them */
	if (q->closed && q->c - 1 > q->o && is_ch(c, q->c - 1, '.') && !abbrev_period(c, q->c - 1) &&
	    (c->t[k].flags & NG_TF_SENT_START) && !(c->cue[k] >= 0 && !is_cap(c, k)) &&
	    !bare_attribution(c, k))
		return -1;
	if (is_ch(c, k, ',') || c->t[k].kind == NG_TOK_PUNCT) {
		if (sent_final(c, k) || is_ch(c, k, ':') || is_ch(c, k, ';') || is_ch(c, k, '('))
			return -1;
		k++;
	}
	int32_t start = k;
	int32_t window = TRAIL_WINDOW;
	/* ""...," according to the Journal." */
	if (IS(c, k, "according") && IS(c, k + 1, "to") && ngq_np_right(c, k + 2, sent_last(c, k), sp) &&
	    sp->kind != SUBJ_PRON)
		return k;
	int paren = 0, rel = 0;
	for (; k < c->n && k - start < window && c->para[k] == q->para; k++) {
		/* "X (D-Ore.) said": the period inside parentheses ends nothing */
		if (is_ch(c, k, '('))
			paren++;
		else if (is_ch(c, k, ')') && paren > 0)
			paren--;
		if (k > start && is_possessive_mark(c, k))
			continue;
		if (is_quote_mark(c, k) || (sent_final(c, k) && paren == 0 && !abbrev_period(c, k)) ||
		    is_ch(c, k, ':') ||
		    is_ch(c, k, ';'))
			break;
		/* an appositive or relative clause between the speaker and the verb
		** ("..., an official, who was not authorized to speak, told X") */
		if (is_ch(c, k, ',') && k > start && window < APPOS_WINDOW)
			window = APPOS_WINDOW;
		/* a cue inside ", who ... ," is the relative clause's verb, not
		** the attribution's ("X, who has not endorsed anyone, told") */
		if (is_ch(c, k, ','))
			rel = k + 1 < c->n && (IS(c, k + 1, "who") || IS(c, k + 1, "which"));
		if (rel && c->cue[k] >= 0)
			continue;
		if (c->cue[k] >= 0 && !c->used[k] && cue_form(c, k) != NG_FORM_ING &&
		    ngq_direct_cue_ok(c, k)) {
			if (k == start) {
				/* said X */
				int32_t hi = sent_last(c, k);
				if (ngq_np_right(c, cue_last(c, k) + 1, hi, sp))
					return k;
				return -1;
			}
			if (ngq_subject_left(c, k, start, sp))
				return k;
			return -1;
		}
		if (IS(c, k, "that") || IS(c, k, "which") || IS(c, k, "but"))
			break;
		/* "and" ends the search, except inside an appositive or a relative
		** clause ("X, who works at a heating and cooling firm, said") */
		if (IS(c, k, "and") && !rel && window < APPOS_WINDOW &&
		    !(k > start && coordinated_np(c, k)))
			break;
	}
	return -1;
}

/* No clause in [a, k): no cue verb, quotation mark, subject pronoun,
** "that" or sentence end (an appositive or an adverbial may stand there). */
int ngq_clause_free(const qctx *c, int32_t a, int32_t k)
{
	for (int32_t j = a; j < k; j++)
		if ((c->cue[j] >= 0 && ngq_cue_ok(c, j)) || is_quote_mark(c, j) || sent_final(c, j) ||
		    is_dash(c, j) ||
		    is_subj_pronoun(c, j) || IS(c, j, "that") || is_ch(c, j, ':') || is_ch(c, j, ';'))
			return 0;
	return 1;
}

/* An adverbial phrase from a to the comma or colon at k, right before an
** opening mark: it opens with a preposition or a time word and holds no
** clause ("said in an op-ed before the hearing, "...""). */
static int adverbial_gap(const qctx *c, int32_t a, int32_t k)
{
	if (a >= k || !(is_ch(c, k, ',') || is_ch(c, k, ':')))
		return 0;
	if (!has_wc(c, a, NG_WC_PREP | NG_WC_TIME | NG_WC_TIME_MOD) && !IS(c, a, "during") &&
	    !IS(c, a, "before") && !IS(c, a, "after") && !IS(c, a, "outside"))
		return 0;
	return ngq_clause_free(c, a, k);
}

/* "Silverman interjected, "..."": a verb outside the lexicon right before
** the comma or colon that opens the quote, after its subject. Returns the
** verb's index or -1. */
static int32_t leading_any_verb(const qctx *c, const qspan *q, subj *sp)
{
	int32_t k = q->o - 1;
	if (k < 1 || c->para[k] != q->para || !(is_ch(c, k, ',') || is_ch(c, k, ':')))
		return -1;
	int32_t v = k - 1;
	if (IS(c, v, "back") || IS(c, v, "in") || IS(c, v, "up") || IS(c, v, "out"))
		v--;
	if (!ngq_past_verb(c, v) || c->used[v])
		return -1;
	int32_t lo = sent_first(c, v);
	if (!ngq_subject_left(c, v, lo, sp) || sp->kind == SUBJ_REL)
		return -1;
	/* the subject opens its clause: the sentence start or a comma */
	if (sp->s != lo && !is_ch(c, sp->s - 1, ',') && !is_quote_mark(c, sp->s - 1))
		return -1;
	return v;
}

/* The place of a quotation whose cue leading_cue() looks for: the token
** before its opening mark and the first token of that token's sentence. */
typedef struct lead {
	const qspan *q;
	int32_t k, lo;
} lead;

enum { LEAD_NEXT = 0, LEAD_TAKE = 1, LEAD_SKIP = -1 };

/* "According to the campaign, "..."" */
static int32_t lead_according(const qctx *c, const lead *L, subj *sp)
{
	int32_t k = L->k, lo = L->lo;
	if ((is_ch(c, k, ',') || is_ch(c, k, ':')) && c->para[k] == L->q->para &&
	    IS(c, lo, "according") && IS(c, lo + 1, "to") && ngq_np_right(c, lo + 2, k - 1, sp) &&
	    sp->kind != SUBJ_PRON && ngq_clause_free(c, sp->e + 1, k))
		return lo;
	return -1;
}

/* ---- the rules for a cue verb v before the mark, in order: each takes v
** as the quotation's cue (LEAD_TAKE, *sp its subject), leaves it to the
** next rule (LEAD_NEXT) or rejects it (LEAD_SKIP: on to the verb before) */

/* "Said Ana Ruiz, who ..., "..."": the verb opens the sentence */
static int lead_said_first(const qctx *c, const lead *L, int32_t v, subj *sp)
{
	return v == L->lo && cue_form(c, v) == NG_FORM_PAST && is_ch(c, L->k, ',') &&
	       ngq_np_right(c, v + 1, L->k - 1, sp) && sp->kind != SUBJ_PRON &&
	       ngq_clause_free(c, sp->e + 1, L->k);
}

/* "X said in an op-ed before the hearing, "..."": an adverbial phrase
** between the verb and the comma */
static int lead_adverbial(const qctx *c, const lead *L, int32_t v, subj *sp)
{
	return cue_frame(c, v) != NG_CUE_QUOTE && cue_form(c, v) != NG_FORM_ING &&
	       adverbial_gap(c, cue_last(c, v) + 1, L->k) && ngq_subject_left(c, v, L->lo, sp) &&
	       sp->kind != SUBJ_REL;
}

/* "X told the Post in a written statement, "..."" */
static int lead_told(const qctx *c, const lead *L, int32_t v, subj *sp)
{
	int32_t k = L->k;
	return cue_frame(c, v) == NG_CUE_TELL && cue_form(c, v) != NG_FORM_ING &&
	       (is_ch(c, k, ',') || is_ch(c, k, ':')) && ngq_clause_free(c, cue_last(c, v) + 1, k) &&
	       ngq_subject_left(c, v, L->lo, sp) && sp->kind != SUBJ_REL;
}

/* "while adding on climate matters, "..."": a participle with an adverbial
** phrase before the comma */
static int adverbial_ing(const qctx *c, const lead *L, int32_t v)
{
	return cue_form(c, v) == NG_FORM_ING && cue_frame(c, v) != NG_CUE_QUOTE &&
	       adverbial_gap(c, cue_last(c, v) + 1, L->k);
}

/* The verbs the rules below take stand near the mark (LEAD_WINDOW), with
** only punctuation, "that" or a short adverbial between ("said in a
** statement:"), but for an addressee after "tell" and a participle's
** adverbial phrase. */
static int lead_near(const qctx *c, const lead *L, int32_t v, subj *sp)
{
	(void)sp;
	int32_t k = L->k;
	int adv_ing = adverbial_ing(c, L, v);
	if (k - v >= LEAD_WINDOW && !adv_ing)
		return LEAD_SKIP;
	int gap = k - cue_last(c, v);
	if (gap <= 1 || cue_frame(c, v) == NG_CUE_TELL || adv_ing)
		return LEAD_NEXT;
	for (int32_t j = cue_last(c, v) + 1; j <= k; j++)
		if (!(is_ch(c, j, ',') || is_ch(c, j, ':') || IS(c, j, "that") || IS(c, j, "in") ||
		      IS(c, j, "a") || IS(c, j, "an") || IS(c, j, "statement") ||
		      IS(c, j, "interview") || IS(c, j, "on") || IS(c, j, "twitter") ||
		      IS(c, j, "facebook") || IS(c, j, "simply") || IS(c, j, "later") ||
		      IS(c, j, "then") || IS(c, j, "also") || IS(c, j, "only") || IS(c, j, "again")))
			return LEAD_SKIP;
	return LEAD_NEXT;
}

/* A participle or a coordinated verb: the subject of the main clause; right
** after an attribution ("..., Spicer said, adding, "..."") that
** attribution's. */
static int lead_participle(const qctx *c, const lead *L, int32_t v, subj *sp)
{
	int fo = cue_form(c, v);
	int32_t lo = L->lo;
	if (!(fo == NG_FORM_ING || IS(c, v - 1, "and") || IS(c, v - 1, "but") ||
	      (is_ch(c, v - 1, ',') && fo != NG_FORM_S && fo != NG_FORM_PAST)))
		return LEAD_NEXT;
	if (fo == NG_FORM_ING && is_ch(c, v - 1, ',') && v - 2 > lo &&
	    (cue_form(c, v - 2) == NG_FORM_PAST || cue_form(c, v - 2) == NG_FORM_S) &&
	    ngq_cue_ok(c, v - 2) && ngq_subject_left(c, v - 2, lo, sp) && sp->kind != SUBJ_REL)
		return LEAD_TAKE;
	if (ngq_sentence_subject(c, v, sp) && (sp->kind == SUBJ_NAME || sp->kind == SUBJ_PRON))
		return LEAD_TAKE;
	for (int32_t u = v - 1; u >= lo; u--)
		if (c->cue[u] >= 0 && cue_form(c, u) != NG_FORM_ING &&
		    ngq_subject_left(c, u, lo, sp))
			return LEAD_TAKE;
	if (!ngq_sentence_subject(c, v, sp))
		sp->kind = SUBJ_NONE;
	return LEAD_TAKE;
}

/* The subject left of the verb; or inverted, "..., said X: "..."", after
** it; or none. */
static int lead_subject(const qctx *c, const lead *L, int32_t v, subj *sp)
{
	if (!ngq_subject_left(c, v, L->lo, sp) && !ngq_np_right(c, v + 1, L->k, sp))
		sp->kind = SUBJ_NONE;
	return LEAD_TAKE;
}

static const struct {
	const char *name;
	int (*rule)(const qctx *c, const lead *L, int32_t v, subj *sp);
} lead_verb_rules[] = {
	{"Said X, \"...\"", lead_said_first},
	{"X said in an op-ed, \"...\"", lead_adverbial},
	{"X told the Post in a statement, \"...\"", lead_told},
	{"the verb near the mark", lead_near},
	{"..., adding, \"...\"", lead_participle},
	{"X said: \"...\"", lead_subject},
};

/* ---- the rules without a cue verb, when no verb was taken */

/* "... TOO EARLY - Mark Blumenthal: "..."": a name after a dash */
static int32_t lead_dash_name(const qctx *c, const lead *L, subj *sp)
{
	int32_t k = L->k, lo = L->lo;
	if (!is_ch(c, k, ':') || c->para[k] != L->q->para || !ngq_np_left(c, k - 1, lo, sp) ||
	    sp->kind != SUBJ_NAME)
		return -1;
	for (int32_t j = sp->e; j > sp->s; j--)
		if (is_dash(c, j)) {
			sp->s = j + 1;
			break;
		}
	return sp->s > lo && sp->s <= sp->e && is_dash(c, sp->s - 1) ? k : -1;
}

/* "X issued a statement, "..."": the one who issued it speaks */
static int32_t lead_document(const qctx *c, const lead *L, subj *sp)
{
	int32_t k = L->k;
	if ((is_ch(c, k, ',') || is_ch(c, k, ':')) && document_noun(c, k - 1) &&
	    ngq_sentence_subject(c, k, sp) && sp->kind != SUBJ_REL && sp->e < k - 2)
		return k - 1;
	return -1;
}

/* "She then addressed the supporters: "..."": the clause's subject (the
** colon may end the paragraph before) */
static int32_t lead_colon_clause(const qctx *c, const lead *L, subj *sp)
{
	int32_t k = L->k;
	if (is_ch(c, k, ':') && ngq_sentence_subject(c, k, sp) && sp->kind != SUBJ_REL &&
	    sp->e < k - 1)
		return k;
	return -1;
}

/* X: "..." at the start of a sentence; "From the report: "..."", "... - More
** from Jones: "..."" */
static int32_t lead_name_colon(const qctx *c, const lead *L, subj *sp)
{
	int32_t k = L->k, lo = L->lo;
	if (!is_ch(c, k, ':') || !ngq_np_left(c, k - 1, lo, sp) || sp->kind == SUBJ_REL)
		return -1;
	int32_t f = sp->s - 1;
	int from = IS(c, f, "from") &&
		   (f == lo || (IS(c, f - 1, "more") && (f - 1 == lo || is_dash(c, f - 2))));
	return sp->s == lo || from ? k : -1;
}

static const struct {
	const char *name;
	int32_t (*rule)(const qctx *c, const lead *L, subj *sp);
} lead_other_rules[] = {
	{"... - Mark Blumenthal: \"...\"", lead_dash_name},
	{"X issued a statement, \"...\"", lead_document},
	{"She addressed the supporters: \"...\"", lead_colon_clause},
	{"X: \"...\"", lead_name_colon},
};

/* The cue before an opening mark: X said: "..." / saying, "..." /
** X told reporters, "...". Returns the verb's index (or that of the token
** standing for it: "according", a document noun, the colon) or -1, and
** fills *sp. */
static int32_t leading_cue(const qctx *c, const qspan *q, subj *sp)
{
	lead L = {q, q->o - 1, 0};
	int32_t k = L.k;
	if (k < 0)
		return -1;
	/* a paragraph that ends with a colon introduces the quote after it */
	if (c->para[k] != q->para && !is_ch(c, k, ':'))
		return -1;
	L.lo = sent_first(c, k);
	int32_t r = lead_according(c, &L, sp);
	if (r >= 0)
		return r;
	for (int32_t v = k; v >= 0 && k - v < LEAD_WINDOW_LONG && v >= L.lo; v--) {
		if (is_quote_mark(c, v) || sent_final(c, v))
			break;
		if (c->cue[v] < 0 || c->used[v] || !ngq_direct_cue_ok(c, v))
			continue;
		int took = LEAD_NEXT;
		size_t n_rules = sizeof lead_verb_rules / sizeof lead_verb_rules[0];
		for (size_t i = 0; took == LEAD_NEXT && i < n_rules; i++)
			took = lead_verb_rules[i].rule(c, &L, v, sp);
		if (took == LEAD_TAKE)
			return v;
	}
	for (size_t i = 0; i < sizeof lead_other_rules / sizeof lead_other_rules[0]; i++)
		if ((r = lead_other_rules[i].rule(c, &L, sp)) >= 0)
			return r;
	return -1;
}

/* What may follow the verb of a trailing attribution: the sentence end, a
** comma, a particle or a preposition ("Trump shot back.", "he demanded, as
** ...", "Toomey fumed on Tuesday"). */
static int attribution_tail(const qctx *c, int32_t i)
{
	if (i >= c->n || sent_final(c, i) || is_ch(c, i, ',') || is_ch(c, i, ';'))
		return 1;
	if (c->para[i] != c->para[i - 1])
		return 1;
	return has_wc(c, i, NG_WC_PREP) || IS(c, i, "back") || IS(c, i, "up") || IS(c, i, "out") ||
	       IS(c, i, "off") || IS(c, i, "again") || IS(c, i, "as") || IS(c, i, "while") ||
	       IS(c, i, "and");
}

/* A trailing attribution whose verb is not in the lexicon: a quotation
** ending with a comma, "?" or "!" followed by "NP verb-ed" or "verb-ed NP"
** and the end of the clause ("...," Trump shot back. / "...?" Hannity
** pressed. / "...," exhorted the host.) The construction itself marks the
** verb as one of saying. Returns the verb's index or -1. */
static int32_t trailing_any_verb(const qctx *c, const qspan *q, subj *sp)
{
	int32_t k = q->c + 1;
	if (!q->closed || k >= c->n || c->para[k] != q->para || q->c - 1 <= q->o)
		return -1;
	int32_t b = q->c - 1;
	if (b - 1 > q->o && is_quote_mark(c, b) && !is_double(c, b))
		b--; /* a nested quote closing with it: "... decade,'"" */
	int inner = is_ch(c, b, ',') || is_ch(c, b, '?') || is_ch(c, b, '!');
	if (is_ch(c, k, ',')) {
		inner = 1;
		k++;
	}
	if (!inner || k >= c->n || c->para[k] != q->para)
		return -1;
	int32_t hi = sent_last(c, k);
	if (ngq_past_verb(c, k)) {
		/* "...," exhorted the host */
		if (ngq_np_right(c, k + 1, hi, sp) && sp->kind != SUBJ_PRON &&
		    attribution_tail(c, sp->e + 1))
			return k;
		return -1;
	}
	/* a capitalized determiner after the comma opens a new sentence */
	if ((is_cap(c, k) && has_wc(c, k, NG_WC_DET)) || !ngq_np_right(c, k, hi, sp))
		return -1;
	/* a determiner phrase runs over the verb ("the sign read"): its last
	** word may be the verb */
	if (sp->kind == SUBJ_NOUN && sp->e > sp->s + 1 && ngq_past_verb(c, sp->e) &&
	    attribution_tail(c, sp->e + 1)) {
		sp->e--;
		return sp->e + 1;
	}
	int32_t v = sp->e + 1;
	while (v <= hi && has_wc(c, v, NG_WC_SKIP_ADV))
		v++;
	if (v > hi || !ngq_past_verb(c, v) || !attribution_tail(c, v + 1))
		return -1;
	/* ""...?" He answered, "..."": after a question the verb introduces
	** the quotation that follows it */
	if (!is_ch(c, b, ',') && (is_ch(c, v + 1, ',') || is_ch(c, v + 1, ':')) &&
	    is_quote_mark(c, v + 2) && (c->t[v + 2].flags & NG_TF_QUOTE_OPEN))
		return -1;
	return v;
}

/* A quotation signed with a dash and a name after it, in its paragraph or
** as the next paragraph: ""...." ― Ana Ruiz", ""...." / - Ana Ruiz,
** Dayton." Returns 1 and fills *sp with the name. */
static int dash_signature(const qctx *c, const qspan *q, subj *sp)
{
	int32_t k = q->c + 1;
	if (!q->closed || q->words <= SCARE_MAX_WORDS)
		return 0;
	if (k < c->n && c->para[k] == q->para && (is_ch(c, k, '.') || is_ch(c, k, ',')))
		k++;
	if (k >= c->n || !is_dash(c, k))
		return 0;
	if (c->para[k] != q->para) {
		/* the next paragraph opens with the dash */
		if (c->para[k] != q->para + 1 || c->para[k - 1] == c->para[k])
			return 0;
	} else if (k + 1 < c->n && c->para[k + 1] != c->para[k]) {
		return 0;
	}
	int32_t hi = k + NP_MAX < c->n ? k + NP_MAX : c->n - 1;
	if (!ngq_np_right(c, k + 1, hi, sp) || sp->kind != SUBJ_NAME || c->para[sp->e] != c->para[k])
		return 0;
	int32_t a = sp->e + 1;
	/* the name ends the paragraph, or a period, a comma (a place, a
	** title) or the next quotation follows it */
	return a >= c->n || c->para[a] != c->para[k] || is_ch(c, a, '.') || is_ch(c, a, ',') ||
	       (is_quote_mark(c, a) && (c->t[a].flags & NG_TF_QUOTE_OPEN));
}

/* The lowercase verb at token v, copied into the arena (a cue's lemma). */
static const char *verb_text(const qctx *c, int32_t v)
{
	verb_pool *vp = c->vp;
	if (!vp->buf) {
		vp->cap = c->d->text_len + (size_t)c->n + 1;
		vp->buf = ng_malloc(vp->cap);
		vp->of = ng_arena_alloc(c->d->arena, (size_t)c->n * sizeof(*vp->of));
		if (!vp->buf || !vp->of) {
			ng_free(vp->buf);
			vp->buf = NULL;
			return "say";
		}
		memset(vp->of, 0, (size_t)c->n * sizeof(*vp->of));
	}
	if (vp->of[v])
		return vp->of[v];
	size_t l = (size_t)tlen(c, v);
	if (vp->cap - vp->len < l + 1)
		return "say"; /* cannot happen: the pool holds every token once */
	char *w = vp->buf + vp->len;
	vp->len += l + 1;
	for (size_t k = 0; k < l; k++) {
		char ch = c->x[c->t[v].start + k];
		w[k] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
	}
	w[l] = 0;
	vp->of[v] = w;
	return w;
}

/* A cue verb earlier in the sentence that could govern a quote embedded in
** its clause ("He said the plan was "a disaster""). */
static int governed(const qctx *c, const qspan *q)
{
	int32_t lo = sent_first(c, q->o);
	for (int32_t v = q->o - 1; v >= lo; v--)
		if (c->cue[v] >= 0 && !c->used[v] && cue_frame(c, v) != NG_CUE_QUOTE && ngq_cue_ok(c, v))
			return 1;
	if (q->o >= 2 && IS(c, q->o - 1, "to") && IS(c, q->o - 2, "according"))
		return 1;
	return 0;
}

/* Does the quotation open inside a clause, right after a word ("called it
** "a disaster"", "said that "we need more"")? Such a quote is a phrase of
** the sentence around it, not a quotation on its own: the reported-speech
** pass takes the clause with it (a mixed quote), or it is a scare quote or a
** title. A cue verb right before a capitalized quote introduces it without
** a comma ("said "We will win"") and is not inside a clause. */
static int embedded(const qctx *c, const qspan *q)
{
	int32_t p = q->o - 1;
	if (p < 0 || c->para[p] != q->para || q->o == sent_first(c, q->o))
		return 0;
	if (is_ch(c, p, '='))
		return 1; /* an attribute in markup: datetime="2016-06-29" */
	if (!is_word(c, p) && c->t[p].kind != NG_TOK_CLITIC)
		return 0;
	/* "called "Hypo-Cruz"" names; "said "We ..."" quotes */
	if (c->cue[p] >= 0 && cue_frame(c, p) != NG_CUE_OBJECT && q->o + 1 <= q->c &&
	    is_cap(c, q->o + 1))
		return 0;
	return 1;
}

/* A paragraph that is only a quotation, right after the paragraph where the
** last direct quote ended: the speaker goes on (PolNeAR marks it as one
** content with the quote before it). */
static int next_para_quote(const qctx *c, const qspan *q, int32_t prev_para)
{
	if (q->para != prev_para + 1 || !q->closed || q->words <= SCARE_MAX_WORDS)
		return 0;
	if (q->o > 0 && c->para[q->o - 1] == q->para)
		return 0;
	int32_t k = q->c + 1;
	while (k < c->n && c->para[k] == q->para && c->t[k].kind == NG_TOK_PUNCT)
		k++;
	return k >= c->n || c->para[k] != q->para;
}

/* Is there a cue verb in (from, to), in a sentence that starts after token
** from, other than the attribution's own cue (at or before own)? */
static int other_cue_between(const qctx *c, int32_t from, int32_t to, int32_t own)
{
	for (int32_t v = from + 1; v < to; v++)
		if (v > own && c->cue[v] >= 0 && !c->used[v] && c->inq[v] < 0 &&
		    c->sent[v] != c->sent[from] && cue_frame(c, v) != NG_CUE_QUOTE && ngq_cue_ok(c, v))
			return 1;
	return 0;
}

/* ---- pass 2: direct quotes */

/* A title in quotation marks: at most TITLE_MAX_WORDS words, each one
** capitalized but for small joining words ("Orange is the New Black", "The
** Apprentice", "Fox & Friends"), no question or exclamation mark, inside a
** sentence. Unless it is introduced as speech after a colon or after a cue
** and a comma (shouted, "Cruz"), it names a show, a book or a slogan. */
static int is_title(const qctx *c, const qspan *q)
{
	if (q->words > TITLE_MAX_WORDS || q->o + 1 > q->c || !is_cap(c, q->o + 1))
		return 0;
	for (int32_t k = q->o + 1; k < q->c; k++) {
		if (is_ch(c, k, '!') || is_ch(c, k, '?') || is_quote_mark(c, k))
			return 0;
		if (!is_word(c, k) || is_cap(c, k))
			continue;
		if (!(IS(c, k, "of") || IS(c, k, "the") || IS(c, k, "and") || IS(c, k, "is") ||
		      IS(c, k, "a") || IS(c, k, "an") || IS(c, k, "with") || IS(c, k, "in") ||
		      IS(c, k, "on") || IS(c, k, "for") || IS(c, k, "to")))
			return 0;
	}
	int32_t p = q->o - 1;
	/* at a sentence start, a phrase ending with its own punctuation is
	** speech ("Fair Play For All," Voss said), a bare one a title
	** ("Broad City" star Ana Reyes) */
	if (q->o == sent_first(c, q->o) && q->closed && c->t[q->c - 1].kind == NG_TOK_PUNCT)
		return 0;
	if (p >= 0 && c->para[p] == q->para &&
	    (is_ch(c, p, ':') || (is_ch(c, p, ',') && p > 0 && c->cue[p - 1] >= 0)))
		return 0;
	return 1;
}

/* ", according to Y" after a trailing attribution that ends at token k,
** in its sentence ("...," X said Monday, according to the Post.): fills
** *sp with Y and returns the index of "according", else -1. */
static int32_t outer_source(const qctx *c, int32_t k, subj *sp)
{
	int32_t hi = sent_last(c, k);
	for (int32_t j = k + 1; j + 2 <= hi && j - k < APPOS_WINDOW; j++) {
		if (is_quote_mark(c, j) || (sent_final(c, j) && !abbrev_period(c, j)) ||
		    c->inq[j] >= 0)
			return -1;
		if (IS(c, j, "according") && IS(c, j + 1, "to")) {
			subj o;
			if (!ngq_np_right(c, j + 2, hi, &o) || o.kind == SUBJ_PRON)
				return -1;
			*sp = o;
			return j;
		}
	}
	return -1;
}

void ngq_direct_quotes(qctx *c)
{
	int32_t prev = -1;        /* the last direct record */
	int32_t prev_para = -1;
	for (int32_t i = 0; i < c->n_spans; i++) {
		qspan *q = &c->spans[i];
		int32_t last = q->c;
		if (embedded(c, q) || is_title(c, q))
			continue;
		subj sp;
		memset(&sp, 0, sizeof(sp));
		int32_t v = trailing_cue(c, q, &sp);
		if (v < 0)
			v = leading_cue(c, q, &sp);
		int32_t cue_e = v >= 0 && c->cue[v] >= 0 ? cue_last(c, v) : v;
		const char *any_lemma = NULL;
		if (v < 0) {
			v = trailing_any_verb(c, q, &sp);
			if (v < 0)
				v = leading_any_verb(c, q, &sp);
			cue_e = v;
			if (v >= 0)
				any_lemma = verb_text(c, v);
		}
		/* ""...," the judge said, according to the Post.": the outer
		** source is the attribution's (as PolNeAR marks it) */
		if (v > q->c && !IS(c, v, "according")) {
			int32_t a = outer_source(c, v > sp.e ? v : sp.e, &sp);
			if (a >= 0) {
				v = a;
				any_lemma = NULL;
			}
		}
		if (v >= 0 && !is_ch(c, v, ':') && IS(c, v + 1, "to") && IS(c, v, "according"))
			cue_e = v + 1;
		if (v < 0 && dash_signature(c, q, &sp)) {
			ngq_resolve(c, &sp, -1, -1);
			for (int32_t k = sp.s; k <= sp.e; k++)
				c->used[k] = 1;
			ngq_emit(c, q->o, last, NG_QUOTE_DIRECT, -1, -1, NULL, &sp);
			prev = c->n_out - 1;
			prev_para = c->para[last];
			continue;
		}
		if (v < 0) {
			/* the continuation of the last quote, in its paragraph */
			if (prev >= 0 && !q->single && c->out[prev].e < q->o &&
			    (prev_para == q->para || next_para_quote(c, q, prev_para))) {
				/* not a scare quote inside the attribution clause */
				int ok = q->o == sent_first(c, q->o) || is_ch(c, q->o - 1, ',') ||
					 is_ch(c, q->o - 1, ':') || q->words > SCARE_MAX_WORDS;
				/* not when a sentence of its own with a cue comes in between
				** ("...," X said. The senator said he ..., "..."): that cue
				** governs the quote */
				if (ok && other_cue_between(c, c->out[prev].e, q->o, c->out[prev].cue_e))
					ok = 0;
				if (ok) {
					/* the words between the two stay free when they hold
					** the first one's cue: an attribution of their own
					** ("..., said Hale, who noted that ...") is a record
					** of its own (PolNeAR marks it) */
					for (int32_t k = c->out[prev].cue_s >= 0 ? q->o
										 : c->out[prev].e + 1;
					     k <= last; k++)
						c->used[k] = 1;
					c->out[prev].e = last;
					prev_para = c->para[last];
					continue;
				}
			}
			if (q->single || q->words <= SCARE_MAX_WORDS || governed(c, q))
				continue; /* scare quote, or part of reported speech */
			/* mid-sentence and short of a sentence: a title or a scare quote */
			int starts = q->o == sent_first(c, q->o) || is_ch(c, q->o - 1, ':');
			if (!starts && q->words < LONE_MIN_WORDS)
				continue;
			/* a quote alone: its speaker stays unknown */
			ngq_emit(c, q->o, last, NG_QUOTE_DIRECT, -1, -1, NULL, NULL);
			prev = c->n_out - 1;
			prev_para = c->para[last];
			continue;
		}
		if (q->single && q->words <= SCARE_MAX_WORDS)
			continue;
		if (!any_lemma && IS(c, v, "according"))
			any_lemma = "according to";
		else if (!any_lemma && c->cue[v] < 0 && is_word(c, v))
			any_lemma = verb_text(c, v); /* "a statement" */
		const char *lemma = any_lemma ? any_lemma : is_ch(c, v, ':') ? "say" : c->lem[v];
		ngq_resolve(c, &sp, -1, -1);
		/* the attribution's tokens are not content of another record */
		if (sp.kind != SUBJ_NONE)
			for (int32_t k = sp.s; k <= sp.e; k++)
				c->used[k] = 1;
		ngq_emit(c, q->o, last, NG_QUOTE_DIRECT, v, cue_e, lemma,
		     sp.kind != SUBJ_NONE ? &sp : NULL);
		if (sp.kind == SUBJ_NAME && sp.rs >= 0 && ngq_has_person_tag(c, sp.rs, sp.re))
			ngq_note_name(c, sp.rs, sp.re);
		prev = c->n_out - 1;
		prev_para = c->para[last];
	}
}
