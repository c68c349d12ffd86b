/*
** phrases.c -- noun phrases and subjects for the quotes finder: the phrase
** ending at a token (np_left) or starting at one (np_right), the subject of a
** sentence and of a cue verb (with appositives, datelines, introductory
** phrases), and whether a cue word is a verb where it stands (cue_ok).
*/

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stage/quotes/finder.h"

/* ---- noun phrases and subjects */

static int floating_quantifier(const qctx *c, int32_t k);

static int is_name_part(const qctx *c, int32_t i)
{
	if (is_cap(c, i))
		return 1;
	if (c->t[i].kind == NG_TOK_CLITIC)
		return 0;
	return has_wc(c, i, NG_WC_JOINER) || is_ch(c, i, '-');
}

/* Looks for the noun phrase ending at token k (going left, not before lo).
** Fills *sp and returns 1 when found. */
/* "which" after a comma ("the union, which endorsed ..."), right before the
** verb: a relative pronoun subject, as "who" is ("that" is not: "stories
** that appeared in ..." made more wrong records than right) */
static int rel_pronoun(const qctx *c, int32_t k, int32_t lo)
{
	if (k <= lo)
		return 0;
	return IS(c, k, "which") && is_ch(c, k - 1, ',');
}

/* "that social scientists say", "because economists believe": plain
** lowercase words [s, k] ending in a plural, after "that" or a word that
** opens a clause (not "and": "teachers and parents"), stand as a subject
** without a determiner */
static int bare_plural(const qctx *c, int32_t s, int32_t k, int32_t lo)
{
	int l = tlen(c, k);
	const char *p = c->x + c->t[k].start;
	if (s <= lo || k - s > 2 || l < 4 || p[l - 1] != 's' || p[l - 2] == 's' || p[l - 2] == 'u' ||
	    p[l - 2] == 'i' || p[l - 2] == '\'' || is_cap(c, k))
		return 0;
	if (!IS(c, s - 1, "that") &&
	    !(has_wc(c, s - 1, NG_WC_BREAK | NG_WC_OPENER) && !IS(c, s - 1, "and")))
		return 0;
	for (int32_t j = s; j <= k; j++)
		if (c->t[j].kind != NG_TOK_WORD || is_cap(c, j) || c->cue[j] >= 0 ||
		    (c->wc[j] & ~(uint32_t)(NG_WC_ADJ | NG_WC_NOUN_SUBJ | WC_LOOKUP_ONLY)))
			return 0;
	return 1;
}

int ngq_np_left(const qctx *c, int32_t k, int32_t lo, subj *sp)
{
	memset(sp, 0, sizeof(*sp));
	sp->entity = -1;
	if (k < lo || k < 0)
		return 0;
	if (is_subj_pronoun(c, k) && !(IS(c, k, "it") && k > lo && IS(c, k - 1, "that"))) {
		sp->kind = SUBJ_PRON;
		sp->s = sp->e = k;
		return 1;
	}
	if (IS(c, k, "who") || rel_pronoun(c, k, lo)) {
		sp->kind = SUBJ_REL;
		sp->s = sp->e = k;
		return 1;
	}
	/* "Some chanted", "Another tweeted", "; most said": a quantifier
	** standing for its noun opens the clause */
	if ((plural_quantifier(c, k) || IS(c, k, "another")) && !IS(c, k, "two") &&
	    !IS(c, k, "three") && !IS(c, k, "four") &&
	    (k == lo || (c->t[k].flags & NG_TF_SENT_START) || is_ch(c, k - 1, ';') ||
	     is_ch(c, k - 1, ',') || IS(c, k - 1, "and") || IS(c, k - 1, "but"))) {
		sp->kind = SUBJ_NOUN;
		sp->s = sp->e = k;
		return 1;
	}
	/* "an official said": a speaking noun ends the phrase even where it
	** could modify one ("official statement") */
	if ((has_wc(c, k, NG_WC_NOT_NP_END) && !has_wc(c, k, NG_WC_NOUN_SUBJ)) || !is_word(c, k))
		return 0;
	if (is_cap(c, k)) {
		int32_t s = k;
		while (s - 1 >= lo && k - (s - 1) < NP_MAX && is_name_part(c, s - 1) &&
		       !(is_ch(c, s - 1, '-') && !is_cap(c, s - 2)))
			s--;
		while (s < k && !is_cap(c, s))
			s++;
		/* sentence-initial function words are capitalized too */
		if (s == k && (c->t[s].flags & NG_TF_SENT_START) &&
		    (has_wc(c, s, NG_WC_INTRO) || has_wc(c, s, NG_WC_DET)))
			return 0;
		if (s < k && (c->t[s].flags & NG_TF_SENT_START) &&
		    (has_wc(c, s, NG_WC_INTRO) || has_wc(c, s, NG_WC_DET)))
			s++;
		/* "Trump's campaign": keep the possessor */
		sp->kind = SUBJ_NAME;
		sp->s = s;
		sp->e = k;
		return 1;
	}
	/* a lowercase noun phrase: back to its determiner */
	int32_t s = k;
	int steps = 0;
	while (s - 1 >= lo && steps < NP_MAX - 1) {
		int32_t p = s - 1;
		if (has_wc(c, p, NG_WC_DET)) {
			s = p;
			break;
		}
		if (c->t[p].kind == NG_TOK_CLITIC) { /* Trump's spokesman */
			s = p;
			steps++;
			continue;
		}
		if (!is_word(c, p) || (has_wc(c, p, NG_WC_NOT_NP_END) && !has_wc(c, p, NG_WC_ADJ)) ||
		    (c->cue[p] >= 0 && ngq_cue_ok(c, p)))
			break;
		s = p;
		steps++;
	}
	/* "the former mayor and longtime harbor master": two coordinated
	** phrases of one subject, the first with its determiner */
	if (s - 2 >= lo && IS(c, s - 1, "and") && !has_wc(c, s, NG_WC_DET) && !is_cap(c, s)) {
		subj first;
		if (ngq_np_left(c, s - 2, lo, &first) && first.kind == SUBJ_NOUN &&
		    has_wc(c, first.s, NG_WC_DET))
			s = first.s;
	}
	/* a bare lowercase word is a subject only when it is a known noun, or
	** a plural opening a clause */
	int bare = bare_plural(c, s, k, lo);
	if (s == k && !has_wc(c, k, NG_WC_NOUN_SUBJ) && !bare)
		return 0;
	/* "47 percent said": a number opens the phrase as a determiner */
	if (!has_wc(c, s, NG_WC_DET) && !is_cap(c, s) && c->t[s].kind != NG_TOK_CLITIC &&
	    !has_wc(c, k, NG_WC_NOUN_SUBJ) && !(c->t[s].kind == NG_TOK_NUMBER && s < k) && !bare)
		return 0;
	sp->kind = SUBJ_NOUN;
	sp->s = s;
	sp->e = k;
	return 1;
}

/* A verb or participle after a noun: an -ing or -ed word followed by a
** preposition, a determiner, a pronoun or "that" ("a source speaking to
** the paper", "the mayor issued a statement"). */
static int participle(const qctx *c, int32_t i)
{
	int l = tlen(c, i);
	const char *p = c->x + c->t[i].start;
	if (l <= 4 || !(!memcmp(p + l - 3, "ing", 3) || !memcmp(p + l - 2, "ed", 2)))
		return 0;
	return has_wc(c, i + 1, NG_WC_PREP | NG_WC_DET | NG_WC_PRON_SUBJ) || IS(c, i + 1, "that");
}

/* The noun phrase starting at token k (after an inverted cue: said X). */
int ngq_np_right(const qctx *c, int32_t k, int32_t hi, subj *sp)
{
	memset(sp, 0, sizeof(*sp));
	sp->entity = -1;
	if (k > hi || k >= c->n)
		return 0;
	if (is_subj_pronoun(c, k)) {
		sp->kind = SUBJ_PRON;
		sp->s = sp->e = k;
		return 1;
	}
	if (is_cap(c, k) && !has_wc(c, k, NG_WC_DET)) {
		int32_t e = k;
		while (e + 1 <= hi && e + 1 - k < NP_MAX && (is_name_part(c, e + 1) ||
							       c->t[e + 1].kind == NG_TOK_CLITIC))
			e++;
		while (e > k && !is_cap(c, e) && c->t[e].kind != NG_TOK_CLITIC)
			e--;
		if (c->t[e].kind == NG_TOK_CLITIC) { /* Trump's spokeswoman Hope Hicks */
			int32_t e2 = e;
			while (e2 + 1 <= hi && e2 + 1 - k < NP_MAX && is_word(c, e2 + 1) &&
			       !has_wc(c, e2 + 1, NG_WC_NOT_NP_END) && c->cue[e2 + 1] < 0 &&
			       !is_aux(c, e2 + 1) && !participle(c, e2 + 1))
				e2++;
			e = e2 > e ? e2 : e - 1;
		} else {
			/* "Republican presidential nominee Donald Trump": lowercase
			** title words between capitalized runs */
			int32_t j = e + 1;
			while (j <= hi && j - k < NP_MAX && c->t[j].kind == NG_TOK_WORD && !is_cap(c, j) &&
			       !(c->wc[j] & ~(uint32_t)(NG_WC_NOUN_SUBJ | NG_WC_ADJ |
							WC_LOOKUP_ONLY)) &&
			       (c->cue[j] < 0 || cue_form(c, j) == NG_FORM_BASE) && !participle(c, j))
				j++;
			if (j > e + 1 && j <= hi && j - k < NP_MAX && is_cap(c, j) &&
			    !has_wc(c, j, NG_WC_DET | NG_WC_PRON_SUBJ)) {
				e = j;
				while (e + 1 <= hi && e + 1 - k < NP_MAX && is_cap(c, e + 1))
					e++;
			}
		}
		sp->kind = SUBJ_NAME;
		sp->s = k;
		sp->e = e;
		return 1;
	}
	if (is_word(c, k) && !is_cap(c, k) && !has_wc(c, k, NG_WC_DET | NG_WC_NOT_NP_END) &&
	    c->cue[k] < 0) {
		/* lowercase modifiers before a name: "former Vermont governor Howard Dean" */
		int32_t e = k;
		while (e + 1 <= hi && e + 1 - k < NP_MAX && is_word(c, e + 1) &&
		       !has_wc(c, e + 1, NG_WC_NOT_NP_END) && c->cue[e + 1] < 0)
			e++;
		while (e > k && !is_cap(c, e))
			e--;
		if (e > k) {
			sp->kind = SUBJ_NAME;
			sp->s = k;
			sp->e = e;
			return 1;
		}
	}
	if (has_wc(c, k, NG_WC_DET)) {
		int32_t e = k;
		/* "the evening's host": a possessive inside the phrase */
		while (e + 1 <= hi && e + 1 - k < NP_MAX &&
		       ((is_word(c, e + 1) &&
			 (!has_wc(c, e + 1, NG_WC_NOT_NP_END) || has_wc(c, e + 1, NG_WC_ADJ)) &&
			 !is_aux(c, e + 1) && !participle(c, e + 1) &&
			 (c->cue[e + 1] < 0 || (e == k && !ngq_cue_ok(c, e + 1)))) ||
			(c->t[e + 1].kind == NG_TOK_CLITIC && e > k && is_word(c, e + 2))))
			e++;
		/* a partitive: "one of those advisers", "some of the protesters" */
		if (e + 2 <= hi && IS(c, e + 1, "of") && has_wc(c, e + 2, NG_WC_DET)) {
			subj rest;
			if (ngq_np_right(c, e + 2, hi, &rest) && rest.e > e + 2) {
				e = rest.e;
				if (rest.kind == SUBJ_NAME) {
					sp->kind = SUBJ_NOUN;
					sp->s = k;
					sp->e = e;
					return 1;
				}
			}
		}
		if (e == k)
			return 0;
		sp->kind = SUBJ_NOUN;
		sp->s = k;
		sp->e = e;
		return 1;
	}
	return 0;
}

/* A dateline opening the sentence ("WASHINGTON —", "PARIS, July 25 (AFP) -"):
** the token after its dash, or k when there is none. */
static int32_t skip_dateline(const qctx *c, int32_t k, int32_t s1)
{
	if (!(c->t[k].flags & NG_TF_ALL_UPPER) || tlen(c, k) < 3)
		return k;
	for (int32_t j = k + 1; j <= s1 && j - k < 12; j++)
		if (is_dash(c, j))
			return j + 1;
	return k;
}

/* Does token k open an introductory phrase that is not a subject: a time
** phrase ("Sunday morning, ..."), an -ing participle ("Addressing the
** crowd, ..."), a sentence adverb ("Likewise, ...")? A comma must follow
** before i. */
static int intro_opener(const qctx *c, int32_t k, int32_t i)
{
	if (c->t[k].kind != NG_TOK_WORD)
		return 0;
	/* "Immediately after the attacks, ...": a sentence adverb in -ly */
	if (tlen(c, k) > 6 && c->x[c->t[k].end - 2] == 'l' && c->x[c->t[k].end - 1] == 'y' &&
	    k + 1 < i && c->t[k + 1].kind == NG_TOK_WORD && !is_cap(c, k + 1) &&
	    c->cue[k + 1] < 0)
		return another_comma(c, k, i);
	if (has_wc(c, k, NG_WC_TIME | NG_WC_SKIP_ADV)) {
		int32_t j = k;
		while (j < i && (has_wc(c, j, NG_WC_TIME | NG_WC_TIME_MOD | NG_WC_SKIP_ADV) ||
				 c->t[j].kind == NG_TOK_NUMBER))
			j++;
		return is_ch(c, j, ',');
	}
	/* "Addressing the crowd": a capitalized -ing word before a lowercase
	** word or a determiner (not a name such as "Browning Smith") */
	int l = tlen(c, k);
	const char *p = c->x + c->t[k].start;
	return l > 5 && !memcmp(p + l - 3, "ing", 3) && k + 1 < i && is_word(c, k + 1) &&
	       !is_cap(c, k + 1) && another_comma(c, k, i);
}

/* The subject of the sentence holding token i: the first noun phrase,
** after a dateline and an introductory phrase ending with a comma. An
** introductory phrase may hold commas itself ("Speaking in Salem, New
** Hampshire, Trump said"): the subject is the first noun phrase after one
** of its commas that a comma does not follow. */
/* After the comma at k: an appositive without a cue or a quotation mark
** and a comma, then a lowercase word that is no function word (the verb)? */
static int name_then_verb(const qctx *c, int32_t k, int32_t i)
{
	for (int32_t j = k + 1; j < i && j < k + 16; j++) {
		if (is_quote_mark(c, j) || c->cue[j] >= 0 || sent_final(c, j))
			return 0;
		if (is_ch(c, j, ','))
			return j + 1 < i && c->t[j + 1].kind == NG_TOK_WORD && !is_cap(c, j + 1) &&
			       !(c->wc[j + 1] & ~(uint32_t)WC_LOOKUP_ONLY) && c->cue[j + 1] < 0 && j > k + 1;
	}
	return 0;
}

int ngq_sentence_subject(const qctx *c, int32_t i, subj *sp)
{
	int32_t s0 = sent_first(c, i), s1 = sent_last(c, i);
	int32_t k = s0;
	/* a sentence opening with a quotation: the subject follows it */
	if (c->inq[k] >= 0 && c->spans[c->inq[k]].closed)
		k = c->spans[c->inq[k]].c + 1;
	while (k <= s1 && (is_quote_mark(c, k) || c->t[k].kind == NG_TOK_PUNCT))
		k++;
	/* an interview turn's tag is no subject: "((WN))  Do you think ..." */
	if (c->turn_s && k <= s1 && c->turn_s[c->para[k]] == k) {
		k = c->turn_e[c->para[k]] + 1;
		while (k <= s1 && c->t[k].kind == NG_TOK_PUNCT)
			k++;
	}
	if (k > s1)
		return 0;
	k = skip_dateline(c, k, s1);
	if (k > s1 || k >= i)
		return 0;
	if (has_wc(c, k, NG_WC_INTRO) || cue_form(c, k) == NG_FORM_ING || intro_opener(c, k, i)) {
		for (;;) {
			while (k <= s1 && k < i && !is_ch(c, k, ','))
				k++;
			k++;
			if (k > s1 || k >= i)
				return 0;
			if (ngq_np_right(c, k, i - 1, sp) && sp->e + 1 < i && is_ch(c, sp->e + 1, ',')) {
				/* "On Thursday, Hatice Cengiz, fiancée of X, addressed
				** reporters": a name of two words, an appositive and a
				** lowercase verb after its comma is the subject */
				if (sp->kind == SUBJ_NAME && sp->e > sp->s && name_then_verb(c, sp->e + 1, i))
					break;
				continue; /* a place or a date inside the phrase */
			}
			/* a lowercase word after a comma inside the phrase ("In a
			** wide-ranging, in-prison interview ..., Lazar said") */
			if (!ngq_np_right(c, k, i - 1, sp) && !is_cap(c, k) &&
			    !has_wc(c, k, NG_WC_NOUN_SUBJ | NG_WC_DET) && another_comma(c, k, i))
				continue;
			break;
		}
	}
	if (k > s1 || k >= i)
		return 0;
	if (!ngq_np_right(c, k, i - 1, sp))
		return 0;
	/* the whole capitalized run: "Iranian Parliament Speaker Mohammad Baqer Qalibaf" */
	return 1;
}

/* A lowercase adverb in -ly ("loudly", "forcefully"), not one of the
** nouns and adjectives with that ending. */
int ngq_ly_adverb(const qctx *c, int32_t k)
{
	int l = tlen(c, k);
	const char *p = c->x + c->t[k].start;
	if (l < 6 || c->t[k].kind != NG_TOK_WORD || is_cap(c, k) || p[l - 2] != 'l' || p[l - 1] != 'y')
		return 0;
	if (is_any(c, k, c->w->list[WL_NOT_ADVERBS]))
		return 0;
	return 1;
}

/* Skips a time phrase ending at token k ("on Tuesday", "later Thursday",
** "two weeks ago"); returns the token before it, or k when there is none. */
static int32_t skip_left_time(const qctx *c, int32_t k, int32_t lo)
{
	int32_t j = k;
	int any = 0;
	while (j >= lo) {
		if (has_wc(c, j, NG_WC_TIME)) {
			any = 1;
			j--;
		} else if (any && (has_wc(c, j, NG_WC_TIME_MOD) || c->t[j].kind == NG_TOK_NUMBER)) {
			j--;
		} else {
			break;
		}
	}
	/* the phrase must leave a word before it ("Tuesday's vote" is a subject) */
	return any && j >= lo && is_word(c, j) ? j : k;
}

/* Skips adverbs, auxiliaries and time phrases left of token k; returns the
** new k. */
int32_t ngq_skip_left_adv(const qctx *c, int32_t k, int32_t lo)
{
	for (;;) {
		while (k >= lo && (has_wc(c, k, NG_WC_SKIP_ADV) || c->t[k].kind == NG_TOK_CLITIC ||
				   ngq_ly_adverb(c, k)) &&
		       !(c->t[k].kind == NG_TOK_CLITIC && !has_wc(c, k, NG_WC_SKIP_ADV)))
			k--;
		int32_t j = k >= lo ? skip_left_time(c, k, lo) : k;
		if (j == k)
			return k;
		k = j;
	}
}

/* Is [a, b] a name standing in apposition ("Claudia Lofty-Eaton", "the
** Islamic State of Iraq and the Levant", "the Syrian Democratic Forces
** (SDF)")? Capitalized words, joiners and hyphens, after an optional "the",
** before an optional parenthesis; fills *ap with the name. */
static int appositive_name(const qctx *c, int32_t a, int32_t b, subj *ap)
{
	if (a > b || b - a > 12)
		return 0;
	if (IS(c, a, "the"))
		a++;
	if (is_ch(c, b, ')')) {
		while (b > a && !is_ch(c, b, '('))
			b--;
		b--;
	}
	if (a > b || !is_cap(c, a) || !is_cap(c, b) || has_wc(c, a, NG_WC_DET | NG_WC_PRON_SUBJ))
		return 0;
	for (int32_t k = a; k <= b; k++)
		if (!(is_cap(c, k) || has_wc(c, k, NG_WC_JOINER) || IS(c, k, "and") ||
		      IS(c, k, "the") || is_ch(c, k, '-')) ||
		    c->cue[k] >= 0)
			return 0;
	/* a person (two words at least, or tagged), or an organization after "the" */
	if (b == a && !IS(c, a - 1, "the") && c->d->ner_tags && !ngq_has_person_tag(c, a, b))
		return 0;
	memset(ap, 0, sizeof(*ap));
	ap->entity = -1;
	ap->kind = SUBJ_NAME;
	ap->s = a;
	ap->e = b;
	return 1;
}

/* The subject sp before an appositive [a, b] ("A Walvis Bay businesswoman,
** Claudia Lofty-Eaton, says", "Daily Xtra's editorial director, Rachel
** Giese, said"): when sp ends in a common noun and the appositive is a
** name, the name speaks. */
static void appositive_speaker(const qctx *c, subj *sp, int32_t a, int32_t b)
{
	subj ap;
	if ((sp->kind == SUBJ_NOUN || sp->kind == SUBJ_NAME) && c->t[sp->e].kind == NG_TOK_WORD &&
	    (!is_cap(c, sp->e) || has_wc(c, sp->e, NG_WC_TITLE)) &&
	    appositive_name(c, a, b, &ap))
		*sp = ap;
}

/* The subject of the cue verb at v, looking left (not before lo). Handles
** appositives and "for his part" between commas. */
int ngq_subject_left(const qctx *c, int32_t v, int32_t lo, subj *sp)
{
	int32_t k = ngq_skip_left_adv(c, v - 1, lo);
	/* "X, for his part congratulated ...": the phrase without its second
	** comma (with both, it is an appositive, below) */
	if (k - 3 >= lo && IS(c, k, "part") && IS(c, k - 2, "for") &&
	    (IS(c, k - 1, "his") || IS(c, k - 1, "her") || IS(c, k - 1, "their") ||
	     IS(c, k - 1, "its"))) {
		k -= 3;
		if (is_ch(c, k, ','))
			k--;
		return k >= lo && ngq_np_left(c, k, lo, sp) && sp->kind != SUBJ_REL;
	}
	/* "X and Y have both argued", "they all said": a quantifier floating
	** after the subject or its auxiliary */
	if (k - 1 >= lo && floating_quantifier(c, k))
		k = ngq_skip_left_adv(c, k - 1, lo);
	/* "X went on to say" */
	if (k - 2 >= lo && IS(c, k, "to") && IS(c, k - 1, "on"))
		k = ngq_skip_left_adv(c, k - 3, lo);
	/* "a report released last year found": a participle after the noun */
	if (k - 1 >= lo && k < v - 1 && ngq_past_verb(c, k) && is_word(c, k - 1) && !is_cap(c, k - 1))
		k--;
	if (k < lo)
		return 0;
	/* "Gov. John Kasich (R-OH), said" */
	if (is_ch(c, k, ',') && is_ch(c, k - 1, ')') && k - 1 > lo)
		k--;
	if (is_ch(c, k, ',') || is_ch(c, k, ')')) {
		/* X, a spokesman for Y, said / X (D-Vt.) said / X, for his part, said */
		char open = is_ch(c, k, ',') ? ',' : '(';
		subj pp; /* the first phrase passed over for a preposition before it */
		memset(&pp, 0, sizeof(pp));
		int32_t p;
		/* up to 48 tokens: "X, whose education at ... was paid for by
		** the military because he ..., said" */
		for (p = k - 1; p >= lo && k - p < 48; p--) {
			if (is_ch(c, p, open)) {
				/* "Sen. X (D-Ill.), noting ..., said" */
				int32_t b = p - 1;
				if (open == ',' && is_ch(c, b, ')'))
					for (int32_t j = b - 1; j > lo && b - j < 8; j--)
						if (is_ch(c, j, '(')) {
							b = j - 1;
							break;
						}
				int got = ngq_np_left(c, b, lo, sp) && sp->kind != SUBJ_REL;
				/* a place or an age inside the appositive: "X, during a
				** meeting in Columbus, Ohio, said", "X, 22, of Flint, Mich.,
				** said": the name before an earlier comma speaks */
				if (open == ',' && p - 1 > lo &&
				    (got ? sp->s > lo && has_wc(c, sp->s - 1, NG_WC_PREP)
					 : c->t[p - 1].kind == NG_TOK_NUMBER ||
						   is_ch(c, p - 1, '.'))) {
					if (got && pp.kind == SUBJ_NONE)
						pp = *sp;
					continue;
				}
				if (got) {
					if (open == ',')
						appositive_speaker(c, sp, p + 1, k - 1);
					return 1;
				}
				break;
			}
			if (is_possessive_mark(c, p))
				continue;
			if (is_quote_mark(c, p) || (sent_final(c, p) && open != '(' && !abbrev_period(c, p)))
				break;
		}
		/* no comma before the phrase that follows "of": it completes the
		** sentence's subject ("One of his aides, X, said", "Supporters of
		** the plan, however, say"; other prepositions follow verbs too:
		** "The mayor met officials in Columbus, Ohio, said ...") */
		if (p < lo && pp.kind != SUBJ_NONE && IS(c, pp.s - 1, "of")) {
			subj ss;
			if (ngq_sentence_subject(c, pp.e + 1, &ss) && ss.s < pp.s && ss.e >= pp.s - 2 &&
			    ss.e <= pp.e) {
				ss.e = pp.e;
				*sp = ss;
				return 1;
			}
		}
		return 0;
	}
	if (ngq_np_left(c, k, lo, sp)) {
		/* "... in a phone call with X underlined": X is in a prepositional
		** phrase, the sentence's subject speaks */
		int32_t b = sp->s - 1;
		/* "A reporter for the agency called": the phrase after "for" is
		** a complement of the subject */
		if (sp->kind == SUBJ_NOUN && b > lo && (IS(c, b, "for") || IS(c, b, "of") ||
							IS(c, b, "at") || IS(c, b, "with"))) {
			subj ss;
			if (ngq_sentence_subject(c, sp->s, &ss) && ss.e == b - 1 &&
			    (ss.kind == SUBJ_NAME || (ss.kind == SUBJ_NOUN && has_wc(c, ss.s, NG_WC_DET)))) {
				ss.e = sp->e;
				*sp = ss;
				return 1;
			}
		}
		/* "Trump in his announcement speech called": a prepositional
		** phrase with a possessive between a name and its verb */
		if (sp->kind == SUBJ_NOUN && b - 1 >= lo && has_wc(c, b, NG_WC_PREP) &&
		    (IS(c, sp->s, "his") || IS(c, sp->s, "her") || IS(c, sp->s, "their") ||
		     IS(c, sp->s, "its"))) {
			subj o;
			if (ngq_np_left(c, b - 1, lo, &o) && o.kind == SUBJ_NAME) {
				*sp = o;
				return 1;
			}
		}
		/* "after CNBC's Becky Quick said": a possessor that opens the
		** clause belongs to the subject (not after a preposition) */
		if (sp->kind == SUBJ_NAME && b > lo && c->t[b].kind == NG_TOK_CLITIC) {
			subj o;
			if (ngq_np_left(c, b - 1, lo, &o) && o.kind == SUBJ_NAME && o.s > lo &&
			    !has_wc(c, o.s - 1, NG_WC_PREP) && !is_cap(c, o.s - 1)) {
				sp->s = o.s;
				return 1;
			}
		}
		/* "Nigeria's President Bola Tinubu said": a title and a name after
		** the possessor speak, not the country (the title goes in
		** speaker_span()) */
		if (sp->kind == SUBJ_NAME && b > lo && c->t[b].kind == NG_TOK_CLITIC &&
		    sp->e - sp->s >= 1 && has_wc(c, sp->s, NG_WC_TITLE) &&
		    is_cap(c, sp->e - 1))
			return 1;
		/* "Chris Wright, the Chief Technology Officer of Red Hat said": the
		** name before the title's comma */
		if (sp->kind == SUBJ_NAME && b - 2 >= lo && has_wc(c, b, NG_WC_DET) &&
		    is_ch(c, b - 1, ',') && has_wc(c, sp->s, NG_WC_TITLE)) {
			subj o;
			if (ngq_np_left(c, b - 2, lo, &o) && o.kind == SUBJ_NAME && o.e > o.s &&
			    (o.s == lo || is_ch(c, o.s - 1, ',')) &&
			    (!c->d->ner_tags || ngq_has_person_tag(c, o.s, o.e))) {
				*sp = o;
				return 1;
			}
		}
		if (sp->kind == SUBJ_NAME && b >= lo &&
		    (has_wc(c, b, NG_WC_PREP) || c->t[b].kind == NG_TOK_CLITIC ||
		     (IS(c, b, "s") && is_quote_mark(c, b - 1)))) {
			subj ss;
			if (ngq_sentence_subject(c, sp->s, &ss) && ss.e < b &&
			    (ss.kind == SUBJ_NAME || (ss.kind == SUBJ_NOUN && has_wc(c, ss.s, NG_WC_DET)))) {
				*sp = ss;
				return 1;
			}
		}
		return 1;
	}
	return 0;
}

/* Can a base form at v be a verb after the word before it? Not after a
** singular noun or name ("the reality TV show", "a Trump show"): only after
** an auxiliary, a plural ("polls show"), I/you/we/they, a relative or a
** conjunction, or where no subject precedes (", say analysts"). */
int ngq_base_subject_ok(const qctx *c, int32_t v)
{
	int32_t q = v - 1;
	for (;;) {
		/* adverbs ("overwhelmingly", "also") and time phrases ("Tuesday") */
		while (q >= 0 && ((has_wc(c, q, NG_WC_SKIP_ADV) && !has_wc(c, q, NG_WC_AUX)) ||
				  (tlen(c, q) > 4 && c->t[q].kind == NG_TOK_WORD &&
				   c->x[c->t[q].end - 2] == 'l' && c->x[c->t[q].end - 1] == 'y')))
			q--;
		int32_t j = q >= 1 ? skip_left_time(c, q, 0) : q;
		if (j == q)
			break;
		q = j;
	}
	if (q < 0 || !is_word(c, q) || (c->t[v].flags & NG_TF_SENT_START))
		return 1;
	if (has_wc(c, q, NG_WC_DET) || IS(c, q, "third") || IS(c, q, "half") ||
	    IS(c, q, "majority") || IS(c, q, "minority") || IS(c, q, "others"))
		return 1; /* "many say", "a third say" */
	if (has_wc(c, q, NG_WC_AUX) || IS(c, q, "to") || IS(c, q, "who") || IS(c, q, "that") ||
	    IS(c, q, "and") || IS(c, q, "or") || IS(c, q, "not") || IS(c, q, "n't"))
		return 1;
	if (is_subj_pronoun(c, q))
		return !(IS(c, q, "he") || IS(c, q, "she") || IS(c, q, "it"));
	char last = c->x[c->t[q].end - 1];
	return last == 's' || last == 'S' || has_wc(c, q, NG_WC_PRON_SUBJ) ||
	       IS(c, q, "people") || IS(c, q, "police") || IS(c, q, "men") || IS(c, q, "women") ||
	       IS(c, q, "children") || IS(c, q, "you");
}

/* "both", "all" or "each" after a subject or its auxiliary ("X and Y have
** both argued", "they each said"), not opening a noun phrase ("and both
** have said") nor ending an idiom ("started it all") */
static int floating_quantifier(const qctx *c, int32_t k)
{
	return (IS(c, k, "both") || IS(c, k, "all") || IS(c, k, "each")) && is_word(c, k - 1) &&
	       !has_wc(c, k - 1, NG_WC_DET | NG_WC_PREP | NG_WC_NOT_NP_END) && c->cue[k - 1] < 0 &&
	       !IS(c, k - 1, "it") && !(c->t[k].flags & NG_TF_SENT_START);
}

int ngq_cue_ok(const qctx *c, int32_t v)
{
	if (c->cue[v] < 0)
		return 0;
	int form = cue_form(c, v);
	int32_t p = v - 1;
	while (p >= 0 && has_wc(c, p, NG_WC_SKIP_ADV) && !IS(c, p, "has") && !IS(c, p, "have") &&
	       !IS(c, p, "had"))
		p--;
	/* "went on to say", "goes on to write": the infinitive is the cue */
	if (p >= 0 && IS(c, p, "to") &&
	    !(IS(c, p - 1, "on") && (IS(c, p - 2, "went") || IS(c, p - 2, "goes") ||
				     IS(c, p - 2, "go") || IS(c, p - 2, "going"))))
		return 0;
	if (form == NG_FORM_PAST && p >= 0 && has_wc(c, p, NG_WC_PASSIVE))
		return 0;
	if ((form == NG_FORM_BASE || form == NG_FORM_S || form == NG_FORM_ING) && p >= 0 &&
	    ((has_wc(c, p, NG_WC_DET) && !(form == NG_FORM_BASE && plural_quantifier(c, p))) ||
	     IS(c, p, "of") || IS(c, p, "in") || IS(c, p, "for")))
		return 0;
	/* "30 states", "two reports": an -s form after a number is a noun */
	if (form == NG_FORM_S && p >= 0 && c->t[p].kind == NG_TOK_NUMBER)
		return 0;
	/* "a written statement": a participle after a determiner is an adjective
	** (not after a floating quantifier: "they have both argued") */
	if (form == NG_FORM_PAST && v > 0 && has_wc(c, v - 1, NG_WC_DET) && is_word(c, v + 1) &&
	    !(v > 1 && floating_quantifier(c, v - 1) && !has_wc(c, v - 2, NG_WC_PASSIVE)))
		return 0;
	return 1;
}

/* cue_ok, and a base form only after a subject it agrees with: the test
** for the cue of a direct quote */
int ngq_direct_cue_ok(const qctx *c, int32_t v)
{
	return ngq_cue_ok(c, v) && (cue_form(c, v) != NG_FORM_BASE || ngq_base_subject_ok(c, v));
}

/* A past-tense verb outside the lexicon: a lowercase word ending in -ed
** ("fumed", "barked", "quipped") or an irregular past that reports speech
** in the attribution pattern ("shot back", "read", "put it"). */
int ngq_past_verb(const qctx *c, int32_t i)
{
	if (!in_doc(c, i) || c->t[i].kind != NG_TOK_WORD || is_cap(c, i) || tlen(c, i) < 4 ||
	    (c->wc[i] & ~(uint32_t)WC_LOOKUP_ONLY) || c->inq[i] >= 0)
		return 0;
	const char *p = c->x + c->t[i].start;
	int l = tlen(c, i);
	if (p[l - 2] == 'e' && p[l - 1] == 'd')
		return 1;
	return IS(c, i, "shot") || IS(c, i, "read") || IS(c, i, "reads") || IS(c, i, "spoke") ||
	       IS(c, i, "went") || IS(c, i, "sang") || IS(c, i, "wrote");
}
