/*
** cues.c -- attributions beyond verbs with subjects (PolNeAR's "all
** attributions"): "is expected to", "Asked whether ...", infinitive chains,
** passives, nouns that take a clause ("his claim that ..."), "Name: words"
** lines, title-case headlines and phrasal cues ("took aim at X").
*/

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stage/quotes/finder.h"

/* ---- pass 3b: attributions beyond verbs with subjects (PolNeAR's "all
** attributions"): "is expected to ...", "Asked whether ..., X said",
** "Name: headline", nouns that take a clause ("his claim that ...", "her
** plans to ...", "support for X") and "made it clear that ...". Runs after
** the verb passes, on tokens no record claimed. */

/* Does token i take an infinitive that carries the attribution
** ("continued to say", "tried to explain", "seemed to suggest")? */
static int catenative(const qctx *c, int32_t i)
{
	if (is_any(c, i, c->w->list[WL_CATENATIVES]))
		return 1;
	return 0;
}

/* Does a clause open at token k ("that he ...", "that the ...", "that
** Smith ...")? Tells a complement clause from a relative one ("the claim
** that was made"), roughly. */
static int clause_opens(const qctx *c, int32_t k)
{
	return is_subj_pronoun(c, k) || has_wc(c, k, NG_WC_DET) || is_cap(c, k) ||
	       IS(c, k, "there") || IS(c, k, "you") || is_quote_mark(c, k);
}

/* The end of a noun-phrase content starting at k ("support for the new
** tax plan, which ..."): before a comma, a clause word or the sentence end;
** a coordinated noun phrase goes on it ("X and Y", "X as well as Y"). */
static int32_t np_content_end(const qctx *c, int32_t k, int32_t s1)
{
	int32_t e = k;
	for (; e <= s1; e++) {
		if (c->used[e] || (c->t[e].kind == NG_TOK_PUNCT && !is_ch(c, e, '-') &&
				   !is_quote_mark(c, e) && !is_ch(c, e, '\'')))
			break;
		/* a second noun phrase: "critical of Ryan and Senator McConnell",
		** unless a clause follows (a finite cue or an auxiliary) */
		if (e > k && (IS(c, e, "and") || IS(c, e, "or")) && e + 1 <= s1 &&
		    (is_cap(c, e + 1) || (has_wc(c, e + 1, NG_WC_DET) && !is_subj_pronoun(c, e + 1)))) {
			int clause = 0;
			for (int32_t r = e + 1; r <= s1 && r < e + 6 && !clause; r++)
				clause = (c->cue[r] >= 0 && cue_form(c, r) != NG_FORM_ING) ||
					 has_wc(c, r, NG_WC_AUX);
			if (!clause)
				continue;
		}
		if (e + 2 < s1 && IS(c, e, "as") && IS(c, e + 1, "well") && IS(c, e + 2, "as")) {
			e += 2; /* "the Common Core as well as test scores" */
			continue;
		}
		if (e > k && is_any(c, e, c->w->list[WL_NP_CONTENT_STOPS]))
			break;
	}
	return e - 1;
}

/* Emits [cs, ce] when it is free and holds two words; class cls, cue
** [v, ve], speaker sp (may be NULL). Returns 1 when emitted. */
static int emit_more(qctx *c, int32_t cs, int32_t ce, int32_t v, int32_t ve, const char *lemma,
		     int cls, subj *sp)
{
	while (ce > cs && (is_ch(c, ce, ',') || is_ch(c, ce, ':') || is_ch(c, ce, ';')))
		ce--;
	if (ce < cs || !is_free(c, cs, ce) || !is_free(c, v, ve))
		return 0;
	int words = 0;
	for (int32_t k = cs; k <= ce && words < 2; k++)
		words += is_word(c, k);
	if (words < 2 && !(words == 1 && is_cap(c, cs)))
		return 0;
	if (sp && sp->kind != SUBJ_NONE)
		ngq_resolve(c, sp, -1, -1);
	int32_t before = c->n_out;
	ngq_emit(c, cs, ce, has_marks(c, cs, ce) ? NG_QUOTE_MIXED : NG_QUOTE_INDIRECT, v, ve, lemma,
	     sp && sp->kind != SUBJ_NONE ? sp : NULL);
	if (c->n_out == before)
		return 0;
	c->out[c->n_out - 1].cls = (uint8_t)cls;
	if (sp && sp->kind != SUBJ_NONE)
		for (int32_t k = sp->s; k <= sp->e; k++)
			c->used[k] = 1;
	return 1;
}

/* Is token k one of the space-separated words of list (a noun cue's
** prepositions: "for of")? */
static int noun_prep(const qctx *c, int32_t k, const char *list)
{
	size_t l = (size_t)tlen(c, k);
	const char *w = c->x + c->t[k].start;
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == l && !memcmp(p, w, n))
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

/* The speaker a noun cue at v names: a possessive pronoun right before it
** ("his claim"), or a name with 's ("Smith's claim"). */
static void noun_owner(const qctx *c, int32_t v, int32_t s0, subj *sp)
{
	memset(sp, 0, sizeof(*sp));
	sp->entity = -1;
	int32_t p = v - 1;
	while (p > s0 && c->t[p].kind == NG_TOK_WORD && !is_cap(c, p) &&
	       !has_wc(c, p, NG_WC_DET) && v - p < 3)
		p--; /* an adjective: "his latest claim" */
	if (p < s0)
		return;
	if (IS(c, p, "his") || IS(c, p, "her") || IS(c, p, "their") || IS(c, p, "its") ||
	    IS(c, p, "His") || IS(c, p, "Her") || IS(c, p, "Their")) {
		sp->kind = SUBJ_PRON;
		sp->s = sp->e = p;
		return;
	}
	if (c->t[p].kind == NG_TOK_CLITIC && (IS(c, p, "'s") || IS(c, p, "’s")) &&
	    ngq_np_left(c, p - 1, s0, sp) && (sp->kind == SUBJ_NAME || sp->kind == SUBJ_NOUN))
		return;
	memset(sp, 0, sizeof(*sp));
	sp->entity = -1;
}

/* Does "the" open the noun phrase of the noun at v ("the support", "the
** full support")? */
__attribute__((noinline)) static int the_before(const qctx *c, int32_t v, int32_t s0)
{
	int32_t p = v - 1;
	while (p > s0 && c->t[p].kind == NG_TOK_WORD && !is_cap(c, p) &&
	       !has_wc(c, p, NG_WC_DET | NG_WC_PREP) && v - p < 3)
		p--; /* an adjective: "the full support" */
	return p >= s0 && IS(c, p, "the");
}

/* "Some said", "Many said", "one in four said": a determiner standing
** alone as the subject of a past-tense cue (cue_ok takes it for an
** adjective: "a written statement"). */
static int pronoun_det_subject(const qctx *c, int32_t v)
{
	if (cue_form(c, v) != NG_FORM_PAST || !has_wc(c, v - 1, NG_WC_DET))
		return 0;
	if (is_any(c, v - 1, c->w->list[WL_DET_SUBJECTS]))
		return 1;
	return 0;
}

/* ---- verbs after a chain (PolNeAR's "all attributions"): cue verbs the
** verb passes reject because an infinitive's "to" comes before them */

/* Does an infinitive cue at v ("to" at v - 1) hang from a word that takes
** one? 1 when that word's clause subject speaks ("Ruiz has yet to endorse
** X", "is eager to back", "used to support"), 2 when a "first"/"only"
** noun phrase does ("the first governor to endorse X": the sentence's
** subject), 0 otherwise. */
static int infinitive_governor(const qctx *c, int32_t v, int32_t s0)
{
	int32_t g = v - 2;
	if (g <= s0)
		return 0;
	if (is_any(c, g, c->w->list[WL_INF_GOVERNORS]))
		return 1;
	for (int32_t j = g; j > s0 && g - j < 6; j--) {
		if (!is_word(c, j) || c->cue[j] >= 0 || has_wc(c, j, NG_WC_AUX))
			return 0;
		if (is_any(c, j, c->w->list[WL_FIRST_WORDS]))
			return 2;
	}
	return 0;
}

/* Records of an infinitive cue after a governing word; 1 when v is taken
** care of. */
static int verb_chain(qctx *c, int32_t v, int32_t s0, int32_t s1)
{
	if (c->cue[v] < 0 || !IS(c, v - 1, "to") || cue_frame(c, v) == NG_CUE_QUOTE)
		return 0;
	int how = infinitive_governor(c, v, s0);
	if (!how || c->used[v - 2])
		return 0;
	subj sp;
	memset(&sp, 0, sizeof(sp));
	int32_t k = v + 1, ve = v;
	if (IS(c, k, "that") || is_ch(c, k, ','))
		k++;
	else if (ngq_cue_particle(c, k, cue_frame(c, v)))
		ve = k++;
	else if (cue_frame(c, v) == NG_CUE_PREP)
		return 1;
	int32_t g = v - 2; /* "is eager to": the subject is left of "is" */
	while (how == 1 && g - 1 > s0 && is_be(c, g - 1))
		g--;
	if (how == 1 ? !ngq_subject_left(c, g, s0, &sp) : !ngq_sentence_subject(c, v, &sp) || sp.e >= v)
		memset(&sp, 0, sizeof(sp));
	emit_more(c, k, ngq_coord_end(c, k, content_end(c, k, s1)), how == 1 ? v - 2 : v - 1, ve,
		  c->lem[v], cue_class(c, v), &sp);
	return 1;
}

/* A passive cue ("X is widely seen as Y", "X was criticized by Y for Z",
** "it was reported that Y", "X is convinced that Y"); PolNeAR's content is
** then the subject and the complement together, so the record spans both
** (the cue inside), the agent of "by" speaking. 1 when v is taken care of. */
static int passive_cue(qctx *c, int32_t v, int32_t s0, int32_t s1)
{
	if (c->cue[v] < 0 || cue_form(c, v) != NG_FORM_PAST || cue_frame(c, v) == NG_CUE_QUOTE)
		return 0;
	int32_t p = v - 1;
	while (p > s0 && has_wc(c, p, NG_WC_SKIP_ADV) && !has_wc(c, p, NG_WC_PASSIVE))
		p--;
	if (p <= s0 || !has_wc(c, p, NG_WC_PASSIVE) || c->used[p])
		return 0;
	int32_t q = p; /* "has been", "will be", "is also" */
	while (q - 1 > s0 && has_wc(c, q - 1, NG_WC_SKIP_ADV | NG_WC_PASSIVE))
		q--;
	subj np, sp;
	memset(&sp, 0, sizeof(sp));
	if (!ngq_subject_left(c, q, s0, &np) || np.kind == SUBJ_REL)
		memset(&np, 0, sizeof(np));
	int32_t k = v + 1, cs, ce;
	if (IS(c, k, "that") && clause_opens(c, k + 1)) {
		/* "it was reported that ...", "she is convinced that ..." */
		cs = k + 1;
		ce = ngq_coord_end(c, cs, content_end(c, cs, s1));
		int held = cue_class(c, v) == NG_CLS_BELIEF || IS(c, v, "convinced") ||
			   IS(c, v, "persuaded");
		if (np.kind != SUBJ_NONE && !IS(c, np.s, "it") && held)
			sp = np;
		if (sp.kind != SUBJ_NONE || !has_marks(c, cs, ce))
			emit_more(c, cs, ce, v, v, c->lem[v], cue_class(c, v), &sp);
		return 1;
	}
	if (np.kind == SUBJ_NONE || IS(c, np.s, "it"))
		return 0;
	if (IS(c, k, "by") && ngq_np_right(c, k + 1, s1, &sp))
		k = sp.e + 1;
	ce = ngq_coord_end(c, k, content_end(c, k, s1));
	if (ce < k)
		ce = k - 1;
	while (ce > np.e && c->t[ce].kind == NG_TOK_PUNCT)
		ce--;
	/* with quotation marks inside it is a direct quote's business; no
	** speaker would be given to it here */
	if (!has_marks(c, np.s, ce))
		emit_more(c, np.s, ce, v, v, c->lem[v], cue_class(c, v), &sp);
	return 1;
}

/* A base-form cue after a count or a plural ("Six in 10 say", "42% say",
** "Her aides and allies say"): a verb whose subject the verb passes missed */
static int base_after_count(const qctx *c, int32_t v)
{
	return c->t[v - 1].kind == NG_TOK_NUMBER || is_ch(c, v - 1, '%') ||
	       is_any(c, v - 1, c->w->list[WL_BASE_COUNTS]) || ngq_base_subject_ok(c, v);
}

/* Is a colon among the tokens name_colon() looks at (the first six of
** paragraph pi after its first)? Most paragraphs have none: tested before
** the call. */
static inline int colon_opens(const qctx *c, int32_t pi)
{
	int32_t p0 = c->pfirst[pi];
	int32_t last = pi + 1 < c->n_paras ? c->pfirst[pi + 1] - 1 : c->n - 1;
	if (last > p0 + 6)
		last = p0 + 6;
	for (int32_t v = p0 + 1; v <= last; v++)
		if (c->t[v].end - c->t[v].start == 1 && c->x[c->t[v].start] == ':')
			return 1;
	return 0;
}

/* "Name: headline words" -- paragraph pi opening with a short capitalized
** name and a colon (among its first six tokens after the first): the name
** speaks the rest of the sentence, unless the first word is a label
** ("Update:", "Watch:"). title = 1: the call for a headline before the verb
** passes (see ngq_title_name()), which leaves names holding a finite cue
** ("Fiorina Endorses Cruz: ...") to the verb passes. 1 when emitted. */
static int name_colon(qctx *c, int32_t pi, int title)
{
	int32_t p0 = c->pfirst[pi];
	for (int32_t v = p0 + 1; v <= p0 + 6 && v < c->n && c->para[v] == pi; v++) {
		if (!is_ch(c, v, ':') || c->used[v] || c->inq[v] >= 0)
			continue;
		int ok = 1;
		for (int32_t k = p0; k < v && ok; k++)
			ok = (is_cap(c, k) || has_wc(c, k, NG_WC_JOINER) || is_ch(c, k, '.') ||
			      c->t[k].kind == NG_TOK_ABBREV) &&
			     !(title && c->cue[k] >= 0 &&
			       (cue_form(c, k) == NG_FORM_S || cue_form(c, k) == NG_FORM_PAST));
		ok = ok && !is_any(c, p0, c->w->list[WL_NOT_NAMES]);
		/* the words may open with a quotation mark ("Ryan: 'No Place ...'") */
		int32_t w = is_quote_mark(c, v + 1) ? v + 2 : v + 1;
		if (!ok || w >= c->n || !is_word(c, w) || c->para[w] != c->para[v])
			continue;
		int32_t s1 = sent_last(c, w);
		/* a turn of a transcript or interview ("TAPPER: ...", "Q: ...")
		** runs on over the paragraph's free sentences */
		int turn = 1;
		for (int32_t k = p0; k < v && turn; k++)
			turn = (c->t[k].flags & NG_TF_ALL_UPPER) || c->t[k].kind != NG_TOK_WORD;
		while (turn && s1 + 1 < c->n && c->para[s1 + 1] == pi &&
		       is_free(c, s1 + 1, sent_last(c, s1 + 1)) &&
		       !has_marks(c, s1 + 1, sent_last(c, s1 + 1)))
			s1 = sent_last(c, s1 + 1);
		/* "Iowa: Tim Albrecht, Brad Anderson, Rob Barron, ...": a list of
		** names, no words said */
		int commas = 0, names = 1;
		for (int32_t k = w; k <= s1 && names; k++)
			if (is_ch(c, k, ',')) {
				commas++;
				names = is_cap(c, k + 1);
			}
		if (names && commas >= 3)
			continue;
		subj sp;
		memset(&sp, 0, sizeof(sp));
		sp.kind = SUBJ_NAME;
		sp.s = p0;
		sp.e = v - 1;
		if (!emit_more(c, v + 1, content_end(c, v + 1, s1), v, v, NULL, NG_CLS_SPEECH, &sp))
			return 0;
		/* the headline of the article (title_name()) is no quotation */
		c->out[c->n_out - 1].attr = (uint8_t)title;
		return 1;
	}
	return 0;
}

/* A headline "Name: words" (the first paragraph, one short sentence) is the
** name's attribution as a whole (PolNeAR marks "Clinton camp: Trump's
** rhetoric threatens security" so): taken before the verb passes, which
** would find "threatens" and its object instead. */
void ngq_title_name(qctx *c)
{
	int32_t e = c->n_paras > 1 ? c->pfirst[1] - 1 : c->n - 1;
	if (e - c->pfirst[0] > 40 || c->sent[e] != c->sent[c->pfirst[0]])
		return;
	name_colon(c, 0, 1);
}

/* "a super PAC supporting X", "groups backing X", "voters opposing X": a
** stance participle right after the noun it modifies; that noun phrase
** holds the stance (sp), the participle's object is the content. */
static int stance_after_noun(const qctx *c, int32_t v, int32_t s0, subj *sp)
{
	const char *l = c->lem[v];
	int32_t p = v - 1;
	if (!l || p < s0 || !is_word(c, p) || c->cue[p] >= 0 || c->t[p].kind == NG_TOK_NUMBER ||
	    has_wc(c, p, NG_WC_DET | NG_WC_PREP | NG_WC_AUX | NG_WC_PASSIVE | NG_WC_SKIP_ADV |
			     NG_WC_PRON_SUBJ | NG_WC_BREAK | NG_WC_SUBORD | NG_WC_TIME |
			     NG_WC_NOT_NP_END) ||
	    /* "financial backing from X", "backing down": a noun, a particle */
	    has_wc(c, v + 1, NG_WC_PREP | NG_WC_NOT_CONTENT) || IS(c, v + 1, "down") ||
	    IS(c, v + 1, "away") || IS(c, v + 1, "off") || IS(c, v + 1, "out"))
		return 0;
	if (!lemma_in(l, c->w->list[WL_STANCE_LEMMAS]))
		return 0;
	if (!ngq_np_left(c, p, s0, sp) || (sp->kind != SUBJ_NOUN && sp->kind != SUBJ_NAME)) {
		memset(sp, 0, sizeof(*sp));
		sp->entity = -1;
		sp->kind = SUBJ_NOUN;
		sp->s = sp->e = p;
	}
	return 1;
}

	/* "The FBI is reportedly making arrangements to ...": a report
	** nobody is named for; PolNeAR's content is the clause around the
	** adverb, from its subject on (a verb of saying after it has a
	** record of its own: "reportedly said") */
static int more_reportedly(qctx *c, int32_t v, int32_t s0, int32_t s1)
{
	if (!(IS(c, v, "reportedly")))
		return 0;
	int32_t k = v + 1;
	while (k < s1 && has_wc(c, k, NG_WC_AUX | NG_WC_SKIP_ADV))
		k++;
	if (c->cue[k] >= 0 && cue_class(c, k) == NG_CLS_SPEECH)
		return 1;
	int32_t cs = v;
	while (cs > s0 && c->t[cs - 1].kind != NG_TOK_PUNCT && !c->used[cs - 1] &&
	       !has_wc(c, cs - 1, NG_WC_SUBORD | NG_WC_BREAK))
		cs--;
	if (cs < v)
		emit_more(c, cs, content_end(c, v + 1, s1), v, v, "reportedly",
			  NG_CLS_SPEECH, NULL);
	return 1;
}

	/* "Asked (by X) whether ..., she said", "..., when asked about X,",
	** "she was asked whether ...": the question */
static int more_asked(qctx *c, int32_t v, int32_t s0, int32_t s1)
{
	if (!(IS(c, v, "asked") &&
	      (v == s0 || IS(c, v - 1, "when") || IS(c, v - 1, "if") || IS(c, v - 1, "once") ||
	       is_ch(c, v - 1, ',') ||
	       ((is_be(c, v - 1) || (has_wc(c, v - 1, NG_WC_SKIP_ADV) && is_be(c, v - 2))) &&
	        (IS(c, v + 1, "whether") || IS(c, v + 1, "if") || IS(c, v + 1, "what") ||
	         IS(c, v + 1, "why") || IS(c, v + 1, "how") || IS(c, v + 1, "about") ||
	         IS(c, v + 1, "to") || IS(c, v + 1, "who"))))))
		return 0;
	subj sp;
	memset(&sp, 0, sizeof(sp));
	sp.entity = -1;
	int32_t k = v + 1;
	if (IS(c, k, "by") && ngq_np_right(c, k + 1, s1, &sp))
		k = sp.e + 1;
	else
		sp.kind = SUBJ_NONE;
	int32_t j = k; /* "asked on Thursday about ...": a time phrase */
	while (j <= s1 && j < k + 4 && has_wc(c, j, NG_WC_TIME | NG_WC_TIME_MOD) &&
	       !has_wc(c, j, NG_WC_TIME))
		j++;
	if (j <= s1 && has_wc(c, j, NG_WC_TIME))
		k = j + 1;
	if (IS(c, k, "about"))
		k++;
	int32_t e = k;
	while (e <= s1 && !is_ch(c, e, ',') && !c->used[e])
		e++;
	if (e <= s1 && (is_ch(c, e, ',') || e == s1))
		emit_more(c, k, content_end(c, k, e - 1 > k ? e - 1 : e), v, v, "ask",
			  NG_CLS_SPEECH, &sp);
	else if (e > s1)
		emit_more(c, k, content_end(c, k, s1), v, v, "ask", NG_CLS_SPEECH, &sp);
	return 1;
}

	/* a cue infinitive after a verb that takes one: "continued to
	** suggest that ...", "declined to say whether ...", "seemed to
	** acknowledge ...": the catenative verb's subject speaks */
static int more_catenative(qctx *c, int32_t v, int32_t s0, int32_t s1)
{
	if (!(c->cue[v] >= 0 && IS(c, v - 1, "to") && v - 2 > s0 && catenative(c, v - 2) &&
	      cue_frame(c, v) != NG_CUE_QUOTE && !c->used[v - 2]))
		return 0;
	subj sp;
	memset(&sp, 0, sizeof(sp));
	sp.entity = -1;
	int32_t k = v + 1;
	if (IS(c, k, "that") || is_ch(c, k, ','))
		k++;
	int32_t ve = v;
	if (ngq_cue_particle(c, k, cue_frame(c, v)))
		ve = k++;
	if (!ngq_subject_left(c, v - 2, s0, &sp))
		memset(&sp, 0, sizeof(sp));
	emit_more(c, k, ngq_coord_end(c, k, content_end(c, k, s1)), v - 2, ve, c->lem[v],
		  CLS_OF_CUE, &sp);
	return 1;
}

	/* a participle cue after "is"/"was" ("Party leaders are now
	** questioning ...") or after "by"/"while"/"after" ("..., by
	** praising the plan"): the subject of the clause speaks */
static int more_participle(qctx *c, int32_t v, int32_t s0, int32_t s1)
{
	if (!(c->cue[v] >= 0 && cue_form(c, v) == NG_FORM_ING && v > s0 &&
	      !is_ch(c, v - 1, ',') && cue_frame(c, v) != NG_CUE_QUOTE))
		return 0;
	subj sp;
	memset(&sp, 0, sizeof(sp));
	sp.entity = -1;
	int32_t p = v - 1;
	/* "He's predicting": 's is "is" here, not "has" */
	while (p > s0 && has_wc(c, p, NG_WC_SKIP_ADV) && !is_be(c, p))
		p--;
	int ok = 0;
	if (is_be(c, p) && !IS(c, p, "being") && !IS(c, p, "be")) {
		ok = 1;
		if (!ngq_subject_left(c, p, s0, &sp))
			memset(&sp, 0, sizeof(sp));
	} else if (IS(c, p, "by") || IS(c, p, "while") || IS(c, p, "after") ||
		   IS(c, p, "before") || IS(c, p, "when") || IS(c, p, "without")) {
		ok = 1;
		if (!ngq_sentence_subject(c, v, &sp) || sp.e >= p)
			memset(&sp, 0, sizeof(sp));
	} else if (p == v - 1 && stance_after_noun(c, v, s0, &sp)) {
		ok = 1;
	}
	if (!ok)
		return 1;
	int32_t k = v + 1, ve = v;
	if (IS(c, k, "that"))
		k++;
	else if (ngq_cue_particle(c, k, cue_frame(c, v)))
		ve = k++;
	else if (cue_frame(c, v) == NG_CUE_PREP)
		return 1;
	emit_more(c, k, ngq_coord_end(c, k, content_end(c, k, s1)), v, ve, c->lem[v],
		  CLS_OF_CUE, &sp);
	return 1;
}

	/* a finite cue verb the verb passes left (its subject was not
	** found: "One in three said the party ...", a long appositive):
	** the clause after it, with the sentence's subject or no speaker */
static int more_finite(qctx *c, int32_t v, int32_t s0, int32_t s1)
{
	if (!(c->cue[v] >= 0 && v > s0 && (ngq_cue_ok(c, v) || pronoun_det_subject(c, v)) &&
	      (cue_form(c, v) == NG_FORM_PAST || cue_form(c, v) == NG_FORM_S ||
	       (cue_form(c, v) == NG_FORM_BASE && base_after_count(c, v))) &&
	      (cue_frame(c, v) == NG_CUE_SPEECH || cue_frame(c, v) == NG_CUE_TELL)))
		return 0;
	subj sp;
	memset(&sp, 0, sizeof(sp));
	sp.entity = -1;
	int32_t k = v + 1;
	if (IS(c, k, "that"))
		k++;
	if (!clause_opens(c, k))
		return 1;
	/* after a comma ("X, who had left the board last month, said
	** Carson was ..."): only a clause, a subject and its verb,
	** not an inverted speaker ("..., said Carson, an aide") */
	if (is_ch(c, v - 1, ',')) {
		subj x;
		if (!ngq_np_right(c, k, s1, &x) || x.e + 1 >= s1 || !is_word(c, x.e + 1) ||
		    content_end(c, k, s1) - k < 4)
			return 1;
	}
	/* a short run of words before it is the subject ("One in
	** three said"); else the sentence's subject */
	int32_t a = s0;
	/* "...: 42% say" -- the run starts after a colon */
	for (int32_t j = v - 1; j > s0 && v - j <= 6; j--)
		if (is_ch(c, j, ':') || is_ch(c, j, ';') ||
		    /* "..., and nearly three in five said" */
		    ((is_ch(c, j, ',') || has_wc(c, j, NG_WC_BREAK | NG_WC_SUBORD)) &&
		     ngq_count_subject(c, j + 1, v))) {
			a = j + 1;
			break;
		}
	while (a < v && (c->t[a].kind == NG_TOK_PUNCT ||
			 (a == s0 && has_wc(c, a, NG_WC_BREAK | NG_WC_SUBORD) &&
			  ngq_count_subject(c, a + 1, v))))
		a++;
	int short_run = a < v && v - a <= 5;
	for (int32_t j = a; j < v && short_run; j++)
		short_run = is_word(c, j) || c->t[j].kind == NG_TOK_NUMBER ||
			    is_ch(c, j, '%');
	if (short_run) {
		sp.kind = SUBJ_NOUN;
		sp.s = a;
		sp.e = v - 1;
	} else if (!ngq_sentence_subject(c, v, &sp) || sp.e >= v) {
		memset(&sp, 0, sizeof(sp));
	}
	int32_t ce = ngq_coord_end(c, k, content_end(c, k, s1));
	/* quoted words after a base form go to its short subject
	** only ("Six in 10 say"): a direct quote's speaker is not
	** guessed from the sentence */
	if (cue_form(c, v) == NG_FORM_BASE && !short_run && has_marks(c, k, ce))
		return 1;
	emit_more(c, k, ce, v, v, c->lem[v], CLS_OF_CUE, &sp);
	return 1;
}

	/* "X is (widely) expected to win": an expectation nobody is named for */
static int more_expected(qctx *c, int32_t v, int32_t s0, int32_t s1)
{
	if (!(IS(c, v, "expected") && IS(c, v + 1, "to") && is_word(c, v + 2)))
		return 0;
	int32_t p = v - 1;
	while (p > s0 && has_wc(c, p, NG_WC_SKIP_ADV))
		p--;
	if (is_be(c, p)) {
		int32_t ce = ngq_coord_end(c, v + 1, content_end(c, v + 1, s1));
		/* the content takes the subject in, as for "seems" */
		subj x;
		int32_t cs = v + 1;
		if (ngq_subject_left(c, p, s0, &x) && x.kind != SUBJ_REL &&
		    x.e == p - 1 && is_free(c, x.s, p))
			cs = x.s;
		if (!emit_more(c, cs, ce, v, v, "expect", NG_CLS_BELIEF, NULL) && cs != v + 1)
			emit_more(c, v + 1, ce, v, v, "expect", NG_CLS_BELIEF, NULL);
	}
	return 1;
}

	/* "X made it clear (that) ..." / "made the case that ..." */
static int more_make_clear(qctx *c, int32_t v, int32_t s0, int32_t s1)
{
	if (!((IS(c, v, "made") || IS(c, v, "make") || IS(c, v, "makes") ||
	       IS(c, v, "making")) &&
	      v > s0))
		return 0;
	subj sp;
	memset(&sp, 0, sizeof(sp));
	sp.entity = -1;
	int32_t k = v + 1, ve = -1;
	if (IS(c, k, "it") && IS(c, k + 1, "clear"))
		ve = k + 1;
	else if (IS(c, k, "clear"))
		ve = k;
	else if (IS(c, k, "the") &&
		 (IS(c, k + 1, "case") || IS(c, k + 1, "point") ||
		  IS(c, k + 1, "argument")) &&
		 IS(c, k + 2, "that"))
		ve = k + 1;
	if (ve < 0)
		return 1;
	k = ve + 1;
	if (IS(c, k, "that"))
		k++;
	if (!ngq_subject_left(c, v, s0, &sp))
		sp.kind = SUBJ_NONE;
	emit_more(c, k, ngq_coord_end(c, k, content_end(c, k, s1)), v, ve, "make clear",
		  NG_CLS_SPEECH, &sp);
	return 1;
}

	/* nouns that take a clause: "his claim that ...", "her plans to ..." */
static int more_noun(qctx *c, int32_t v, int32_t s0, int32_t s1)
{
	const struct noun_cue *nc = NULL;
	if (has_wc(c, v, NG_WC_NOUN_CUE) && (!is_cap(c, v) || v == s0)) {
		const char *p = c->x + c->t[v].start;
		for (const struct noun_cue *n = c->w->nouns; n->word && !nc; n++)
			if (word_eq(p, (size_t)tlen(c, v), lower_first(p), n->word))
				nc = n;
	}
	if (!nc)
		return 0;
	subj sp;
	memset(&sp, 0, sizeof(sp));
	sp.entity = -1;
	int32_t k = v + 1, ce = -1;
	if (strchr(nc->takes, 't') && IS(c, k, "that") && clause_opens(c, k + 1)) {
		k++;
		ce = ngq_coord_end(c, k, content_end(c, k, s1));
	} else if (strchr(nc->takes, 'i') && IS(c, k, "to") && is_word(c, k + 1) &&
		   !is_cap(c, k + 1) && !has_wc(c, k + 1, NG_WC_DET)) {
		ce = ngq_coord_end(c, k, content_end(c, k, s1));
	} else if (strchr(nc->takes, 'p') && is_word(c, k + 1) &&
		   (nc->preps ? noun_prep(c, k, nc->preps)
			      : (IS(c, k, "for") || IS(c, k, "of") || IS(c, k, "to") ||
				 IS(c, k, "about") || IS(c, k, "on")))) {
		k++;
		ce = np_content_end(c, k, s1);
	}
	if (ce < 0)
		return 1;
	/* "won the support of X", "the views of X": after "the" the
	** object of "of" holds the view, it is not its content */
	if (!nc->preps && IS(c, k - 1, "of") && the_before(c, v, s0))
		return 1;
	noun_owner(c, v, s0, &sp);
	/* "Trump opened with a call for ...": no owner before the
	** noun, the sentence's named subject (qnoun) */
	if (sp.kind == SUBJ_NONE && nc->preps &&
	    !(ngq_sentence_subject(c, v, &sp) && sp.e < v &&
	      (sp.kind == SUBJ_NAME || sp.kind == SUBJ_PRON)))
		memset(&sp, 0, sizeof(sp));
	emit_more(c, k, ce, v, v, nc->lemma, nc->cls, &sp);
	return 1;
}

/* The rules of more_cues() for a cue word, in order: the first that takes
** the word (returns 1) ends its turn, whether or not it made a record. A
** rule looks only at cue words (cue) or at words of the classes wc. */
typedef int (*more_rule)(qctx *c, int32_t v, int32_t s0, int32_t s1);
static const struct {
	const char *name; /* what the rule looks for */
	more_rule take;
	int cue;
	uint32_t wc;
} more_rules[] = {
	{"X is reportedly ...", more_reportedly, 0, NG_WC_MORE_CUE},
	{"Asked whether ...", more_asked, 0, NG_WC_MORE_CUE},
	{"continued to say ...", more_catenative, 1, 0},
	{"is eager to back ...", verb_chain, 1, 0},
	{"is widely seen as ...", passive_cue, 1, 0},
	{"is questioning ..., by praising ...", more_participle, 1, 0},
	{"a finite cue without a subject", more_finite, 1, 0},
	{"is expected to ...", more_expected, 0, NG_WC_MORE_CUE},
	{"made it clear that ...", more_make_clear, 0, NG_WC_MORE_CUE},
	{"his claim that ...", more_noun, 0, NG_WC_NOUN_CUE},
};

void ngq_more_cues(qctx *c)
{
	for (int32_t ci = 0; ci < c->n_cands; ci++) {
		int32_t v = c->cands[ci];
		if ((c->cue[v] < 0 && !has_wc(c, v, NG_WC_NOUN_CUE | NG_WC_MORE_CUE)) || c->used[v] ||
		    c->inq[v] >= 0 || !is_word(c, v))
			continue;
		int32_t s0 = sent_first(c, v), s1 = sent_last(c, v);
		int cue = c->cue[v] >= 0;
		uint32_t wc = c->wc[v];
		for (size_t r = 0; r < sizeof more_rules / sizeof more_rules[0]; r++)
			if (((more_rules[r].cue && cue) || (more_rules[r].wc & wc)) &&
			    more_rules[r].take(c, v, s0, s1))
				break;
	}
	/* "Name: headline" -- a paragraph opening with a name and a colon */
	for (int32_t pi = 0; pi < c->n_paras; pi++)
		if (colon_opens(c, pi))
			name_colon(c, pi, 0);
}

/* Headlines: a paragraph of one short line in title case ("Black Lawmakers
** Rip Donald Trump As A 'Disgusting Fraud.'", "Clinton Hid Health Problems,
** Former White House Doctor Says."). The verb passes take a capitalized
** verb for part of a name and its quoted words for a title; PolNeAR marks
** the headline's verb as the cue. In the line [a, e] (without its closing
** period) the cue is a verb of saying closing it after a comma ("...,
** Lindsey Graham Says."), the words before the comma its content; or the
** first cue verb after the opening words (-s or past form, or the base form
** after a plural), its subject those words, the rest its content. */
static void headline(qctx *c, int32_t a, int32_t e)
{
	subj sp;
	memset(&sp, 0, sizeof(sp));
	sp.kind = SUBJ_NAME;
	int32_t cs = -1, ce = -1, v = -1, ve = -1;
	int fo = cue_form(c, e);
	if (c->cue[e] >= 0 && (fo == NG_FORM_S || fo == NG_FORM_PAST) && c->lem[e] &&
	    lemma_in(c->lem[e], c->w->list[WL_SAY_VERBS])) {
		int32_t j = e - 1;
		while (j > a && is_word(c, j) && c->cue[j] < 0 && e - j < 8)
			j--;
		if (j > a + 1 && comma_before(c, j) && j < e - 1) {
			cs = a;
			ce = is_quote_mark(c, j) ? j : j - 1;
			sp.s = j + 1;
			sp.e = e - 1;
			v = ve = e;
		}
	}
	for (int32_t k = a + 1; v < 0 && k < e && k - a <= 8; k++) {
		if (c->inq[k] >= 0 || (c->t[k].kind == NG_TOK_PUNCT && !is_ch(c, k, '.')))
			break;
		/* the subject: a noun phrase, no preposition or clause word in it */
		if (has_wc(c, k - 1, NG_WC_PREP | NG_WC_SUBORD | NG_WC_BREAK) ||
		    is_any(c, k - 1, c->w->list[WL_WH_WORDS]))
			break;
		/* "Both Sides Want: ...": the last of two verbs, words after it */
		if (c->cue[k] < 0 || cue_frame(c, k) == NG_CUE_QUOTE || c->cue[k + 1] >= 0 ||
		    !(is_word(c, k + 1) || is_quote_mark(c, k + 1)))
			continue;
		fo = cue_form(c, k);
		char last = c->x[c->t[k - 1].end - 1];
		if (!(fo == NG_FORM_S || fo == NG_FORM_PAST ||
		      (fo == NG_FORM_BASE && (last == 's' || last == 'S'))))
			break;
		v = ve = k;
		if (ngq_cue_particle(c, k, cue_frame(c, k)))
			ve = k + 1;
		sp.s = a;
		sp.e = k - 1;
		cs = ve + 1;
		ce = e;
	}
	if (v < 0 || cs > ce)
		return;
	sp.rs = sp.s;
	sp.re = sp.e;
	sp.entity = -1;
	ngq_resolve(c, &sp, -1, -1);
	int32_t before = c->n_out;
	ngq_emit(c, cs, ce, has_marks(c, cs, ce) ? NG_QUOTE_MIXED : NG_QUOTE_INDIRECT, v, ve, c->lem[v],
	     &sp);
	if (c->n_out > before) {
		/* a headline is no quotation: its record is an attribution */
		c->out[c->n_out - 1].attr = 1;
		memset(c->used + sp.s, 1, (size_t)(sp.e - sp.s + 1));
	}
}

/* headline() for each paragraph that may be one: no record touches it, 3 to
** 25 words, seven in ten capitalized. Its capitalized cues, which the name
** test of ngq_build_tables() dropped, count while it runs. */
void ngq_headlines(qctx *c)
{
	for (int32_t pi = 0; pi < c->n_paras; pi++) {
		int32_t a = c->pfirst[pi];
		int32_t b = pi + 1 < c->n_paras ? c->pfirst[pi + 1] - 1 : c->n - 1;
		/* most paragraphs fail at once: short, the second word capitalized */
		if (b - a > 60 || b - a < 3 || !(is_cap(c, a + 1) || is_cap(c, a + 2)))
			continue;
		int words = 0, caps = 0, taken = 0;
		for (int32_t k = a; k <= b && !taken && words - caps <= 7; k++) {
			taken = c->used[k] && c->inq[k] < 0;
			if (c->t[k].kind == NG_TOK_WORD) {
				words++;
				caps += is_cap(c, k);
				/* body text: three lowercase words among the first eight */
				if (words <= 8 && words - caps >= 3)
					break;
			}
		}
		if (taken || words < 3 || words > 25 || caps * 10 < words * 7)
			continue;
		for (int32_t i = 0; i < c->n_out && !taken; i++)
			taken = c->out[i].e >= a && c->out[i].s <= b;
		int32_t e = b;
		while (e > a && c->t[e].kind == NG_TOK_PUNCT && !is_quote_mark(c, e))
			e--;
		if (taken || e - a < 2)
			continue;
		int32_t h0 = 0;
		while (h0 < c->n_nc && c->nc_i[h0] < a)
			h0++;
		for (int32_t h = h0; h < c->n_nc && c->nc_i[h] <= b; h++) {
			c->cue[c->nc_i[h]] = c->nc_cue[h];
			c->lem[c->nc_i[h]] = c->nc_lem[h];
		}
		headline(c, a, e);
		for (int32_t h = h0; h < c->n_nc && c->nc_i[h] <= b; h++)
			if (!c->used[c->nc_i[h]]) {
				c->cue[c->nc_i[h]] = -1;
				c->lem[c->nc_i[h]] = NULL;
			}
	}
}

/* ---- phrasal cues (PolNeAR's "all attributions"): a verb with its
** particle ("would vote for X", "took aim at X", "lashed out at X", "came
** out against X", "weighed in on X") or an adjective after "be" ("is wary
** of X", "were upbeat about X"), whose object is the content. Runs after
** the other passes, on tokens no record claimed. Our own list. */

/* Is token k one of the '|'-separated words of the slot at s (up to a
** space or the end)? The token is compared lowercased; a word that
** differs is skipped to its '|' at once (most differ in the first letter). */
static int slot_has(const qctx *c, int32_t k, const char *s)
{
	const char *w = c->x + c->t[k].start;
	size_t l = (size_t)tlen(c, k);
	char f = lower_first(w);
	for (;;) {
		if (*s == f) {
			size_t i = 1;
			while (i < l && s[i] &&
			       s[i] == ((w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i]))
				i++;
			if (i == l && (s[i] == '|' || s[i] == ' ' || !s[i]))
				return 1;
		}
		while (*s && *s != '|' && *s != ' ')
			s++;
		if (*s != '|')
			return 0;
		s++;
	}
}

/* The slot after the one at s, or NULL. */
static const char *next_slot(const char *s)
{
	s = strchr(s, ' ');
	return s ? s + 1 : NULL;
}

/* The last token (the particle) of the slots of pat read from token v, or -1. */
static int32_t phrase_at(const qctx *c, int32_t v, const char *pat)
{
	int32_t k = v;
	for (const char *s = pat; s; s = next_slot(s)) {
		int opt = *s == '?';
		if (k < c->n && slot_has(c, k, s + opt))
			k++;
		else if (!opt)
			return -1;
	}
	return k - 1;
}

void ngq_phrase_cues_find(qctx *c)
{
	for (int32_t ci = 0; ci < c->n_cands; ci++) {
		int32_t v = c->cands[ci];
		if (!has_wc(c, v, NG_WC_PHRASE) || !has_wc(c, v + 1, NG_WC_PHRASE_NEXT) ||
		    c->used[v] || c->inq[v] >= 0)
			continue;
		/* the verbs are sorted by their head's first letter: from the
		** first of v's letter to the last */
		int adj = has_wc(c, v, NG_WC_PHRASE_ADJ);
		char f = lower_first(c->x + c->t[v].start);
		const struct phrase_cue *pc = adj ? c->w->adjs : c->w->phrases;
		while (!adj && pc->head && pc->head[0] < f)
			pc++;
		int32_t ve = -1;
		for (; pc->head && (adj || pc->head[0] == f) && ve < 0; pc++)
			if ((ve = phrase_at(c, v + 1, pc->pat)) >= 0 && !slot_has(c, v, pc->head))
				ve = -1;
		if (ve < 0)
			continue;
		pc--;
		int32_t s0 = sent_first(c, v), s1 = sent_last(c, v);
		int32_t k = ve + 1;
		if (k > s1 || !is_word(c, k) || has_wc(c, k, NG_WC_TIME))
			continue;
		int32_t ce = ngq_coord_end(c, k, content_end(c, k, s1));
		/* a record later in the sentence ends the content before it */
		for (int32_t j = k; j <= ce; j++)
			if (c->used[j]) {
				ce = j - 1;
				while (ce > k && c->t[ce].kind == NG_TOK_PUNCT)
					ce--;
				break;
			}
		if (ce < k)
			continue;
		subj sp;
		memset(&sp, 0, sizeof(sp));
		sp.entity = -1;
		int32_t p = ngq_skip_left_adv(c, v - 1, s0);
		const char *w = c->x + c->t[v].start;
		int l = tlen(c, v);
		int ing = l > 4 && !memcmp(w + l - 3, "ing", 3);
		if (pc->kind == PH_ADJ) {
			/* "X is (very) wary of": the subject of "be" */
			if (p <= s0 || !is_be(c, p))
				continue;
			if (!ngq_subject_left(c, p, s0, &sp))
				memset(&sp, 0, sizeof(sp));
		} else {
			/* "a vote for X", "the swing vote for": "vote" a noun */
			if (tlen(c, v) <= 5 && (IS(c, v, "vote") || IS(c, v, "votes")) &&
			    !has_wc(c, v - 1, NG_WC_SKIP_ADV | NG_WC_AUX | NG_WC_PRON_SUBJ) &&
			    !IS(c, v - 1, "to"))
				continue;
			/* "was voted for" is no attribution of the subject ("is
			** pushing for" is) */
			if (p >= s0 && has_wc(c, p, NG_WC_PASSIVE) && !IS(c, p, "being") && !ing)
				continue;
			if (v > s0 && !ngq_subject_left(c, v, s0, &sp) &&
			    !(ngq_sentence_subject(c, v, &sp) && sp.e < v))
				memset(&sp, 0, sizeof(sp));
		}
		/* quoted words only with a speaker, and not after a participle
		** that modifies a noun (a direct quote's speaker is not guessed:
		** "a website asking for ..." is not the website's) */
		if ((sp.kind == SUBJ_NONE || (ing && !is_be(c, p))) && has_marks(c, k, ce))
			continue;
		emit_more(c, k, ce, v, ve, pc->lemma, pc->cls, &sp);
	}
}
