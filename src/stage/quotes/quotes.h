/*
** quotes.h -- the quotation stage's internal interface: the cue-verb lexicon
** (data/quotes/cue_verbs.tsv, read once at init, read-only afterwards) and
** the per-document finder that fills doc->quotes.
**
** See docs/internals/quotes.md for the rules the finder applies.
*/
#ifndef NG_QUOTES_H
#define NG_QUOTES_H

#include <string.h>

#include "core/core.h"
#include "newsgraph/newsgraph.h"

/* How a cue verb takes its content. */
typedef enum ng_cue_frame {
	NG_CUE_SPEECH = 0, /* that-clause, bare clause or direct quote: "said (that) ..." */
	NG_CUE_TELL,       /* the same after an addressee: "told reporters that ..." */
	NG_CUE_QUOTE,      /* direct quotes only: "continued: "..."" */
	NG_CUE_OBJECT,     /* the object is the content: "criticized the plan" */
	NG_CUE_ACCORDING,  /* the phrase "according to" (not in the file) */
	NG_CUE_PREP        /* the object of a particle is the content: "talked about X" */
} ng_cue_frame;

/* What a cue attributes (the fifth field of cue_verbs.tsv; ng_quote.cue_class
** carries the name). PolNeAR annotates all of these as attributions; users
** who track who *said* what keep only "speech". */
typedef enum ng_cue_class {
	NG_CLS_SPEECH = 0,  /* statements, questions, writing: "said", "tweeted", "according to" */
	NG_CLS_BELIEF,      /* thoughts, beliefs, feelings, expectations: "believes", "fears" */
	NG_CLS_INTENTION,   /* intentions and wants: "wants to", "plans to", "intends" */
	NG_CLS_PERCEPTION,  /* perception and finding out: "saw", "learned", "realized" */
	NG_CLS_STANCE,      /* support or opposition: "endorsed", "opposes", "backs" */
	NG_CLS_EVIDENCE,    /* polls, surveys, studies, data: "a poll found that ..." */
	NG_CLS_COUNT
} ng_cue_class;

/* The class's name ("speech", "belief", ...); "speech" for an unknown one.
** Static strings, thread-safe. */
const char *ng_cue_class_name(int cls);

/* Which inflection a form is. */
typedef enum ng_cue_form {
	NG_FORM_BASE = 0, /* say */
	NG_FORM_S,        /* says */
	NG_FORM_PAST,     /* said, told, written */
	NG_FORM_ING       /* saying */
} ng_cue_form;

typedef struct ng_cue_lex ng_cue_lex;

/* Parses the lexicon text (the cue_verbs.tsv format) from data[0..len).
** On failure returns NG_EPARSE (message with the line number in `err`) or
** NG_ENOMEM. The result is read-only and thread-safe; free it with
** ng_cue_lex_destroy(). */
NG_WARN_UNUSED ng_status ng_cue_lex_parse(const char *data, size_t len, ng_cue_lex **out, char *err,
					  size_t errlen);

/* Reads and parses the file at `path`. NG_EIO when it cannot be read. */
NG_WARN_UNUSED ng_status ng_cue_lex_load(const char *path, ng_cue_lex **out, char *err, size_t errlen);

/* NULL is a no-op. */
void ng_cue_lex_destroy(ng_cue_lex *lx);

/* Number of cue forms in the lexicon. */
size_t ng_cue_lex_size(const ng_cue_lex *lx);

/* Looks up a word (ASCII case-insensitive). Returns 1 and fills the lemma
** (static in the lexicon), frame and form when found, 0 otherwise. Any
** output pointer may be NULL. */
int ng_cue_lex_find(const ng_cue_lex *lx, const char *word, size_t len, const char **lemma,
		    ng_cue_frame *frame, ng_cue_form *form);

/* Word classes the finder uses (function words, set by the stage at init). */
enum {
	NG_WC_PRON_SUBJ = 1u << 0,  /* he she they I we it */
	NG_WC_DET = 1u << 1,        /* the a his their some ... */
	NG_WC_SKIP_ADV = 1u << 2,   /* adverbs and auxiliaries between subject and verb */
	NG_WC_PASSIVE = 1u << 3,    /* was were been is ... */
	NG_WC_NOT_NP_END = 1u << 4, /* cannot end a subject noun phrase */
	NG_WC_INTRO = 1u << 5,      /* opens an introductory phrase */
	NG_WC_JOINER = 1u << 6,     /* inside names: al bin de van */
	NG_WC_NOUN_SUBJ = 1u << 7,  /* nouns that speak: spokesman officials */
	NG_WC_PREP = 1u << 8,       /* prepositions */
	NG_WC_OBJ = 1u << 9,        /* addressees after "told": him reporters */
	NG_WC_PHRASE = 1u << 10,    /* first words of phrasal cues: voted (for), took (aim at) */
	NG_WC_PHRASE_NEXT = 1u << 11, /* words after them: (voted) for, (took) aim */
	NG_WC_PHRASE_ADJ = 1u << 12, /* adjective heads: (is) wary (of) */
	NG_WC_NOT_CONTENT = 1u << 13, /* may open no content after a cue: from up to in at last */
	NG_WC_EVIDENCE = 1u << 14,  /* heads of evidence subjects: poll survey data */
	NG_WC_COORD = 1u << 15,     /* the words coord_end() looks at: and but with who */
	NG_WC_NOUN_CUE = 1u << 16,  /* nouns that take a clause: claim belief plans support */
	NG_WC_MORE_CUE = 1u << 17,  /* other words that open an attribution: expected asked made */
	NG_WC_TITLE = 1u << 18,     /* titles before a name: president minister senator */
	NG_WC_TIME = 1u << 20,      /* time nouns: Tuesday morning ago week */
	NG_WC_TIME_MOD = 1u << 21,  /* their modifiers: on last this earlier less than */
	NG_WC_ADJ = 1u << 22,       /* adjectives inside a noun phrase: new first official */
	NG_WC_AUX = 1u << 23,       /* auxiliaries: did has would was */
	NG_WC_BACK = 1u << 24,      /* first words of phrasal cues: fired (back), put (it) */
	NG_WC_DOC = 1u << 25,       /* documents and messages: statement letter tweet */
	NG_WC_QUANT = 1u << 26,     /* plural quantifiers that stand for a noun: some many both */
	NG_WC_OPENER = 1u << 27,    /* open a subordinate clause, with BREAK, SUBORD: if because */
	NG_WC_BREAK = 1u << 28,     /* open a clause of its own: while but and although */
	NG_WC_SUBORD = 1u << 29,    /* open a participle clause: by before after without */
	NG_WC_ACCORDING = 1u << 30  /* "according" (of "according to"), no cue word itself */
};

/* A word's entry: its classes and, for a cue, lemma, frame and form. */
typedef struct ng_cue_word {
	uint32_t wclass;
	int is_cue;
	int frame;
	int form;
	int cls; /* ng_cue_class */
	const char *lemma;
} ng_cue_word;

/* Adds word-class bits to a word (adding the word when new). Only at
** set-up, before the lexicon is shared. NG_ELIMIT when full. */
NG_WARN_UNUSED ng_status ng_cue_lex_add_class(ng_cue_lex *lx, const char *word, uint32_t wclass);

/* Looks up any word: 1 and *out filled when known, 0 otherwise. */
int ng_cue_lex_word(const ng_cue_lex *lx, const char *word, size_t len, ng_cue_word *out);

/* memset() in pieces of 2 KB at most, for the per-token tables: glibc
** stores larger blocks with `rep stosb`, which callgrind (our measure of
** the stage's speed) counts as one instruction per byte, and the pieces
** take its vector stores. */
static inline void ng_quotes_fill(void *p, int byte, size_t n)
{
	for (size_t k = 0; k < n; k += 2048)
		memset((char *)p + k, byte, n - k < 2048 ? n - k : 2048);
}

/* Looks up every word token (NG_TOK_WORD, _CLITIC, _ABBREV) of `t[0..n)` in
** `text` at once (text_len bytes may be read from it: words closer than
** eight bytes to its end are read byte by byte): wclass[i] gets its class
** bits (0 when unknown); for a cue
** word (NG_TOK_WORD only), cue[i] = class * 64 + frame * 8 + form and
** lemma[i] its lemma, else cue[i] = -1 and lemma[i] = NULL. The indices of
** the tokens found go to hits[] in text order (room for n); returns their
** number. One call per document, so the look-up is inlined in the loop
** (most tokens' cost). */
size_t ng_cue_lex_tokens(const ng_cue_lex *lx, const char *text, size_t text_len,
			 const ng_token *t, size_t n, uint32_t *wclass, int16_t *cue,
			 const char **lemma, int32_t *hits);

/* Reads the whole file at `path` (at most `cap` bytes, a multiple of 1 MiB)
** into a malloc'd *buf of *len bytes. Errors name `what` and the path:
** NG_EIO when it cannot be opened or read or is larger, NG_ENOMEM. */
NG_WARN_UNUSED ng_status ng_quotes_read_file(const char *path, const char *what, size_t cap,
					     char **buf, size_t *len, char *err, size_t errlen);

/* The leftover-cue model (model.c, data/quotes/leftover.model): a logistic
** regression that scores the records a cue word no rule claimed would make.
** Read-only after loading; features are looked up by their hash (below). */
typedef struct ng_cue_model ng_cue_model;

/* Loads the model at `path`; `names` (n of them) are the feature names the
** finder makes: a feature of another name is an error (the model and the
** code that makes its features disagree). */
NG_WARN_UNUSED ng_status ng_cue_model_load(const char *path, const char *const *names, int n,
					   ng_cue_model **out, char *err, size_t errlen);
void ng_cue_model_destroy(ng_cue_model *m);

/* A feature is "name=part|part|..." (a name and up to three parts; no part
** holds '=', '|' or a space). The names are the finder's list (lo_names[]
** in quotes.c, given to ng_cue_model_load()); the hash of a feature mixes
** its name's index with the hashes of its parts, so that a part is hashed
** once for all the features it is in:
**   h = ng_cue_feat_name(i); h = ng_cue_feat_mix(h, ng_cue_feat_part(a, na)); ...
** then ng_cue_feat_end(h). */
static inline uint64_t ng_cue_feat_part(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull; /* FNV-1a, 64 bits */
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}
static inline uint64_t ng_cue_feat_mix(uint64_t h, uint64_t part)
{
	h = (h ^ part) * 0x9E3779B97F4A7C15ull;
	return h ^ (h >> 29);
}
static inline uint64_t ng_cue_feat_name(int i)
{
	return ng_cue_feat_mix(0x51ED27C3A5F6B9D1ull, (uint64_t)i + 1);
}
static inline uint64_t ng_cue_feat_end(uint64_t h)
{
	return h ? h : 1; /* 0 marks an empty slot of the table */
}

/* The weight of the feature with hash h; 0 for an unknown feature. */
double ng_cue_model_weight(const ng_cue_model *m, uint64_t h);
double ng_cue_model_bias(const ng_cue_model *m);
/* Candidates whose probability is at least this are kept. */
double ng_cue_model_threshold(const ng_cue_model *m);

/* The lexicon owns its model (destroyed with it); NULL turns the leftover
** pass off. */
void ng_cue_lex_set_model(ng_cue_lex *lx, ng_cue_model *m);
const ng_cue_model *ng_cue_lex_model(const ng_cue_lex *lx);

/* The finder's word lists and small tables (data/quotes/words.tsv,
** words.c). Read-only after loading. */
typedef struct ng_quote_words ng_quote_words;

/* Loads them from `path`: NG_EIO when it cannot be read, NG_EPARSE (message
** "path:line: what") on a malformed line, an unknown or missing list,
** NG_ENOMEM. Free with ng_quote_words_destroy() (NULL is a no-op). */
NG_WARN_UNUSED ng_status ng_quote_words_load(const char *path, ng_quote_words **out, char *err,
					     size_t errlen);
void ng_quote_words_destroy(ng_quote_words *w);

/* The lexicon owns its word lists (destroyed with it). */
void ng_cue_lex_set_words(ng_cue_lex *lx, ng_quote_words *w);
const ng_quote_words *ng_cue_lex_words(const ng_cue_lex *lx);

/* Loads the cue lexicon at `path` and adds the finder's word classes, and
** the word lists `words.tsv` and the leftover-cue model `leftover.model` of
** the same directory: the
** lexicon ng_quotes_find() needs. Errors as ng_cue_lex_load() and
** ng_cue_model_load(). */
NG_WARN_UNUSED ng_status ng_quotes_load(const char *path, ng_cue_lex **out, char *err, size_t errlen);

/* Finds the document's quotations and writes them to doc->quotes (in text
** order, allocated from doc->arena) with a lexicon from ng_quotes_load().
** Needs tokens and sentences; uses
** doc->ner_tags and doc->entities when present. Thread-safe for distinct
** documents. Returns NG_ELIMIT when the arena is exhausted. */
NG_WARN_UNUSED ng_status ng_quotes_find(const ng_cue_lex *lx, ng_doc *doc);

/* ng_quotes_find(), for training the leftover-cue model: the leftover pass
** keeps none of its candidates and appends each to `dump` as a line
** "start<TAB>end<TAB>features" (byte offsets of the content, features
** separated by spaces). The records are those of a run without the pass.
** NG_ELIMIT or NG_ENOMEM (the records still made) when `dump` is full. */
NG_WARN_UNUSED ng_status ng_quotes_find_dump(const ng_cue_lex *lx, ng_doc *doc, ng_outbuf *dump);

#endif
