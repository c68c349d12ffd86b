/*
** finder.h -- the quotes finder's private interface, shared by the files of
** src/stage/quotes/ (not by the rest of the engine, which sees quotes.h):
** the per-document context (qctx) and its records, the token helpers every
** pass calls (static inline: they run per token), and the passes and
** noun-phrase routines one file defines and another calls.
**
** The files, in the order the finder runs them (find() in quotes.c):
**   marks.c     per-token tables (lexicon classes, sentences, paragraphs,
**               entities) and quotation-mark spans
**   phrases.c   noun phrases, subjects, and whether a cue word is a verb
**   speakers.c  speakers of subjects: names, pronouns, "who", antecedents
**   direct.c    direct quotations and their attributions
**   reported.c  reported speech: "X said (that) ...", "..., X said."
**   cues.c      attributions beyond verbs with subjects, headlines, phrasal cues
**   leftover.c  the leftover cue words, scored by a model
**   output.c    records: emit(), merging passes, and the ng_quote array
**   quotes.c    the stage: loading, the pass order, the public entry points
*/
#ifndef NG_QUOTES_FINDER_H
#define NG_QUOTES_FINDER_H

#include <stdint.h>
#include <string.h>

#include "core/core.h"
#include "newsgraph/newsgraph.h"
#include "stage/quotes/quotes.h"

#include "core/core.h"
#include "pipeline/stage.h"
#include "stage/quotes/quotes.h"

#define MAX_QUOTES 4096      /* cap per document */
#define SCARE_MAX_WORDS 3    /* an unattributed quote this short is a scare quote */
#define LONE_MIN_WORDS 10    /* an unattributed quote inside a sentence needs this many words */
#define TITLE_MAX_WORDS 5    /* a quoted title-case phrase this short is a title */
#define TRAIL_WINDOW 12      /* tokens after a closing mark searched for the cue */
#define APPOS_WINDOW 32     /* the same, when a comma opens an appositive after the speaker */
#define LEAD_WINDOW 8        /* tokens before an opening mark searched for the cue */
#define LEAD_WINDOW_LONG 24  /* the same, with an adverbial or appositive in between */
#define NP_MAX 8             /* longest noun phrase taken as a speaker */
#define ANTECEDENT_SENTS 8   /* how far back a pronoun looks for its name */
#define IT_SENTS 3           /* how far back "it" looks for a speaking thing */
#define DROPPED 0xFF         /* cand.kind of a record merged into another */
#define CLS_OF_CUE 0xFF      /* cand.cls: take the class of the cue token */

/* ---- the per-document context */

enum { SUBJ_NONE = 0, SUBJ_NAME, SUBJ_NOUN, SUBJ_PRON, SUBJ_REL };

typedef struct subj {
	int kind;      /* SUBJ_* */
	int32_t s, e;  /* token range [s, e] of the subject as written */
	int32_t rs, re; /* token range of the speaker it stands for (== s,e for names) */
	int32_t entity;
} subj;

typedef struct qspan {
	int32_t o, c;   /* first and last token (the marks when present) */
	uint8_t closed;
	uint8_t single; /* single quotation marks */
	uint16_t words;
	int32_t para;
} qspan;

typedef struct cand {
	int32_t s, e;  /* content token range [s, e] */
	uint8_t kind;
	int32_t cue_s, cue_e;
	const char *lemma;
	uint8_t cls;   /* ng_cue_class, or CLS_OF_CUE: the class of the cue token */
	uint8_t attr;  /* 1: an attribution whatever its class (a headline's) */
	uint8_t model; /* 1: made by the leftover model (leftover.c) */
	subj sp;
} cand;

typedef struct qctx {
	ng_doc *d;
	const char *x;
	const ng_token *t;
	int32_t n;
	const ng_cue_lex *lx;
	const ng_quote_words *w; /* the word lists (words.c) */
	int16_t *cue;     /* per token: lexicon class * 64 + frame * 8 + form, or -1 */
	const char **lem; /* per token: the cue's lemma */
	int32_t *sent;    /* sentence index of each token */
	int32_t *para;    /* paragraph index of each token */
	int32_t *inq;     /* index of the quote span a token lies in, or -1 */
	uint8_t *used;    /* token already a cue, speaker or content of a record */
	uint32_t *wc;     /* word-class bits of each token (NG_WC_*) */
	int32_t *ent;     /* entity covering the token, or -1 (NULL without entities) */
	/* the tokens that may open an attribution, in text order: cue words,
	** NG_WC_NOUN_CUE / NG_WC_MORE_CUE words and "according"; the passes
	** that look for attributions walk these instead of every token */
	int32_t *cands;
	int32_t n_cands;
	/* per candidate, from the first reported-speech pass for the second
	** (see reported()): 1 when the cue has a subject and no content before
	** it, and that subject */
	uint8_t *has_subj;
	subj *subj_of;
	int32_t *marks;   /* the quotation-mark tokens (NG_TOK_QUOTE), in text order */
	int32_t n_marks;
	int32_t *pfirst;  /* the first token of each paragraph */
	int32_t n_paras;
	/* interviews: per paragraph, the name of its turn's tag ("((Perttu
	** Ahola))  I think ...") as a token range, -1 when none; NULL when no
	** paragraph has one. turn_iv: the tag is the interviewer's ("((WN))") */
	int32_t *turn_s, *turn_e;
	uint8_t *turn_iv;
	/* the capitalized cues dropped as parts of names, for headlines():
	** token, its cue value and lemma */
	int32_t *nc_i;
	int16_t *nc_cue;
	const char **nc_lem;
	int32_t n_nc;
	qspan *spans;
	int32_t n_spans;
	cand *out;
	int32_t n_out, cap_out;
	/* named subjects in text order, for pronoun antecedents */
	int32_t *nm_s, *nm_e;
	int32_t n_nm;
	struct verb_pool *vp; /* cue strings made from the text (verb_text) */
	ng_outbuf *dump;      /* ng_quotes_find_dump(): the leftover candidates go here */
	ng_status dump_st;    /* NG_OK, or why dump is incomplete */
} qctx;

/* The cue strings copied from the text, lowercased. They are output, but
** made while the finder's work space (freed before it returns) is in use:
** they go to a buffer of their own, copied to the arena at the end. One
** string per token at most (`of`), so text_len + n_tokens bytes hold all. */
typedef struct verb_pool {
	char *buf;       /* ng_malloc'd on first use */
	size_t len, cap;
	const char **of; /* per token, its string once made (work space) */
} verb_pool;


/* ---- the word lists and tables of data/quotes/words.tsv (words.c) */

/* The lists, by the order in which their classes go into the lexicon: the
** word classes first (up to WL_ACCORDING), then the lists the rules read. */
enum ngq_list {
	WL_PRON_SUBJ, WL_DETERMINERS, WL_SKIP_ADV, WL_PASSIVE_AUX, WL_NOT_NP_END, WL_INTRO_WORDS,
	WL_NAME_JOINERS, WL_NOUN_SUBJECTS, WL_PREPS, WL_OBJ_WORDS, WL_TIME_WORDS, WL_TIME_MODS,
	WL_NP_ADJS, WL_AUX_WORDS, WL_BACK_WORDS, WL_DOC_NOUNS, WL_BREAK_WORDS, WL_SUBORD_WORDS,
	WL_QUANTIFIERS, WL_OPENERS, WL_NOT_CONTENT, WL_EVIDENCE_HEADS, WL_COORD_WORDS,
	WL_MORE_CUES, WL_ACCORDING,
	/* the lists the rules compare a word (or a lemma: say_verbs, stance_lemmas) with */
	WL_CLAUSE_WORDS, WL_SAY_VERBS, WL_NOT_ADVERBS, WL_COUNT_WORDS, WL_COUNT_MODS, WL_BE,
	WL_DAYS, WL_CATENATIVES, WL_NP_CONTENT_STOPS, WL_DET_SUBJECTS, WL_INF_GOVERNORS,
	WL_FIRST_WORDS, WL_BASE_COUNTS, WL_NOT_NAMES, WL_STANCE_LEMMAS, WL_WH_WORDS,
	/* lemmas of records that go to the attributions (output.c) */
	WL_DECREE_CUES, WL_TOPIC_CUES,
	/* title words stripped from a speaker's name; caption labels; interviewer tags */
	WL_TITLES, WL_CAPTIONS, WL_INTERVIEWERS,
	WL_COUNT
};

/* A cue of retort: "fired back" (the word, then "back"). */
struct back_cue {
	const char *word, *lemma;
	int form; /* ng_cue_form */
};

/* A noun that takes a content, with its class and what may follow it: 't'
** = "that" + clause, 'i' = "to" + verb, 'p' = a preposition + noun phrase
** ("support for X", "questions about X"). */
struct noun_cue {
	const char *word;
	const char *lemma;
	uint8_t cls;
	const char *takes;
	const char *preps; /* for 'p': the prepositions it takes (NULL = for of to about on) */
};

enum { PH_VERB = 0, PH_ADJ = 1 };

/* A phrasal cue: head words (NG_WC_PHRASE) and a run of slots after them
** separated by spaces; a slot holds its words separated by '|', '?' before
** it when it may be missing. The last slot is the particle after which the
** content starts. */
struct phrase_cue {
	const char *head; /* the head words, '|'-separated */
	const char *pat;  /* the slots after it */
	const char *lemma;
	uint8_t cls;
	uint8_t kind; /* PH_* */
};

struct ng_quote_words {
	char *buf;                         /* the file, fields NUL-terminated in place */
	const char **words;                /* the lists' words, each list NULL-terminated */
	const char *const *list[WL_COUNT]; /* each list's first word in words[] */
	struct back_cue *back;
	size_t n_back;
	struct noun_cue *nouns; /* ends with a NULL word */
	size_t n_nouns;
	/* the phrasal verbs (sorted by their heads' first letter), then the
	** adjectives after "be"; each table ends with a NULL head */
	struct phrase_cue *phrases, *adjs;
	size_t n_phrases, n_adjs;
};

/* Adds the word classes of the lists and tables to the lexicon. */
NG_WARN_UNUSED ng_status ngq_words_classes(ng_cue_lex *lx, const ng_quote_words *w);

/* ---- functions one file defines and another calls (the passes in the
** order find() runs them, then the routines they share) */

/* marks.c: the per-token tables (NG_ELIMIT when the arena is full) and the
** quotation-mark spans; the first token ending after byte off */
ng_status ngq_build_tables(qctx *c);
void ngq_find_spans(qctx *c);
int32_t ngq_tok_after(const qctx *c, uint32_t off);

/* the passes: direct.c, reported.c (tail 1, then 0), cues.c, leftover.c,
** output.c (after the records are sorted) */
void ngq_direct_quotes(qctx *c);
void ngq_reported(qctx *c, int tail);
void ngq_title_name(qctx *c);
void ngq_more_cues(qctx *c);
void ngq_phrase_cues_find(qctx *c);
void ngq_headlines(qctx *c);
void ngq_leftover_cues(qctx *c);
void ngq_sort_cands(cand *a, int32_t n);
void ngq_floating(qctx *c);
void ngq_seeming(qctx *c);
void ngq_medial(qctx *c);

/* phrases.c: the noun phrase ending at k (not before lo) or starting at k
** (not after hi); the subject of the sentence of token i; the subject of the
** cue verb at v; adverbs and time phrases left of k; verb tests */
int ngq_np_left(const qctx *c, int32_t k, int32_t lo, subj *sp);
int ngq_np_right(const qctx *c, int32_t k, int32_t hi, subj *sp);
int ngq_sentence_subject(const qctx *c, int32_t i, subj *sp);
int ngq_subject_left(const qctx *c, int32_t v, int32_t lo, subj *sp);
int32_t ngq_skip_left_adv(const qctx *c, int32_t k, int32_t lo);
int ngq_ly_adverb(const qctx *c, int32_t k);
int ngq_cue_ok(const qctx *c, int32_t v);
int ngq_direct_cue_ok(const qctx *c, int32_t v);
int ngq_base_subject_ok(const qctx *c, int32_t v);
int ngq_past_verb(const qctx *c, int32_t i);

/* speakers.c: names for pronoun antecedents; a subject's speaker */
void ngq_collect_names(qctx *c);
void ngq_note_name(qctx *c, int32_t s, int32_t e);
int ngq_has_person_tag(const qctx *c, int32_t s, int32_t e);
void ngq_resolve(const qctx *c, subj *sp, int32_t prefer_s, int32_t prefer_e);

/* output.c: a record; whether one is no attribution after all; evidence */
void ngq_emit(qctx *c, int32_t s, int32_t e, int kind, int32_t cue_s, int32_t cue_e,
	      const char *lemma, const subj *sp);
int ngq_not_attribution(const qctx *c, int32_t s, int32_t e, int32_t v);
int ngq_evidence_subject(const qctx *c, const subj *sp);
/* 1 when the record of class cls goes to the attributions array */
int ngq_to_attributions(const qctx *c, const cand *k, int cls);

/* direct.c and reported.c: clause tests and content ends */
int ngq_clause_free(const qctx *c, int32_t a, int32_t k);
int ngq_count_subject(const qctx *c, int32_t a, int32_t u);
int32_t ngq_coord_end(const qctx *c, int32_t k, int32_t ce);
int ngq_adverbial(const qctx *c, int32_t k);
int ngq_cue_particle(const qctx *c, int32_t k, int fr);

/* leftover.c: the model's feature names, *n of them */
const char *const *ngq_leftover_names(int *n);

/* ---- token helpers */

/* Is i a token of the document (0 <= i < n)? One unsigned comparison: n is
** never negative. */
static inline int in_doc(const qctx *c, int32_t i)
{
	return (uint32_t)i < (uint32_t)c->n;
}

static inline int tlen(const qctx *c, int32_t i)
{
	return (int)(c->t[i].end - c->t[i].start);
}

/* Case-insensitive ASCII comparison of token i with a lowercase literal. */
#define IS(c, i, lit) is_n((c), (i), (lit), sizeof(lit) - 1)
static inline int is_n(const qctx *c, int32_t i, const char *lit, size_t l)
{
	if (!in_doc(c, i))
		return 0;
	if ((size_t)tlen(c, i) != l)
		return 0;
	const char *p = c->x + c->t[i].start;
	for (size_t k = 0; k < l; k++) {
		char ch = p[k];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch + 32);
		if (ch != lit[k])
			return 0;
	}
	return 1;
}

/* Are the l bytes at p, whose first one lowercased is `first`, the
** lowercase word x? Compared letter by letter with the token lowercased on
** the fly: most words stop at the first letter, and none is measured. */
static inline int word_eq(const char *p, size_t l, char first, const char *x)
{
	if (x[0] != first)
		return 0;
	size_t k = 1;
	while (k < l) {
		char ch = p[k];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch + 32);
		if (x[k] != ch) /* also stops at the word's end: ch is never NUL */
			break;
		k++;
	}
	return k == l && x[l] == '\0';
}

static inline char lower_first(const char *p)
{
	return (char)(p[0] >= 'A' && p[0] <= 'Z' ? p[0] + 32 : p[0]);
}

/* Is token i one of the lowercase words of the NULL-terminated list? (no
** strlen per word, see word_eq) */
static inline int is_any(const qctx *c, int32_t i, const char *const *words)
{
	if (!in_doc(c, i))
		return 0;
	size_t l = (size_t)tlen(c, i);
	const char *p = c->x + c->t[i].start;
	char first = lower_first(p);
	for (const char *const *w = words; *w; w++)
		if (word_eq(p, l, first, *w))
			return 1;
	return 0;
}

static inline int has_wc(const qctx *c, int32_t i, uint32_t bits)
{
	return in_doc(c, i) && (c->wc[i] & bits) != 0;
}

static inline int is_ch(const qctx *c, int32_t i, char ch)
{
	return in_doc(c, i) && tlen(c, i) == 1 && c->x[c->t[i].start] == ch;
}

static inline int is_word(const qctx *c, int32_t i)
{
	return in_doc(c, i) &&
	       (c->t[i].kind == NG_TOK_WORD || c->t[i].kind == NG_TOK_ABBREV ||
		c->t[i].kind == NG_TOK_NUMBER);
}

static inline int is_cap(const qctx *c, int32_t i)
{
	return is_word(c, i) && (c->t[i].flags & NG_TF_UPPER_INITIAL);
}

static inline int is_quote_mark(const qctx *c, int32_t i)
{
	return in_doc(c, i) && c->t[i].kind == NG_TOK_QUOTE;
}

/* A double quotation mark: " “ ” „ ‟ « ». */
static inline int is_double(const qctx *c, int32_t i)
{
	const unsigned char *p = (const unsigned char *)c->x + c->t[i].start;
	int l = tlen(c, i);
	if (l == 1)
		return p[0] == '"';
	if (l == 2)
		return (p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB)) || p[0] == '\'';
	if (l == 3 && p[0] == 0xE2 && p[1] == 0x80)
		return p[2] >= 0x9C && p[2] <= 0x9F;
	return 0;
}

static inline int sent_final(const qctx *c, int32_t i)
{
	if (!in_doc(c, i) || tlen(c, i) != 1)
		return 0;
	char ch = c->x[c->t[i].start];
	return ch == '.' || ch == '!' || ch == '?';
}

/* The period of an abbreviation inside a clause: glued to a short
** capitalized word and followed by a comma or ")" ("McConnell, R-Ky.,
** said"). */
static inline int abbrev_period(const qctx *c, int32_t i)
{
	return is_ch(c, i, '.') && i > 0 && i + 1 < c->n && c->t[i].start == c->t[i - 1].end &&
	       is_cap(c, i - 1) && tlen(c, i - 1) <= 5 &&
	       (is_ch(c, i + 1, ',') || is_ch(c, i + 1, ')'));
}

/* The classes that only spare the finder a string comparison (one bit for
** a word or a short list): no function word, in the tests that ask whether
** a word has any class. */
#define WC_LOOKUP_ONLY                                                                    \
	(NG_WC_ACCORDING | NG_WC_QUANT | NG_WC_OPENER | NG_WC_PHRASE | NG_WC_PHRASE_NEXT | \
	 NG_WC_PHRASE_ADJ | NG_WC_EVIDENCE | NG_WC_NOT_CONTENT | NG_WC_COORD | NG_WC_TITLE)

static inline int is_subj_pronoun(const qctx *c, int32_t i)
{
	return has_wc(c, i, NG_WC_PRON_SUBJ);
}

/* The last token of the cue at v: "back" after a phrasal cue. */
static inline int32_t cue_last(const qctx *c, int32_t v)
{
	return v >= 0 && v + 1 < c->n && c->lem[v] && strchr(c->lem[v], ' ') ? v + 1 : v;
}

static inline int cue_frame(const qctx *c, int32_t i)
{
	return c->cue[i] < 0 ? -1 : (c->cue[i] / 8) % 8;
}

static inline int cue_class(const qctx *c, int32_t i)
{
	return c->cue[i] < 0 ? NG_CLS_SPEECH : c->cue[i] / 64;
}

static inline int cue_form(const qctx *c, int32_t i)
{
	return c->cue[i] < 0 ? -1 : c->cue[i] % 8;
}

/* A single mark glued to the word before it and followed by a space, as in
** "Sanders’ campaign manager": a possessive apostrophe, no quotation mark. */
static inline int is_possessive_mark(const qctx *c, int32_t i)
{
	return is_quote_mark(c, i) && !is_double(c, i) && i > 0 && i + 1 < c->n &&
	       c->t[i].start == c->t[i - 1].end && is_word(c, i - 1) &&
	       c->t[i + 1].start > c->t[i].end && is_word(c, i + 1);
}

static inline int32_t sent_first(const qctx *c, int32_t i)
{
	return (int32_t)c->d->sentence_tok[c->sent[i]];
}

static inline int32_t sent_last(const qctx *c, int32_t i)
{
	return (int32_t)c->d->sentence_tok[c->sent[i] + 1] - 1;
}

/* An auxiliary verb: no noun phrase runs over it ("the foundation did not"). */
static inline int is_aux(const qctx *c, int32_t i)
{
	return has_wc(c, i, NG_WC_PASSIVE | NG_WC_AUX);
}

/* A dash: - – — (a token of its own). */
static inline int is_dash(const qctx *c, int32_t i)
{
	if (!in_doc(c, i))
		return 0;
	const unsigned char *p = (const unsigned char *)c->x + c->t[i].start;
	int l = tlen(c, i);
	if (l == 1)
		return p[0] == '-';
	if (l == 2)
		return p[0] == '-' && p[1] == '-';
	return l == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94 || p[2] == 0x95);
}

/* Is there a comma in [k, i)? */
static inline int another_comma(const qctx *c, int32_t k, int32_t i)
{
	for (; k < i; k++)
		if (is_ch(c, k, ','))
			return 1;
	return 0;
}

/* A plural quantifier that stands for its noun ("the two write", "some
** say", "both agree"): a base form after it is a verb. */
static inline int plural_quantifier(const qctx *c, int32_t i)
{
	return has_wc(c, i, NG_WC_QUANT); /* quantifiers[] */
}

/* Last token of the sentence's content: before final punctuation. */
static inline int32_t content_end(const qctx *c, int32_t from, int32_t last)
{
	int32_t e = last;
	while (e > from && (sent_final(c, e) || is_ch(c, e, ':') || is_ch(c, e, ';') ||
			    is_ch(c, e, ',')) &&
	       !(is_quote_mark(c, e)))
		e--;
	return e;
}

/* Does [s, e] hold quotation marks? */
static inline int has_marks(const qctx *c, int32_t s, int32_t e)
{
	for (int32_t k = s; k <= e; k++)
		if (c->inq[k] >= 0)
			return 1;
	return 0;
}
/* Is [s, e] free for new content (no token claimed already)? */
static inline int is_free(const qctx *c, int32_t s, int32_t e)
{
	int32_t k = s;
	for (; e - k >= 7; k += 8) { /* contents of ~25 tokens: eight flags at a time */
		uint64_t x;
		memcpy(&x, c->used + k, 8);
		if (x)
			return 0;
	}
	for (; k <= e; k++)
		if (c->used[k])
			return 0;
	return 1;
}

/* Is token i a form of "be"? */
static inline int is_be(const qctx *c, int32_t i)
{
	if (is_any(c, i, c->w->list[WL_BE]))
		return 1;
	return 0;
}

/* Is the cue lemma l one of the list's? */
static inline int lemma_in(const char *l, const char *const *list)
{
	for (const char *const *w = list; *w; w++)
		if (!strcmp(l, *w))
			return 1;
	return 0;
}

/* The comma that ends the content before a trailing attribution: a comma,
** or a closing mark after one ("... a disaster for every family," Diaz said). */
static inline int comma_before(const qctx *c, int32_t b)
{
	return is_ch(c, b, ',') || (is_quote_mark(c, b) && b > 0 && is_ch(c, b - 1, ','));
}

/* A noun for a document or message before a participle cue: "issued a
** statement saying that ...": the sentence's subject speaks. */
static inline int document_noun(const qctx *c, int32_t i)
{
	return has_wc(c, i, NG_WC_DOC);
}

#endif
