/*
** reported.c -- reported speech from the cue verbs no direct quote took:
** "X said (that) ...", "..., X said.", "..., said X.", "according to X, ...",
** ", saying ...", and where a content ends (a second attribution, a
** relative clause with its own cue, the sentence end).
*/

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stage/quotes/finder.h"

/* ---- pass 3: reported speech */

/* Is [a, u) a share of people standing as a subject ("three-fourths",
** "nearly three in five", "55 percent of all voters", "about 4 in 10",
** "half")? A number or count word among its first three tokens, then
** only words, numbers and "%". Poll sentences give each share its own
** attribution ("..., while 4 in 10 want ..."). */
int ngq_count_subject(const qctx *c, int32_t a, int32_t u)
{
	if (u - a > 8 || u <= a || is_cap(c, a))
		return 0;
	for (int32_t k = a; k < u; k++)
		if (!(is_word(c, k) || is_ch(c, k, '%')))
			return 0;
	/* the phrase opens with the count, after modifiers ("more than") */
	int32_t k = a;
	while (k < u - 1 && k < a + 2 && c->t[k].kind != NG_TOK_NUMBER && is_any(c, k, c->w->list[WL_COUNT_MODS]))
		k++;
	return (c->t[k].kind == NG_TOK_NUMBER || is_any(c, k, c->w->list[WL_COUNT_WORDS])) &&
	       !IS(c, u - 1, "percentage") && !IS(c, u, "points") && !IS(c, u, "point");
}

/* "... Republicans who say the law is a money pit": a relative clause
** whose verb is a finite cue attributes for the phrase before "who"
** (PolNeAR marks it), so the content around it ends before "who". */
static int who_clause(const qctx *c, int32_t j, int32_t ce)
{
	int32_t u = j + 1;
	/* after a comma ("Graham, who has publicly vowed ..."): auxiliaries
	** and -ly adverbs too, and any cue */
	int comma = is_ch(c, j - 1, ',');
	while (u < ce && (has_wc(c, u, NG_WC_SKIP_ADV) ||
			  (comma && u < j + 4 && (has_wc(c, u, NG_WC_AUX) || ngq_ly_adverb(c, u)))))
		u++;
	if (u >= ce || c->cue[u] < 0 || cue_frame(c, u) == NG_CUE_QUOTE)
		return 0;
	int fo = cue_form(c, u);
	if (comma && (fo == NG_FORM_PAST || fo == NG_FORM_S || (fo == NG_FORM_ING && u > j + 1)) &&
	    ngq_cue_ok(c, u) && !has_marks(c, u, ce))
		return 1;
	return (fo == NG_FORM_PAST || fo == NG_FORM_S || fo == NG_FORM_BASE) && ngq_cue_ok(c, u) &&
	       c->lem[u] && !strcmp(c->lem[u], "say") && !has_marks(c, u, ce);
}

/* Does an attribution of its own open after the boundary at j, inside the
** content [.., ce] of another ("..., while male troops backed Trump", "...,
** they say he ...", "... and he foreshadowed ...", "... on Twitter before
** claiming that ...")? PolNeAR's contents do not overlap: that clause is a
** record of its own and the content before it ends at j. The boundary is a
** comma, semicolon, parenthesis or dash, or a word of NG_WC_BREAK /
** NG_WC_SUBORD; then a subject and a finite cue verb, or a participle cue
** after a subordinator. */
static int own_clause(const qctx *c, int32_t j, int32_t ce)
{
	int32_t a = j + 1;
	if (c->inq[j] >= 0)
		return 0; /* inside a quotation: the speaker's own words */
	if (c->t[j].kind == NG_TOK_PUNCT) {
		if (!is_ch(c, j, ',') && !is_ch(c, j, ';') && !is_ch(c, j, '(') && !is_dash(c, j))
			return 0;
		if (has_wc(c, a, NG_WC_BREAK | NG_WC_SUBORD))
			a++;
		/* "..., which he believes will ...", "..., which the probe said
		** were ...": a relative pronoun that is the object of a cue with a
		** subject of its own; not before quoted words (the record after
		** it would be a direct one, which PolNeAR marks less often) */
		else if (is_ch(c, j, ',') && IS(c, a, "which") && !has_marks(c, a, ce))
			a++;
	} else if (!has_wc(c, j, NG_WC_BREAK | NG_WC_SUBORD)) {
		return 0;
	}
	if (a > ce)
		return 0;
	if (has_wc(c, a - 1, NG_WC_SUBORD)) {
		int32_t u = a;
		while (u < ce && has_wc(c, u, NG_WC_SKIP_ADV))
			u++;
		if (c->cue[u] >= 0 && cue_form(c, u) == NG_FORM_ING &&
		    cue_frame(c, u) != NG_CUE_QUOTE && u < ce)
			return 1;
	}
	int32_t u = a;
	int pct = 0; /* "%" only in a share ("..., and 42% say") */
	int paren = 0; /* "Gov. Mary Fallin (R-OK) said" */
	while (u <= ce && u < a + 8 + paren && c->cue[u] < 0 &&
	       (is_word(c, u) || c->t[u].kind == NG_TOK_CLITIC || is_ch(c, u, '%'))) {
		pct |= is_ch(c, u, '%');
		u++;
		if (is_ch(c, u, '(') && !paren && u > a && is_cap(c, u - 1)) {
			int32_t r = u + 1;
			while (r < ce && r < u + 8 && !is_ch(c, r, ')') && c->cue[r] < 0)
				r++;
			if (r >= ce || !is_ch(c, r, ')'))
				break;
			paren = r + 1 - u;
			u = r + 1;
		}
	}
	if (u > ce - 1 || u == a || c->cue[u] < 0 || cue_frame(c, u) == NG_CUE_QUOTE)
		return 0;
	int fo = cue_form(c, u);
	/* "..., and Clinton is promising to ...": a progressive after "be" */
	if (fo == NG_FORM_ING && u - 1 > a && is_be(c, u - 1) && !IS(c, u - 1, "being") &&
	    !IS(c, u - 1, "been") && !IS(c, u - 1, "be") && ngq_cue_ok(c, u)) {
		subj x;
		if (ngq_np_right(c, a, u - 2, &x) && x.s == a && x.e == u - 2 &&
		    (x.kind == SUBJ_NAME || x.kind == SUBJ_PRON || x.kind == SUBJ_NOUN))
			return 1;
		return 0;
	}
	if (!(fo == NG_FORM_PAST || fo == NG_FORM_S || fo == NG_FORM_BASE) || !ngq_cue_ok(c, u))
		return 0;
	/* a share opens the clause; not before quoted words: its record would
	** be a direct one, which PolNeAR leaves inside the poll's content */
	if (ngq_count_subject(c, a, u) && !has_marks(c, u, ce))
		return 1;
	if (pct || (fo == NG_FORM_BASE && !ngq_base_subject_ok(c, u)))
		return 0;
	subj x;
	/* the subject opens the clause, after its determiner ("the Huffington Post") */
	return ngq_subject_left(c, u, a, &x) && (x.s == a || (x.s == a + 1 && has_wc(c, a, NG_WC_DET))) &&
	       x.kind != SUBJ_REL;
}

/* Does a participle cue stand just before the content at k ("calling them
** rapists and vowing to ...")? */
static int ing_before(const qctx *c, int32_t k)
{
	for (int32_t u = k - 1; u >= 0 && u >= k - 3; u--)
		if (c->cue[u] >= 0 && cue_form(c, u) == NG_FORM_ING)
			return 1;
	return 0;
}

/* The end of the content [k, ce] before a second, coordinated attribution
** ("called her "weak" and said she had ..."): the token before "and"/"but"
** when a finite cue verb follows it. The loop stops only at punctuation,
** quotation marks and words of NG_WC_BREAK, _SUBORD and _COORD: a rule for
** another word needs its word in one of those classes (coord_words[]). */
int32_t ngq_coord_end(const qctx *c, int32_t k, int32_t ce)
{
	/* a content opening with a subordinate clause ("that although X
	** confessed, he ...") goes on after its first comma */
	int sub_open = has_wc(c, k, NG_WC_BREAK | NG_WC_SUBORD | NG_WC_OPENER);
	const uint32_t stops = NG_WC_BREAK | NG_WC_SUBORD | NG_WC_COORD;
	for (int32_t j = k + 1; j < ce; j++) {
		/* only punctuation, quotation marks and the words of these classes
		** matter below: the others are passed over at once */
		while (c->t[j].kind != NG_TOK_PUNCT && c->t[j].kind != NG_TOK_QUOTE &&
		       !(c->wc[j] & stops) && ++j < ce)
			;
		if (j >= ce)
			break;
		/* a clause with its own subject and cue */
		if (sub_open && is_ch(c, j, ','))
			sub_open = 0;
		else if (j >= k + 3 && (c->t[j].kind == NG_TOK_PUNCT ||
				   has_wc(c, j, NG_WC_BREAK | NG_WC_SUBORD)) &&
		    own_clause(c, j, ce)) {
			int32_t e = j - 1;
			while (e > k && (is_ch(c, e, ',') || is_ch(c, e, ';')))
				e--;
			return e;
		}
		/* only commas, quotation marks and the words of NG_WC_COORD matter */
		if (c->t[j].end - c->t[j].start > 4 ||
		    (c->t[j].kind != NG_TOK_PUNCT && c->t[j].kind != NG_TOK_QUOTE &&
		     !(c->wc[j] & NG_WC_COORD)))
			continue;
		if (j >= k + 3 && IS(c, j, "who") && c->inq[j] < 0 && who_clause(c, j, ce)) {
			int32_t e = j - 1;
			while (e > k && (is_ch(c, e, ',') || is_dash(c, e)))
				e--;
			return e;
		}
		/* ", calling it ...": a participle with its own content (also after
		** a comma inside a closing mark: "... “the donor,” telling ...") */
		if (is_ch(c, j, ',') && cue_form(c, j + 1) == NG_FORM_ING &&
		    (j - 1 > k || is_cap(c, k))) /* or a name: "endorsed Ruiz, calling her ..." */
			return j - 1;
		if (is_quote_mark(c, j) && is_ch(c, j - 1, ',') && cue_form(c, j + 1) == NG_FORM_ING &&
		    j - 2 > k)
			return j;
		/* "..., Ryan saying ...", "... and Trump calling it ...", "..., with
		** Gorka noting ...": a participle with its own subject */
		if ((IS(c, j, "and") || IS(c, j, "with") || is_ch(c, j, ',')) && j > k &&
		    j + 2 < c->n && is_cap(c, j + 1) &&
		    (cue_form(c, j + 2) == NG_FORM_ING ||
		     (j + 3 < c->n && cue_form(c, j + 3) == NG_FORM_ING) ||
		     (j + 4 < c->n && cue_form(c, j + 4) == NG_FORM_ING))) {
			subj x;
			if (ngq_np_right(c, j + 1, ce, &x) && x.kind == SUBJ_NAME && x.e + 1 < ce &&
			    cue_form(c, x.e + 1) == NG_FORM_ING)
				return is_ch(c, j - 1, ',') ? j - 2 : j - 1;
		}
		/* "Asked if he believed ..., Carson said that ...": the main
		** clause after a comma has an attribution of its own */
		if (is_ch(c, j, ',') && j > k + 1 && (is_cap(c, j + 1) || is_subj_pronoun(c, j + 1))) {
			subj x;
			if (ngq_np_right(c, j + 1, ce, &x) && (x.kind == SUBJ_NAME || x.kind == SUBJ_PRON) &&
			    x.e + 1 < ce && !is_ch(c, x.e + 2, ',') &&
			    (cue_form(c, x.e + 1) == NG_FORM_PAST || cue_form(c, x.e + 1) == NG_FORM_S) &&
			    ngq_cue_ok(c, x.e + 1))
				return j - 1;
		}
		/* "X, who ... Y, said he ...": the main verb after a relative
		** clause or an apposition has a content of its own */
		if (is_ch(c, j, ',') && j > k + 1) {
			int fo = cue_form(c, j + 1);
			if ((fo == NG_FORM_PAST || fo == NG_FORM_S) && ngq_cue_ok(c, j + 1) && j + 2 < ce &&
			    c->lem[j + 1] && lemma_in(c->lem[j + 1], c->w->list[WL_SAY_VERBS]) &&
			    (IS(c, j + 2, "that") || is_subj_pronoun(c, j + 2)))
				return j - 1;
		}
		if (!IS(c, j, "and") && !IS(c, j, "but"))
			continue;
		int32_t v = j + 1;
		while (v < ce && has_wc(c, v, NG_WC_SKIP_ADV))
			v++;
		int fo = cue_form(c, v);
		/* "said he was not certain ... but planned to follow it": a
		** belief, intention or stance verb goes on the first content */
		int cl = cue_class(c, v);
		if (cl == NG_CLS_BELIEF || cl == NG_CLS_INTENTION || cl == NG_CLS_STANCE)
			continue;
		/* a participle after a participle's content: "calling them rapists
		** and vowing to ..." */
		if ((fo == NG_FORM_PAST || fo == NG_FORM_S || (fo == NG_FORM_ING && ing_before(c, k))) &&
		    ngq_cue_ok(c, v)) {
			int32_t e = j - 1;
			if (is_ch(c, e, ','))
				e--;
			return e;
		}
	}
	return ce;
}

/* Can the words right after a cue verb be an adverbial ("said Tuesday",
** "said in a statement", "told reporters") rather than its content ("said it
** "humanizes" her")? A clause opens with a subject pronoun, a determiner,
** "that" or a quotation mark. */
int ngq_adverbial(const qctx *c, int32_t k)
{
	if (IS(c, k, "that") || IS(c, k, "there") || is_quote_mark(c, k))
		return 0;
	if (is_subj_pronoun(c, k) || (has_wc(c, k, NG_WC_DET) && !has_wc(c, k, NG_WC_INTRO)))
		return 0;
	/* a preposition or time word opens an adverbial; other words a clause
	** ("John said none were added") */
	if (has_wc(c, k, NG_WC_INTRO | NG_WC_PREP) || k >= c->n || !is_word(c, k))
		return 1;
	if (is_any(c, k, c->w->list[WL_DAYS]))
		return 1;
	return 0;
}

/* The subject of a participle in an absolute construction: a name or
** pronoun right before it, after "and", "with" or a comma ("Ryan saying
** ... and Trump calling it ...", "with Gorka noting ..."). */
static int absolute_subject(const qctx *c, int32_t v, int32_t s0, subj *sp)
{
	if (!ngq_np_left(c, v - 1, s0, sp) || sp->kind != SUBJ_NAME || sp->e != v - 1)
		return 0;
	int32_t b = sp->s - 1;
	return b >= s0 && (IS(c, b, "and") || IS(c, b, "with") || is_ch(c, b, ',') || is_dash(c, b));
}

/* The second of two coordinated participles: "and" before the cue at v and
** a participle cue earlier in its sentence ("..., calling them rapists and
** vowing to make Mexico pay"). */
static int and_ing(const qctx *c, int32_t v, int32_t s0)
{
	if (!IS(c, v - 1, "and"))
		return 0;
	for (int32_t u = v - 2; u >= s0; u--)
		if (c->cue[u] >= 0 && cue_form(c, u) == NG_FORM_ING && ngq_cue_ok(c, u))
			return 1;
	return 0;
}

/* ", speaking to the paper on Monday, Trump said ...": a participle
** whose phrase ends with a comma before a subject and its finite cue opens
** the clause of that cue; it has no content of its own. */
static int intro_participle(const qctx *c, int32_t v, int32_t s1)
{
	for (int32_t j = v + 1; j < s1; j++) {
		if (is_quote_mark(c, j) || c->cue[j] >= 0)
			return 0;
		if (!is_ch(c, j, ','))
			continue;
		subj x;
		if (!ngq_np_right(c, j + 1, s1, &x))
			return 0;
		int32_t w = x.e + 1;
		while (w <= s1 && has_wc(c, w, NG_WC_SKIP_ADV))
			w++;
		int fo = cue_form(c, w);
		return (fo == NG_FORM_PAST || fo == NG_FORM_S) && ngq_cue_ok(c, w);
	}
	return 0;
}

/* Is token k a particle that joins the cue before it ("talked about",
** "warned of", "called for", "voted against")? "about" and "of" after any
** cue; "for", "to", "on", "against" after cues whose object is the content
** (frames object and prep), not before an addressee ("spoke to reporters"). */
int ngq_cue_particle(const qctx *c, int32_t k, int fr)
{
	if (!is_word(c, k + 1) || has_wc(c, k + 1, NG_WC_OBJ))
		return 0;
	/* "about"; "of" not after an -s form ("states of", "reports of" are nouns) */
	if (IS(c, k, "about") || (IS(c, k, "of") && cue_form(c, k - 1) != NG_FORM_S))
		return 1;
	if (!(fr == NG_CUE_OBJECT || fr == NG_CUE_PREP) ||
	    !(IS(c, k, "for") || IS(c, k, "to") || IS(c, k, "on") || IS(c, k, "against")))
		return 0;
	/* a time phrase is no object: "talked for an hour", "spoke on Tuesday" */
	int32_t j = k + 1;
	while (j < c->n && j < k + 4 &&
	       (has_wc(c, j, NG_WC_DET) || c->t[j].kind == NG_TOK_NUMBER || IS(c, j, "more") ||
		IS(c, j, "than") || IS(c, j, "nearly") || IS(c, j, "about")))
		j++;
	return !has_wc(c, j, NG_WC_TIME) && !IS(c, j, "hour") && !IS(c, j, "hours") &&
	       !IS(c, j, "minutes") && !IS(c, j, "decades") && !IS(c, j, "while");
}

/* "to" and a verb at k ("appears to have a lead"): an infinitive, no
** adverbial phrase ("to reporters") */
static int infinitive_at(const qctx *c, int32_t k)
{
	return IS(c, k, "to") && is_word(c, k + 1) && !is_cap(c, k + 1) &&
	       !has_wc(c, k + 1, NG_WC_DET | NG_WC_PRON_SUBJ | NG_WC_OBJ) &&
	       c->t[k + 1].kind != NG_TOK_NUMBER;
}

/* A base or -s form that ends a noun phrase is a noun: "held a conference
** call with ...", "10 percentage points", "Editor's note:" (the verb passes
** take the phrase for the subject and the cue for its verb). */
static int noun_compound(const qctx *c, int32_t v, const subj *sp)
{
	int fo = cue_form(c, v);
	if (fo != NG_FORM_BASE && fo != NG_FORM_S)
		return 0;
	int32_t p = v - 1;
	if (p < 0)
		return 0;
	/* "Editor's note:" is a label */
	if (c->t[p].kind == NG_TOK_CLITIC && IS(c, p - 1, "editor"))
		return 1;
	if (IS(c, p, "percentage"))
		return 1;
	/* "held a phone call with": a singular noun phrase with "a"/"the" right
	** before a base form; not after a preposition ("people close to the
	** talks say": the phrase is not the subject, whoever speaks) */
	return fo == NG_FORM_BASE && sp->kind == SUBJ_NOUN && sp->e == p && sp->s < p &&
	       (IS(c, sp->s, "a") || IS(c, sp->s, "an") || IS(c, sp->s, "the")) &&
	       !(sp->s > 0 && has_wc(c, sp->s - 1, NG_WC_PREP)) && !ngq_base_subject_ok(c, v);
}

/* "..., donors said." / "..., people close to Clinton say.": a short
** phrase of plain words between the content's comma and a cue that ends its
** sentence speaks, though it is no noun phrase ngq_np_left() knows (a bare
** plural, a noun with a complement). Only when nothing but the final
** punctuation follows the cue. */
static int bare_trailing_subject(const qctx *c, int32_t v, int32_t s0, int32_t s1, subj *sp)
{
	int32_t after = cue_last(c, v) + 1;
	if (after <= s1 && (content_end(c, after, s1) > after || is_word(c, after)))
		return 0;
	int32_t b = v - 1;
	while (b > s0 && v - b <= 5 && is_word(c, b) &&
	       c->cue[b] < 0 &&
	       !is_subj_pronoun(c, b) && !has_wc(c, b, NG_WC_AUX | NG_WC_PASSIVE) &&
	       !IS(c, b, "that") && !IS(c, b, "who") && !IS(c, b, "which"))
		b--;
	if (!comma_before(c, b) || b <= s0 + 1 || b >= v - 1 || is_cap(c, b + 1))
		return 0;
	memset(sp, 0, sizeof(*sp));
	sp->entity = -1;
	sp->kind = SUBJ_NOUN;
	sp->s = b + 1;
	sp->e = v - 1;
	return 1;
}

/* "..., she said in a video message to the convention.", "..., Smith told
** The Huffington Post on Sunday.": are the words [k, rest] after a cue that
** ends the content before it only whom, where or when it was said? Only
** for verbs of saying whose content is never a prepositional phrase (other
** cues take one: "pointed to X", "asked for X", "urged X to ..."). After
** "tell" an addressee, then an adverbial of at most 12 tokens without a
** clause in it: no cue, auxiliary, subject pronoun, quotation mark, comma or
** clause word. */
static int said_where(const qctx *c, int32_t v, int32_t k, int32_t rest)
{
	const char *lemma = c->lem[v];
	if (!lemma)
		return 0;
	int tell = cue_frame(c, v) == NG_CUE_TELL;
	if (tell) {
		subj obj;
		if (strcmp(lemma, "tell") || k > rest)
			return 0;
		if (has_wc(c, k, NG_WC_OBJ))
			k++;
		else if (ngq_np_right(c, k, rest, &obj) && obj.kind != SUBJ_PRON)
			k = obj.e + 1;
		else
			return 0;
	}
	if (k <= rest) {
		if (!ngq_adverbial(c, k) || infinitive_at(c, k) || rest - k > 12)
			return 0;
		for (int32_t j = k; j <= rest; j++) {
			if (is_possessive_mark(c, j))
				continue;
			if ((c->t[j].kind == NG_TOK_PUNCT && !is_ch(c, j, '.')) ||
			    is_quote_mark(c, j) || (c->cue[j] >= 0 && ngq_cue_ok(c, j)) ||
			    has_wc(c, j, NG_WC_AUX | NG_WC_PASSIVE | NG_WC_PRON_SUBJ | NG_WC_BREAK))
				return 0;
			if (tlen(c, j) <= 7 && is_any(c, j, c->w->list[WL_CLAUSE_WORDS]))
				return 0;
		}
	}
	return tell || lemma_in(lemma, c->w->list[WL_SAY_VERBS]);
}

/* "according to X": "According to X, ..." (content after, lead) or "...,
** according to X." (content before); tail as for ngq_reported(). */
static void according_to(qctx *c, int32_t v, int32_t s0, int32_t s1, int tail)
{
	if (c->inq[v] >= 0)
		return;
	subj sp;
	memset(&sp, 0, sizeof(sp));
	if (!ngq_np_right(c, v + 2, s1, &sp)) {
		int32_t e = v + 2;
		while (e + 1 <= s1 && e + 1 - v < NP_MAX && is_word(c, e + 1))
			e++;
		if (!is_word(c, v + 2))
			return;
		sp.kind = SUBJ_NOUN;
		sp.s = v + 2;
		sp.e = e;
	}
	int32_t cs, ce;
	int lead = v == s0 || (v == s0 + 1 && is_quote_mark(c, s0));
	if (lead == tail)
		return;
	if (lead) {
		int32_t k = sp.e + 1;
		while (k <= s1 && !is_ch(c, k, ','))
			k++;
		cs = k + 1;
		ce = content_end(c, cs, s1);
	} else {
		cs = s0;
		ce = v - 1;
		if (is_ch(c, ce, ','))
			ce--;
		/* "..., according to X, ..." inside: the rest too */
		int32_t k = sp.e + 1;
		if (is_ch(c, k, ',') && k < s1 - 1)
			ce = content_end(c, k, s1);
	}
	if (ce < cs || !is_free(c, cs, ce))
		return;
	ngq_resolve(c, &sp, -1, -1);
	ngq_emit(c, cs, ce, has_marks(c, cs, ce) ? NG_QUOTE_MIXED : NG_QUOTE_INDIRECT, v, v + 1,
		 "according to", &sp);
	for (int32_t k = sp.s; k <= sp.e; k++)
		c->used[k] = 1;
}

/* A cue verb's record as ngq_reported() builds it. */
typedef struct rcue {
	int32_t ci;        /* the cue's index among the candidates */
	int32_t v, s0, s1; /* the cue, the first and last token of its sentence */
	int fr, fo;        /* its frame and form */
	int tail;          /* the pass (see ngq_reported()) */
	int memo;          /* the first pass found its subject and no content before it */
	int32_t after;     /* the token after the cue */
	subj sp;           /* the subject that speaks */
	int have_subj;
	int32_t cs, ce;    /* the content */
	int found;         /* 0: no content, 1: after the cue, 2: before it */
	int32_t cue_e;     /* the cue's last token when a particle follows it, or -1 */
	int kind;          /* NG_QUOTE_INDIRECT or NG_QUOTE_MIXED */
} rcue;

/* The subject of a finite cue: the memo of the first pass, the phrase left
** of the verb, the subject of a first verb coordinated with it, a bare
** phrase after the content's comma; none when a name right after ", said"
** speaks (the inverted order, content_inverted()). */
static void cue_subject(const qctx *c, rcue *r)
{
	int32_t v = r->v, s0 = r->s0, s1 = r->s1;
	if (r->memo) {
		r->sp = c->subj_of[r->ci];
		r->have_subj = 1;
	} else if (r->fo != NG_FORM_ING) {
		r->have_subj = ngq_subject_left(c, v, s0, &r->sp);
	}
	if (!r->have_subj && r->fo != NG_FORM_ING) {
		/* "X caucused in Nevada and says he voted ...": the first verb's subject */
		int32_t p = ngq_skip_left_adv(c, v - 1, s0);
		if ((IS(c, p, "and") || IS(c, p, "but")) && ngq_sentence_subject(c, p, &r->sp) &&
		    r->sp.kind != SUBJ_REL && r->sp.e < p)
			r->have_subj = 1;
	}
	if (r->tail && r->fo != NG_FORM_ING && (!r->have_subj || !comma_before(c, r->sp.s - 1))) {
		/* no subject, or one inside a longer phrase after the comma:
		** "..., people close to the owner say." */
		subj bare;
		if (bare_trailing_subject(c, v, s0, s1, &bare) &&
		    (!r->have_subj || bare.s < r->sp.s)) {
			r->sp = bare;
			r->have_subj = 1;
		}
	}
	/* "..., said Ms. Gil, with ...": a name right after ", said" and then a
	** comma, "who" or the end is the speaker, whatever ngq_subject_left()
	** found before the comma ("X, a lawyer, said" keeps X) */
	subj inv;
	if (r->have_subj && !r->memo && r->fo != NG_FORM_ING && comma_before(c, v - 1) &&
	    r->sp.e < v - 1 && !(r->sp.kind == SUBJ_NAME && is_ch(c, r->sp.e + 1, ',')) &&
	    c->lem[v] && lemma_in(c->lem[v], c->w->list[WL_SAY_VERBS]) &&
	    ngq_np_right(c, v + 1, s1, &inv) && inv.kind == SUBJ_NAME &&
	    (is_ch(c, inv.e + 1, ',') || IS(c, inv.e + 1, "who") ||
	     content_end(c, inv.e + 1, s1) <= inv.e + 3))
		r->have_subj = 0;
}

/* "..., X said." -- the content before the subject's comma, when only an
** adverbial, a participle or nothing follows the cue. */
static void content_before(const qctx *c, rcue *r)
{
	int32_t v = r->v, s0 = r->s0, after = r->after;
	int32_t b = r->sp.s - 1;
	if (r->memo || !comma_before(c, b) || b <= s0)
		return;
	int32_t rest = content_end(c, after, r->s1);
	int at_end = rest < after ||
		     (rest - after <= 5 && ngq_adverbial(c, after) && !infinitive_at(c, after)) ||
		     (rest - after <= 16 && said_where(c, v, after, rest));
	if (!at_end && is_ch(c, after, ',') &&
	    (cue_form(c, after + 1) == NG_FORM_ING || IS(c, after + 1, "and") ||
	     is_quote_mark(c, after + 1)))
		at_end = 1;
	/* "..., X said in June 2012, citing ...": a short adverbial and a
	** participle after the verb */
	for (int32_t j = after + 1; !at_end && ngq_adverbial(c, after) && j <= rest &&
				    j - after <= 8 && ngq_clause_free(c, after, j);
	     j++)
		if (is_ch(c, j, ',') && (cue_form(c, j + 1) == NG_FORM_ING || is_quote_mark(c, j + 1)))
			at_end = 1;
	/* "Instead, X talked about Y": one word before the comma is an
	** introductory adverb, no content */
	int before = 0;
	for (int32_t j = s0; j < b && before < 2; j++)
		before += is_word(c, j);
	if (at_end && before >= 2) {
		r->cs = s0;
		r->ce = is_quote_mark(c, b) ? b : b - 1;
		r->found = 2;
	}
}

/* "X said (that) ...", "X told reporters that ...", "X talked about Y":
** the content after the cue. 0 when the cue takes none ("talked for an
** hour"). */
static int content_after(const qctx *c, rcue *r)
{
	int fr = r->fr;
	int32_t k = r->after;
	if (fr == NG_CUE_TELL) {
		subj obj;
		int32_t j = k;
		if (IS(c, j, "that"))
			j++;
		else if (ngq_np_right(c, j, r->s1, &obj) || has_wc(c, j, NG_WC_OBJ)) {
			j = obj.kind != SUBJ_NONE && is_word(c, j) && !has_wc(c, j, NG_WC_OBJ) ? obj.e + 1
												 : j + 1;
			if (IS(c, j, "that"))
				j++;
		}
		k = j;
	} else if (IS(c, k, "that") || is_ch(c, k, ',') || is_ch(c, k, ':')) {
		k++;
	} else if (ngq_cue_particle(c, k, fr)) {
		/* "talked about X", "called for X": the particle is part of the
		** cue, its object the content */
		r->cue_e = k++;
	}
	if (fr == NG_CUE_PREP && r->cue_e < 0)
		return 0;
	if (IS(c, k, "that"))
		k++;
	r->ce = ngq_coord_end(c, k, content_end(c, k, r->s1));
	if (r->ce - k >= 1 || (r->ce == k && is_cap(c, k) &&
			       (fr == NG_CUE_OBJECT || fr == NG_CUE_PREP || r->cue_e >= 0))) {
		r->cs = k;
		r->found = 1;
	}
	return 1;
}

/* "..., said X." -- a finite cue after the content's comma, its subject
** after it. */
static void content_inverted(const qctx *c, rcue *r)
{
	int32_t v = r->v;
	subj inv;
	if (r->fo == NG_FORM_ING || !comma_before(c, v - 1) || v - 1 <= r->s0 ||
	    !ngq_np_right(c, v + 1, r->s1, &inv))
		return;
	int32_t rest = content_end(c, inv.e + 1, r->s1);
	/* "..., 33%, say they feel that way": a pronoun and a verb after the
	** cue are its clause, not an inverted speaker */
	if ((rest <= inv.e + 3 || is_ch(c, inv.e + 1, ',') || IS(c, inv.e + 1, "who")) &&
	    !(inv.kind == SUBJ_PRON && is_word(c, inv.e + 1))) {
		r->sp = inv;
		r->cs = r->s0;
		r->ce = is_quote_mark(c, v - 1) ? v - 1 : v - 2;
		r->found = 2;
	}
}

/* ", saying (that) ..." -- a participle after a comma, a document noun or a
** first participle: the content after it, the speaker of the attribution
** just before it or the subject of the main clause. 0 when the cue is no
** such participle. */
static int content_participle(const qctx *c, rcue *r)
{
	int32_t v = r->v, s0 = r->s0;
	if (r->tail || r->fo != NG_FORM_ING ||
	    !(comma_before(c, v - 1) || document_noun(c, v - 1) || and_ing(c, v, s0)) ||
	    intro_participle(c, v, r->s1))
		return 0;
	int32_t k = r->after;
	if (IS(c, k, "that"))
		k++;
	else if (ngq_cue_particle(c, k, r->fr))
		r->cue_e = k++; /* ", referring to X" */
	r->ce = ngq_coord_end(c, k, content_end(c, k, r->s1));
	if (r->ce - k < (r->cue_e >= 0 ? 1 : 2))
		return 1;
	r->cs = k;
	r->found = 1;
	subj *sp = &r->sp;
	int got = 0;
	/* the speaker of an attribution just before: "X said, adding ..." */
	for (int32_t o = c->n_out - 1; o >= 0 && !got; o--)
		if (c->out[o].cue_s >= s0 && c->out[o].cue_s < v && c->out[o].sp.kind != SUBJ_NONE) {
			*sp = c->out[o].sp;
			got = 1;
		}
	if (!got)
		got = ngq_sentence_subject(c, v, sp) && (sp->kind == SUBJ_NAME || sp->kind == SUBJ_PRON);
	for (int32_t u = v - 1; u >= s0 && !got; u--)
		if (c->cue[u] >= 0 && cue_form(c, u) != NG_FORM_ING && ngq_subject_left(c, u, s0, sp))
			got = 1;
	if (!got && !ngq_sentence_subject(c, v, sp))
		sp->kind = SUBJ_NONE;
	return 1;
}

/* "..., with Gorka noting ...", "and Trump calling it ...": a participle
** with a subject of its own. */
static void content_absolute(const qctx *c, rcue *r)
{
	if (r->found || r->tail || r->fo != NG_FORM_ING ||
	    !absolute_subject(c, r->v, r->s0, &r->sp))
		return;
	int32_t k = r->after;
	if (IS(c, k, "that"))
		k++;
	r->ce = ngq_coord_end(c, k, content_end(c, k, r->s1));
	if (r->ce - k >= 1) {
		r->cs = k;
		r->found = 1;
	}
}

/* The content without a leading punctuation mark and, when it runs into
** a record (a direct quote), only its free part before that; 0 when
** little is left. */
static int trim_content(const qctx *c, rcue *r)
{
	while (r->cs < r->ce && (c->t[r->cs].kind == NG_TOK_PUNCT && !is_ch(c, r->cs, '(')))
		r->cs++;
	if (is_free(c, r->cs, r->ce))
		return 1;
	int32_t k = r->cs;
	while (k <= r->ce && !c->used[k])
		k++;
	r->ce = k - 1;
	while (r->ce > r->cs && (is_ch(c, r->ce, ',') || c->t[r->ce].kind == NG_TOK_PUNCT))
		r->ce--;
	return r->ce - r->cs >= 2;
}

/* ---- the records reported() drops: each rule says why */

/* "its expansionist plans": a present-tense cue after a common noun phrase
** with a possessive is more often a noun itself */
static int possessive_noun(const qctx *c, const rcue *r)
{
	const subj *sp = &r->sp;
	return sp->kind == SUBJ_NOUN && (r->fo == NG_FORM_BASE || r->fo == NG_FORM_S) &&
	       !has_wc(c, sp->e, NG_WC_NOUN_SUBJ) &&
	       (IS(c, sp->s, "its") || IS(c, sp->s, "his") || IS(c, sp->s, "her") ||
		IS(c, sp->s, "their") || IS(c, sp->s, "our") || IS(c, sp->s, "my"));
}

/* "a new program called ...": a past participle after an indefinite noun
** phrase that does not speak modifies it */
static int participle_modifier(const qctx *c, const rcue *r)
{
	const subj *sp = &r->sp;
	return sp->kind == SUBJ_NOUN && r->fr == NG_CUE_OBJECT && r->fo == NG_FORM_PAST &&
	       (IS(c, sp->s, "a") || IS(c, sp->s, "an")) && !has_wc(c, sp->e, NG_WC_NOUN_SUBJ);
}

/* a content of one word: only a name that is the cue's object ("endorsed
** Cruz", "talked about CNN") */
static int one_word(const qctx *c, const rcue *r)
{
	int words = 0;
	for (int32_t k = r->cs; k <= r->ce && words < 2; k++)
		words += is_word(c, k);
	return words < 2 &&
	       !(words == 1 && is_cap(c, r->cs) && r->found == 1 &&
		 (r->fr == NG_CUE_OBJECT || r->fr == NG_CUE_PREP || r->cue_e >= 0));
}

/* "In a message posted Friday, X said ...": a participle inside an
** introductory prepositional phrase modifies its noun */
static int intro_phrase_participle(const qctx *c, const rcue *r)
{
	return r->fo == NG_FORM_PAST && (r->sp.kind == SUBJ_NOUN || r->sp.kind == SUBJ_NAME) &&
	       r->sp.s - 1 == r->s0 && has_wc(c, r->s0, NG_WC_PREP) &&
	       another_comma(c, r->v, r->s1);
}

/* "Despite the media attacks, Carson said": an -s form ending an
** introductory phrase is a plural noun */
static int intro_phrase_plural(const qctx *c, const rcue *r)
{
	return r->fo == NG_FORM_S && (r->sp.kind == SUBJ_NOUN || r->sp.kind == SUBJ_NAME) &&
	       r->sp.s - 1 == r->s0 && has_wc(c, r->s0, NG_WC_PREP | NG_WC_INTRO) &&
	       is_ch(c, r->v + 1, ',');
}

/* quoted words are kept to the stricter test of direct quotes: a base form
** after a singular noun is a noun ("the TV show "X"") */
static int quoted_after_noun(const qctx *c, const rcue *r)
{
	return r->kind == NG_QUOTE_MIXED && r->fo == NG_FORM_BASE &&
	       !ngq_base_subject_ok(c, r->v);
}

/* "held a conference call with ...": the cue ends a noun phrase */
static int in_noun_compound(const qctx *c, const rcue *r)
{
	return noun_compound(c, r->v, &r->sp);
}

static const struct {
	const char *name;
	int (*drop)(const qctx *c, const rcue *r);
} reported_drops[] = {
	{"its expansionist plans", possessive_noun},
	{"a new program called", participle_modifier},
	{"a content of one word", one_word},
	{"In a message posted Friday,", intro_phrase_participle},
	{"Despite the media attacks,", intro_phrase_plural},
	{"the TV show \"X\"", quoted_after_noun},
	{"held a conference call", in_noun_compound},
};

/* The record of the cue verb at candidate ci, in the pass tail. */
static void cue_record(qctx *c, int32_t ci, int tail)
{
	rcue r;
	memset(&r, 0, sizeof(r));
	r.ci = ci;
	r.v = c->cands[ci];
	r.s0 = sent_first(c, r.v);
	r.s1 = sent_last(c, r.v);
	r.fr = cue_frame(c, r.v);
	r.fo = cue_form(c, r.v);
	r.tail = tail;
	/* the second pass: a finite cue without a subject (or with a content
	** before it) has no content after it */
	r.memo = !tail && c->has_subj[ci];
	if (!tail && r.fo != NG_FORM_ING && !r.memo)
		return;
	if (r.fr == NG_CUE_QUOTE || !ngq_cue_ok(c, r.v))
		return;
	r.cs = r.ce = -1;
	r.cue_e = -1;
	r.after = cue_last(c, r.v) + 1;
	cue_subject(c, &r);
	if (r.have_subj && r.fo != NG_FORM_ING) {
		content_before(c, &r);
		if (!r.found && tail) {
			c->has_subj[ci] = 1;
			c->subj_of[ci] = r.sp;
		}
		/* the content after the cue: not in the first pass */
		if (!r.found && !tail && !content_after(c, &r))
			return;
	} else if (r.fo != NG_FORM_ING) {
		content_inverted(c, &r);
	} else {
		content_participle(c, &r);
	}
	content_absolute(c, &r);
	if (r.found && (r.found == 2) != tail)
		return;
	if (!r.found || r.cs < r.s0 || r.ce < r.cs || !trim_content(c, &r))
		return;
	r.kind = has_marks(c, r.cs, r.ce) ? NG_QUOTE_MIXED : NG_QUOTE_INDIRECT;
	for (size_t i = 0; i < sizeof reported_drops / sizeof reported_drops[0]; i++)
		if (reported_drops[i].drop(c, &r))
			return;
	subj *sp = &r.sp;
	ngq_resolve(c, sp, -1, -1);
	ngq_emit(c, r.cs, r.ce, r.kind, r.v, r.cue_e >= 0 ? r.cue_e : cue_last(c, r.v), c->lem[r.v],
		 sp->kind != SUBJ_NONE ? sp : NULL);
	if (sp->kind != SUBJ_NONE)
		for (int32_t k = sp->s; k <= sp->e; k++)
			c->used[k] = 1;
	if (sp->kind == SUBJ_NAME && ngq_has_person_tag(c, sp->s, sp->e))
		ngq_note_name(c, sp->s, sp->e);
}

/* tail = 1: only attributions whose content comes first ("..., X said.");
** tail = 0: only those whose content follows ("X said ..."). The first pass
** runs first so that "..., X said" claims its sentence before any verb in
** its content; it skips the tests that can only find a content after the
** cue (found == 1), which it would drop. What the first pass learns of a
** finite cue spares the second one work: its subject, and whether there is
** a content after it at all (only when it has a subject and no content
** before it). That holds because the subject and content-before tests
** read neither c->used nor c->out, which the first pass changes. An -ing
** cue finds its subject in the participle tests, after its content. */
void ngq_reported(qctx *c, int tail)
{
	for (int32_t ci = 0; ci < c->n_cands; ci++) {
		int32_t v = c->cands[ci];
		if (c->used[v])
			continue;
		/* a cue, or "according to" ("according" is no cue word) */
		if (c->cue[v] < 0) {
			if (has_wc(c, v, NG_WC_ACCORDING) && IS(c, v + 1, "to"))
				according_to(c, v, sent_first(c, v), sent_last(c, v), tail);
			continue;
		}
		if (c->inq[v] < 0)
			cue_record(c, ci, tail);
	}
}
