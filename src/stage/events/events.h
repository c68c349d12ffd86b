/*
** events.h -- internal interface of the event coder (src/stage/events/).
**
** The coder works in two halves. dict.c reads dictionaries in the
** TABARI/PETRARCH text format (verbs with synsets and patterns, actors with
** date restrictions, agents, discards) into one read-only ng_ev_dict whose
** words are interned to dense integer ids. coder.c codes one sentence: it
** looks tokens up in the dictionary, groups actors and agents into noun
** phrases, finds the verbs, matches their patterns and picks each verb's
** source and target. ontology.c holds the CAMEO -> PLOVER mapping, the
** Goldstein scale and the quad classes read from data/events/.
*/
#ifndef NG_EVENTS_H
#define NG_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "newsgraph/newsgraph.h"

/* Caps that keep a malformed dictionary or sentence bounded. */
#define NG_EV_MAX_WORD 64        /* bytes in one dictionary or sentence word */
#define NG_EV_MAX_PHRASE 16      /* words in one phrase or pattern half */
#define NG_EV_MAX_SENT_WORDS 256 /* longer sentences are coded on their first words */

/* Pattern elements. */
enum { EV_EL_WORD = 0, EV_EL_SYNSET, EV_EL_SOURCE, EV_EL_TARGET, EV_EL_COMPOUND, EV_EL_SKIP };

typedef struct ng_ev_elem {
	uint32_t id;     /* word id or synset index */
	uint8_t type;    /* EV_EL_* */
	uint8_t adj;     /* must be adjacent to the element before it (joined by '_') */
} ng_ev_elem;

typedef struct ng_ev_pattern {
	ng_ev_elem *pre;   /* elements before the verb, nearest first */
	ng_ev_elem *post;  /* elements after the verb, in text order */
	uint8_t n_pre, n_post;
	uint16_t weight;   /* number of words: more specific patterns win */
	uint64_t bloom;    /* bits of its literal words: a quick "cannot match" test */
	const char *code;  /* "064", "032:033" or "---" */
} ng_ev_pattern;

/* A verb block: synonyms share the patterns. */
typedef struct ng_ev_block {
	ng_ev_pattern *pats;
	size_t n_pats, cap_pats;
} ng_ev_block;

/* One surface form of a verb, keyed by its head word. */
typedef struct ng_ev_vform {
	uint32_t head;        /* the inflected verb word */
	uint32_t pre[4], post[4];
	uint8_t n_pre, n_post;
	uint32_t block;       /* index into blocks */
	const char *code;     /* the verb's own code, or the block's */
	bool past;            /* a past-participle-capable form (-ED or irregular) */
} ng_ev_vform;

/* A dated code of an actor. */
typedef struct ng_ev_dated {
	const char *code;
	uint32_t from, to;    /* YYYYMMDD, inclusive; 0 and 99999999 for open ends */
} ng_ev_dated;

typedef struct ng_ev_actor {
	ng_ev_dated *codes;
	size_t n_codes;
	const char *deflt;    /* code when no restriction applies, or NULL */
} ng_ev_actor;

/* A phrase of consecutive words: actors, agents, discards, synset members. */
typedef struct ng_ev_phrase {
	uint32_t w[NG_EV_MAX_PHRASE];
	uint8_t n;
	uint8_t stem;         /* the last word may be a prefix of the text word */
	uint16_t gaps;        /* bit k: other words may come before word k (blank, not _) */
	uint32_t target;      /* actor index, agent code index, synset index ... */
} ng_ev_phrase;

/* A list of phrases indexed by first word. */
typedef struct ng_ev_plist {
	ng_ev_phrase *p;
	size_t n, cap;
	uint32_t *first;      /* after finishing: per word id, index of the first phrase, or UINT32_MAX */
	uint32_t *count;
	size_t n_index;
	size_t max_n;         /* words in its longest phrase */
} ng_ev_plist;

typedef struct ng_ev_agent {
	const char *code;     /* without the ~ */
	bool prefix;          /* "NGO~": goes before the actor code */
} ng_ev_agent;

typedef struct ng_ev_dict {
	/* interned words */
	char **words;
	size_t n_words, cap_words;
	uint32_t *hash;       /* open addressing: word id + 1, 0 = empty */
	uint32_t *hval;       /* per slot: the low bits of the word's hash */
	size_t hash_cap;
	uint8_t *is_stem;     /* per word id: some actor phrase ends in this stem */
	size_t stem_min, stem_max; /* lengths of the stems */
	uint64_t *stem_bits;  /* a filter of the stems' hashes (NG_EV_STEM_BITS bits) */
	uint32_t *wclass;     /* per word id: function-word class bits (coder.c) */

	ng_ev_plist actors;   /* target: actor index */
	ng_ev_actor *actor_codes;
	size_t n_actors, cap_actors;

	ng_ev_plist agents;   /* target: agent index */
	ng_ev_agent *agent_codes;
	size_t n_agents, cap_agents;

	ng_ev_plist discards; /* target: 1 = story-level */
	ng_ev_plist synsets;  /* target: synset index (phrases of all synsets) */
	char **synset_names;
	size_t n_synsets, cap_synsets;

	ng_ev_block *blocks;
	size_t n_blocks, cap_blocks;
	ng_ev_vform *vforms;
	size_t n_vforms, cap_vforms;
	uint32_t *vfirst, *vcount; /* index of vforms by head word id */
	size_t n_vindex;

	/* strings (codes) live in one list so destroy can free them */
	char **strs;
	size_t n_strs, cap_strs;

	size_t n_files;
} ng_ev_dict;

#define NG_EV_STEM_BITS (1u << 20)

/* The hash used for words (FNV-1a, 64 bits). */
static inline uint64_t ng_ev_hash_step(uint64_t h, unsigned char c)
{
	return (h ^ c) * 1099511628211ull;
}
#define NG_EV_HASH_INIT 1469598103934665603ull

/* Creates an empty dictionary. NULL when out of memory. */
ng_ev_dict *ng_ev_dict_create(void);

/* Reads one dictionary file; `kind` is "verbs", "actors", "agents" or
** "discards". On failure writes "PATH:LINE: what" to err. */
NG_WARN_UNUSED ng_status ng_ev_dict_load(ng_ev_dict *d, const char *path, const char *kind,
					 char *err, size_t errlen);

/* Reads every dictionary named in `spec`: a directory (its files are
** classified by name: *verbs*, CAMEO*, *actors*, *agents*, *discards*) or a
** comma-separated list of files. */
NG_WARN_UNUSED ng_status ng_ev_dict_load_spec(ng_ev_dict *d, const char *spec, char *err,
					      size_t errlen);

/* Builds the lookup indexes; call once after the last load. */
NG_WARN_UNUSED ng_status ng_ev_dict_finish(ng_ev_dict *d);

/* Interns an uppercase word: its id, or 0 when out of memory. */
uint32_t ng_ev_dict_intern(ng_ev_dict *d, const char *w, size_t len);

/* Interns the English function words and sets d->wclass (coder.c); called
** by ng_ev_dict_finish(). */
NG_WARN_UNUSED ng_status ng_ev_function_words(ng_ev_dict *d);

/* The id of an uppercase word, or 0 when unknown (id 0 is reserved). */
uint32_t ng_ev_dict_word(const ng_ev_dict *d, const char *w, size_t len);

/* The actor's code on a date (YYYYMMDD, 0 = unknown), or NULL. */
const char *ng_ev_actor_code(const ng_ev_actor *a, uint32_t date);

void ng_ev_dict_destroy(ng_ev_dict *d);

/* ---- ontology (ontology.c) ---- */
typedef struct ng_ev_onto ng_ev_onto;

/* Reads data/events/cameo-plover.txt and goldstein.txt from `dir`. */
ng_ev_onto *ng_ev_onto_load(const char *dir, char *err, size_t errlen);
void ng_ev_onto_destroy(ng_ev_onto *o);
/* PLOVER type and mode for a CAMEO code (longest known prefix), or NULL. */
const char *ng_ev_onto_plover(const ng_ev_onto *o, const char *cameo, const char **mode);
double ng_ev_onto_goldstein(const ng_ev_onto *o, const char *cameo);
int ng_ev_quad_class(const char *cameo);

/* ---- options (options.c) ---- */

/* PETRARCH's coding options (PETR_config.ini), as the coder applies them
** to text (docs/internals/events.md). */
typedef struct ng_ev_opts {
	bool require_dyad;         /* events need a coded source and target (true) */
	unsigned new_actor_length; /* an uncoded noun phrase of at most this many
				   ** words is an actor coded "TEXT" (0: off) */
	unsigned comma_min, comma_max;   /* internal comma clauses of min..max words
					 ** are removed (max 0: off) */
	unsigned comma_bmin, comma_bmax; /* the same for the clause before the first comma */
	unsigned comma_emin, comma_emax; /* ... and after the last comma */
	bool mood;                 /* not PETRARCH's: code intentions, threats, refusals,
				   ** demands, negation and modality (mood.c; true);
				   ** "code_mood = false" codes every verb as an act, as
				   ** PETRARCH does */
} ng_ev_opts;

/* The defaults: today's coder (require_dyad true, everything else off). */
void ng_ev_opts_default(ng_ev_opts *o);

/* Sets one option by its PETR_config.ini name (case-insensitive). Returns
** 1 when set, 0 for a key that is not a coder option, -1 for a bad value
** (booleans: true/false/yes/no/on/off/1/0; counts: 0..1000). */
int ng_ev_opts_set(ng_ev_opts *o, const char *key, const char *value);

/* Reads a PETR_config.ini-style file ("key = value" lines, [sections], #
** and ; comments) over *o; keys that are not coder options are ignored.
** On failure writes "PATH:LINE: what" to err. */
NG_WARN_UNUSED ng_status ng_ev_opts_load(ng_ev_opts *o, const char *path, char *err,
					 size_t errlen);

/* ---- coder (coder.c) ---- */

/* An entity mention, for looking entities up by byte range. */
typedef struct ng_ev_mention {
	uint32_t start, end;
	uint32_t entity;
} ng_ev_mention;

/* What the coder remembers across the sentences of one document. */
#define NG_EV_MAX_NAMES 64
typedef struct ng_ev_ctx {
	const ng_ev_dict *d;
	const ng_ev_onto *o;
	const ng_ev_opts *opt;   /* options; ng_ev_ctx_init() sets the defaults */
	uint32_t date;           /* YYYYMMDD of the document, or 0 */
	size_t cap_events;       /* allocated entries of doc->events */
	void *scratch;           /* per-sentence work arrays (in the doc arena) */
	/* names seen with a code ("QALIBAF" -> IRNLEG) and entities coded so far */
	const char *names[NG_EV_MAX_NAMES];
	const char *name_codes[NG_EV_MAX_NAMES];
	size_t n_names;
	const char **entity_codes; /* per entity, or NULL */
	const ng_ev_mention *ments; /* all entity mentions, by start */
	size_t n_ments;
	uint32_t ment_maxlen;      /* bytes of the longest mention */
	/* the last source actor, for pronoun subjects */
	const char *last_code;
	int32_t last_entity;
} ng_ev_ctx;

/* Starts a document: dates, scratch memory. */
NG_WARN_UNUSED ng_status ng_ev_ctx_init(ng_ev_ctx *c, const ng_ev_dict *d, const ng_ev_onto *o,
					ng_doc *doc);

/* Codes sentence `si` of `doc`, appending events to doc->events. A
** sentence holding a discard phrase gives no events; when the phrase
** discards the whole story, *story (if not NULL) is set. */
NG_WARN_UNUSED ng_status ng_ev_code_sentence(ng_ev_ctx *c, ng_doc *doc, size_t si, bool *story);

#endif
