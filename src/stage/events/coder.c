/*
** coder.c -- codes one sentence into events, TABARI style.
**
** The coder needs no parse tree. It works on the sentence's tokens:
**  1. Each word is uppercased and looked up: actor and agent phrases are
**     matched longest first (an actor's last word may be a stem), verbs by
**     their inflected forms (multi-word verbs with their particles).
**  2. English function words (auxiliaries, negations, prepositions,
**     conjunctions, determiners, pronouns) are classed by a fixed list.
**     A dictionary verb right after a determiner or possessive is a noun.
**  3. Noun-phrase units are the runs between verbs, auxiliaries,
**     prepositions, conjunctions and punctuation; a unit's code is its
**     actor's code plus its agents' codes ("Gondor's government" GONGOV);
**     an agent-only unit followed by of/in/from + actor units takes their
**     actors ("lawmakers in Fornost and Gondor"). Units joined by "and",
**     "or", "nor" and commas form compound groups.
**  4. For each verb: the auxiliary chain before it gives negation and the
**     passive voice (be + past form); the verb's patterns are matched
**     against the words before and after it (the most specific match wins,
**     $ and + in a pattern pick the source and target); otherwise the
**     source is the nearest group on the left (a verb conjoined by "and"
**     shares the previous verb's source; a pronoun defers to the actor
**     before it) and the target the first group on the right; in the
**     passive, the group after "by" is the source.
**  5. One event per verb and source/target pair; a code "a:b" also gives the
**     reverse event b. A verb whose target is the source of a later coded
**     verb is a report ("X said Y attacked Z") and yields no event itself.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "stage/events/coder_int.h"
#include "stage/events/dates.h"
#include "stage/events/mood.h"

typedef struct fword {
	const char *w;
	unsigned cls;
} fword;

static const fword func_words[] = {
	{"IS", C_AUX | C_BE}, {"ARE", C_AUX | C_BE}, {"WAS", C_AUX | C_BE}, {"WERE", C_AUX | C_BE},
	{"BE", C_AUX | C_BE}, {"BEEN", C_AUX | C_BE}, {"BEING", C_AUX | C_BE}, {"AM", C_AUX | C_BE},
	{"'S", C_POSS}, {"’S", C_POSS}, {"'", C_POSS}, {"’", C_POSS},
	{"HAS", C_AUX}, {"HAVE", C_AUX}, {"HAD", C_AUX}, {"HAVING", C_AUX},
	{"DO", C_AUX}, {"DOES", C_AUX}, {"DID", C_AUX},
	{"WILL", C_AUX}, {"WOULD", C_AUX}, {"SHALL", C_AUX}, {"SHOULD", C_AUX}, {"CAN", C_AUX},
	{"COULD", C_AUX}, {"MAY", C_AUX}, {"MIGHT", C_AUX}, {"MUST", C_AUX}, {"WO", C_AUX},
	{"CA", C_AUX}, {"GOING", C_AUX}, {"ABOUT", C_AUX | C_PREP}, {"ALSO", C_ADV},
	{"AGAIN", C_ADV}, {"ALWAYS", C_ADV}, {"OFTEN", C_ADV}, {"ONLY", C_ADV}, {"LATER", C_ADV},
	{"YESTERDAY", C_ADV}, {"TODAY", C_ADV}, {"TOMORROW", C_ADV}, {"ALMOST", C_ADV}, {"STILL", C_ADV},
	{"ALREADY", C_ADV}, {"JUST", C_ADV}, {"EVEN", C_ADV},
	{"EVER", C_ADV}, {"NOW", C_ADV}, {"THEN", C_ADV}, {"SOON", C_ADV}, {"RECENTLY", C_ADV},
	{"NOT", C_NEG}, {"N'T", C_NEG}, {"N’T", C_NEG}, {"NEVER", C_NEG}, {"NO", C_DET},
	{"THE", C_DET}, {"A", C_DET}, {"AN", C_DET}, {"ITS", C_DET}, {"THEIR", C_DET},
	{"HIS", C_DET}, {"HER", C_DET | C_PRON}, {"OUR", C_DET}, {"MY", C_DET}, {"YOUR", C_DET},
	{"THIS", C_DET}, {"THESE", C_DET}, {"THOSE", C_DET}, {"ANY", C_DET}, {"SOME", C_DET},
	{"EACH", C_DET}, {"EVERY", C_DET}, {"ALL", C_DET}, {"BOTH", C_DET}, {"NEW", C_DET},
	{"AND", C_CONJ}, {"OR", C_CONJ}, {"NOR", C_CONJ}, {"NEITHER", C_DET}, {"EITHER", C_DET},
	{"BUT", C_CONJ},
	{"OF", C_PREP | C_ATTACH}, {"IN", C_PREP | C_ATTACH}, {"FROM", C_PREP | C_ATTACH},
	{"WITH", C_PREP}, {"TO", C_PREP | C_TO}, {"AT", C_PREP}, {"ON", C_PREP}, {"FOR", C_PREP},
	{"BY", C_PREP | C_BY}, {"AGAINST", C_PREP}, {"OVER", C_PREP}, {"INTO", C_PREP},
	{"BETWEEN", C_PREP}, {"AMONG", C_PREP}, {"TOWARD", C_PREP}, {"TOWARDS", C_PREP},
	{"NEAR", C_PREP}, {"AFTER", C_PREP}, {"BEFORE", C_PREP}, {"DURING", C_PREP},
	{"SINCE", C_PREP}, {"UNTIL", C_PREP}, {"UNDER", C_PREP}, {"THROUGH", C_PREP},
	{"WITHIN", C_PREP}, {"WITHOUT", C_PREP}, {"ACROSS", C_PREP}, {"UPON", C_PREP},
	{"VIA", C_PREP}, {"AS", C_PREP}, {"WHEN", C_PREP}, {"WHILE", C_PREP},
	{"BECAUSE", C_PREP}, {"ALTHOUGH", C_PREP}, {"IF", C_PREP}, {"WHERE", C_PREP},
	{"THAT", C_REL}, {"WHICH", C_REL}, {"WHO", C_REL}, {"WHOM", C_REL}, {"WHOSE", C_REL},
	{"WHETHER", C_REL},
	{"SAID", C_SAY}, {"SAYS", C_SAY}, {"SAY", C_SAY}, {"TOLD", C_SAY}, {"REPORTED", C_SAY},
	{"ADDED", C_SAY}, {"STATED", C_SAY}, {"ANNOUNCED", C_SAY},
	{"HE", C_PRON}, {"SHE", C_PRON}, {"IT", C_PRON}, {"THEY", C_PRON}, {"WE", C_PRON},
	{"I", C_PRON}, {"YOU", C_PRON}, {"HIM", C_PRON}, {"THEM", C_PRON}, {"US", C_PRON},
};


ng_status ng_ev_function_words(ng_ev_dict *d)
{
	uint32_t ids[sizeof func_words / sizeof func_words[0]];
	size_t n = sizeof func_words / sizeof func_words[0];
	for (size_t k = 0; k < n; k++) {
		ids[k] = ng_ev_dict_intern(d, func_words[k].w, strlen(func_words[k].w));
		if (!ids[k])
			return NG_ENOMEM;
	}
	ng_free(d->wclass);
	d->wclass = ng_calloc(d->n_words, sizeof(uint32_t));
	if (!d->wclass)
		return NG_ENOMEM;
	for (size_t k = 0; k < n; k++)
		d->wclass[ids[k]] |= func_words[k].cls;
	return NG_OK;
}

/* Words a blank in an actor or agent phrase may skip: content words of the
** same noun phrase ("Ithilen state-run television"), at most this many. */
#define MAX_GAP 3

/* Word w matches word k of phrase p (the last one maybe as a stem). */
static bool phrase_word_is(const sent *s, const ng_ev_phrase *p, unsigned k, const word *w)
{
	if (w->id == p->w[k])
		return true;
	if (k + 1 == p->n && p->stem) {
		const char *pw = s->d->words[p->w[k]];
		size_t pl = strlen(pw);
		if (pl >= 3 && w->len > pl && !strncmp(w->up, pw, pl))
			return true;
	}
	return false;
}

/* Number of words the phrase `p` covers when matched at word i, or 0. */
static unsigned match_phrase(const sent *s, const ng_ev_phrase *p, size_t i)
{
	if (i + p->n > s->n)
		return 0;
	/* most candidates fail on a second word that must be exact */
	if (p->n >= 2 && (p->n > 2 || !p->stem) && !(p->gaps & 2u) && s->w[i + 1].id != p->w[1])
		return 0;
	size_t j = i;
	for (unsigned k = 0; k < p->n; k++, j++) {
		if (j >= s->n)
			return 0;
		if (phrase_word_is(s, p, k, &s->w[j]))
			continue;
		if (!(p->gaps >> k & 1u))
			return 0;
		size_t g = 0;
		while (g < MAX_GAP && j < s->n && !s->w[j].cls && !phrase_word_is(s, p, k, &s->w[j])) {
			j++;
			g++;
		}
		if (j >= s->n || !phrase_word_is(s, p, k, &s->w[j]))
			return 0;
	}
	return (unsigned)(j - i);
}

/* The longest phrase of list l matching at word i: returns its length and target. */
static unsigned longest(const sent *s, const ng_ev_plist *l, size_t i, uint32_t *target)
{
	const word *w = &s->w[i];
	unsigned best = 0;
	/* "US", "WHO", "UN": short names match only as written in capitals */
	bool caps = (s->doc->tokens[w->tok].flags & NG_TF_ALL_UPPER) != 0;
	if (w->id && w->id < l->n_index && l->first[w->id] != UINT32_MAX) {
		const ng_ev_phrase *p = &l->p[l->first[w->id]];
		/* the phrases are sorted by length, longest first: the first
		** match is the longest */
		for (uint32_t k = 0; k < l->count[w->id]; k++) {
			if (p[k].n == 1 && !caps && (w->len <= 3 || w->cls) && !strchr(w->up, '.'))
				continue;
			unsigned m = match_phrase(s, &p[k], i);
			if (m) {
				best = m;
				*target = p[k].target;
				break;
			}
		}
	}
	if (best)
		return best;
	/* a one-word stem: ERIADOR matches ERIADORIAN */
	if (l != &s->d->actors || !s->d->stem_max || w->cls)
		return 0;
	size_t wl = (size_t)w->len - 1;
	size_t top = wl < s->d->stem_max ? wl : s->d->stem_max;
	size_t bottom = s->d->stem_min > 3 ? s->d->stem_min : 3;
	uint64_t hs[NG_EV_MAX_WORD];
	uint64_t h = NG_EV_HASH_INIT;
	for (size_t k = 0; k < top; k++) {
		h = ng_ev_hash_step(h, (unsigned char)w->up[k]);
		hs[k + 1] = h;
	}
	for (size_t len = top + 1; len-- > bottom;) {
		uint64_t f = hs[len] & (NG_EV_STEM_BITS - 1);
		if (!(s->d->stem_bits[f >> 6] & (1ull << (f & 63))))
			continue;
		uint32_t id = ng_ev_dict_word(s->d, w->up, len);
		if (!id || !s->d->is_stem[id] || id >= l->n_index || l->first[id] == UINT32_MAX)
			continue;
		const ng_ev_phrase *p = &l->p[l->first[id]];
		for (uint32_t k = 0; k < l->count[id]; k++)
			if (p[k].n == 1 && p[k].stem) {
				*target = p[k].target;
				return 1;
			}
	}
	return 0;
}

static bool adjective_like(const word *w)
{
	static const char *const suf[] = {"AL", "IVE", "ATE", "IC", "OUS", "FUL",
					  "ED", "AN", "ISH", "ARY", "IAL", NULL};
	static const char *const adj[] = {"BRIEF", "FULL", "FIRST", "SECOND", "LAST", "NEXT", "JOINT",
					  "MAJOR", "FRESH", "BIG", "HIGH", "LOW", "LONG", "SHORT", "RARE",
					  "SURPRISE", "TOP", NULL};
	if (w->cls || w->actor >= 0 || w->agent >= 0 || w->len < 3)
		return false;
	for (size_t k = 0; adj[k]; k++)
		if (!strcmp(w->up, adj[k]))
			return true;
	for (size_t k = 0; suf[k]; k++) {
		size_t l = strlen(suf[k]);
		if (w->len >= l + 2 && !strcmp(w->up + w->len - l, suf[k]))
			return true;
	}
	return false;
}

/* A dictionary verb used as a noun: after a determiner or possessive, maybe
** with adjectives between ("a brief private visit"); an -s form right after
** a verb ("promised raids"); an -ing form after a preposition. */
static bool is_noun_context(const sent *s, size_t i, const ng_ev_vform *f)
{
	if (!i)
		return false;
	const word *p = &s->w[i - 1];
	if (p->cls & (C_DET | C_POSS))
		return true;
	const word *w = &s->w[i];
	bool ing = w->len > 4 && !strcmp(w->up + w->len - 3, "ING");
	if ((p->cls & C_PREP) && !(p->cls & C_TO) && !f->past)
		return true; /* "by phone", "after leaving" */
	if ((p->cls & C_VERB) && !f->past && !ing)
		return true; /* "pledged aid", "promised raids" */
	for (size_t k = i - 1, n = 0;
	     n < 3 && (adjective_like(&s->w[k]) || (!f->past && !ing && w->up[w->len - 1] == 'S' &&
					      (s->w[k].actor >= 0 || s->w[k].agent >= 0)));
	     n++) {
		if (!k)
			return false;
		k--;
		if (s->w[k].cls & (C_DET | C_POSS))
			return true;
	}
	return false;
}

/* Matches the verb form f at word i (its particles around it). */
static bool match_vform(const sent *s, const ng_ev_vform *f, size_t i)
{
	if (i < f->n_pre || i + 1 + f->n_post > s->n)
		return false;
	for (unsigned k = 0; k < f->n_pre; k++)
		if (s->w[i - f->n_pre + k].id != f->pre[k])
			return false;
	for (unsigned k = 0; k < f->n_post; k++)
		if (s->w[i + 1 + k].id != f->post[k])
			return false;
	return true;
}

static void tag_words(sent *s)
{
	const ng_ev_dict *d = s->d;
	for (size_t i = 0; i < s->n;) {
		word *w = &s->w[i];
		uint32_t ta = 0, tg = 0;
		unsigned la = longest(s, &d->actors, i, &ta);
		unsigned lg = longest(s, &d->agents, i, &tg);
		if (la && la >= lg) {
			w->actor = (int32_t)ta;
			w->span = (uint8_t)la;
			i += la;
		} else if (lg) {
			w->agent = (int32_t)tg;
			w->span = (uint8_t)lg;
			i += lg;
		} else {
			i++;
		}
	}
	/* verbs: not inside an actor/agent phrase, not after a determiner */
	size_t inside = 0;
	for (size_t i = 0; i < s->n; i++) {
		word *w = &s->w[i];
		if (w->span)
			inside = i + w->span;
		if (i < inside || !w->id || w->id >= d->n_vindex || d->vfirst[w->id] == UINT32_MAX)
			continue;
		if (w->cls & (C_AUX | C_DET | C_PREP | C_PRON | C_CONJ))
			continue;
		/* a capitalized word inside the sentence is a name, not a verb */
		const ng_token *t = &s->doc->tokens[w->tok];
		if ((t->flags & NG_TF_UPPER_INITIAL) && !(t->flags & NG_TF_ALL_UPPER) && i > 0 &&
		    !(t->flags & NG_TF_SENT_START))
			continue;
		for (uint32_t k = 0; k < d->vcount[w->id]; k++) {
			const ng_ev_vform *f = &d->vforms[d->vfirst[w->id] + k];
			if (match_vform(s, f, i)) {
				if (is_noun_context(s, i - f->n_pre, f))
					break;
				w->cls |= C_VERB;
				w->vform = (int32_t)(d->vfirst[w->id] + k);
				w->vlen_pre = f->n_pre;
				w->vlen_post = f->n_post;
				break;
			}
		}
	}
}

/* ------------------------------------------------------------------ units */

static bool is_boundary(const word *w)
{
	if (w->cls & (C_DET | C_POSS))
		return false;
	return (w->cls & (C_VERB | C_AUX | C_NEG | C_CONJ | C_PREP | C_PUNCT | C_COMMA | C_REL |
			  C_ADV | C_PRON | C_SAY)) != 0;
}

/* Code of an actor with agents: prefix agents + actor (or ---) + suffix agents. */
static const char *compose(sent *s, const char *actor, const int32_t *agents, size_t n_ag)
{
	char buf[96];
	size_t len = 0;
	buf[0] = '\0';
	for (size_t k = 0; k < n_ag; k++) {
		const ng_ev_agent *a = &s->d->agent_codes[agents[k]];
		if (a->prefix && len + strlen(a->code) < 48)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s", a->code);
	}
	/* no actor: "---" + agents, but a group agent alone is its code ("NGO") */
	const char *base = actor ? actor : len ? "" : "---";
	len += (size_t)snprintf(buf + len, sizeof buf - len, "%s", base);
	if (len >= sizeof buf)
		len = sizeof buf - 1;
	for (size_t k = 0; k < n_ag; k++) {
		const ng_ev_agent *a = &s->d->agent_codes[agents[k]];
		size_t al = strlen(a->code);
		if (a->prefix || !al)
			continue;
		/* GOV after ...GOV adds nothing */
		if (len >= al && !strncmp(buf + len - al, a->code, al))
			continue;
		if (len + al + 1 >= sizeof buf)
			break;
		memcpy(buf + len, a->code, al + 1);
		len += al;
	}
	return ng_doc_strndup(s->doc, buf, len);
}

static void add_code(unit *u, const char *c)
{
	if (!c)
		return;
	for (size_t k = 0; k < u->n_codes; k++)
		if (!strcmp(u->codes[k], c))
			return;
	if (u->n_codes < MAX_CODES)
		u->codes[u->n_codes++] = c;
}

static ng_status build_units(sent *s)
{
	s->nu = 0;
	for (size_t i = 0; i < s->n;) {
		if (is_boundary(&s->w[i]) && !s->w[i].span) {
			i++;
			continue;
		}
		unit *u = &s->u[s->nu];
		memset(u, 0, sizeof(*u));
		u->b = (uint16_t)i;
		u->group = -1;
		u->attached = -1;
		u->solo = -1;
		const char *actor = NULL;
		int32_t agents[8];
		size_t n_ag = 0;
		bool have_actor = false;
		size_t j = i;
		while (j < s->n && (s->w[j].span || !is_boundary(&s->w[j]) ||
				    /* "Ithilen's awful and evil minister": coordinated adjectives */
				    ((s->w[j].cls & C_CONJ) && j > i && j + 1 < s->n &&
				     adjective_like(&s->w[j - 1]) && !is_boundary(&s->w[j + 1])))) {
			word *w = &s->w[j];
			if (w->actor >= 0 && !have_actor) {
				actor = ng_ev_actor_code(&s->d->actor_codes[w->actor], s->date);
				have_actor = true;
				u->head = (uint16_t)(j + w->span - 1);
			} else if (w->agent >= 0 && n_ag < 8) {
				agents[n_ag++] = w->agent;
				if (!have_actor)
					u->head = (uint16_t)(j + w->span - 1);
			}
			j += w->span ? w->span : 1;
		}
		if (j > s->n)
			j = s->n;
		u->e = (uint16_t)j;
		for (size_t k = u->b; k < u->e; k++)
			s->w[k].unit = (int16_t)s->nu;
		if (have_actor && !actor)
			have_actor = false; /* an actor with no code on this date: a null actor */
		/* "former officials": elites (ELI) instead of their sector */
		bool former = false;
		for (size_t k = i; k < j; k++)
			if (!strcmp(s->w[k].up, "FORMER") || !strcmp(s->w[k].up, "EX"))
				former = true;
		int32_t eli = -1;
		if (former && n_ag) {
			n_ag = 0;
			eli = 1;
		}
		if (have_actor || n_ag || eli > 0) {
			/* "FRO/BIL/SAM": several actors */
			const char *a = actor;
			do {
				char one[64];
				const char *slash = a ? strchr(a, '/') : NULL;
				if (a)
					snprintf(one, sizeof one, "%.*s",
						 (int)(slash ? (size_t)(slash - a) : strlen(a)), a);
				const char *c = compose(s, a ? one : NULL, agents, n_ag);
				if (c && eli > 0) {
					char eb[80];
					snprintf(eb, sizeof eb, "%sELI", c);
					c = ng_doc_strndup(s->doc, eb, strlen(eb));
				}
				if (!c)
					return NG_ENOMEM;
				add_code(u, c);
				if (a && !u->actor)
					u->actor = ng_doc_strndup(s->doc, one, strlen(one));
				a = slash ? slash + 1 : NULL;
			} while (a);
		}
		if (!have_actor && !n_ag)
			u->head = (uint16_t)(u->e - 1);
		if (eli > 0) {
			if (!(u->agents = ng_doc_strndup(s->doc, "ELI", 3)))
				return NG_ENOMEM;
		} else if (n_ag) {
			char ab[64];
			size_t al = 0;
			ab[0] = '\0';
			for (size_t k = 0; k < n_ag; k++) {
				const ng_ev_agent *ag = &s->d->agent_codes[agents[k]];
				if (!ag->prefix && al + strlen(ag->code) < sizeof ab)
					al += (size_t)snprintf(ab + al, sizeof ab - al, "%s", ag->code);
			}
			if (al && !(u->agents = ng_doc_strndup(s->doc, ab, al)))
				return NG_ENOMEM;
		}
		for (size_t k = u->b; k < u->e; k++)
			if (s->w[k].tok < s->doc->n_tokens && s->doc->tokens[s->w[k].tok].kind == NG_TOK_WORD)
				u->n_words++;
		/* remember the raw parts for attachment */
		u->attached = have_actor ? -2 : -1; /* -2: holds an actor */
		s->nu++;
		i = j;
	}
	return NG_OK;
}

/* Words between units a and b are only conjunctions and commas. */
static bool joined(const sent *s, const unit *a, const unit *b)
{
	if (b->b <= a->e)
		return false;
	bool any = false;
	for (size_t k = a->e; k < b->b; k++) {
		unsigned c = s->w[k].cls;
		if (c & (C_CONJ | C_COMMA))
			any = true;
		else
			return false;
	}
	return any;
}

static bool unit_has_actor(const unit *u)
{
	return u->attached == -2;
}

/* An agent-only unit followed by of/in/from + actor units takes their actors. */
static ng_status attach_agents(sent *s)
{
	for (size_t ui = 0; ui + 1 < s->nu; ui++) {
		unit *u = &s->u[ui];
		if (!u->n_codes || unit_has_actor(u) || strncmp(u->codes[0], "---", 3))
			continue;
		unit *v = &s->u[ui + 1];
		if (v->b != u->e + 1 || !(s->w[u->e].cls & C_ATTACH) || !unit_has_actor(v))
			continue;
		/* the actor units: v and the units joined to it */
		size_t last = ui + 1;
		while (last + 1 < s->nu && joined(s, &s->u[last], &s->u[last + 1]) &&
		       (unit_has_actor(&s->u[last + 1]) || !s->u[last + 1].n_codes))
			last++;
		/* the agent units: u and agent-only units joined before it */
		size_t first = ui;
		while (first > 0 && joined(s, &s->u[first - 1], &s->u[first]) &&
		       s->u[first - 1].n_codes && !unit_has_actor(&s->u[first - 1]) &&
		       !strncmp(s->u[first - 1].codes[0], "---", 3))
			first--;
		for (size_t a = first; a <= ui; a++) {
			unit *ag = &s->u[a];
			const char *acode = ag->codes[0] + 3; /* agent part after --- */
			ag->n_codes = 0;
			for (size_t k = ui + 1; k <= last; k++) {
				unit *ac = &s->u[k];
				for (size_t c = 0; c < ac->n_codes; c++) {
					char buf[96];
					size_t al = strlen(ac->codes[c]), gl = strlen(acode);
					if (al >= gl && gl && !strcmp(ac->codes[c] + al - gl, acode))
						gl = 0;
					int m = snprintf(buf, sizeof buf, "%s%s", ac->codes[c], gl ? acode : "");
					if (m <= 0 || (size_t)m >= sizeof buf)
						continue;
					const char *nc = ng_doc_strndup(s->doc, buf, (size_t)m);
					if (!nc)
						return NG_ENOMEM;
					add_code(ag, nc);
				}
			}
			ag->attached = -2;
			ag->head = s->u[ui + 1].head;
		}
		for (size_t k = ui + 1; k <= last; k++)
			s->u[k].attached = (int16_t)ui;
		ui = last;
	}
	return NG_OK;
}

/* The unit is followed by its own verb: "..., a senior official said". */
static bool verb_follows(const sent *s, const unit *u)
{
	for (size_t j = u->e; j < s->n; j++) {
		unsigned c = s->w[j].cls;
		if (c & (C_ADV | C_AUX | C_NEG))
			continue;
		return (c & (C_VERB | C_SAY)) != 0;
	}
	return false;
}

static bool comma_only(const sent *s, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (s->w[k].cls & C_CONJ)
			return false;
	return true;
}

static ng_status build_groups(sent *s)
{
	s->ng = 0;
	int prev = -1;      /* previous candidate unit */
	for (size_t ui = 0; ui < s->nu; ui++) {
		unit *u = &s->u[ui];
		if (u->attached >= 0)
			continue;
		if (prev >= 0) {
			/* the last unit before u (an attached one may sit between) */
			const unit *last = &s->u[ui - 1];
			if (joined(s, last, u) && !(comma_only(s, last->e, u->b) && verb_follows(s, u))) {
				int g = s->u[prev].group;
				u->group = (int16_t)g;
				s->group_last[g] = (int16_t)ui;
				/* "Danish media and government": the agent takes the actor */
				const unit *pu = &s->u[prev];
				if (u->n_codes == 1 && !strncmp(u->codes[0], "---", 3) && pu->actor &&
				    !comma_only(s, last->e, u->b)) {
					const char *ag = u->codes[0] + 3;
					char buf[96];
					int m = snprintf(buf, sizeof buf, "%s%s", pu->actor, ag);
					if (m > 0 && (size_t)m < sizeof buf) {
						const char *c = ng_doc_strndup(s->doc, buf, (size_t)m);
						if (!c)
							return NG_ENOMEM;
						u->codes[0] = c;
					}
				}
				/* "Hungarian and Romanian officials": the adjective takes the agent */
				unit *pm = &s->u[prev];
				if (u->actor && u->agents && pm->actor && !pm->agents && pm->n_words == 1 &&
				    pm->n_codes == 1 && !comma_only(s, last->e, u->b)) {
					char buf[96];
					int m = snprintf(buf, sizeof buf, "%s%s", pm->actor, u->agents);
					if (m > 0 && (size_t)m < sizeof buf) {
						const char *c = ng_doc_strndup(s->doc, buf, (size_t)m);
						if (!c)
							return NG_ENOMEM;
						pm->codes[0] = c;
					}
				}
				prev = (int)ui;
				continue;
			}
		}
		u->group = (int16_t)s->ng;
		s->group_first[s->ng] = (int16_t)ui;
		s->group_last[s->ng] = (int16_t)ui;
		s->ng++;
		prev = (int)ui;
	}
	/* coded units attached to an agent get a group of their own too, used
	** when a pattern passes the agent (group_right()) */
	size_t nu = s->nu;
	for (size_t ui = 0; ui < nu; ui++) {
		unit *u = &s->u[ui];
		if (u->attached < 0 || !u->n_codes || s->nu >= s->cap_units)
			continue;
		unit *c = &s->u[s->nu];
		*c = *u;
		c->attached = -2;
		c->solo = -1;
		c->group = (int16_t)s->ng;
		s->group_first[s->ng] = s->group_last[s->ng] = (int16_t)s->nu;
		u->solo = (int16_t)s->nu;
		s->ng++;
		s->nu++;
	}
	return NG_OK;
}

static bool group_coded(const sent *s, int g)
{
	for (int k = s->group_first[g]; k <= s->group_last[g]; k++)
		if (s->u[k].group == g && s->u[k].n_codes)
			return true;
	return false;
}

/* ---------------------------------------------------------------- patterns */

typedef struct pmatch {
	int src, tgt, comp;    /* groups, or -1 */
	int left, right;       /* outermost matched words */
	bool neg_used;
} pmatch;

static int unit_owner(const sent *s, int ui)
{
	return s->u[ui].attached >= 0 ? s->u[ui].attached : ui;
}

/* Length of a member of synset `syn` starting at word j, or 0. */
static unsigned synset_at(const sent *s, uint32_t syn, size_t j)
{
	const ng_ev_plist *l = &s->d->synsets;
	uint32_t id = s->w[j].id;
	if (!id || id >= l->n_index || l->first[id] == UINT32_MAX)
		return 0;
	unsigned best = 0;
	for (uint32_t k = 0; k < l->count[id]; k++) {
		const ng_ev_phrase *p = &l->p[l->first[id] + k];
		if (p->target == syn) {
			unsigned m = match_phrase(s, p, j);
			if (m > best)
				best = m;
		}
	}
	return best;
}

/* The coded group nearest to the left ending at or before `pos` (exactly at
** pos when adj). Returns the group or -1; *start gets its first word. */
static int group_left(const sent *s, int pos, bool adj, int *start)
{
	for (int j = pos; j >= 0; j--) {
		int ui = s->w[j].unit;
		if (ui < 0) {
			if (adj)
				return -1;
			continue;
		}
		int o = unit_owner(s, ui);
		if (s->u[o].n_codes && s->u[o].group >= 0) {
			int g = s->u[o].group;
			*start = s->u[s->group_first[g]].b;
			return g;
		}
		if (adj)
			return -1;
		j = s->u[ui].b; /* skip the rest of this unit */
	}
	return -1;
}

static int group_right(const sent *s, int pos, bool adj, int *end)
{
	for (int j = pos; j < (int)s->n; j++) {
		int ui = s->w[j].unit;
		if (ui < 0) {
			if (adj)
				return -1;
			continue;
		}
		int o = unit_owner(s, ui);
		/* the head this unit was attached to lies behind: a pattern
		** passed it ("with ^ the parliament + of Gondor"), the unit
		** stands alone */
		if (o != ui && s->u[o].b < pos && s->u[ui].solo >= 0)
			o = s->u[ui].solo;
		if (s->u[o].n_codes && s->u[o].group >= 0) {
			int g = s->u[o].group;
			const unit *last = &s->u[s->group_last[g]];
			int e = last->e;
			for (int k = s->group_first[g]; k <= s->group_last[g]; k++)
				if (s->u[k].e > e)
					e = s->u[k].e;
			*end = e;
			return g;
		}
		if (adj)
			return -1;
		j = s->u[ui].e - 1;
	}
	return -1;
}

static bool match_side(const sent *s, const ng_ev_elem *el, size_t n, int pos, int dir,
		       pmatch *m)
{
	for (size_t k = 0; k < n; k++) {
		const ng_ev_elem *e = &el[k];
		bool adj = e->adj != 0;
		if (dir > 0 && k == 0 && !adj)
			adj = false;
		if (pos < 0 || pos >= (int)s->n)
			return false;
		if (e->type == EV_EL_WORD) {
			int j = pos;
			for (; j >= 0 && j < (int)s->n; j += dir) {
				if (s->w[j].id == e->id)
					break;
				if (adj)
					return false;
			}
			if (j < 0 || j >= (int)s->n)
				return false;
			if (s->w[j].cls & C_NEG)
				m->neg_used = true;
			pos = j + dir;
		} else if (e->type == EV_EL_SYNSET) {
			int j = pos, len = 0;
			for (; j >= 0 && j < (int)s->n; j += dir) {
				if (dir > 0) {
					len = (int)synset_at(s, e->id, (size_t)j);
					if (len)
						break;
				} else {
					/* leftwards: a member ending at pos (adj) or before it */
					int found = 0;
					for (int st = j; st >= 0 && st > j - (int)s->d->synsets.max_n; st--) {
						int l2 = (int)synset_at(s, e->id, (size_t)st);
						if (l2 && st + l2 - 1 == j) {
							found = st;
							len = l2;
							break;
						}
					}
					if (len) {
						j = found;
						break;
					}
				}
				if (adj)
					return false;
			}
			if (!len)
				return false;
			for (int q = j; q < j + len; q++)
				if (s->w[q].cls & C_NEG)
					m->neg_used = true;
			pos = dir > 0 ? j + len : j - 1;
		} else if (e->type == EV_EL_SKIP) {
			/* ^ skips a noun phrase: the function words before it and
			** the unit ("* IFTAR AT ^ WITH +": at Osgiliath) */
			int j = pos;
			while (j >= 0 && j < (int)s->n && s->w[j].unit < 0)
				j += dir;
			if (j < 0 || j >= (int)s->n)
				return false;
			const unit *u = &s->u[s->w[j].unit];
			pos = dir > 0 ? u->e : u->b - 1;
			if (pos < 0 || pos >= (int)s->n)
				return k + 1 == n; /* nothing may follow a skip at the edge */
		} else {
			int edge = 0;
			int g = dir > 0 ? group_right(s, pos, adj, &edge) : group_left(s, pos, adj, &edge);
			if (g < 0)
				return false;
			if (e->type == EV_EL_COMPOUND && dir < 0) {
				int coded = 0;
				for (int q = s->group_first[g]; q <= s->group_last[g]; q++)
					coded += s->u[q].group == g && s->u[q].n_codes;
				if (coded < 2)
					return false;
			}
			if (e->type == EV_EL_SOURCE)
				m->src = g;
			else if (e->type == EV_EL_TARGET)
				m->tgt = g;
			else if (dir > 0)
				m->tgt = g; /* "* WITH %": a compound target */
			else
				m->comp = g;
			pos = dir > 0 ? edge : edge - 1;
		}
		if (dir < 0 && pos + 1 < m->left)
			m->left = pos + 1;
		if (dir > 0 && pos - 1 > m->right)
			m->right = pos - 1;
	}
	return true;
}

/* The best pattern of the verb's block matching around verb word vi. */
static const ng_ev_pattern *best_pattern(const sent *s, size_t vi, pmatch *out)
{
	const word *v = &s->w[vi];
	const ng_ev_vform *f = &s->d->vforms[v->vform];
	const ng_ev_block *b = &s->d->blocks[f->block];
	const ng_ev_pattern *best = NULL;
	uint64_t bloom = s->bloom;
	int before = (int)vi - v->vlen_pre - 1, after = (int)vi + v->vlen_post + 1;
	for (size_t k = 0; k < b->n_pats; k++) {
		const ng_ev_pattern *p = &b->pats[k];
		/* heaviest first (dict.c): the first match is the best */
		if (p->bloom & ~bloom)
			continue;
		pmatch m = {-1, -1, -1, (int)vi, (int)vi, false};
		if (p->n_pre && !match_side(s, p->pre, p->n_pre, before, -1, &m))
			continue;
		if (p->n_post && !match_side(s, p->post, p->n_post, after, 1, &m))
			continue;
		best = p;
		*out = m;
		break;
	}
	return best;
}

/* ------------------------------------------------------------------ verbs */

typedef struct vinfo {
	int src;        /* source group, -1 none, -3 the document's last actor */
	int tgt;
	bool done;
	bool subj_adjacent; /* the source group ends right before the verb */
} vinfo;

typedef struct tev {
	int verb;
	int src_unit, tgt_unit;
	const char *src_code, *tgt_code;
	const char *code;
	bool negated;
	int src_group, tgt_group;
	bool dropped;
	bool from_memory;
	const char *act;    /* the act intended, threatened, refused or demanded */
	uint8_t modality;   /* NG_MOD_* */
	int fold;           /* 1 + the word governing this verb's infinitive when its
			    ** event takes this one as its act ("threatened to ban"), else 0 */
	int rep;            /* 1 + the unit of who reported it ("X said Y attacked Z": X), or 0 */
} tev;

#define MAX_TEV 64

/* Uncoded unit ui, right before the verb, is a bare noun conjoined by
** "and"/"or" to a coded unit holding a possessive ("Eriador's death and
** injury toll has risen"): the possessor is shared. */
static bool possessor_shared(const sent *s, int ui)
{
	const unit *u = &s->u[ui];
	if (ui == 0 || u->group < 0 || (s->w[u->b].cls & (C_DET | C_PRON)) ||
	    s->u[ui - 1].group != u->group || !s->u[ui - 1].n_codes)
		return false;
	const unit *p = &s->u[ui - 1];
	if (u->b != p->e + 1 || !(s->w[p->e].cls & C_CONJ))
		return false;
	for (size_t k = p->b; k < p->e; k++)
		if (s->w[k].cls & C_POSS)
			return true;
	return false;
}

static int find_source(const sent *s, int from, const vinfo *vi)
{
	bool pron = false;
	for (int j = from; j >= 0; j--) {
		const word *w = &s->w[j];
		if (w->cls & C_VERB)
			return vi[j].done ? vi[j].src : -1;
		if (w->unit >= 0) {
			const unit *u = &s->u[w->unit];
			int o = unit_owner(s, w->unit);
			const word *pw = u->b > 0 ? &s->w[u->b - 1] : NULL;
			bool prep_obj = pw && (pw->cls & C_PREP) && strcmp(pw->up, "OF");
			if (s->u[o].n_codes && (o != w->unit || !prep_obj)) {
				/* "officials who visited Kenya praised ...": the object of a
				** relative clause is not the subject; go on before "who" */
				if (pw && (pw->cls & C_VERB)) {
					int k = u->b - 1 - pw->vlen_pre - 1;
					while (k >= 0 && (s->w[k].cls & (C_AUX | C_NEG | C_ADV)))
						k--;
					if (k >= 0 && (s->w[k].cls & C_REL) && strcmp(s->w[k].up, "THAT") &&
					    strcmp(s->w[k].up, "WHETHER")) {
						j = k;
						continue;
					}
				}
				return s->u[o].group;
			}
			if (pw && (pw->cls & (C_PREP | C_AUX))) {
				/* a prepositional object, or an unknown verb after an
				** auxiliary ("is inching nearer to accord") */
				j = u->b;
				continue;
			}
			/* a possessor scopes over coordinated nouns without their
			** own determiner: "Eriador's death and injury toll" */
			if (o == w->unit && u->e == from + 1 && possessor_shared(s, w->unit))
				return u->group;
			return -1; /* an uncoded subject */
		}
		if (w->cls & C_PRON && !(w->cls & C_DET))
			pron = true;
	}
	return pron ? -3 : -1;
}

static int find_target(const sent *s, int from)
{
	int end;
	int g = group_right(s, from, false, &end);
	if (g < 0)
		return -1;
	/* ", a senior Bree official said": the subject of a later clause */
	const unit *u = &s->u[s->group_first[g]];
	if (u->b > 0 && (s->w[u->b - 1].cls & C_COMMA) && verb_follows(s, &s->u[s->group_last[g]]))
		return -1;
	return g;
}

static int verb_word_before(const sent *s, size_t vi, int *aux_start, bool *neg, bool *be)
{
	int j = (int)vi - s->w[vi].vlen_pre - 1;
	*neg = false;
	*be = false;
	bool first_aux = true, adv = false;
	for (; j >= 0; j--) {
		unsigned c = s->w[j].cls;
		if (c & C_NEG) {
			*neg = true;
			adv = false;
			continue;
		}
		if (c & C_ADV || (s->w[j].len > 4 && !strcmp(s->w[j].up + s->w[j].len - 2, "LY") &&
				  s->w[j].unit >= 0 && !s->u[s->w[j].unit].n_codes &&
				  s->u[s->w[j].unit].e == j + 1 && s->u[s->w[j].unit].b == j)) {
			adv = true;
			continue;
		}
		/* coordinated adverbs after an auxiliary: "was heavily and
		** unjustly criticized" */
		if ((c & C_CONJ) && adv && j > 1 && (s->w[j - 1].cls & C_ADV) &&
		    (s->w[j - 2].cls & (C_AUX | C_NEG)))
			continue;
		adv = false;
		if (c & (C_AUX | C_TO)) {
			if (first_aux && (c & C_BE))
				*be = true;
			first_aux = false;
			continue;
		}
		break;
	}
	*aux_start = j + 1;
	return j;
}

/* Index of the unit in group g whose codes include code c. */
static void push_events(sent *s, tev *ev, size_t *n, int verb, int sg, int tg, const char *code,
			bool neg, bool compound)
{
	char c1[16], c2[16];
	const char *colon = strchr(code, ':');
	if (colon) {
		snprintf(c1, sizeof c1, "%.*s", (int)(colon - code), code);
		snprintf(c2, sizeof c2, "%s", colon + 1);
	} else {
		snprintf(c1, sizeof c1, "%s", code);
		c2[0] = '\0';
	}
	for (int a = s->group_first[sg]; a <= s->group_last[sg]; a++) {
		const unit *ua = &s->u[a];
		if (ua->group != sg)
			continue;
		for (int b = s->group_first[tg]; b <= s->group_last[tg]; b++) {
			const unit *ub = &s->u[b];
			if (ub->group != tg || (compound && a == b))
				continue;
			for (size_t x = 0; x < ua->n_codes; x++)
				for (size_t y = 0; y < ub->n_codes; y++) {
					for (int dir = 0; dir < 2; dir++) {
						const char *cc = dir ? c2 : c1;
						if (!cc[0] || !strcmp(cc, "---"))
							continue;
						const char *sc = dir ? ub->codes[y] : ua->codes[x];
						const char *tc = dir ? ua->codes[x] : ub->codes[y];
						if (!strcmp(sc, tc))
							continue;
						bool dup = false;
						for (size_t k = 0; k < *n; k++)
							dup |= !strcmp(ev[k].src_code, sc) &&
							       !strcmp(ev[k].tgt_code, tc) &&
							       !strcmp(ev[k].code, cc) && ev[k].verb == verb;
						if (dup || *n == MAX_TEV)
							continue;
						const char *kc = ng_doc_strndup(s->doc, cc, strlen(cc));
						if (!kc)
							return;
						ev[*n] = (tev){verb, dir ? b : a, dir ? a : b, sc, tc, kc, neg,
							       dir ? tg : sg, dir ? sg : tg, false, false};
						(*n)++;
					}
				}
		}
	}
}

/* An event with one side only (require_dyad off): the members of group g
** as source (is_src) or target, the other side "---". */
static void push_half(sent *s, tev *ev, size_t *n, int verb, int g, bool is_src, const char *code,
		      bool neg)
{
	for (int a = s->group_first[g]; a <= s->group_last[g]; a++) {
		const unit *ua = &s->u[a];
		if (ua->group != g)
			continue;
		for (size_t x = 0; x < ua->n_codes; x++) {
			const char *sc = is_src ? ua->codes[x] : "---";
			const char *tc = is_src ? "---" : ua->codes[x];
			bool dup = false;
			for (size_t k = 0; k < *n; k++)
				if (!strcmp(ev[k].src_code, sc) && !strcmp(ev[k].tgt_code, tc) &&
				    !strcmp(ev[k].code, code) && ev[k].verb == verb)
					dup = true;
			if (dup || *n == MAX_TEV)
				continue;
			ev[*n] = (tev){verb, is_src ? a : -1, is_src ? -1 : a, sc, tc, code, neg,
				       is_src ? g : -1, is_src ? -1 : g, false, false};
			(*n)++;
		}
	}
}

/* Attacks, shootings and killings (CAMEO 190, 193) by rebels, militants,
** gunmen, criminals, police or an unnamed attacker are ASSAULT (CAMEO 180), not the
** armed conflict of organised forces (FIGHT): "Somali militants attacked
** Kenya", "Hezbollah guerrillas killed the deputy chief" (the PLOVER gold
** standard records). Shelling and air strikes stay FIGHT whoever fires. */
static const char *irregular_force(const char *code, const char *src)
{
	if (strcmp(code, "190") && strcmp(code, "193"))
		return code;
	if (!strncmp(src, "---", 3) && !src[3])
		return "180";
	static const char *const irregular[] = {"REB", "IMG", "CRM", "UAF", "OPP", "CVL", "COP"};
	for (size_t k = 0; k < sizeof irregular / sizeof irregular[0]; k++)
		for (const char *p = src; (p = strstr(p, irregular[k])); p++)
			if ((p - src) % 3 == 0)
				return "180";
	return code;
}

/* The sectors of a code after its three-letter country or group ("USAGOV":
** GOV) are all political or civil: a person or body that argues, not an
** armed force. A bare country ("KEN") is not: "Kenya attacked the US" is
** force. */
static bool civil_actor(const char *code)
{
	static const char *const civil[] = {"GOV", "LEG", "PTY", "ELI", "OPP", "MED", "JUD",
					    "EDU", "REL", "HRI", "NGO", "BUS", "LAB", "CVL"};
	size_t n = strlen(code);
	if (n < 6 || n % 3)
		return false;
	for (size_t p = 3; p < n; p += 3) {
		bool ok = false;
		for (size_t k = 0; k < sizeof civil / sizeof civil[0] && !ok; k++)
			ok = !strncmp(code + p, civil[k], 3);
		if (!ok)
			return false;
	}
	return true;
}

/* "Trump attacked Biden": a politician attacking a politician attacks in
** words (CAMEO 111 criticize, DISAPPROVE), not with force. */
static const char *verbal_attack(const word *verb, const char *code, const char *src,
				 const char *tgt)
{
	if (strncmp(code, "19", 2) || strncmp(verb->up, "ATTACK", 6) || !civil_actor(src) ||
	    !civil_actor(tgt))
		return code;
	return "111";
}

/* ------------------------------------------------------------- mood */

/* Events [n0, n) of one verb take its mood: the act they stand for and
** their modality; under a coded governor ("threatened to ban", "agreed to
** cooperate") they are folded into the governor's events (fold_acts). */
static void set_mood(const sent *s, tev *ev, size_t n0, size_t n, const ev_mood *md,
		     const char *act, uint8_t modality)
{
	bool fold = md->gov >= 0 && (s->w[md->gov].cls & C_VERB) && md->kind != EV_MOOD_ASSERT &&
		    md->kind != EV_MOOD_NEG;
	for (size_t k = n0; k < n; k++) {
		ev[k].act = act;
		ev[k].modality = modality;
		if (fold)
			ev[k].fold = md->gov + 1;
	}
}

/* A folded event gives its act to the governor's events and goes; when the
** governor coded nothing it stays as it was coded. */
static void fold_acts(tev *ev, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (!ev[k].fold)
			continue;
		bool taken = false;
		for (size_t j = 0; j < n; j++)
			if (ev[j].verb == ev[k].fold - 1 && !ev[j].dropped && !ev[j].fold) {
				if (!ev[j].act)
					ev[j].act = ev[k].act ? ev[k].act : ev[k].code;
				taken = true;
			}
		if (taken)
			ev[k].dropped = true;
	}
}

/* "Russia said Sudan must return ...", "urged Sudan to return ...": a
** DEMAND from the speaker (the subject of the reporting or urging word) to
** the verb's subject, with the verb's code as its act; the verb's own event
** is not asserted. True when the verb is done with (a demand was made, or
** the obligation has no speaker and no event). A coded governor ("urged")
** keeps its own event and takes the act (fold_acts). */
static bool demand_of(sent *s, vinfo *vi, tev *ev, size_t *n_ev, int verb, const ev_mood *md,
		      int src, const char *code)
{
	int from;
	if (md->kind == EV_MOOD_OBLIG && md->say >= 0)
		from = md->say - 1;
	else if (md->kind == EV_MOOD_DEMAND && md->gov >= 0 && !(s->w[md->gov].cls & C_VERB))
		from = md->gov - 1;
	else
		return false;
	if (src < 0)
		return true;
	int sayer = find_source(s, from, vi);
	if (sayer < 0 || sayer == src || !group_coded(s, sayer))
		return true;
	size_t n0 = *n_ev;
	push_events(s, ev, n_ev, verb, sayer, src, "100", false, false);
	for (size_t k = n0; k < *n_ev; k++)
		ev[k].act = code;
	return true;
}

/* "The Forum concluded that the US must allocate more resources": an
** obligation put on a coded subject by a coded speaker is a DEMAND (100)
** even when the dictionary does not know the verb demanded. */
static void bare_demands(sent *s, vinfo *vi, tev *ev, size_t *n_ev)
{
	for (size_t k = 1; k < s->n; k++) {
		if (!ng_ev_bare_obligation(s, k))
			continue;
		int say = ng_ev_say_before(s, (int)k);
		if (say < 1)
			continue;
		int subj = find_source(s, (int)k - 1, vi);
		int sayer = find_source(s, say - 1, vi);
		if (subj < 0 || sayer < 0 || subj == sayer || !group_coded(s, subj) ||
		    !group_coded(s, sayer))
			continue;
		push_events(s, ev, n_ev, (int)k, sayer, subj, "100", false, false);
	}
}

/* ------------------------------------------------------------ sentence */

/* Work arrays sized by the document's longest sentence (at most
** NG_EV_MAX_SENT_WORDS words). */
typedef struct scratch {
	word *w;
	unit *u;
	int16_t *gf, *gl;
	vinfo *vi;
	tev ev[MAX_TEV];
	size_t maxn;
	size_t cap_units;
} scratch;

static uint32_t parse_doc_date(const char *d)
{
	if (!d)
		return 0;
	uint32_t v = 0;
	int n = 0;
	for (; *d && n < 8; d++) {
		if (*d >= '0' && *d <= '9') {
			v = v * 10 + (uint32_t)(*d - '0');
			n++;
		} else if (*d != '-' && *d != '/') {
			break;
		}
	}
	return n == 8 ? v : 0;
}

static int cmp_mention(const void *a, const void *b)
{
	const ng_ev_mention *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->entity < y->entity ? -1 : x->entity > y->entity;
}

ng_status ng_ev_ctx_init(ng_ev_ctx *c, const ng_ev_dict *d, const ng_ev_onto *o, ng_doc *doc)
{
	static const ng_ev_opts default_opts = {.require_dyad = true};
	memset(c, 0, sizeof(*c));
	c->d = d;
	c->o = o;
	c->opt = &default_opts;
	c->date = parse_doc_date(doc->date);
	c->last_entity = -1;
	size_t maxn = 1;
	for (size_t i = 0; i < doc->n_sentences; i++) {
		size_t n = doc->sentence_tok[i + 1] - doc->sentence_tok[i];
		if (n > maxn)
			maxn = n;
	}
	if (maxn > NG_EV_MAX_SENT_WORDS)
		maxn = NG_EV_MAX_SENT_WORDS;
	scratch *sc = ng_arena_alloc(doc->arena, sizeof(scratch));
	if (!sc)
		return NG_ENOMEM;
	sc->maxn = maxn;
	sc->w = ng_arena_alloc(doc->arena, maxn * sizeof(word));
	/* units: at most one per word, a copy per attached unit, pronouns */
	sc->cap_units = 2 * maxn + 2;
	sc->u = ng_arena_alloc(doc->arena, sc->cap_units * sizeof(unit));
	sc->gf = ng_arena_alloc(doc->arena, sc->cap_units * sizeof(int16_t));
	sc->gl = ng_arena_alloc(doc->arena, sc->cap_units * sizeof(int16_t));
	sc->vi = ng_arena_alloc(doc->arena, maxn * sizeof(vinfo));
	if (!sc->w || !sc->u || !sc->gf || !sc->gl || !sc->vi)
		return NG_ENOMEM;
	c->scratch = sc;
	if (doc->n_entities) {
		c->entity_codes = ng_arena_alloc(doc->arena, doc->n_entities * sizeof(char *));
		if (!c->entity_codes)
			return NG_ENOMEM;
		size_t nm = 0;
		for (size_t i = 0; i < doc->n_entities; i++)
			nm += doc->entities[i].n_mentions;
		ng_ev_mention *m = ng_arena_alloc(doc->arena, (nm ? nm : 1) * sizeof(*m));
		if (!m)
			return NG_ENOMEM;
		for (size_t i = 0, k = 0; i < doc->n_entities; i++)
			for (size_t j = 0; j < doc->entities[i].n_mentions; j++, k++) {
				const ng_mention *dm = &doc->entities[i].mentions[j];
				m[k] = (ng_ev_mention){dm->start, dm->end, (uint32_t)i};
				if (dm->end > dm->start && dm->end - dm->start > c->ment_maxlen)
					c->ment_maxlen = dm->end - dm->start;
			}
		qsort(m, nm, sizeof(*m), cmp_mention);
		c->ments = m;
		c->n_ments = nm;
		memset(c->entity_codes, 0, doc->n_entities * sizeof(char *));
	}
	return NG_OK;
}

static void set_word(sent *s, const ng_ev_dict *d, const ng_token *tok, size_t t, const char *src,
		     size_t len)
{
	word *w = &s->w[s->n];
	if (len >= NG_EV_MAX_WORD)
		len = NG_EV_MAX_WORD - 1;
	for (size_t k = 0; k < len; k++)
		w->up[k] = (char)toupper((unsigned char)src[k]);
	w->up[len] = '\0';
	w->len = (uint8_t)len;
	w->tok = (uint32_t)t;
	w->id = ng_ev_dict_word(d, w->up, len);
	s->bloom |= 1ull << (w->id & 63);
	w->cls = w->id ? d->wclass[w->id] : 0;
	w->actor = w->agent = -1;
	w->span = 0;
	w->unit = -1;
	w->vform = -1;
	w->vlen_pre = w->vlen_post = 0;
	if (!w->cls && len > 5 && w->up[len - 2] == 'L' && w->up[len - 1] == 'Y' &&
	    !(tok->flags & NG_TF_UPPER_INITIAL) &&
	    !strstr("FAMILY ASSEMBLY SUPPLY MONOPOLY ANOMALY MULTIPLY COMPLY", w->up))
		w->cls |= C_ADV; /* -ly adverbs */
	if (tok->kind == NG_TOK_PUNCT || tok->kind == NG_TOK_QUOTE) {
		if (len == 1 && w->up[0] == ',')
			w->cls |= C_COMMA;
		else if (len == 1 && w->up[0] == '(')
			w->cls |= C_OPEN;
		else if (len == 1 && w->up[0] == ')')
			w->cls |= C_CLOSE;
		else if (!(w->cls & C_POSS))
			w->cls |= C_PUNCT;
	} else if (tok->kind == NG_TOK_CLITIC && !(w->cls & (C_POSS | C_NEG))) {
		w->cls |= C_AUX; /* 're 've 'll 'd */
	}
	s->n++;
}

static void load_words(sent *s, const ng_ev_dict *d, const ng_doc *doc, size_t si, size_t maxn)
{
	size_t tb = doc->sentence_tok[si], te = doc->sentence_tok[si + 1];
	s->n = 0;
	s->bloom = 0;
	for (size_t t = tb; t < te && s->n < maxn; t++) {
		const ng_token *tok = &doc->tokens[t];
		const char *src = doc->text + tok->start;
		size_t len = tok->end - tok->start;
		/* "Dol_Amroth": words joined by underscores are separate words */
		const char *us = tok->kind == NG_TOK_WORD ? memchr(src, '_', len) : NULL;
		while (us && s->n + 1 < maxn) {
			if (us > src)
				set_word(s, d, tok, t, src, (size_t)(us - src));
			len -= (size_t)(us + 1 - src);
			src = us + 1;
			us = memchr(src, '_', len);
		}
		if (len == 1 && *src == '_' && tok->kind == NG_TOK_PUNCT)
			continue; /* "Dol _ Amroth" as the tokenizer splits it */
		if (len)
			set_word(s, d, tok, t, src, len);
	}
}

/* A word as PETRARCH counts words in a clause: it begins with a letter. */
static bool counts_as_word(const word *w)
{
	unsigned char c = (unsigned char)w->up[0];
	return (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static unsigned clause_words(const sent *s, size_t from, size_t to)
{
	unsigned n = 0;
	for (size_t k = from; k < to; k++)
		n += counts_as_word(&s->w[k]) && !(s->w[k].cls & (C_POSS | C_COMMA | C_PUNCT));
	return n;
}

/* Words [j, ..) form a noun phrase up to the next boundary: its end, or j
** when there is none. */
static size_t np_end(const sent *s, size_t j)
{
	while (j < s->n && (s->w[j].span || !is_boundary(&s->w[j])))
		j++;
	return j;
}

static bool is_and_or(const word *w)
{
	return (w->cls & C_CONJ) &&
	       (!strcmp(w->up, "AND") || !strcmp(w->up, "OR") || !strcmp(w->up, "NOR"));
}

/* The comma at k lies inside a noun phrase, so it delimits no clause (in
** PETRARCH's parse trees such commas sit inside an NP): a series of noun
** phrases closed by and/or ("Mordor, Rohan, Fornost and Bree", "Lions,
** tigers, and Gondor"), or adjectives in series ("complete, full
** diplomatic ties"). Needs tag_words(). */
static bool np_comma(const sent *s, size_t k)
{
	if (!k || k + 1 >= s->n || is_boundary(&s->w[k - 1]))
		return false;
	const word *nx = &s->w[k + 1];
	if (adjective_like(nx) && np_end(s, k + 1) >= k + 3)
		return true;
	size_t j = k + 1;
	for (;;) {
		bool conj = false;
		if (j < s->n && is_and_or(&s->w[j])) {
			conj = true;
			j++;
		}
		size_t e = np_end(s, j);
		if (e == j)
			return false;
		if (conj)
			return true;
		if (e < s->n && (s->w[e].cls & C_COMMA))
			j = e + 1;
		else if (e < s->n && is_and_or(&s->w[e]))
			j = e;
		else
			return false;
	}
}

/* PETRARCH's comma_* options: removes the clause before the first comma
** when it has comma_bmin..comma_bmax words, the clause after the last
** comma (up to the closing punctuation) when it has comma_emin..comma_emax
** words, and each clause between two commas with comma_min..comma_max
** words; a max of 0 turns that kind off. Counts are taken on the sentence
** as written; a removed clause takes one of its commas with it; commas
** inside a noun phrase (np_comma()) delimit nothing. Runs after
** tag_words(); true when words were removed (the caller tags again). */
static bool remove_comma_clauses(sent *s, const ng_ev_opts *o)
{
	if (!o->comma_max && !o->comma_bmax && !o->comma_emax)
		return false;
	size_t end = s->n, first = SIZE_MAX, last = SIZE_MAX;
	while (end > 0 && (s->w[end - 1].cls & (C_PUNCT | C_COMMA)) &&
	       !(s->w[end - 1].cls & C_COMMA))
		end--;
	uint8_t del[NG_EV_MAX_SENT_WORDS], clause[NG_EV_MAX_SENT_WORDS];
	memset(del, 0, s->n);
	for (size_t k = 0; k < s->n; k++) {
		clause[k] = k < end && (s->w[k].cls & C_COMMA) && !np_comma(s, k);
		if (clause[k]) {
			if (first == SIZE_MAX)
				first = k;
			last = k;
		}
	}
	if (first == SIZE_MAX)
		return false;
	bool any = false;
	unsigned n;
	if (o->comma_bmax && (n = clause_words(s, 0, first)) >= o->comma_bmin &&
	    n <= o->comma_bmax) {
		memset(del, 1, first + 1);
		any = true;
	}
	if (o->comma_emax && (n = clause_words(s, last + 1, end)) >= o->comma_emin &&
	    n <= o->comma_emax) {
		memset(del + last, 1, end - last);
		any = true;
	}
	if (o->comma_max)
		for (size_t a = first; a < last;) {
			size_t b = a + 1;
			while (!clause[b])
				b++;
			if ((n = clause_words(s, a + 1, b)) >= o->comma_min && n <= o->comma_max) {
				memset(del + a + 1, 1, b - a);
				any = true;
			}
			a = b;
		}
	if (!any)
		return false;
	/* keep the rest; no comma first, none doubled, none before the end */
	size_t m = 0;
	for (size_t k = 0; k < s->n; k++) {
		if (del[k])
			continue;
		if ((s->w[k].cls & C_COMMA) && (!m || (s->w[m - 1].cls & C_COMMA)))
			continue;
		s->w[m++] = s->w[k];
	}
	size_t tail = m;
	while (tail > 0 && (s->w[tail - 1].cls & C_PUNCT) && !(s->w[tail - 1].cls & C_COMMA))
		tail--;
	if (tail > 0 && (s->w[tail - 1].cls & C_COMMA)) {
		memmove(&s->w[tail - 1], &s->w[tail], (m - tail) * sizeof(word));
		m--;
	}
	s->n = m;
	for (size_t k = 0; k < m; k++) { /* forget the tags: the caller tags again */
		word *w = &s->w[k];
		w->cls &= ~(unsigned)C_VERB;
		w->actor = w->agent = -1;
		w->span = 0;
		w->vform = -1;
		w->vlen_pre = w->vlen_post = 0;
	}
	return true;
}

/* PETRARCH's new_actor_length: an uncoded noun-phrase unit, with the
** uncoded units its "of" complements make ("the Ministry of Magic"), of at
** most `max` words becomes an actor coded by its uppercased words in
** quotes ("\"THE MINISTRY OF MAGIC\""); possessive 's and punctuation are
** not words. Called after attach_agents(). */
static ng_status new_actors(sent *s, unsigned max)
{
	for (size_t ui = 0; ui < s->nu; ui++) {
		unit *u = &s->u[ui];
		if (u->n_codes || u->attached != -1 || !u->n_words)
			continue;
		/* the "of" complement of a coded phrase is part of it ("the
		** Ministry of Magic" with MINISTRY an agent) */
		if (ui > 0 && u->b == s->u[ui - 1].e + 1 && !strcmp(s->w[u->b - 1].up, "OF") &&
		    s->u[ui - 1].n_codes)
			continue;
		size_t last = ui;
		while (last + 1 < s->nu) {
			const unit *v = &s->u[last + 1];
			if (v->b != s->u[last].e + 1 || strcmp(s->w[s->u[last].e].up, "OF") || v->n_codes ||
			    v->attached != -1 || !v->n_words)
				break;
			last++;
		}
		size_t e = s->u[last].e;
		if (clause_words(s, u->b, e) > max || !clause_words(s, u->b, e)) {
			ui = last;
			continue;
		}
		char buf[256];
		size_t len = 0;
		buf[len++] = '"';
		for (size_t k = u->b; k < e; k++) {
			const word *w = &s->w[k];
			if (w->cls & (C_POSS | C_COMMA | C_PUNCT | C_OPEN | C_CLOSE))
				continue;
			if (len + w->len + 3 > sizeof buf)
				break;
			if (len > 1)
				buf[len++] = ' ';
			memcpy(buf + len, w->up, w->len);
			len += w->len;
		}
		buf[len++] = '"';
		const char *c = ng_doc_strndup(s->doc, buf, len);
		if (!c)
			return NG_ENOMEM;
		u->codes[0] = c;
		u->n_codes = 1;
		u->actor = c;
		u->attached = -2;
		for (size_t k = ui + 1; k <= last; k++)
			s->u[k].attached = (int16_t)ui;
		ui = last;
	}
	return NG_OK;
}

/* Remembers the names in a coded unit: its capitalized words that no
** dictionary phrase covers ("QALIBAF" -> IRNLEG). */
static bool has_upper(const ng_doc *doc, const ng_token *t)
{
	for (uint32_t k = t->start; k < t->end; k++)
		if (doc->text[k] >= 'A' && doc->text[k] <= 'Z')
			return true;
	return false;
}

/* A title-case line (a headline): most words capitalized. */
static bool title_case(const sent *s)
{
	size_t words = 0, caps = 0;
	for (size_t k = 0; k < s->n; k++) {
		const ng_token *t = &s->doc->tokens[s->w[k].tok];
		if (t->kind != NG_TOK_WORD || s->w[k].len < 4)
			continue;
		words++;
		if (t->flags & NG_TF_UPPER_INITIAL)
			caps++;
	}
	return words >= 3 && caps == words;
}

/* Remembers the name that ends a coded unit ("Iranian Parliament Speaker
** Mohammad Baqer Qalibaf": QALIBAF -> IRNLEG) for later mentions. */
static void remember_names(ng_ev_ctx *c, const sent *s, const unit *u)
{
	if (!u->n_codes || !strncmp(u->codes[0], "---", 3) || u->e <= u->b)
		return;
	size_t k = u->e - 1;
	while (k > u->b && (s->w[k].cls & (C_OPEN | C_CLOSE | C_POSS)))
		k--;
	const word *w = &s->w[k];
	const ng_token *t = &s->doc->tokens[w->tok];
	if (w->actor >= 0 || w->agent >= 0 || w->cls || w->len < 3 || t->kind != NG_TOK_WORD ||
	    !has_upper(s->doc, t))
		return;
	for (size_t q = u->b; q < k; q++)
		if (s->w[q].span && q + s->w[q].span > k)
			return;
	for (size_t n = 0; n < c->n_names; n++)
		if (!strcmp(c->names[n], w->up))
			return;
	if (c->n_names == NG_EV_MAX_NAMES || title_case(s))
		return;
	const char *nm = ng_doc_strndup(s->doc, w->up, w->len);
	if (!nm)
		return;
	c->names[c->n_names] = nm;
	c->name_codes[c->n_names++] = u->codes[0];
}

/* The entity with a mention covering bytes [b, e) (the first such entity),
** or -1. The mentions are sorted by start (ng_ev_ctx_init()): only those
** starting at most the longest mention's length before e can cover. */
static int32_t entity_at(const ng_ev_ctx *c, uint32_t b, uint32_t e)
{
	const ng_ev_mention *m = c->ments;
	size_t lo = 0, hi = c->n_ments; /* first mention starting after b */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m[mid].start <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	int32_t best = -1;
	for (size_t k = lo; k-- > 0 && (uint64_t)m[k].start + c->ment_maxlen >= e;)
		if (m[k].end >= e && (best < 0 || (int32_t)m[k].entity < best))
			best = (int32_t)m[k].entity;
	return best;
}

/* The code an entity's facts give: its country plus the agents its titles
** name ("Parliament Speaker" -> LEG): IRN + LEG = IRNLEG. NULL without a
** country. */
static const char *entity_code(sent *s, const ng_entity *en)
{
	const char *country = en->country;
	if (!country || strlen(country) != 3)
		return NULL;
	char buf[64];
	size_t len = (size_t)snprintf(buf, sizeof buf, "%s", country);
	for (size_t t = 0; t < en->n_titles && len < 40; t++) {
		/* look the title's words up as an agent phrase */
		char up[NG_EV_MAX_WORD];
		uint32_t ids[NG_EV_MAX_PHRASE];
		size_t n = 0;
		const char *p = en->titles[t];
		while (*p && n < NG_EV_MAX_PHRASE) {
			while (*p == ' ')
				p++;
			size_t k = 0;
			while (p[k] && p[k] != ' ' && k + 1 < sizeof up) {
				up[k] = (char)toupper((unsigned char)p[k]);
				k++;
			}
			up[k] = '\0';
			if (k)
				ids[n++] = ng_ev_dict_word(s->d, up, k);
			p += k;
			while (*p && *p != ' ')
				p++;
		}
		const ng_ev_plist *l = &s->d->agents;
		for (size_t i = 0; i < n; i++) {
			uint32_t id = ids[i];
			if (!id || id >= l->n_index || l->first[id] == UINT32_MAX)
				continue;
			unsigned best = 0;
			uint32_t tgt = 0;
			for (uint32_t k = 0; k < l->count[id]; k++) {
				const ng_ev_phrase *ph = &l->p[l->first[id] + k];
				if (ph->n > n - i || ph->n <= best)
					continue;
				bool ok = true;
				for (unsigned q = 0; q < ph->n && ok; q++)
					ok = ids[i + q] == ph->w[q];
				if (ok) {
					best = ph->n;
					tgt = ph->target;
				}
			}
			if (!best)
				continue;
			const ng_ev_agent *ag = &s->d->agent_codes[tgt];
			size_t al = strlen(ag->code);
			if (!ag->prefix && al && !(len >= al && !strncmp(buf + len - al, ag->code, al)) &&
			    len + al < sizeof buf) {
				memcpy(buf + len, ag->code, al + 1);
				len += al;
			}
			i += best - 1;
		}
	}
	return ng_doc_strndup(s->doc, buf, len);
}

/* Units without a dictionary code take the code remembered for their
** entity, the code their entity's country and titles give, or the code
** remembered for one of their names. */
static void recall_names(ng_ev_ctx *c, sent *s)
{
	for (size_t ui = 0; ui < s->nu; ui++) {
		unit *u = &s->u[ui];
		if (u->n_codes)
			continue;
		const ng_token *ht = &s->doc->tokens[s->w[u->head].tok];
		if (c->entity_codes) {
			int32_t en = entity_at(c, ht->start, ht->end);
			if (en >= 0 && !c->entity_codes[en])
				c->entity_codes[en] = entity_code(s, &s->doc->entities[en]);
			if (en >= 0 && c->entity_codes[en]) {
				add_code(u, c->entity_codes[en]);
				u->attached = -2;
				continue;
			}
		}
		for (size_t k = u->b; k < u->e && !u->n_codes; k++)
			for (size_t n = 0; n < c->n_names; n++)
				if (!strcmp(c->names[n], s->w[k].up)) {
					add_code(u, c->name_codes[n]);
					u->attached = -2;
					break;
				}
	}
}

static ng_status grow_events(ng_doc *doc, size_t *cap)
{
	if (doc->n_events < *cap)
		return NG_OK;
	size_t nc = *cap ? *cap * 2 : 16;
	ng_event *ne = ng_arena_grow(doc->arena, doc->events, *cap * sizeof(ng_event),
				     nc * sizeof(ng_event));
	if (!ne)
		return NG_ENOMEM;
	doc->events = ne;
	*cap = nc;
	return NG_OK;
}

static void actor_out(ng_ev_ctx *c, const sent *s, int ui, const char *code, ng_actor *a)
{
	if (ui < 0) { /* no actor on this side (require_dyad off) */
		a->start = a->end = -1;
		a->code = NULL;
		a->entity = -1;
		return;
	}
	const unit *u = &s->u[ui];
	const ng_doc *doc = s->doc;
	int b = u->b, e = u->e;
	/* an agent unit that took over actors spans them too */
	for (size_t k = 0; k < s->nu; k++)
		if (s->u[k].attached == ui && s->u[k].e > e)
			e = s->u[k].e;
	/* an actor without a country: "some countries in the region" */
	if (!u->actor && u->attached != -2 && (size_t)e + 1 < s->n && (s->w[e].cls & C_ATTACH) &&
	    s->w[e + 1].unit >= 0 && !s->u[s->w[e + 1].unit].n_codes)
		e = s->u[s->w[e + 1].unit].e;
	while (e > b && (s->w[e - 1].cls & (C_OPEN | C_CLOSE | C_POSS)))
		e--;
	while (b < e && (s->w[b].cls & (C_OPEN | C_CLOSE)))
		b++;
	a->start = doc->tokens[s->w[b].tok].start;
	a->end = doc->tokens[s->w[e - 1].tok].end;
	a->code = strcmp(code, "---") ? code : NULL;
	const ng_token *ht = &doc->tokens[s->w[u->head].tok];
	a->entity = entity_at(c, ht->start, ht->end);
	/* a person named at the end of the unit is who acts, the organisation
	** before the name its affiliation: "Leader of Palestinian Islamic Jihad
	** Ziyad al-Nakhalah" is al-Nakhalah, coded PSEREBPIJ */
	const ng_token *lt = &doc->tokens[s->w[e - 1].tok];
	int32_t last = entity_at(c, lt->start, lt->end);
	if (last >= 0 && last != a->entity && (size_t)last < doc->n_entities &&
	    doc->entities[last].type == NG_ENT_PER &&
	    (a->entity < 0 || (size_t)a->entity >= doc->n_entities ||
	     doc->entities[a->entity].type != NG_ENT_PER))
		a->entity = last;
	if (a->entity >= 0 && c->entity_codes && !c->entity_codes[a->entity] &&
	    strncmp(code, "---", 3))
		c->entity_codes[a->entity] = code;
}

/* The event's date: its sentence's ("on Wednesday"), else the article's. */
static ng_status event_date(const ng_ev_ctx *c, ng_doc *doc, ng_event *e, bool future)
{
	char buf[NG_EV_DATE_LEN];
	if (c->date && e->end <= doc->text_len &&
	    ng_ev_sentence_date(doc->text + e->start, e->end - e->start, c->date, future, buf)) {
		e->date = ng_doc_strndup(doc, buf, strlen(buf));
		e->date_from_sentence = 1;
		return e->date ? NG_OK : NG_ENOMEM;
	}
	if (c->date) {
		snprintf(buf, sizeof buf, "%04u-%02u-%02u", c->date / 10000, c->date / 100 % 100,
			 c->date % 100);
		e->date = ng_doc_strndup(doc, buf, strlen(buf));
		return e->date ? NG_OK : NG_ENOMEM;
	}
	return NG_OK;
}

/* Who reported an event: the speaker of the quotation its verb stands in
** (the entity's canonical name, else the speaker as written), else the
** subject of the reporting verb that introduced it ("Iraqi officials said
** Turkish jets bombed ...": Iraqi officials), or NULL. */
static const char *reporter_of(ng_ev_ctx *c, const sent *s, const vinfo *vi, const tev *t)
{
	ng_doc *doc = s->doc;
	const ng_token *vt = &doc->tokens[s->w[t->verb].tok];
	for (size_t q = 0; q < doc->n_quotes; q++) {
		const ng_quote *qu = &doc->quotes[q];
		if (qu->start > vt->start || qu->end < vt->end)
			continue;
		if (qu->speaker >= 0 && (size_t)qu->speaker < doc->n_entities &&
		    doc->entities[qu->speaker].name && doc->entities[qu->speaker].type <= NG_ENT_ORG)
			return doc->entities[qu->speaker].name;
		if (qu->speaker_start >= 0 && qu->speaker_end > qu->speaker_start &&
		    (size_t)qu->speaker_end <= doc->text_len)
			return ng_doc_strndup(doc, doc->text + qu->speaker_start,
					      (size_t)(qu->speaker_end - qu->speaker_start));
		return NULL;
	}
	int ru = t->rep - 1;
	if (ru < 0) {
		/* "Iraqi officials said Turkish jets bombed ...": the coded subject
		** of a reporting word before the verb */
		int say = ng_ev_say_before(s, t->verb - s->w[t->verb].vlen_pre);
		int g = say > 0 ? find_source(s, say - 1, vi) : -1;
		if (g < 0 || g == t->src_group || !group_coded(s, g))
			return NULL;
		ru = s->group_first[g];
	}
	ng_actor a;
	actor_out(c, s, ru, "---", &a);
	if (a.entity >= 0 && (size_t)a.entity < doc->n_entities && doc->entities[a.entity].name &&
	    doc->entities[a.entity].type <= NG_ENT_ORG) /* a person or organisation, not "Iraqi" */
		return doc->entities[a.entity].name;
	return a.start >= 0 ? ng_doc_strndup(doc, doc->text + a.start, (size_t)(a.end - a.start))
			    : NULL;
}

/* The code for a pronoun at word pw: see ng_ev_code_sentence(). */
static const char *pronoun_code(const ng_ev_ctx *c, const sent *s, int pw)
{
	const ng_doc *doc = s->doc;
	const ng_token *t = &doc->tokens[s->w[pw].tok];
	if (c->entity_codes) {
		int32_t en = entity_at(c, t->start, t->end);
		if (en >= 0 && c->entity_codes[en])
			return c->entity_codes[en];
	}
	for (size_t q = 0; q < doc->n_quotes; q++) {
		const ng_quote *qu = &doc->quotes[q];
		if (qu->start > t->start || qu->end < t->end)
			continue;
		if (qu->speaker >= 0 && c->entity_codes && (size_t)qu->speaker < doc->n_entities &&
		    c->entity_codes[qu->speaker])
			return c->entity_codes[qu->speaker];
		if (qu->speaker_start < 0 || qu->speaker_end <= qu->speaker_start)
			break;
		/* the speaker's last word, if remembered as a name */
		int64_t e = qu->speaker_end, b = e;
		while (b > qu->speaker_start && doc->text[b - 1] != ' ')
			b--;
		char up[NG_EV_MAX_WORD];
		size_t n = 0;
		for (int64_t k = b; k < e && n + 1 < sizeof up; k++)
			up[n++] = (char)toupper((unsigned char)doc->text[k]);
		up[n] = '\0';
		for (size_t m = 0; m < c->n_names; m++)
			if (!strcmp(c->names[m], up))
				return c->name_codes[m];
		break;
	}
	return c->last_code;
}

/* A discard phrase in the sentence: true, and *story when it discards
** the whole story. */
static bool discarded(const sent *s, bool *story)
{
	bool hit = false;
	for (size_t i = 0; i < s->n; i++) {
		uint32_t t = 0;
		if (longest(s, &s->d->discards, i, &t)) {
			hit = true;
			if (t)
				*story = true;
		}
	}
	return hit;
}

ng_status ng_ev_code_sentence(ng_ev_ctx *c, ng_doc *doc, size_t si, bool *story)
{
	scratch *sc = c->scratch;
	sent s = {c->d, doc, sc->w, 0, sc->u, 0, sc->gf, sc->gl, 0, c->date, 0, sc->cap_units};
	load_words(&s, c->d, doc, si, sc->maxn);
	if (!s.n)
		return NG_OK;
	bool story_hit = false;
	if (c->d->discards.n && discarded(&s, &story_hit)) {
		if (story_hit && story)
			*story = true;
		return NG_OK;
	}
	tag_words(&s);
	if (remove_comma_clauses(&s, c->opt))
		tag_words(&s);
	ng_status st = build_units(&s);
	if (st != NG_OK)
		return st;
	recall_names(c, &s);
	if ((st = attach_agents(&s)) != NG_OK)
		return st;
	if (c->opt->new_actor_length && (st = new_actors(&s, c->opt->new_actor_length)) != NG_OK)
		return st;
	if ((st = build_groups(&s)) != NG_OK)
		return st;
	for (size_t ui = 0; ui < s.nu; ui++)
		remember_names(c, &s, &s.u[ui]);

	vinfo *vi = sc->vi;
	tev *ev = sc->ev;
	size_t n_ev = 0;
	int prev_verb = -1;
	for (size_t i = 0; i < s.n; i++) {
		vi[i].done = false;
		vi[i].src = vi[i].tgt = -1;
	}
	for (size_t i = 0; i < s.n; i++) {
		if (!(s.w[i].cls & C_VERB))
			continue;
		const ng_ev_vform *f = &c->d->vforms[s.w[i].vform];
		int aux_start;
		bool neg, be;
		int before = verb_word_before(&s, i, &aux_start, &neg, &be);
		bool passive = be && f->past;
		pmatch m = {-1, -1, -1, (int)i, (int)i, false};
		const ng_ev_pattern *p = best_pattern(&s, i, &m);
		const char *code = p ? p->code : f->code;
		int from = aux_start - 1;
		if (m.left - 1 < from && (m.src >= 0 || m.tgt >= 0 || m.comp >= 0))
			from = m.left - 1;
		int src = m.src, tgt = m.tgt;
		if (m.comp >= 0) {
			src = tgt = m.comp;
		}
		if (src < 0 && m.comp < 0) {
			/* a verb conjoined to the previous one shares its source */
			if (before >= 0 && (s.w[before].cls & C_CONJ) && prev_verb >= 0 && !passive)
				src = vi[prev_verb].src;
			else
				src = find_source(&s, from, vi);
		}
		int after = (int)i + s.w[i].vlen_post + 1;
		if (passive && m.src < 0 && m.comp < 0) {
			/* the subject is the target; the agent follows "by" */
			int subj = src;
			src = -1;
			for (int j = after; j < (int)s.n; j++) {
				if (s.w[j].cls & C_VERB)
					break;
				if (s.w[j].cls & C_BY) {
					int end;
					src = group_right(&s, j + 1, false, &end);
					break;
				}
			}
			tgt = m.tgt >= 0 ? m.tgt : subj;
		} else if (tgt < 0 && m.comp < 0) {
			tgt = find_target(&s, m.right + 1 > after ? m.right + 1 : after);
			if (tgt < 0 && m.right + 1 > after)
				tgt = find_target(&s, after);
		}
		if (src == -3) {
			/* a pronoun subject: its entity's code (coreference), the
			** speaker of the quotation it is in ("We strongly condemn"),
			** else the document's last source actor */
			src = -1;
			int pw = from;
			while (pw > 0 && !(s.w[pw].cls & C_PRON))
				pw--;
			const char *pcode = pronoun_code(c, &s, pw);
			if (pcode && s.nu < s.cap_units && s.ng < s.cap_units) {
				unit *u = &s.u[s.nu];
				memset(u, 0, sizeof(*u));
				u->b = (uint16_t)pw;
				u->e = (uint16_t)(pw + 1);
				u->head = (uint16_t)pw;
				u->attached = -2;
				u->codes[0] = pcode;
				u->n_codes = 1;
				u->group = (int16_t)s.ng;
				s.group_first[s.ng] = s.group_last[s.ng] = (int16_t)s.nu;
				src = (int)s.ng;
				s.ng++;
				s.nu++;
			}
		}
		vi[i].src = src;
		vi[i].tgt = tgt;
		vi[i].done = true;
		vi[i].subj_adjacent = false;
		if (src >= 0 && !passive)
			for (int k = s.group_first[src]; k <= s.group_last[src]; k++)
				if (s.u[k].group == src && s.u[k].e == aux_start)
					vi[i].subj_adjacent = true;
		prev_verb = (int)i;
		if (src >= 0 && group_coded(&s, src)) {
			const unit *su = &s.u[s.group_first[src]];
			if (su->n_codes && strncmp(su->codes[0], "---", 3))
				c->last_code = su->codes[0];
		}
		if (!code || !strcmp(code, "---") || !strcmp(code, "###"))
			continue;
		size_t n0 = n_ev;
		ev_mood md = {EV_MOOD_ASSERT, false, -1, -1};
		if (c->opt->mood)
			md = ng_ev_mood(&s, (int)i, aux_start);
		else if (neg && !m.neg_used)
			md.kind = EV_MOOD_NEG;
		if (m.neg_used && (md.kind == EV_MOOD_NEG || md.kind == EV_MOOD_REFUSE))
			md.kind = EV_MOOD_ASSERT;
		if (demand_of(&s, vi, ev, &n_ev, (int)i, &md, src, code))
			continue;
		uint8_t modality;
		bool mneg;
		const char *act = code;
		code = ng_ev_mood_code(&md, code, &modality, &mneg);
		if (code == act)
			act = NULL;
		neg = mneg;
		m.neg_used = false;
		if (src < 0 || tgt < 0) {
			/* require_dyad off: one side may be missing (written "---");
			** a reciprocal code "a:b" still needs both parties */
			if (c->opt->require_dyad || (src < 0 && tgt < 0) || strchr(code, ':'))
				continue;
			push_half(&s, ev, &n_ev, (int)i, src >= 0 ? src : tgt, src >= 0, code,
				  neg && !m.neg_used);
			set_mood(&s, ev, n0, n_ev, &md, act, modality);
			continue;
		}
		if (src == tgt && m.comp < 0)
			continue;
		push_events(&s, ev, &n_ev, (int)i, src, tgt, code, neg && !m.neg_used, m.comp >= 0);
		set_mood(&s, ev, n0, n_ev, &md, act, modality);
	}
	if (c->opt->mood)
		bare_demands(&s, vi, ev, &n_ev);
	/* reports: "X said Y attacked Z" keeps Y->Z only; not when the later
	** verb is governed by the earlier one ("urged Israel to release") */
	for (size_t a = 0; a < n_ev; a++)
		for (size_t b = 0; b < n_ev; b++)
			if (ev[b].verb > ev[a].verb && ev[a].tgt_group >= 0 && !ev[b].fold &&
			    ev[b].src_group == ev[a].tgt_group &&
			    vi[ev[b].verb].subj_adjacent) {
				ev[a].dropped = true;
				if (!ev[b].rep && ev[a].src_unit >= 0)
					ev[b].rep = ev[a].src_unit + 1;
			}
	fold_acts(ev, n_ev);
	for (size_t k = 0; k < n_ev; k++) {
		if (ev[k].dropped)
			continue;
		if ((st = grow_events(doc, &c->cap_events)) != NG_OK)
			return st;
		ng_event *e = &doc->events[doc->n_events++];
		memset(e, 0, sizeof(*e));
		e->sentence = (uint32_t)si;
		e->start = doc->sentences[si].start;
		e->end = doc->sentences[si].end;
		actor_out(c, &s, ev[k].src_unit, ev[k].src_code, &e->source);
		actor_out(c, &s, ev[k].tgt_unit, ev[k].tgt_code, &e->target);
		e->cameo = ev[k].code;
		if (c->opt->mood) {
			e->cameo = irregular_force(e->cameo, ev[k].src_code);
			e->cameo = verbal_attack(&s.w[ev[k].verb], e->cameo, ev[k].src_code,
						 ev[k].tgt_code);
		}
		e->plover = c->o ? ng_ev_onto_plover(c->o, e->cameo, &e->mode) : NULL;
		e->goldstein = c->o ? ng_ev_onto_goldstein(c->o, e->cameo) : 0.0;
		e->quad_class = ng_ev_quad_class(e->cameo);
		e->negated = ev[k].negated;
		e->modality = ev[k].modality == NG_MOD_INTENDED       ? "intended"
			      : ev[k].modality == NG_MOD_HYPOTHETICAL ? "hypothetical"
								      : NULL;
		e->reporter = reporter_of(c, &s, vi, &ev[k]);
		if ((st = event_date(c, doc, e, ev[k].act != NULL)) != NG_OK)
			return st;
		e->act = ev[k].act ? ng_doc_strndup(doc, ev[k].act, strcspn(ev[k].act, ":")) : NULL;
		if (ev[k].act && !e->act)
			return NG_ENOMEM;
		const word *v = &s.w[ev[k].verb];
		e->verb_start = doc->tokens[s.w[ev[k].verb - v->vlen_pre].tok].start;
		e->verb_end = doc->tokens[s.w[ev[k].verb + v->vlen_post].tok].end;
	}
	return NG_OK;
}
