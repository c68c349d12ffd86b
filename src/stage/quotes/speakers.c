/*
** speakers.c -- from the subject of a cue as written to its speaker: names
** and noun phrases stand for themselves, "who" for the phrase before it,
** pronouns for their coreference chain, the last named subject nearby, or
** the nearest entity of their kind; "it" for a speaking thing before it.
*/

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stage/quotes/finder.h"

/* ---- speaker resolution */

void ngq_note_name(qctx *c, int32_t s, int32_t e)
{
	if (c->n_nm > 0 && c->nm_s[c->n_nm - 1] >= s)
		return; /* keep text order */
	if ((size_t)c->n_nm >= c->d->n_sentences * 2)
		return;
	c->nm_s[c->n_nm] = s;
	c->nm_e[c->n_nm] = e;
	c->n_nm++;
}

/* Is a token of [s, e] tagged as a person (B-PER or I-PER)? Whole
** sentences are asked (collect_names): eight tags at a time there. */
int ngq_has_person_tag(const qctx *c, int32_t s, int32_t e)
{
	const uint8_t *tag = c->d->ner_tags;
	if (!tag)
		return 1;
	int32_t k = s;
	for (; e - k >= 7; k += 8) {
		/* a byte of 1 or 2, B-PER or I-PER: hasbetween(x, 0, 3) of the
		** "Bit Twiddling Hacks" (exact, no carry between bytes) */
		const uint64_t ones = 0x0101010101010101ull;
		uint64_t x, low;
		memcpy(&x, tag + k, 8);
		low = x & (ones * 127);
		if ((ones * (127 + NG_NER_I_PER + 1) - low) & ~x & (low + ones * (127 - NG_NER_O)) &
		    (ones * 128))
			return 1;
	}
	for (; k <= e; k++)
		if (tag[k] == NG_NER_B_PER || tag[k] == NG_NER_I_PER)
			return 1;
	return 0;
}

/* Sentence subjects that are names, in text order: the antecedents for
** pronouns when the coref stage did not run. */
void ngq_collect_names(qctx *c)
{
	for (size_t s = 0; s < c->d->n_sentences; s++) {
		int32_t f = (int32_t)c->d->sentence_tok[s], l = (int32_t)c->d->sentence_tok[s + 1];
		if (f >= l)
			continue;
		int32_t i = l - 1 < c->n ? l - 1 : c->n - 1;
		/* the subject lies in the sentence of i: no person there, no name */
		int32_t s1 = sent_last(c, i);
		if (!ngq_has_person_tag(c, sent_first(c, i), s1 < c->n ? s1 : c->n - 1))
			continue;
		subj sp;
		if (ngq_sentence_subject(c, i, &sp) &&
		    sp.kind == SUBJ_NAME && sp.e + 1 < c->n && ngq_has_person_tag(c, sp.s, sp.e) &&
		    !IS(c, sp.e + 1, "of") && c->inq[sp.s] < 0)
			ngq_note_name(c, sp.s, sp.e);
	}
}

/* The speaker of sp is the span s..e, and its entity the last entity
** mention inside it (the head of "the Iranian speaker Qalibaf"). */
static void speaker_span(const qctx *c, subj *sp, int32_t s, int32_t e)
{
	/* "President Bola Tinubu", "Interior Minister Joachim Brudzinski": the
	** person is the name after the title words */
	int32_t f = s;
	while (f < e && is_cap(c, f) && has_wc(c, f, NG_WC_TITLE))
		f++;
	if (f > s && f < e && is_cap(c, f) && is_cap(c, f + 1))
		s = f;
	sp->rs = s;
	sp->re = e;
	if (c->ent)
		for (int32_t k = e; k >= s; k--)
			if (c->ent[k] >= 0) {
				sp->entity = c->ent[k];
				break;
			}
}

/* Fills the speaker of sp (rs, re, entity) from the subject as written. */
void ngq_resolve(const qctx *c, subj *sp, int32_t prefer_s, int32_t prefer_e)
{
	sp->rs = sp->re = -1;
	sp->entity = -1;
	if (sp->kind == SUBJ_NONE)
		return;
	if (sp->kind == SUBJ_NAME || sp->kind == SUBJ_NOUN) {
		speaker_span(c, sp, sp->s, sp->e);
		return;
	}
	if (sp->kind == SUBJ_REL) {
		/* X, who said: X */
		int32_t k = sp->s - 1;
		if (is_ch(c, k, ','))
			k--;
		subj x;
		if (ngq_np_left(c, k, sent_first(c, sp->s), &x) && x.kind != SUBJ_REL &&
		    x.kind != SUBJ_PRON) {
			speaker_span(c, sp, x.s, x.e);
		}
		return;
	}
	/* a pronoun */
	if (c->ent && c->ent[sp->s] >= 0) {
		int32_t e = c->ent[sp->s];
		const ng_entity *en = &c->d->entities[e];
		const ng_mention *best = NULL;
		for (size_t m = 0; m < en->n_mentions; m++) {
			const ng_mention *mm = &en->mentions[m];
			if (mm->kind == NG_MENTION_PRONOUN)
				continue;
			/* a name before a title: "Delfin Lorenzana, the Defence
			** Secretary; he ..." speaks as Delfin Lorenzana */
			if (mm->kind == NG_MENTION_TITLE && best && best->kind != NG_MENTION_TITLE &&
			    mm->start < c->t[sp->s].start)
				continue;
			if (mm->start < c->t[sp->s].start || !best)
				best = mm;
			if (mm->start >= c->t[sp->s].start)
				break;
		}
		sp->entity = e;
		if (best) {
			/* the mention's tokens */
			int32_t a = sp->s, b = sp->s;
			int32_t k = ngq_tok_after(c, best->start);
			if (k < c->n && c->t[k].start == best->start)
				a = k;
			k = ngq_tok_after(c, best->end - 1);
			if (k < c->n && c->t[k].end == best->end)
				b = k;
			sp->rs = a;
			sp->re = b;
		}
		return;
	}
	/* "I think ..." in an interview's turn: the one whose tag opens the
	** paragraph ("((Perttu Ahola))"); in the interviewer's turn no one */
	int32_t pi = c->para[sp->s];
	if (c->turn_s && c->turn_s[pi] >= 0 && c->inq[sp->s] < 0 &&
	    (IS(c, sp->s, "i") || IS(c, sp->s, "we"))) {
		if (!c->turn_iv[pi])
			speaker_span(c, sp, c->turn_s[pi], c->turn_e[pi]);
		return;
	}
	/* "I said" outside quotation marks: the writer speaks; the pronoun
	** itself is the speaker span (the text names no one else) */
	if (IS(c, sp->s, "i") && c->inq[sp->s] < 0) {
		sp->rs = sp->re = sp->s;
		return;
	}
	if (IS(c, sp->s, "it")) {
		/* "The company wrote in a statement ... It added, ...": a thing
		** that speaks is the subject of a sentence before, a noun phrase or
		** a name that is not a person's */
		int32_t s = c->sent[sp->s];
		for (int32_t b = 0; b <= IT_SENTS && s - b >= 0; b++) {
			int32_t last = (int32_t)c->d->sentence_tok[s - b + 1] - 1;
			subj x;
			if (last >= c->n)
				last = c->n - 1;
			if (!ngq_sentence_subject(c, b ? last : sp->s, &x) || x.e >= sp->s)
				continue;
			if (x.kind == SUBJ_NOUN ||
			    (x.kind == SUBJ_NAME && c->d->ner_tags && !ngq_has_person_tag(c, x.s, x.e))) {
				speaker_span(c, sp, x.s, x.e);
				return;
			}
			if (x.kind == SUBJ_NAME)
				return; /* a person named in between: not "it" */
		}
		return;
	}
	if (IS(c, sp->s, "i") || IS(c, sp->s, "we"))
		return; /* first person inside reported text: leave it */
	if (prefer_s >= 0) {
		sp->rs = prefer_s;
		sp->re = prefer_e;
		return;
	}
	/* the last named subject before this sentence, not too far back */
	int32_t s0 = sent_first(c, sp->s);
	int32_t lo = 0, hi = c->n_nm;
	while (lo < hi) {
		int32_t mid = lo + (hi - lo) / 2;
		if (c->nm_s[mid] < s0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0) {
		int32_t j = lo - 1;
		if (c->sent[sp->s] - c->sent[c->nm_s[j]] <= ANTECEDENT_SENTS) {
			sp->rs = c->nm_s[j];
			sp->re = c->nm_e[j];
			return;
		}
	}
	/* no named subject near: the nearest entity of the pronoun's kind before
	** it (a person for he/she, an organization for they) */
	if (IS(c, sp->s, "i") || IS(c, sp->s, "we"))
		return;
	int want = IS(c, sp->s, "they") ? NG_ENT_ORG : NG_ENT_PER;
	for (int32_t k = sp->s - 1; c->ent && k >= 0 && c->sent[sp->s] - c->sent[k] <= ANTECEDENT_SENTS;
	     k--) {
		int32_t e = c->ent[k];
		if (e < 0 || c->d->entities[e].type != want || c->inq[k] >= 0)
			continue;
		int32_t a = k;
		while (a > 0 && c->ent[a - 1] == e)
			a--;
		sp->entity = e;
		sp->rs = a;
		sp->re = k;
		return;
	}
	/* no person near either: a noun phrase subject with its determiner in
	** the two sentences before, agreeing in number ("A reporter for the
	** agency called it chaos. "We saw ...," he said.") */
	int plural = IS(c, sp->s, "they");
	for (int32_t b = 1; b <= 2 && c->sent[sp->s] - b >= 0; b++) {
		int32_t last = (int32_t)c->d->sentence_tok[c->sent[sp->s] - b + 1] - 1;
		subj x;
		if (!ngq_sentence_subject(c, last, &x) || x.kind != SUBJ_NOUN || !has_wc(c, x.s, NG_WC_DET) ||
		    c->inq[x.s] >= 0)
			continue;
		const char *h = c->x + c->t[x.e].start;
		int l = tlen(c, x.e);
		int pl = l > 2 && h[l - 1] == 's' && h[l - 2] != 's';
		if (pl != plural || IS(c, x.s, "some") || IS(c, x.s, "many") || IS(c, x.s, "all"))
			continue;
		sp->rs = x.s;
		sp->re = x.e;
		return;
	}
}
