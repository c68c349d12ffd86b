/*
** mood.c -- how a coded verb is meant: done, negated, intended, threatened,
** refused, demanded of someone, or only possible.
**
** The coder (coder.c) finds a verb and its code; this file reads the words
** before it in its clause and says what the sentence asserts:
**
**  - the auxiliary chain: "will", "shall", "'ll", "going to" (intention),
**    "would" (intention in reported speech, else a possibility), "could",
**    "may", "might", "can" (possibility), "must", "should" (obligation),
**    "not", "never", "n't" (negation);
**  - the word governing an infinitive ("threatened to ban", "is willing to
**    withdraw", "failed to reach", "has yet to concede", "urged Sudan to
**    return"): intention, threat, refusal, negation, demand or attempt;
**  - "if" / "unless" before the verb: a condition (an intended conflict or
**    a conditional promise to act is a threat: "will withdraw ... unless").
**
** What follows from it (CAMEO's own conventions, which PLOVER keeps): an
** intended cooperative act is AGREE (CAMEO 03, "express intent to ..."),
** an intended or conditional hostile act is THREATEN (CAMEO 13), a refused
** or failed cooperative act is REJECT (CAMEO 12: "failed to reach an
** agreement", "declined to resign"), a plain negation keeps the code and
** marks the event negated ("has yet to concede"), a possibility marks it
** hypothetical. The act itself is kept alongside (`act`). Negated and
** hypothetical events stay in the output and are left out of counts and
** exports (docs/internals/events.md).
*/
#include <string.h>

#include "stage/events/coder_int.h"
#include "stage/events/mood.h"

/* Words that govern an infinitive, by what they make of it; a word matches
** when it begins with the stem and is at most 4 bytes longer (THREATEN
** matches THREATENED, THREATENS). */
typedef struct gov_word {
	const char *stem;
	uint8_t kind;
} gov_word;

static const gov_word govs[] = {
	{"THREATEN", EV_MOOD_THREAT},
	{"PLAN", EV_MOOD_INTENT}, {"INTEND", EV_MOOD_INTENT}, {"WILLING", EV_MOOD_INTENT},
	{"READY", EV_MOOD_INTENT}, {"PREPARED", EV_MOOD_INTENT}, {"PREPARING", EV_MOOD_INTENT},
	{"OFFER", EV_MOOD_INTENT}, {"DECIDE", EV_MOOD_INTENT}, {"DECIDED", EV_MOOD_INTENT},
	{"VOW", EV_MOOD_INTENT}, {"SWORN", EV_MOOD_INTENT}, {"SWORE", EV_MOOD_INTENT},
	{"SWEAR", EV_MOOD_INTENT}, {"PLEDGE", EV_MOOD_INTENT}, {"PROMISE", EV_MOOD_INTENT},
	{"COMMITTED", EV_MOOD_INTENT}, {"AGREE", EV_MOOD_INTENT}, {"HOPE", EV_MOOD_INTENT},
	{"WANT", EV_MOOD_INTENT}, {"WISH", EV_MOOD_INTENT}, {"SEEK", EV_MOOD_INTENT},
	{"SOUGHT", EV_MOOD_INTENT}, {"AIM", EV_MOOD_INTENT}, {"SCHEDULED", EV_MOOD_INTENT},
	{"EXPECTED", EV_MOOD_INTENT}, {"GOING", EV_MOOD_INTENT}, {"ABOUT", EV_MOOD_INTENT},
	{"DETERMINED", EV_MOOD_INTENT}, {"RESOLVED", EV_MOOD_INTENT}, {"SET", EV_MOOD_INTENT},
	{"DUE", EV_MOOD_INTENT}, {"LIKELY", EV_MOOD_HYPO}, {"UNLIKELY", EV_MOOD_NEG},
	{"REFUSE", EV_MOOD_REFUSE}, {"DECLINE", EV_MOOD_REFUSE}, {"FAIL", EV_MOOD_REFUSE},
	{"UNABLE", EV_MOOD_REFUSE}, {"RELUCTANT", EV_MOOD_REFUSE}, {"YET", EV_MOOD_NEG},
	{"TRY", EV_MOOD_ASSERT}, {"TRIED", EV_MOOD_ASSERT}, {"TRIES", EV_MOOD_ASSERT},
	{"ATTEMPT", EV_MOOD_ASSERT},
	{"URGE", EV_MOOD_DEMAND}, {"ASK", EV_MOOD_DEMAND}, {"CALLED", EV_MOOD_DEMAND},
	{"CALLING", EV_MOOD_DEMAND}, {"CALLS", EV_MOOD_DEMAND}, {"DEMAND", EV_MOOD_DEMAND},
	{"PRESS", EV_MOOD_DEMAND}, {"ORDER", EV_MOOD_DEMAND}, {"TOLD", EV_MOOD_DEMAND},
	{"REQUEST", EV_MOOD_DEMAND}, {"APPEAL", EV_MOOD_DEMAND}, {"PERSUADE", EV_MOOD_DEMAND},
	{"ENCOURAGE", EV_MOOD_DEMAND}, {"INSTRUCT", EV_MOOD_DEMAND}, {"FORCE", EV_MOOD_DEMAND},
	{"PUSH", EV_MOOD_DEMAND},
};

static bool is_word(const word *w, const char *s)
{
	return !strcmp(w->up, s);
}

static int gov_kind(const word *w)
{
	for (size_t k = 0; k < sizeof govs / sizeof govs[0]; k++) {
		size_t n = strlen(govs[k].stem);
		if (w->len >= n && w->len <= n + 4 && !memcmp(w->up, govs[k].stem, n))
			return govs[k].kind;
	}
	return -1;
}

/* A reporting word before position `before`: said, told, announced ... */
int ng_ev_say_before(const sent *s, int before)
{
	for (int j = before - 1; j >= 0; j--) {
		const word *w = &s->w[j];
		if ((w->cls & C_SAY) || is_word(w, "INSISTED") || is_word(w, "DECLARED") ||
		    is_word(w, "CONCLUDED") || is_word(w, "WARNED") || is_word(w, "SAYING") ||
		    is_word(w, "STATEMENT"))
			return j;
	}
	return -1;
}

/* "if"/"unless" between the clause start (punctuation, a relative word)
** and the verb, or "unless" after it. */
static bool conditional(const sent *s, int verb, bool *unless)
{
	*unless = false;
	for (size_t j = (size_t)verb + 1; j < s->n; j++)
		if (is_word(&s->w[j], "UNLESS")) {
			*unless = true;
			return true;
		}
	for (int j = verb - 1; j >= 0; j--) {
		const word *w = &s->w[j];
		if (is_word(w, "IF") || is_word(w, "UNLESS")) {
			*unless = is_word(w, "UNLESS");
			return true;
		}
		if (w->cls & (C_PUNCT | C_REL))
			break;
	}
	return false;
}

ev_mood ng_ev_mood(const sent *s, int verb, int aux_start)
{
	ev_mood m = {EV_MOOD_ASSERT, false, -1, -1};
	int first = verb - s->w[verb].vlen_pre;
	bool neg = false, fut = false, would = false, poss = false, oblig = false, to = false;
	for (int j = aux_start; j < first; j++) {
		const word *w = &s->w[j];
		if (w->cls & C_NEG)
			neg = true;
		else if (is_word(w, "WILL") || is_word(w, "SHALL") || is_word(w, "'LL") ||
			 is_word(w, "’LL") || is_word(w, "WO") || is_word(w, "GOING"))
			fut = true;
		else if (is_word(w, "WOULD"))
			would = true;
		else if (is_word(w, "COULD") || is_word(w, "MAY") || is_word(w, "MIGHT") ||
			 is_word(w, "CAN") || is_word(w, "CA"))
			poss = true;
		else if (is_word(w, "MUST") || is_word(w, "SHOULD"))
			oblig = true;
		else if (w->cls & C_TO)
			to = true;
	}
	bool unless;
	m.cond = conditional(s, verb, &unless);
	if (would) {
		if (ng_ev_say_before(s, verb) >= 0)
			fut = true;
		else
			poss = true;
	}
	if (to && aux_start > 0) {
		/* the word governing the infinitive, before adverbs ("is now
		** ready to") */
		int g = aux_start - 1;
		while (g > 0 && (s->w[g].cls & C_ADV))
			g--;
		int k = gov_kind(&s->w[g]);
		if (k < 0 && s->w[g].unit >= 0) {
			/* "urged Sudan to return": the governor before the object */
			int b = s->u[s->w[g].unit].b;
			if (b > 0 && gov_kind(&s->w[b - 1]) == EV_MOOD_DEMAND) {
				g = b - 1;
				k = EV_MOOD_DEMAND;
			}
		}
		if (k >= 0) {
			m.gov = g;
			/* the governor's own negation: "did not agree to", "will not
			** try to" */
			bool gneg = false;
			for (int j = g - 1; j >= 0 && j >= g - 3; j--)
				if (s->w[j].cls & C_NEG)
					gneg = true;
				else if (!(s->w[j].cls & (C_AUX | C_ADV)))
					break;
			if (gneg && (k == EV_MOOD_INTENT || k == EV_MOOD_ASSERT))
				k = EV_MOOD_REFUSE;
			else if (gneg && k == EV_MOOD_THREAT)
				k = EV_MOOD_NEG;
			m.kind = (uint8_t)k;
			if (neg && m.kind == EV_MOOD_ASSERT)
				m.kind = EV_MOOD_NEG;
			if (m.kind == EV_MOOD_INTENT && unless)
				m.kind = EV_MOOD_THREAT;
			return m;
		}
	}
	if (neg)
		m.kind = (fut || poss || would) ? EV_MOOD_REFUSE : EV_MOOD_NEG;
	else if (oblig) {
		m.kind = EV_MOOD_OBLIG;
		m.say = ng_ev_say_before(s, verb);
	} else if (fut)
		m.kind = unless ? EV_MOOD_THREAT : EV_MOOD_INTENT;
	else if (poss || (m.cond && !unless))
		m.kind = EV_MOOD_HYPO;
	return m;
}

/* CAMEO sub-codes of "express intent to" (03), "threaten" (13) and
** "reject" (12) for the act's root and second level. */
static const char *intent_code(const char *c)
{
	static const char *const by_root[10] = {NULL, NULL, NULL, NULL, "036", "032", "031",
						"033", "035", "030"};
	int r = (c[0] - '0') * 10 + (c[1] - '0');
	if (r == 3)
		return c;
	if (r == 6 && c[2] >= '1' && c[2] <= '4')
		return c[2] == '1' ? "0311" : c[2] == '2' ? "0312" : c[2] == '3' ? "0313" : "0314";
	if (r == 7 && c[2] >= '1' && c[2] <= '4')
		return c[2] == '1' ? "0331" : c[2] == '2' ? "0332" : c[2] == '3' ? "0333" : "0334";
	if (r == 8 && c[2] >= '1' && c[2] <= '7') {
		static const char *const yield[8] = {NULL, "0351", "0352", "0341", "0353", "0354",
						     "0355", "0356"};
		return yield[c[2] - '0'];
	}
	return r >= 4 && r <= 9 ? by_root[r] : NULL;
}

static const char *threat_code(const char *c)
{
	int r = (c[0] - '0') * 10 + (c[1] - '0');
	if (r == 13)
		return c;
	if (r == 19 && c[2] == '1')
		return "1381";
	if (r == 19 && c[2] == '2')
		return "1382";
	switch (r) {
	case 8: /* withdrawing forces or workers under a condition */
	case 16:
		return "131";
	case 14:
		return "133";
	case 17:
		return "137";
	case 15:
	case 18:
		return "138";
	case 19:
		return "1384";
	case 20:
		return "1385";
	default:
		return NULL;
	}
}

static const char *reject_code(const char *c)
{
	int r = (c[0] - '0') * 10 + (c[1] - '0');
	switch (r) {
	case 3:
	case 5:
		return c[1] == '5' && c[2] == '7' ? "127" : "120";
	case 4:
		return "125";
	case 6:
		return "121";
	case 7:
		return "122";
	case 8:
		return "124";
	case 9:
		return "120";
	default:
		return NULL;
	}
}

const char *ng_ev_mood_code(const ev_mood *m, const char *code, uint8_t *modality, bool *negated)
{
	*modality = NG_MOD_ASSERTED;
	*negated = false;
	if (!code || strlen(code) < 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' ||
	    code[1] > '9')
		return code;
	const char *c = NULL;
	switch (m->kind) {
	case EV_MOOD_ASSERT:
		return code;
	case EV_MOOD_INTENT:
		c = intent_code(code);
		if (!c && (code[0] > '1' || code[1] >= '4'))
			c = threat_code(code);
		if (!c)
			*modality = NG_MOD_INTENDED;
		break;
	case EV_MOOD_THREAT:
		c = threat_code(code);
		if (!c)
			*modality = NG_MOD_INTENDED;
		break;
	case EV_MOOD_REFUSE:
		c = reject_code(code);
		if (!c)
			*negated = true;
		break;
	case EV_MOOD_NEG:
		*negated = true;
		break;
	case EV_MOOD_HYPO:
	case EV_MOOD_OBLIG:
	case EV_MOOD_DEMAND:
		*modality = NG_MOD_HYPOTHETICAL;
		break;
	default:
		break;
	}
	return c ? c : code;
}

bool ng_ev_bare_obligation(const sent *s, size_t k)
{
	const word *w = &s->w[k];
	if (!is_word(w, "MUST") && !is_word(w, "SHOULD"))
		return false;
	size_t j = k + 1;
	while (j < s->n && (s->w[j].cls & (C_ADV | C_NEG | C_AUX)))
		j++;
	if (j >= s->n || (s->w[j].cls & (C_VERB | C_PUNCT | C_COMMA | C_DET | C_PREP | C_CONJ)))
		return false;
	return s->w[j].unit < 0 || !s->u[s->w[j].unit].n_codes;
}
