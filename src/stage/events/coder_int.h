/*
** coder_int.h -- the coder's sentence model, shared by coder.c (coding) and
** mood.c (negation, modality, intentions and demands of a coded verb).
** Internal to src/stage/events/.
*/
#ifndef NG_EVENTS_CODER_INT_H
#define NG_EVENTS_CODER_INT_H
#include <stdbool.h>
#include <stdint.h>

#include "stage/events/events.h"

/* Word classes. */
enum {
	C_AUX = 1u << 0,    /* be, have, do, modals */
	C_BE = 1u << 1,
	C_NEG = 1u << 2,
	C_DET = 1u << 3,    /* determiners and possessive pronouns */
	C_CONJ = 1u << 4,
	C_PREP = 1u << 5,
	C_PUNCT = 1u << 6,  /* clause punctuation */
	C_PRON = 1u << 7,
	C_POSS = 1u << 8,   /* 's */
	C_VERB = 1u << 9,   /* a dictionary verb used as a verb */
	C_ADV = 1u << 10,   /* -ly adverbs and a few others, skipped in auxiliary chains */
	C_TO = 1u << 11,
	C_BY = 1u << 12,
	C_ATTACH = 1u << 13, /* of, in, from: agent + prep + actor */
	C_COMMA = 1u << 14,
	C_REL = 1u << 15,   /* that, which, who, whose */
	C_OPEN = 1u << 16,  /* ( */
	C_CLOSE = 1u << 17, /* ) */
	C_SAY = 1u << 18    /* said, told ...: ends a subject noun phrase */
};

/* Most sentences are far shorter than the cap; units and groups are bounded by words. */
typedef struct word {
	uint32_t id;        /* dictionary id, 0 = unknown */
	uint32_t tok;       /* token index in the document */
	unsigned cls;
	uint8_t len;
	char up[NG_EV_MAX_WORD];
	int32_t actor;      /* actor index when an actor phrase starts here, else -1 */
	int32_t agent;      /* agent index when an agent phrase starts here, else -1 */
	uint8_t span;       /* length of that phrase */
	int16_t unit;       /* unit index, or -1 */
	int32_t vform;      /* verb form index when C_VERB */
	uint8_t vlen_pre, vlen_post;
} word;

#define MAX_CODES 8
typedef struct unit {
	uint16_t b, e;      /* words [b, e) */
	const char *codes[MAX_CODES];
	uint8_t n_codes;
	int16_t group;      /* compound group, or -1 */
	int16_t attached;   /* actor units taken over by an agent unit: not candidates */
	uint16_t head;      /* word holding the actor (or last word) */
	const char *actor;  /* the actor's own code (first of a/b/c), or NULL */
	const char *agents; /* the suffix agents' codes ("GOV"), or NULL */
	uint8_t n_words;    /* non-punctuation words */
	bool say_subject;   /* followed by its verb ("..., officials said") */
	int16_t solo;       /* an attached unit's own group (a copy of it), or -1 */
} unit;

typedef struct sent {
	const ng_ev_dict *d;
	ng_doc *doc;
	word *w;
	size_t n;
	unit *u;
	size_t nu;
	int16_t *group_first; /* per group: first unit */
	int16_t *group_last;
	size_t ng;
	uint32_t date;
	uint64_t bloom;     /* bits of the sentence's word ids */
	size_t cap_units;   /* entries of u (and of group_first/last) */
} sent;

#endif
