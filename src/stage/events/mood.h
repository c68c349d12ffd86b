/*
** mood.h -- negation, modality, intentions and demands of a coded verb
** (mood.c). Internal to src/stage/events/.
*/
#ifndef NG_EVENTS_MOOD_H
#define NG_EVENTS_MOOD_H
#include <stdbool.h>
#include <stdint.h>

#include "stage/events/coder_int.h"

enum {
	EV_MOOD_ASSERT = 0, /* done, or tried ("attempted to assassinate") */
	EV_MOOD_INTENT,     /* will, plans to, offered to, agreed to ... */
	EV_MOOD_THREAT,     /* threatened to; an intention under "unless" */
	EV_MOOD_REFUSE,     /* refused to, failed to, will not, could not */
	EV_MOOD_NEG,        /* did not, has yet to, never */
	EV_MOOD_HYPO,       /* could, may, might, if ... */
	EV_MOOD_OBLIG,      /* must, should */
	EV_MOOD_DEMAND      /* urged X to, called on X to */
};

/* Modality of an output event. */
enum { NG_MOD_ASSERTED = 0, NG_MOD_INTENDED, NG_MOD_HYPOTHETICAL };

typedef struct ev_mood {
	uint8_t kind;  /* EV_MOOD_* */
	bool cond;     /* under "if" or "unless" */
	int gov;       /* the word governing the verb's infinitive, or -1 */
	int say;       /* for an obligation: the reporting word before it, or -1 */
} ev_mood;

/* The mood of the verb at word `verb` whose auxiliary chain starts at word
** `aux_start` (coder.c's verb_word_before). */
ev_mood ng_ev_mood(const sent *s, int verb, int aux_start);

/* The code the event gets for that mood (a static or the given string):
** intent -> CAMEO 03 (AGREE) or 13 (THREATEN), refusal -> 12 (REJECT);
** sets the modality and negation of what is left as it was. */
const char *ng_ev_mood_code(const ev_mood *m, const char *code, uint8_t *modality, bool *negated);

/* The last reporting word (said, told, announced, insisted, warned,
** concluded ...) before word `before`, or -1. */
int ng_ev_say_before(const sent *s, int before);

/* "must"/"should" (or "has to") at word k whose verb the dictionary does not
** code ("must allocate resources"): true when it is followed by a verb-like
** word, not by a coded verb (coder.c codes those). */
bool ng_ev_bare_obligation(const sent *s, size_t k);

#endif
