/*
** output.c -- the records of the quotes finder: emit() (which claims the
** tokens of a record), the tests that drop a record at the end (no
** attribution after all), the passes that adjust records after they are
** sorted (floating quotes, "seems", medial attributions) and their order.
*/

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stage/quotes/finder.h"

/* ---- records */

/* Is the phrase at s, to the end of its sentence, short and without a
** clause in it: no auxiliary, cue or subject pronoun, no word that opens a
** clause ("in a statement", "last week on CNN")? */
static int adverbial_only(const qctx *c, int32_t s)
{
	int words = 0;
	for (int32_t k = s; k < c->n && !(k > s && (c->t[k].flags & NG_TF_SENT_START)); k++) {
		if (c->t[k].kind == NG_TOK_PUNCT) {
			if (sent_final(c, k))
				break;
			if (!is_ch(c, k, '.'))
				return 0;
			continue;
		}
		if (is_quote_mark(c, k) || c->cue[k] >= 0 ||
		    has_wc(c, k, NG_WC_AUX | NG_WC_PASSIVE | NG_WC_PRON_SUBJ | NG_WC_BREAK) ||
		    is_any(c, k, c->w->list[WL_CLAUSE_WORDS]) || ++words > 8)
			return 0;
	}
	return 1;
}

/* Is the content [s, e] of the cue at v a name alone at the end of its
** sentence after a verb of saying ("..., a spokesman told The Daily Beast.",
** "wrote Linick."): whom it was said to, not what? Not in a title-case
** headline ("Dean Tells Convention"). */
__attribute__((noinline)) static int name_only(const qctx *c, int32_t s, int32_t e, int32_t v)
{
	if (cue_class(c, v) != NG_CLS_SPEECH ||
	    (cue_frame(c, v) != NG_CUE_SPEECH && cue_frame(c, v) != NG_CUE_TELL) || is_cap(c, v))
		return 0;
	for (int32_t k = s; k <= e; k++)
		if (!is_cap(c, k))
			return 0;
	return e + 1 >= c->n || sent_final(c, e + 1) || (c->t[e + 1].flags & NG_TF_SENT_START);
}

/* ngq_not_attribution() for a content opening with a NG_WC_NOT_CONTENT or
** time word or a capital (not inlined: the common case stays a bit test) */
__attribute__((noinline)) static int not_content_after(const qctx *c, int32_t s, int32_t v)
{
	int speech = (cue_frame(c, v) == NG_CUE_SPEECH || cue_frame(c, v) == NG_CUE_TELL) &&
		     cue_class(c, v) == NG_CLS_SPEECH;
	/* "Costa reported from Washington": where the reporter was */
	if (IS(c, s, "from"))
		return IS(c, v, "reported") || IS(c, v, "reporting");
	const char *lemma = c->lem[v] ? c->lem[v] : "";
	/* "showed up", "signed up", "adding to her lead": the verb with this
	** particle is no cue */
	if (s == v + 1 && (IS(c, s, "up") || (IS(c, s, "to") && !strcmp(lemma, "add"))))
		return 1;
	/* "Trump appeared at the debate", "appeared on Fox News": showed up,
	** not seemed */
	if (s == v + 1 && (IS(c, s, "on") || IS(c, s, "at") || IS(c, s, "in")) &&
	    !strcmp(lemma, "appear"))
		return 1;
	/* "..., O'Malley said at a press conference.": after a verb of saying
	** only where or when it was said, the words said being elsewhere */
	if (speech && !IS(c, s, "to") && !IS(c, s, "up"))
		return adverbial_only(c, s);
	return 0;
}

/* Is the record of the cue at v, its content starting at s, no attribution
** after all? Asked when find() writes the records out: the passes saw it as
** one (its tokens stay used, ngq_floating() takes its speaker). */
int ngq_not_attribution(const qctx *c, int32_t s, int32_t e, int32_t v)
{
	if (has_wc(c, s, NG_WC_NOT_CONTENT | NG_WC_TIME) && not_content_after(c, s, v))
		return 1;
	/* "..., a spokesman told The Daily Beast.": only whom it was said to */
	if (e - s < 4 && (c->t[s].flags & NG_TF_UPPER_INITIAL) && name_only(c, s, e, v))
		return 1;
	/* "Tell us in the comments": an imperative opening a sentence speaks
	** to the reader */
	if ((c->t[v].flags & NG_TF_SENT_START) && is_cap(c, v) && cue_form(c, v) == NG_FORM_BASE)
		return 1;
	/* "Image: The mayor speaks to residents": a caption */
	int32_t p0 = c->pfirst[c->para[v]];
	if (is_ch(c, p0 + 1, ':') && is_any(c, p0, c->w->list[WL_CAPTIONS]))
		return 1;
	/* "Do you support X?" opening a paragraph: a question to the reader */
	return v >= 2 && p0 == v - 2 && IS(c, v - 1, "you") && has_wc(c, v - 2, NG_WC_AUX);
}

void ngq_emit(qctx *c, int32_t s, int32_t e, int kind, int32_t cue_s, int32_t cue_e,
		 const char *lemma, const subj *sp)
{
	if (c->n_out >= c->cap_out || e < s)
		return;
	/* a quotation opened inside the content and running on past the
	** sentence it ends in: the content runs to its closing mark ("X said
	** the plan "may fail. We do not know yet."") */
	if (kind == NG_QUOTE_MIXED && c->inq[e] >= 0) {
		const qspan *qs = &c->spans[c->inq[e]];
		if (!qs->single && qs->o >= s && qs->c > e && is_free(c, e + 1, qs->c))
			e = qs->c;
	}
	cand *q = &c->out[c->n_out++];
	q->s = s;
	q->e = e;
	q->kind = (uint8_t)kind;
	q->cue_s = cue_s;
	q->cue_e = cue_e;
	q->lemma = lemma;
	q->cls = CLS_OF_CUE;
	q->attr = 0;
	q->model = 0;
	if (sp)
		q->sp = *sp;
	else {
		memset(&q->sp, 0, sizeof(q->sp));
		q->sp.rs = q->sp.re = -1;
		q->sp.entity = -1;
	}
	memset(c->used + s, 1, (size_t)(e - s + 1)); /* a record's content: ~25 tokens */
	if (cue_s >= 0)
		for (int32_t k = cue_s; k <= cue_e; k++)
			c->used[k] = 1;
}

/* Is [a, b] a plain stretch of words ahead of a medial attribution: at most
** 25 tokens, no cue, time word, dash or relative word (", which, his
** advisers believe, would ...": the clause before "which" is another's), not
** a short phrase of time or place? */
static int plain_prefix(const qctx *c, int32_t a, int32_t b)
{
	if (b - a > 25)
		return 0;
	/* "At noon, an official said, ...", "In an interview, ...": when and
	** where the saying was, not part of what was said */
	if (has_wc(c, a, NG_WC_INTRO) || (has_wc(c, a, NG_WC_PREP) && b - a < 5))
		return 0;
	for (int32_t k = a; k <= b; k++)
		if (c->cue[k] >= 0 || has_wc(c, k, NG_WC_NOUN_CUE | NG_WC_MORE_CUE | NG_WC_TIME) ||
		    is_dash(c, k) || IS(c, k, "which") || IS(c, k, "who"))
			return 0;
	return 1;
}

/* "The museum, Mr. Obama said, would make visitors ...", "That is why, he
** argued, the party should ...": an attribution set off by commas inside
** the sentence it reports. PolNeAR's content is both parts; a record that
** holds one of them takes the other in when no record claims it, so the
** content runs over ", Mr. Obama said," as a split quotation's does. */
void ngq_medial(qctx *c)
{
	for (int32_t i = 0; i < c->n_out; i++) {
		cand *q = &c->out[i];
		if (q->cue_s < 0 || !is_ch(c, q->cue_e + 1, ',') || q->kind == DROPPED ||
		    q->sp.kind == SUBJ_NONE || q->sp.kind == SUBJ_REL || q->sp.e != q->cue_s - 1 ||
		    q->sp.s < 2 || !is_ch(c, q->sp.s - 1, ','))
			continue;
		int32_t f = sent_first(c, q->cue_s), l = sent_last(c, q->cue_s);
		if (f > q->sp.s - 2 || c->t[f].kind == NG_TOK_PUNCT)
			continue;
		if (q->s == q->cue_e + 2 && is_free(c, f, q->sp.s - 2) &&
		    plain_prefix(c, f, q->sp.s - 2)) {
			q->s = f; /* the words before the attribution */
		} else if (q->s == f && q->e == q->sp.s - 2 && q->cue_e + 3 <= l &&
			   !ngq_adverbial(c, q->cue_e + 2)) {
			int32_t e = content_end(c, q->cue_e + 2, l);
			if (e > q->cue_e + 2 && is_free(c, q->cue_e + 2, e))
				q->e = e; /* the words after it */
			else
				continue;
		} else {
			continue;
		}
		if (q->kind == NG_QUOTE_DIRECT || has_marks(c, q->s, q->e))
			q->kind = NG_QUOTE_MIXED;
		memset(c->used + q->s, 1, (size_t)(q->e - q->s + 1));
	}
}

/* "Clinton seemed irritated", "the relationship appears to be alive and
** well": what seems is said of the subject by the writer. PolNeAR's content
** takes the subject in and names no source, so the content runs from the
** subject (its whole noun phrase when nothing but words stands between the
** sentence start and the cue) over the cue, and the speaker is none.
** "appeared to suggest that ...", a chain to another cue, stays, as does
** a subject away from the cue. */
void ngq_seeming(qctx *c)
{
	for (int32_t i = 0; i < c->n_out; i++) {
		cand *q = &c->out[i];
		if (q->kind != NG_QUOTE_INDIRECT || q->cue_s < 0 || q->s <= q->cue_e || !q->lemma ||
		    (q->lemma[0] != 'a' && q->lemma[0] != 's') ||
		    (strcmp(q->lemma, "appear") && strcmp(q->lemma, "seem")))
			continue;
		if (q->sp.kind == SUBJ_NONE || q->sp.kind == SUBJ_REL || q->sp.e >= q->cue_s ||
		    c->sent[q->sp.s] != c->sent[q->cue_s])
			continue;
		if ((IS(c, q->s, "to") && c->cue[q->s + 1] >= 0) ||
		    ngq_not_attribution(c, q->s, q->e, q->cue_s))
			continue;
		/* the subject right before the cue, or adverbs and auxiliaries between */
		int32_t k = q->sp.e + 1;
		while (k < q->cue_s && (has_wc(c, k, NG_WC_SKIP_ADV | NG_WC_AUX) || ngq_ly_adverb(c, k)))
			k++;
		if (k != q->cue_s)
			continue;
		int32_t f = sent_first(c, q->cue_s);
		for (k = f; k < q->sp.s; k++)
			if (c->t[k].kind == NG_TOK_PUNCT || c->cue[k] >= 0 || c->used[k] ||
			    has_wc(c, k, NG_WC_SUBORD) || is_subj_pronoun(c, k))
				break;
		q->s = k == q->sp.s && !has_wc(c, f, NG_WC_PREP) ? f : q->sp.s;
		if (has_marks(c, q->s, q->e))
			q->kind = NG_QUOTE_MIXED;
		memset(&q->sp, 0, sizeof(q->sp));
		q->sp.entity = -1;
		q->sp.rs = q->sp.re = -1;
	}
}

/* A quotation standing alone at the start of a sentence, right after an
** attributed record (in its paragraph or the one before), continues that
** speaker: the Gender Gap Tracker's "floating" quotes. */
void ngq_floating(qctx *c)
{
	for (int32_t i = 1; i < c->n_out; i++) {
		cand *q = &c->out[i];
		if (q->kind != NG_QUOTE_DIRECT || q->cue_s >= 0 || q->sp.kind != SUBJ_NONE)
			continue;
		if (q->s != sent_first(c, q->s))
			continue;
		int32_t pi = i - 1; /* the record before, past those merged into it */
		while (pi > 0 && c->out[pi].kind == DROPPED)
			pi--;
		cand *p = &c->out[pi];
		if (p->kind == DROPPED || p->sp.kind == SUBJ_NONE || c->para[q->s] - c->para[p->e] > 1)
			continue;
		/* reported speech followed by a quote of its own in the same
		** paragraph: one content ("She says X. "Y.""), as PolNeAR has it */
		if (p->kind != NG_QUOTE_DIRECT && p->cue_s >= 0 && p->cue_e < p->s &&
		    c->para[q->s] == c->para[p->e] && q->s - p->e <= 2) {
			p->e = q->e;
			p->kind = NG_QUOTE_MIXED;
			q->kind = DROPPED;
			continue;
		}
		q->sp = p->sp;
	}
}

/* ---- output */

/* Is the subject [s, e] a poll, survey, study or data ("a new poll found
** that ...", "the figures show ...")? Their records are evidence. */
int ngq_evidence_subject(const qctx *c, const subj *sp)
{
	if (sp->kind != SUBJ_NOUN && sp->kind != SUBJ_NAME)
		return 0;
	if (has_wc(c, sp->e, NG_WC_EVIDENCE)) /* evidence_heads */
		return 1;
	/* "according to NEOC data", "data from the WHO": the head after a
	** name, or before a preposition */
	if (sp->e + 1 < c->n && has_wc(c, sp->e + 1, NG_WC_EVIDENCE) && !is_cap(c, sp->e + 1))
		return 1;
	for (int32_t k = sp->s; k < sp->e; k++)
		if (has_wc(c, k + 1, NG_WC_PREP))
			return has_wc(c, k, NG_WC_EVIDENCE) && !is_cap(c, k);
	return 0;
}

static int cand_cmp(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return x->e < y->e ? -1 : x->e > y->e; /* a nested record after the one inside it */
}

/* Sorts the records with cand_cmp, stably (as glibc's merge sort does): they
** come in a few sorted runs, one per pass, where an insertion sort moves
** few; a long list (quadratic there) goes to qsort. */
void ngq_sort_cands(cand *a, int32_t n)
{
	if (n > 64) {
		qsort(a, (size_t)n, sizeof(cand), cand_cmp);
		return;
	}
	for (int32_t i = 1; i < n; i++) {
		if (cand_cmp(&a[i - 1], &a[i]) <= 0)
			continue;
		cand x = a[i];
		int32_t j = i;
		for (; j > 0 && cand_cmp(&a[j - 1], &x) > 0; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* ---- which array a record goes to: the quotes (what someone said or
** wrote) or the attributions. A record whose class is not speech, or a
** headline's, is an attribution; so is a speech record that one of these
** rules finds no quotation a journalist could publish: each is a pattern
** where, on news, the words after the cue are not what was said. */

/* The record's content holds its own cue, a past form after a passive
** auxiliary: "X was first confirmed by the government", "Y was announced
** in September", "Z was reported missing". */
static int passive_inside(const qctx *c, const cand *k)
{
	if (k->cue_s < k->s || k->cue_s > k->e || cue_form(c, k->cue_s) != NG_FORM_PAST)
		return 0;
	int32_t p = k->cue_s - 1;
	while (p > k->s && has_wc(c, p, NG_WC_SKIP_ADV) && !has_wc(c, p, NG_WC_PASSIVE))
		p--;
	return has_wc(c, p, NG_WC_PASSIVE);
}

/* "X reportedly ...": no one is named for it */
static int reportedly(const qctx *c, const cand *k)
{
	(void)c;
	return k->lemma && !strcmp(k->lemma, "reportedly");
}

/* "a research group called FurScience", "Called the Ineos Challenge, it
** ...": "call" naming something, its content a name */
static int naming_call(const qctx *c, const cand *k)
{
	if (!k->lemma || strcmp(k->lemma, "call") || k->cue_s < 0 || !is_cap(c, k->s))
		return 0;
	int32_t p = k->cue_s - 1;
	return p < 0 || c->t[k->cue_s].flags & NG_TF_SENT_START || IS(c, p, "also") ||
	       is_ch(c, p, ',') ||
	       (is_word(c, p) && !is_cap(c, p) && c->cue[p] < 0 &&
		!has_wc(c, p, NG_WC_PRON_SUBJ | NG_WC_AUX | NG_WC_BREAK | NG_WC_COORD | NG_WC_SKIP_ADV) &&
		!IS(c, p, "or"));
}

/* "ordered three days of mourning", "declared tomorrow a day of mourning",
** "labeled X a terrorist": a decree, no statement (with "that" after the
** cue it is one: "declared that X was ...") */
static int decree(const qctx *c, const cand *k)
{
	return k->lemma && k->cue_s >= 0 && lemma_in(k->lemma, c->w->list[WL_DECREE_CUES]) &&
	       !IS(c, k->cue_e + 1, "that");
}

/* "discussed this with the board", "emailed Amazon", "congratulated
** Pelosi": the object is a topic or an addressee, not what was said */
static int topic_only(const qctx *c, const cand *k)
{
	return k->kind == NG_QUOTE_INDIRECT && k->lemma &&
	       lemma_in(k->lemma, c->w->list[WL_TOPIC_CUES]);
}

/* "an agreement, according to which ...": a document's terms, no speaker */
static int according_which(const qctx *c, const cand *k)
{
	return k->lemma && !strcmp(k->lemma, "according to") && k->cue_e >= 0 &&
	       (IS(c, k->cue_e + 1, "which") || IS(c, k->cue_e + 1, "whom"));
}

/* what the leftover model proposed: a guess from the cue's neighbours */
static int model_guess(const qctx *c, const cand *k)
{
	(void)c;
	return k->model;
}

/* the interviewer's question ("((WN))  Do you think ...?"): a record of its
** turn with no one named as its speaker */
static int interviewer_turn(const qctx *c, const cand *k)
{
	int32_t at = k->cue_s >= 0 ? k->cue_s : k->s;
	return c->turn_s && c->turn_iv[c->para[at]] &&
	       (k->sp.kind == SUBJ_NONE || k->sp.kind == SUBJ_PRON || k->sp.rs < 0);
}

static const struct {
	const char *name;
	int (*rule)(const qctx *c, const cand *k);
} to_attributions[] = {
	{"the interviewer's question", interviewer_turn},
	{"X was confirmed by Y", passive_inside},
	{"X reportedly ...", reportedly},
	{"a group called X", naming_call},
	{"ordered / declared X", decree},
	{"discussed X with Y", topic_only},
	{"according to which", according_which},
	{"the leftover model's guess", model_guess},
};

int ngq_to_attributions(const qctx *c, const cand *k, int cls)
{
	if (cls != NG_CLS_SPEECH || k->attr)
		return 1;
	for (size_t i = 0; i < sizeof to_attributions / sizeof to_attributions[0]; i++)
		if (to_attributions[i].rule(c, k))
			return 1;
	return 0;
}
