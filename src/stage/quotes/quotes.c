/*
** quotes.c -- the quotes stage: finds direct quotations and reported speech
** in a tokenized document and attributes each to a speaker.
**
** Works from tokens (with the segmenter's quote-open/close flags) and
** sentences alone; when the entities/coref stages ran, the speaker span is
** linked to the entity whose mention covers it. The passes, in order:
**   1. pair quotation marks into spans (a quote left open at the end of a
**      paragraph continues when the next paragraph opens with a mark);
**   2. attribute each span from a cue next to it ("...," he said / X said:
**      "..." / saying, "..."), merge a span that follows an attributed one in
**      the same paragraph (the split quote), drop short unattributed spans
**      (scare quotes), keep long unattributed ones with their speaker null;
**   3. reported speech from the remaining cue verbs: "X said (that) ...",
**      "..., X said.", "according to X, ...", "..., saying ...";
**   4. speakers: the subject of the cue (name, title NP, pronoun, "who");
**      pronouns and participles go to the sentence subject or the most
**      recently named subject before them.
** docs/internals/quotes.md describes the rules and their limits.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	subj sp;
} cand;

typedef struct qctx {
	ng_doc *d;
	const char *x;
	const ng_token *t;
	int32_t n;
	const ng_cue_lex *lx;
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
static int is_any(const qctx *c, int32_t i, const char *const *words)
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
static int is_double(const qctx *c, int32_t i)
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
static int abbrev_period(const qctx *c, int32_t i)
{
	return is_ch(c, i, '.') && i > 0 && i + 1 < c->n && c->t[i].start == c->t[i - 1].end &&
	       is_cap(c, i - 1) && tlen(c, i - 1) <= 5 &&
	       (is_ch(c, i + 1, ',') || is_ch(c, i + 1, ')'));
}

static const char *const obj_words[] = {"him", "her", "them", "us", "me", "reporters",
					"supporters", "voters", "journalists", "listeners", "viewers",
					NULL};
static const char *const pron_subj[] = {"he", "she", "they", "i", "we", "it", NULL};
static const char *const determiners[] = {
	"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these",
	"those", "some", "many", "most", "several", "other", "both", "all", "two", "three",
	"four", "few", "one", "another", "each", "any", "no", NULL};
/* adverbs and auxiliaries between a subject and its verb */
static const char *const skip_adv[] = {
	"also", "has", "have", "had", "would", "will", "later", "then", "again", "previously",
	"once", "recently", "further", "repeatedly", "reportedly", "publicly", "privately",
	"simply", "quickly", "flatly", "just", "initially", "earlier", "only", "even", "often",
	"frequently", "never", "did", "does", "do", "could", "can", "may", "might", "should",
	"must", "has", "'s", "’s", "’d", "'d", "already", "still", "first", "specifically",
	"explicitly", "openly", "clearly", "directly", "separately", "subsequently", "ultimately",
	"finally", "additionally", "similarly", "likewise", "famously", "angrily", "bluntly",
	"pointedly", "sharply", "strongly", "insistently", "correctly", "falsely", "wrongly",
	"consistently", "routinely", "long", "always", "herself", "himself", "themselves", "not",
	"n't", "never", "widely", NULL};
static const char *const passive_aux[] = {"was", "were", "been", "being", "is", "are", "be", "am",
					  "get", "got", "gets", NULL};
/* words that cannot end the subject noun phrase in front of a verb */
static const char *const not_np_end[] = {
	"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these",
	"those", "of", "in", "on", "for", "with", "by", "to", "from", "at", "as", "into", "new",
	"latest", "first", "recent", "initial", "same", "such", "and", "or", "but", "that", "than",
	"not", "what", "which", "whose", "whom", "where", "when", "how", "why", "if", "whether",
	"because", "while", "after", "before", "about", "over", "under", "so", "there", "here",
	"n't", "no", "official", "public", "written", "final", "previous", "repeated", "one",
	NULL};
/* first words of an introductory phrase, skipped when looking for a subject */
static const char *const intro_words[] = {
	"in", "on", "at", "after", "before", "during", "while", "when", "as", "since",
	"although", "though", "but", "and", "however", "meanwhile", "earlier", "later", "yet",
	"still", "instead", "speaking", "asked", "if", "because", "for", "with", "without",
	"despite", "following", "last", "this", "then", "now", "so", "also", "indeed", "still",
	"by", "from", "under", "over", "according", "ahead", "amid", "within", "here", "there",
	"outside", "inside", "even", "having", "today", "yesterday", "tonight", "recently",
	"overall", "moreover", "furthermore", "nevertheless", "otherwise", "similarly",
	"specifically", "ultimately", "eventually", "finally", "first", "second", "third", "next",
	"again", "perhaps", "maybe", "certainly", "clearly", "obviously", "apparently",
	"unfortunately", "fortunately", "interestingly", "notably", "importantly", "basically",
	"actually", "really", "thus", "therefore", "besides", "plus", "that", "these", "those",
	"what", "where", "why", "how", "whether", "whereas", "unlike", "like", "among", "across",
	"against", "along", "around", "behind", "beyond", "near", "through", "throughout",
	"toward", "until", "upon", "via", "standing", "writing", "both", "either", "neither",
	"each", "every", "some", "many", "most", "few", "several", "more", "less", "much", "such",
	"only", "just", "not", "no", "yes", "well", "oh", "once", "sometimes", "often", "asked",
	"told", "said", "given", "based", "to", "into", "of", "up", "down", "out", "off",
	"minutes", "hours", "days", "weeks", "months", "years", "moments", NULL};
/* the first words of what follows a cue when it is no attribution's
** content (not_attribution()): "reported from", "showed up", "said in a
** statement", "adding to" */
static const char *const not_content[] = {"from", "up",	  "to",	  "in",	  "at",	     "on",
					  "during", "back", "last", "this", "earlier", NULL};
/* the words that open a clause: a phrase holding one is no adverbial
** (adverbial_only(), said_where()) */
static const char *const clause_words[] = {"that", "whether", "who", "what", "how", "why", "if",
					   NULL};
static const char *const preps[] = {"with", "of", "to", "by", "for", "from", "at", "in", "on",
				     "about", "against", "between", "among", "toward", "towards",
				     "than", NULL};
static const char *const name_joiners[] = {"al", "bin", "ibn", "de", "van", "von", "la", "del",
					   "da", "di", "der", "le", "abu", "el", "of", NULL};
static const char *const noun_subjects[] = {
	"spokesman", "spokeswoman", "spokesperson", "official", "officials", "aide", "aides",
	"campaign", "statement", "report", "reports", "poll", "polls", "survey", "study",
	"leader", "leaders", "president", "minister", "ministry", "spokesmen", "source",
	"sources", "lawmaker", "lawmakers", "senator", "governor", "candidate", "nominee",
	"adviser", "advisers", "advisor", "advisors", "experts", "expert", "analysts", "analyst",
	"critics", "supporters", "voters", "republicans", "democrats", "police", "group",
	"committee", "agency", "department", "office", "organization", "people", "residents",
	"members", "member", "chairman", "director", "secretary", "ambassador", "speaker",
	"representative", "officer", "authorities", "government", "administration", "white",
	NULL};

/* a time phrase between a subject and its verb: "X on Tuesday said", "X
** later Thursday told", "X less than two weeks ago said" */
static const char *const time_words[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning",
	"afternoon", "evening", "night", "today", "yesterday", "tonight", "ago", "week", "weeks",
	"weekend", "past", "month", "months", "year", "years", "day", "days", "january", "february",
	"march", "april", "june", "july", "august", "september", "october", "november",
	"december", NULL};
static const char *const time_mods[] = {
	"on", "last", "this", "earlier", "later", "late", "early", "next", "that", "a", "few",
	"several", "less", "more", "than", "about", "nearly", "almost", "just", "two", "three",
	"four", "five", "six", "seven", "eight", "nine", "ten", "the", "same", "in", NULL};

/* adjectives of not_np_end: they do not end a noun phrase but sit inside
** one ("the new treasurer", "a senior official") */
static const char *const np_adjs[] = {"new", "latest", "first", "recent", "initial", "same",
				      "such", "official", "public", "written", "final",
				      "previous", "repeated", NULL};

static const char *const aux_words[] = {"did", "does", "do", "has", "have", "had", "would",
					"will", "could", "can", "may", "might", "should", "must",
					NULL};
static const char *const back_words[] = {"fire", "fires", "fired", "firing", "shoot",
					 "shoots", "shot", "shooting", "hit", "hits", "hitting",
					 "push", "pushes", "pushed", "pushing", "struck", "strikes",
					 "striking", "put", "puts", "putting", NULL};

static const char *const doc_nouns[] = {"statement", "letter", "release", "post", "tweet",
					"email", "e-mail", "message", "memo", "note", "ad", "video",
					"op-ed", "column", "editorial", "tweets", "posts",
					"statements", NULL};

/* words that open a clause with a subject of its own ("..., while X
** said ...") and those that open a participle clause ("... before claiming
** that ...") */
static const char *const break_words[] = {"while", "but", "and", "although", "though",
					  "whereas", NULL};
static const char *const subord_words[] = {"by", "before", "after", "while", "without", NULL};
/* the words that may end a content in coord_end() (with commas and quotation
** marks): every other token there is passed over at once */
static const char *const coord_words[] = {"and", "but", "with", "who", NULL};
/* plural quantifiers that stand for their noun ("some say", "both agree") */
static const char *const quantifiers[] = {"two", "three", "four", "both", "all", "many", "most",
					  "several", "some", "few", "others", NULL};
/* with break_words and subord_words, the words that open a subordinate
** clause ("that although X admitted ..., he ...", "that if ...") */
static const char *const openers[] = {"if",   "when", "because", "since", "as",
				      "unless", "once", "despite", NULL};

/* the heads of subjects whose records are evidence (evidence_subject()) */
static const char *const evidence_heads[] = {
	"poll", "polls", "survey", "surveys", "study", "studies", "data", "figures", "numbers",
	"analysis", "research", "results", "report", "census", "polling", NULL};

/* The classes that only spare the finder a string comparison (one bit for
** a word or a short list): no function word, in the tests that ask whether
** a word has any class. */
#define WC_LOOKUP_ONLY                                                                    \
	(NG_WC_ACCORDING | NG_WC_QUANT | NG_WC_OPENER | NG_WC_PHRASE | NG_WC_PHRASE_NEXT | \
	 NG_WC_PHRASE_ADJ | NG_WC_EVIDENCE | NG_WC_NOT_CONTENT | NG_WC_COORD)

static int is_subj_pronoun(const qctx *c, int32_t i)
{
	return has_wc(c, i, NG_WC_PRON_SUBJ);
}

/* ---- pass 0: per-token tables */

/* Phrasal cues of retort: "fired back that ...", "shot back, "..."". */
static const struct {
	const char *word, *lemma;
	int form;
} back_cues[] = {
	{"fire", "fire back", NG_FORM_BASE},     {"fires", "fire back", NG_FORM_S},
	{"fired", "fire back", NG_FORM_PAST},    {"firing", "fire back", NG_FORM_ING},
	{"shoot", "shoot back", NG_FORM_BASE},   {"shoots", "shoot back", NG_FORM_S},
	{"shot", "shoot back", NG_FORM_PAST},    {"shooting", "shoot back", NG_FORM_ING},
	{"hit", "hit back", NG_FORM_PAST},       {"hits", "hit back", NG_FORM_S},
	{"hitting", "hit back", NG_FORM_ING},    {"push", "push back", NG_FORM_BASE},
	{"pushes", "push back", NG_FORM_S},      {"pushed", "push back", NG_FORM_PAST},
	{"pushing", "push back", NG_FORM_ING},   {"struck", "strike back", NG_FORM_PAST},
	{"strikes", "strike back", NG_FORM_S},   {"striking", "strike back", NG_FORM_ING},
};

/* "fired back": token i is a cue of two words when "back" follows it;
** "as X put it": "put" with "it" after it. */
static void back_cue(qctx *c, int32_t i)
{
	if (i + 1 >= c->n || c->t[i].kind != NG_TOK_WORD)
		return;
	if (IS(c, i + 1, "it") && (IS(c, i, "put") || IS(c, i, "puts") || IS(c, i, "putting"))) {
		c->cue[i] = (int16_t)(NG_CUE_SPEECH * 8 + (IS(c, i, "put")	    ? NG_FORM_PAST
							   : IS(c, i, "puts") ? NG_FORM_S
									      : NG_FORM_ING));
		c->lem[i] = "put it";
		return;
	}
	if (!IS(c, i + 1, "back"))
		return;
	for (size_t k = 0; k < sizeof back_cues / sizeof back_cues[0]; k++)
		if (is_n(c, i, back_cues[k].word, strlen(back_cues[k].word))) {
			c->cue[i] = (int16_t)(NG_CUE_SPEECH * 8 + back_cues[k].form);
			c->lem[i] = back_cues[k].lemma;
			return;
		}
}

/* The last token of the cue at v: "back" after a phrasal cue. */
static inline int32_t cue_last(const qctx *c, int32_t v)
{
	return v >= 0 && v + 1 < c->n && c->lem[v] && strchr(c->lem[v], ' ') ? v + 1 : v;
}

/* A capitalized cue form inside a sentence with a lowercase word next to it
** is part of a name, not a verb ("a State Department official", "former
** State policy director"); in a title-case headline ("Trump Says He Will
** Win") its neighbours are capitalized too. */
static int name_part_cue(const qctx *c, int32_t i)
{
	const ng_token *t = &c->t[i];
	if (!(t->flags & NG_TF_UPPER_INITIAL) || (t->flags & NG_TF_SENT_START) ||
	    (t->flags & NG_TF_ALL_UPPER))
		return 0;
	if (i > 0 && is_quote_mark(c, i - 1))
		return 0;
	if (i == 0 || !is_word(c, i - 1))
		return 0;
	if (!(c->t[i - 1].flags & NG_TF_UPPER_INITIAL))
		return i + 1 < c->n && c->t[i + 1].kind == NG_TOK_WORD; /* a State official */
	/* after a capitalized word: "the United States", unless the next word
	** is capitalized too (a title-case headline: "Trump Says He Will Win") */
	if (IS(c, i - 1, "united") || !(i + 1 < c->n && is_cap(c, i + 1)))
		return 1;
	/* a lowercase content word shortly before: a sentence, no headline
	** ("attendees of the New York State Republican Party") */
	for (int32_t j = i - 2; j >= 0 && j >= i - 6 && !(c->t[j + 1].flags & NG_TF_SENT_START); j--)
		if (c->t[j].kind == NG_TOK_WORD && !(c->t[j].flags & NG_TF_UPPER_INITIAL) &&
		    tlen(c, j) > 3)
			return 1;
	return 0;
}

/* The first token that ends after byte `off` (c->n when none). The search
** halves the range by arithmetic, not a branch: a branch on the comparison
** fails on about half the steps (ten per entity mention). */
static int32_t tok_after(const qctx *c, uint32_t off)
{
	if (c->n <= 0)
		return 0;
	const ng_token *t = c->t;
	size_t lo = 0, len = (size_t)c->n;
	while (len > 1) {
		size_t half = len / 2;
		/* a product, not a ?: -- gcc compiles the latter to a branch */
		lo += half * (size_t)(t[lo + half - 1].end <= off);
		len -= half;
	}
	return (int32_t)lo + (t[lo].end <= off);
}

static ng_status build_tables(qctx *c)
{
	ng_doc *d = c->d;
	int32_t n = c->n;
	ng_arena *a = d->arena;
	c->cue = ng_arena_alloc(a, sizeof(int16_t) * (size_t)n + 1);
	c->lem = ng_arena_alloc(a, sizeof(char *) * (size_t)n + 1);
	c->sent = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
	c->para = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
	c->inq = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
	c->used = ng_arena_alloc(a, (size_t)n + 1);
	c->wc = ng_arena_alloc(a, sizeof(uint32_t) * (size_t)n + 1);
	c->cands = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
	c->marks = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
	c->pfirst = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
	c->nm_s = ng_arena_alloc(a, sizeof(int32_t) * ((size_t)d->n_sentences * 2 + 1));
	c->nm_e = ng_arena_alloc(a, sizeof(int32_t) * ((size_t)d->n_sentences * 2 + 1));
	if (!c->cue || !c->lem || !c->sent || !c->para || !c->inq || !c->used || !c->wc ||
	    !c->cands || !c->marks || !c->pfirst || !c->nm_s || !c->nm_e)
		return NG_ELIMIT;
	ng_quotes_fill(c->used, 0, (size_t)n);
	c->ent = NULL;
	if (d->entities && d->n_entities) {
		c->ent = ng_arena_alloc(a, sizeof(int32_t) * (size_t)n + 1);
		if (!c->ent)
			return NG_ELIMIT;
	}
	/* the words the lexicon knows go to cands[] first: the candidates are
	** picked from them below, in place */
	size_t n_hits = ng_cue_lex_tokens(c->lx, c->x, d->text_len, c->t, (size_t)n, c->wc, c->cue,
					  c->lem, c->cands);
	/* locals, not c-> or d->: the stores below may alias them for all the
	** compiler knows, which would reload them on every token */
	const ng_token *t = c->t;
	const uint32_t *stok = d->sentence_tok;
	const size_t ns = d->n_sentences;
	int32_t *sent = c->sent, *para = c->para, *inq = c->inq, *ent = c->ent;
	int32_t *pfirst = c->pfirst, *marks = c->marks;
	/* no token in a quotation or an entity yet */
	ng_quotes_fill(inq, 0xFF, sizeof(int32_t) * (size_t)n);
	if (ent)
		ng_quotes_fill(ent, 0xFF, sizeof(int32_t) * (size_t)n);
	/* one walk over the tokens: the sentence of each token, up to the start
	** of the next one (tokens before the first start are in sentence 0);
	** paragraphs (a blank line, or a line break that starts a sentence);
	** quotation marks */
	const uint32_t para_flags = NG_TF_NEWLINE_BEFORE | NG_TF_SENT_START;
	int32_t p = 0, n_marks = 0, i;
	size_t s = 0;
	int32_t s_end = ns > 1 && stok[1] < (uint32_t)n ? (int32_t)stok[1] : n;
	pfirst[0] = 0;
	for (i = 0; i < n; i++) {
		while (i >= s_end) {
			s++;
			s_end = s + 1 < ns && stok[s + 1] < (uint32_t)n ? (int32_t)stok[s + 1] : n;
		}
		sent[i] = (int32_t)s;
		uint32_t fl = t[i].flags;
		/* most tokens have neither flag: one test for them */
		if ((fl & (NG_TF_PARA_BEFORE | NG_TF_NEWLINE_BEFORE)) && i &&
		    ((fl & NG_TF_PARA_BEFORE) || (fl & para_flags) == para_flags))
			pfirst[++p] = i;
		para[i] = p;
		if (t[i].kind == NG_TOK_QUOTE)
			marks[n_marks++] = i;
	}
	c->n_paras = p + 1;
	c->n_marks = n_marks;
	/* cues: capitalized ones inside names dropped, phrasal ones added */
	int16_t *cue = c->cue;
	const uint32_t *wc = c->wc;
	int32_t *cands = c->cands, n_cands = 0;
	c->nc_i = ng_arena_alloc(a, sizeof(int32_t) * n_hits + 1);
	c->nc_cue = ng_arena_alloc(a, sizeof(int16_t) * n_hits + 1);
	c->nc_lem = ng_arena_alloc(a, sizeof(char *) * n_hits + 1);
	c->n_nc = 0;
	if (!c->nc_i || !c->nc_cue || !c->nc_lem)
		return NG_ELIMIT;
	for (size_t h = 0; h < n_hits; h++) {
		i = cands[h];
		if (cue[i] >= 0 && name_part_cue(c, i)) {
			c->nc_i[c->n_nc] = i;
			c->nc_cue[c->n_nc] = cue[i];
			c->nc_lem[c->n_nc++] = c->lem[i];
			cue[i] = -1;
			c->lem[i] = NULL;
		}
		if (cue[i] < 0 && (wc[i] & NG_WC_BACK))
			back_cue(c, i);
		if (cue[i] >= 0 ||
		    (wc[i] & (NG_WC_NOUN_CUE | NG_WC_MORE_CUE | NG_WC_ACCORDING | NG_WC_PHRASE)))
			cands[n_cands++] = i;
	}
	c->n_cands = n_cands;
	c->has_subj = ng_arena_alloc(a, (size_t)n_cands + 1);
	c->subj_of = ng_arena_alloc(a, sizeof(subj) * ((size_t)n_cands + 1));
	if (!c->has_subj || !c->subj_of)
		return NG_ELIMIT;
	memset(c->has_subj, 0, (size_t)n_cands);
	/* entity mentions -> tokens */
	if (ent) {
		for (size_t e = 0; e < d->n_entities; e++) {
			const ng_entity *en = &d->entities[e];
			for (size_t m = 0; m < en->n_mentions; m++) {
				uint32_t ms = en->mentions[m].start, me = en->mentions[m].end;
				for (int32_t k = tok_after(c, ms); k < n && c->t[k].start < me; k++)
					ent[k] = (int32_t)e;
			}
		}
	}
	return NG_OK;
}

static int cue_frame(const qctx *c, int32_t i)
{
	return c->cue[i] < 0 ? -1 : (c->cue[i] / 8) % 8;
}

static int cue_class(const qctx *c, int32_t i)
{
	return c->cue[i] < 0 ? NG_CLS_SPEECH : c->cue[i] / 64;
}

static int cue_form(const qctx *c, int32_t i)
{
	return c->cue[i] < 0 ? -1 : c->cue[i] % 8;
}

/* ---- pass 1: quotation-mark spans */

static void add_span(qctx *c, int32_t o, int32_t e, int closed, int single)
{
	if (c->n_spans >= MAX_QUOTES || e < o)
		return;
	qspan *q = &c->spans[c->n_spans];
	q->o = o;
	q->c = e;
	q->closed = (uint8_t)closed;
	q->single = (uint8_t)single;
	q->para = c->para[o];
	int w = 0;
	for (int32_t k = o; k <= e; k++) {
		uint16_t kind = c->t[k].kind; /* is_word() without its range test */
		w += kind == NG_TOK_WORD || kind == NG_TOK_ABBREV || kind == NG_TOK_NUMBER;
		c->inq[k] = c->n_spans;
	}
	q->words = (uint16_t)(w > 65535 ? 65535 : w);
	c->n_spans++;
}

static void find_spans(qctx *c)
{
	int32_t open = -1, sopen = -1;
	int32_t prev = 0; /* the mark before (token 0 at first) */
	for (int32_t mi = 0; mi < c->n_marks; mi++) {
		int32_t i = c->marks[mi];
		const ng_token *t = &c->t[i];
		/* a paragraph starts after the mark before: at its first token m */
		if (c->para[i] != c->para[prev]) {
			int32_t m = c->pfirst[c->para[prev] + 1];
			sopen = -1;
			if (open >= 0) {
				/* a quote left open continues when the paragraph opens with a mark */
				if (!(m == i && is_double(c, i) && (t->flags & NG_TF_QUOTE_OPEN))) {
					add_span(c, open, m - 1, 0, 0);
					open = -1;
				} else {
					prev = i;
					continue;
				}
			}
		}
		prev = i;
		if (is_double(c, i)) {
			if (t->flags & NG_TF_QUOTE_OPEN) {
				if (open >= 0)
					add_span(c, open, i - 1, 0, 0);
				open = i;
				sopen = -1;
			} else if ((t->flags & NG_TF_QUOTE_CLOSE) && open >= 0) {
				add_span(c, open, i, 1, 0);
				open = -1;
			}
		} else if (open < 0) {
			if ((t->flags & NG_TF_QUOTE_OPEN) && sopen < 0)
				sopen = i;
			else if ((t->flags & NG_TF_QUOTE_CLOSE) && sopen >= 0) {
				add_span(c, sopen, i, 1, 1);
				sopen = -1;
			}
		}
	}
	/* still open: to the end of its paragraph */
	if (open >= 0)
		add_span(c, open,
			 c->para[prev] + 1 < c->n_paras ? c->pfirst[c->para[prev] + 1] - 1 : c->n - 1,
			 0, 0);
}

/* A single mark glued to the word before it and followed by a space, as in
** "Sanders’ campaign manager": a possessive apostrophe, no quotation mark. */
static int is_possessive_mark(const qctx *c, int32_t i)
{
	return is_quote_mark(c, i) && !is_double(c, i) && i > 0 && i + 1 < c->n &&
	       c->t[i].start == c->t[i - 1].end && is_word(c, i - 1) &&
	       c->t[i + 1].start > c->t[i].end && is_word(c, i + 1);
}

/* ---- noun phrases and subjects */

static int32_t sent_first(const qctx *c, int32_t i)
{
	return (int32_t)c->d->sentence_tok[c->sent[i]];
}

static int32_t sent_last(const qctx *c, int32_t i)
{
	return (int32_t)c->d->sentence_tok[c->sent[i] + 1] - 1;
}

static int is_name_part(const qctx *c, int32_t i)
{
	if (is_cap(c, i))
		return 1;
	if (c->t[i].kind == NG_TOK_CLITIC)
		return 0;
	return has_wc(c, i, NG_WC_JOINER) || is_ch(c, i, '-');
}

static int cue_ok(const qctx *c, int32_t v);
static int floating_quantifier(const qctx *c, int32_t k);
static int plural_quantifier(const qctx *c, int32_t i);

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

static int np_left(const qctx *c, int32_t k, int32_t lo, subj *sp)
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
		    (c->cue[p] >= 0 && cue_ok(c, p)))
			break;
		s = p;
		steps++;
	}
	/* "the former mayor and longtime harbor master": two coordinated
	** phrases of one subject, the first with its determiner */
	if (s - 2 >= lo && IS(c, s - 1, "and") && !has_wc(c, s, NG_WC_DET) && !is_cap(c, s)) {
		subj first;
		if (np_left(c, s - 2, lo, &first) && first.kind == SUBJ_NOUN &&
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

static int past_verb(const qctx *c, int32_t i);

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

/* An auxiliary verb: no noun phrase runs over it ("the foundation did not"). */
static int is_aux(const qctx *c, int32_t i)
{
	return has_wc(c, i, NG_WC_PASSIVE | NG_WC_AUX);
}

/* The noun phrase starting at token k (after an inverted cue: said X). */
static int np_right(const qctx *c, int32_t k, int32_t hi, subj *sp)
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
			 (c->cue[e + 1] < 0 || (e == k && !cue_ok(c, e + 1)))) ||
			(c->t[e + 1].kind == NG_TOK_CLITIC && e > k && is_word(c, e + 2))))
			e++;
		/* a partitive: "one of those advisers", "some of the protesters" */
		if (e + 2 <= hi && IS(c, e + 1, "of") && has_wc(c, e + 2, NG_WC_DET)) {
			subj rest;
			if (np_right(c, e + 2, hi, &rest) && rest.e > e + 2) {
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

/* A dash: - – — (a token of its own). */
static int is_dash(const qctx *c, int32_t i)
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

/* Is there a comma in [k, i)? */
static int another_comma(const qctx *c, int32_t k, int32_t i)
{
	for (; k < i; k++)
		if (is_ch(c, k, ','))
			return 1;
	return 0;
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
static int sentence_subject(const qctx *c, int32_t i, subj *sp)
{
	int32_t s0 = sent_first(c, i), s1 = sent_last(c, i);
	int32_t k = s0;
	/* a sentence opening with a quotation: the subject follows it */
	if (c->inq[k] >= 0 && c->spans[c->inq[k]].closed)
		k = c->spans[c->inq[k]].c + 1;
	while (k <= s1 && (is_quote_mark(c, k) || c->t[k].kind == NG_TOK_PUNCT))
		k++;
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
			if (np_right(c, k, i - 1, sp) && sp->e + 1 < i && is_ch(c, sp->e + 1, ','))
				continue; /* a place or a date inside the phrase */
			/* a lowercase word after a comma inside the phrase ("In a
			** wide-ranging, in-prison interview ..., Lazar said") */
			if (!np_right(c, k, i - 1, sp) && !is_cap(c, k) &&
			    !has_wc(c, k, NG_WC_NOUN_SUBJ | NG_WC_DET) && another_comma(c, k, i))
				continue;
			break;
		}
	}
	if (k > s1 || k >= i)
		return 0;
	if (!np_right(c, k, i - 1, sp))
		return 0;
	/* the whole capitalized run: "Iranian Parliament Speaker Mohammad Baqer Qalibaf" */
	return 1;
}

/* A lowercase adverb in -ly ("loudly", "forcefully"), not one of the
** nouns and adjectives with that ending. */
static int ly_adverb(const qctx *c, int32_t k)
{
	static const char *const not_adv[] = {"family", "assembly", "anomaly", "monopoly", "rally",
					      "supply", "reply", "early", "daily", "weekly",
					      "monthly", "yearly", "belly", "bully", "folly",
					      "homily", "likely", "only", NULL};
	int l = tlen(c, k);
	const char *p = c->x + c->t[k].start;
	if (l < 6 || c->t[k].kind != NG_TOK_WORD || is_cap(c, k) || p[l - 2] != 'l' || p[l - 1] != 'y')
		return 0;
	if (is_any(c, k, not_adv))
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
static int32_t skip_left_adv(const qctx *c, int32_t k, int32_t lo)
{
	for (;;) {
		while (k >= lo && (has_wc(c, k, NG_WC_SKIP_ADV) || c->t[k].kind == NG_TOK_CLITIC ||
				   ly_adverb(c, k)) &&
		       !(c->t[k].kind == NG_TOK_CLITIC && !has_wc(c, k, NG_WC_SKIP_ADV)))
			k--;
		int32_t j = k >= lo ? skip_left_time(c, k, lo) : k;
		if (j == k)
			return k;
		k = j;
	}
}

/* The subject of the cue verb at v, looking left (not before lo). Handles
** appositives and "for his part" between commas. */
static int subject_left(const qctx *c, int32_t v, int32_t lo, subj *sp)
{
	int32_t k = skip_left_adv(c, v - 1, lo);
	/* "X, for his part congratulated ...": the phrase without its second
	** comma (with both, it is an appositive, below) */
	if (k - 3 >= lo && IS(c, k, "part") && IS(c, k - 2, "for") &&
	    (IS(c, k - 1, "his") || IS(c, k - 1, "her") || IS(c, k - 1, "their") ||
	     IS(c, k - 1, "its"))) {
		k -= 3;
		if (is_ch(c, k, ','))
			k--;
		return k >= lo && np_left(c, k, lo, sp) && sp->kind != SUBJ_REL;
	}
	/* "X and Y have both argued", "they all said": a quantifier floating
	** after the subject or its auxiliary */
	if (k - 1 >= lo && floating_quantifier(c, k))
		k = skip_left_adv(c, k - 1, lo);
	/* "X went on to say" */
	if (k - 2 >= lo && IS(c, k, "to") && IS(c, k - 1, "on"))
		k = skip_left_adv(c, k - 3, lo);
	/* "a report released last year found": a participle after the noun */
	if (k - 1 >= lo && k < v - 1 && past_verb(c, k) && is_word(c, k - 1) && !is_cap(c, k - 1))
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
				int got = np_left(c, b, lo, sp) && sp->kind != SUBJ_REL;
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
				if (got)
					return 1;
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
			if (sentence_subject(c, pp.e + 1, &ss) && ss.s < pp.s && ss.e >= pp.s - 2 &&
			    ss.e <= pp.e) {
				ss.e = pp.e;
				*sp = ss;
				return 1;
			}
		}
		return 0;
	}
	if (np_left(c, k, lo, sp)) {
		/* "... in a phone call with X underlined": X is in a prepositional
		** phrase, the sentence's subject speaks */
		int32_t b = sp->s - 1;
		/* "A reporter for the agency called": the phrase after "for" is
		** a complement of the subject */
		if (sp->kind == SUBJ_NOUN && b > lo && (IS(c, b, "for") || IS(c, b, "of") ||
							IS(c, b, "at") || IS(c, b, "with"))) {
			subj ss;
			if (sentence_subject(c, sp->s, &ss) && ss.e == b - 1 &&
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
			if (np_left(c, b - 1, lo, &o) && o.kind == SUBJ_NAME) {
				*sp = o;
				return 1;
			}
		}
		/* "after CNBC's Becky Quick said": a possessor that opens the
		** clause belongs to the subject (not after a preposition) */
		if (sp->kind == SUBJ_NAME && b > lo && c->t[b].kind == NG_TOK_CLITIC) {
			subj o;
			if (np_left(c, b - 1, lo, &o) && o.kind == SUBJ_NAME && o.s > lo &&
			    !has_wc(c, o.s - 1, NG_WC_PREP) && !is_cap(c, o.s - 1)) {
				sp->s = o.s;
				return 1;
			}
		}
		if (sp->kind == SUBJ_NAME && b >= lo &&
		    (has_wc(c, b, NG_WC_PREP) || c->t[b].kind == NG_TOK_CLITIC ||
		     (IS(c, b, "s") && is_quote_mark(c, b - 1)))) {
			subj ss;
			if (sentence_subject(c, sp->s, &ss) && ss.e < b &&
			    (ss.kind == SUBJ_NAME || (ss.kind == SUBJ_NOUN && has_wc(c, ss.s, NG_WC_DET)))) {
				*sp = ss;
				return 1;
			}
		}
		return 1;
	}
	return 0;
}

/* ---- speaker resolution */

static void note_name(qctx *c, int32_t s, int32_t e)
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
static int has_person_tag(const qctx *c, int32_t s, int32_t e)
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
static void collect_names(qctx *c)
{
	for (size_t s = 0; s < c->d->n_sentences; s++) {
		int32_t f = (int32_t)c->d->sentence_tok[s], l = (int32_t)c->d->sentence_tok[s + 1];
		if (f >= l)
			continue;
		int32_t i = l - 1 < c->n ? l - 1 : c->n - 1;
		/* the subject lies in the sentence of i: no person there, no name */
		int32_t s1 = sent_last(c, i);
		if (!has_person_tag(c, sent_first(c, i), s1 < c->n ? s1 : c->n - 1))
			continue;
		subj sp;
		if (sentence_subject(c, i, &sp) &&
		    sp.kind == SUBJ_NAME && sp.e + 1 < c->n && has_person_tag(c, sp.s, sp.e) &&
		    !IS(c, sp.e + 1, "of") && c->inq[sp.s] < 0)
			note_name(c, sp.s, sp.e);
	}
}

/* The speaker of sp is the span s..e, and its entity the last entity
** mention inside it (the head of "the Iranian speaker Qalibaf"). */
static void speaker_span(const qctx *c, subj *sp, int32_t s, int32_t e)
{
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
static void resolve(const qctx *c, subj *sp, int32_t prefer_s, int32_t prefer_e)
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
		if (np_left(c, k, sent_first(c, sp->s), &x) && x.kind != SUBJ_REL &&
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
			if (mm->start < c->t[sp->s].start || !best)
				best = mm;
			if (mm->start >= c->t[sp->s].start)
				break;
		}
		sp->entity = e;
		if (best) {
			/* the mention's tokens */
			int32_t a = sp->s, b = sp->s;
			int32_t k = tok_after(c, best->start);
			if (k < c->n && c->t[k].start == best->start)
				a = k;
			k = tok_after(c, best->end - 1);
			if (k < c->n && c->t[k].end == best->end)
				b = k;
			sp->rs = a;
			sp->re = b;
		}
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
			if (!sentence_subject(c, b ? last : sp->s, &x) || x.e >= sp->s)
				continue;
			if (x.kind == SUBJ_NOUN ||
			    (x.kind == SUBJ_NAME && c->d->ner_tags && !has_person_tag(c, x.s, x.e))) {
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
		if (!sentence_subject(c, last, &x) || x.kind != SUBJ_NOUN || !has_wc(c, x.s, NG_WC_DET) ||
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

/* ---- records */

/* Is the phrase at s, to the end of its sentence, short and without a
** clause in it: no auxiliary, cue or subject pronoun, no word that opens a
** clause ("in a statement", "last week on CNN")? */
static int adverbial_only(const qctx *c, int32_t s)
{
	int words = 0;
	for (int32_t k = s; k < c->n && !(k > s && (c->t[k].flags & NG_TF_SENT_START)); k++) {
		if (c->t[k].kind == NG_TOK_PUNCT) {
			if (sent_final(c, k))
				break;
			if (!is_ch(c, k, '.'))
				return 0;
			continue;
		}
		if (is_quote_mark(c, k) || c->cue[k] >= 0 ||
		    has_wc(c, k, NG_WC_AUX | NG_WC_PASSIVE | NG_WC_PRON_SUBJ | NG_WC_BREAK) ||
		    is_any(c, k, clause_words) || ++words > 8)
			return 0;
	}
	return 1;
}

/* Is the content [s, e] of the cue at v a name alone at the end of its
** sentence after a verb of saying ("..., a spokesman told The Daily Beast.",
** "wrote Linick."): whom it was said to, not what? Not in a title-case
** headline ("Dean Tells Convention"). */
__attribute__((noinline)) static int name_only(const qctx *c, int32_t s, int32_t e, int32_t v)
{
	if (cue_class(c, v) != NG_CLS_SPEECH ||
	    (cue_frame(c, v) != NG_CUE_SPEECH && cue_frame(c, v) != NG_CUE_TELL) || is_cap(c, v))
		return 0;
	for (int32_t k = s; k <= e; k++)
		if (!is_cap(c, k))
			return 0;
	return e + 1 >= c->n || sent_final(c, e + 1) || (c->t[e + 1].flags & NG_TF_SENT_START);
}

/* not_attribution() for a content opening with a NG_WC_NOT_CONTENT or
** time word or a capital (not inlined: the common case stays a bit test) */
__attribute__((noinline)) static int not_content_after(const qctx *c, int32_t s, int32_t v)
{
	int speech = (cue_frame(c, v) == NG_CUE_SPEECH || cue_frame(c, v) == NG_CUE_TELL) &&
		     cue_class(c, v) == NG_CLS_SPEECH;
	/* "Costa reported from Washington": where the reporter was */
	if (IS(c, s, "from"))
		return IS(c, v, "reported") || IS(c, v, "reporting");
	const char *lemma = c->lem[v] ? c->lem[v] : "";
	/* "showed up", "signed up", "adding to her lead": the verb with this
	** particle is no cue */
	if (s == v + 1 && (IS(c, s, "up") || (IS(c, s, "to") && !strcmp(lemma, "add"))))
		return 1;
	/* "Trump appeared at the debate", "appeared on Fox News": showed up,
	** not seemed */
	if (s == v + 1 && (IS(c, s, "on") || IS(c, s, "at") || IS(c, s, "in")) &&
	    !strcmp(lemma, "appear"))
		return 1;
	/* "..., O'Malley said at a press conference.": after a verb of saying
	** only where or when it was said, the words said being elsewhere */
	if (speech && !IS(c, s, "to") && !IS(c, s, "up"))
		return adverbial_only(c, s);
	return 0;
}

/* Is the record of the cue at v, its content starting at s, no attribution
** after all? Asked when find() writes the records out: the passes saw it as
** one (its tokens stay used, floating() takes its speaker). */
static inline int not_attribution(const qctx *c, int32_t s, int32_t e, int32_t v)
{
	if (has_wc(c, s, NG_WC_NOT_CONTENT | NG_WC_TIME) && not_content_after(c, s, v))
		return 1;
	/* "..., a spokesman told The Daily Beast.": only whom it was said to */
	if (e - s < 4 && (c->t[s].flags & NG_TF_UPPER_INITIAL) && name_only(c, s, e, v))
		return 1;
	/* "Do you support X?" opening a paragraph: a question to the reader */
	return v >= 2 && c->pfirst[c->para[v]] == v - 2 && IS(c, v - 1, "you") &&
	       has_wc(c, v - 2, NG_WC_AUX);
}

static int is_free(const qctx *c, int32_t s, int32_t e);

static void emit(qctx *c, int32_t s, int32_t e, int kind, int32_t cue_s, int32_t cue_e,
		 const char *lemma, const subj *sp)
{
	if (c->n_out >= c->cap_out || e < s)
		return;
	/* a quotation opened inside the content and running on past the
	** sentence it ends in: the content runs to its closing mark ("X said
	** the plan "may fail. We do not know yet."") */
	if (kind == NG_QUOTE_MIXED && c->inq[e] >= 0) {
		const qspan *qs = &c->spans[c->inq[e]];
		if (!qs->single && qs->o >= s && qs->c > e && is_free(c, e + 1, qs->c))
			e = qs->c;
	}
	cand *q = &c->out[c->n_out++];
	q->s = s;
	q->e = e;
	q->kind = (uint8_t)kind;
	q->cue_s = cue_s;
	q->cue_e = cue_e;
	q->lemma = lemma;
	q->cls = CLS_OF_CUE;
	if (sp)
		q->sp = *sp;
	else {
		memset(&q->sp, 0, sizeof(q->sp));
		q->sp.rs = q->sp.re = -1;
		q->sp.entity = -1;
	}
	memset(c->used + s, 1, (size_t)(e - s + 1)); /* a record's content: ~25 tokens */
	if (cue_s >= 0)
		for (int32_t k = cue_s; k <= cue_e; k++)
			c->used[k] = 1;
}

/* Is the cue at v a verb here (not a noun, not passive, not an infinitive)? */
/* A plural quantifier that stands for its noun ("the two write", "some
** say", "both agree"): a base form after it is a verb. */
static int plural_quantifier(const qctx *c, int32_t i)
{
	return has_wc(c, i, NG_WC_QUANT); /* quantifiers[] */
}

/* Can a base form at v be a verb after the word before it? Not after a
** singular noun or name ("the reality TV show", "a Trump show"): only after
** an auxiliary, a plural ("polls show"), I/you/we/they, a relative or a
** conjunction, or where no subject precedes (", say analysts"). */
static int base_subject_ok(const qctx *c, int32_t v)
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

static int cue_ok(const qctx *c, int32_t v)
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
static int direct_cue_ok(const qctx *c, int32_t v)
{
	return cue_ok(c, v) && (cue_form(c, v) != NG_FORM_BASE || base_subject_ok(c, v));
}

/* "and" at k joins two noun phrases of a subject ("the senator and
** presidential candidate said", "Dovere and Debenedetti wrote"): a word
** that is no pronoun, cue or function word follows it, and one precedes. */
static int coordinated_np(const qctx *c, int32_t k)
{
	return is_word(c, k - 1) && c->cue[k - 1] < 0 && is_word(c, k + 1) && c->cue[k + 1] < 0 &&
	       !is_subj_pronoun(c, k + 1) && !has_wc(c, k + 1, NG_WC_NOT_NP_END | NG_WC_SKIP_ADV);
}

/* A sentence from token k that is only a name and a cue verb ("Trump
** said.", no quotation after it): the attribution of the quotation before
** it, even when that one closed with a period. */
static int bare_attribution(const qctx *c, int32_t k)
{
	int32_t e = k;
	while (e < c->n && e - k < 5 && is_cap(c, e) && c->cue[e] < 0)
		e++;
	if (e == k || e >= c->n || c->cue[e] < 0 || cue_form(c, e) != NG_FORM_PAST)
		return 0;
	return e + 1 < c->n && sent_final(c, e + 1) &&
	       (e + 2 >= c->n || c->para[e + 2] != c->para[k] || !is_quote_mark(c, e + 2));
}

/* The cue after a closing mark: "...," he said / "...," said X. Returns
** the verb's token index or -1, and the subject. */
static int32_t trailing_cue(const qctx *c, const qspan *q, subj *sp)
{
	int32_t k = q->c + 1;
	if (k >= c->n || c->para[k] != q->para)
		return -1;
	/* a quotation closed by a period ends its sentence: the words after it
	** ("... ordinary." He added, "...") open the next one and introduce
	** what follows them */
	if (q->closed && q->c - 1 > q->o && is_ch(c, q->c - 1, '.') && !abbrev_period(c, q->c - 1) &&
	    (c->t[k].flags & NG_TF_SENT_START) && !(c->cue[k] >= 0 && !is_cap(c, k)) &&
	    !bare_attribution(c, k))
		return -1;
	if (is_ch(c, k, ',') || c->t[k].kind == NG_TOK_PUNCT) {
		if (sent_final(c, k) || is_ch(c, k, ':') || is_ch(c, k, ';') || is_ch(c, k, '('))
			return -1;
		k++;
	}
	int32_t start = k;
	int32_t window = TRAIL_WINDOW;
	/* ""...," according to the Journal." */
	if (IS(c, k, "according") && IS(c, k + 1, "to") && np_right(c, k + 2, sent_last(c, k), sp) &&
	    sp->kind != SUBJ_PRON)
		return k;
	int paren = 0, rel = 0;
	for (; k < c->n && k - start < window && c->para[k] == q->para; k++) {
		/* "X (D-Ore.) said": the period inside parentheses ends nothing */
		if (is_ch(c, k, '('))
			paren++;
		else if (is_ch(c, k, ')') && paren > 0)
			paren--;
		if (k > start && is_possessive_mark(c, k))
			continue;
		if (is_quote_mark(c, k) || (sent_final(c, k) && paren == 0 && !abbrev_period(c, k)) ||
		    is_ch(c, k, ':') ||
		    is_ch(c, k, ';'))
			break;
		/* an appositive or relative clause between the speaker and the verb
		** ("..., an official, who was not authorized to speak, told X") */
		if (is_ch(c, k, ',') && k > start && window < APPOS_WINDOW)
			window = APPOS_WINDOW;
		/* a cue inside ", who ... ," is the relative clause's verb, not
		** the attribution's ("X, who has not endorsed anyone, told") */
		if (is_ch(c, k, ','))
			rel = k + 1 < c->n && (IS(c, k + 1, "who") || IS(c, k + 1, "which"));
		if (rel && c->cue[k] >= 0)
			continue;
		if (c->cue[k] >= 0 && !c->used[k] && cue_form(c, k) != NG_FORM_ING &&
		    direct_cue_ok(c, k)) {
			if (k == start) {
				/* said X */
				int32_t hi = sent_last(c, k);
				if (np_right(c, cue_last(c, k) + 1, hi, sp))
					return k;
				return -1;
			}
			if (subject_left(c, k, start, sp))
				return k;
			return -1;
		}
		if (IS(c, k, "that") || IS(c, k, "which") || IS(c, k, "but"))
			break;
		/* "and" ends the search, except inside an appositive or a relative
		** clause ("X, who works at a heating and cooling firm, said") */
		if (IS(c, k, "and") && !rel && window < APPOS_WINDOW &&
		    !(k > start && coordinated_np(c, k)))
			break;
	}
	return -1;
}

/* No clause in [a, k): no cue verb, quotation mark, subject pronoun,
** "that" or sentence end (an appositive or an adverbial may stand there). */
static int clause_free(const qctx *c, int32_t a, int32_t k)
{
	for (int32_t j = a; j < k; j++)
		if ((c->cue[j] >= 0 && cue_ok(c, j)) || is_quote_mark(c, j) || sent_final(c, j) ||
		    is_dash(c, j) ||
		    is_subj_pronoun(c, j) || IS(c, j, "that") || is_ch(c, j, ':') || is_ch(c, j, ';'))
			return 0;
	return 1;
}

/* An adverbial phrase from a to the comma or colon at k, right before an
** opening mark: it opens with a preposition or a time word and holds no
** clause ("said in an op-ed before the hearing, "...""). */
static int adverbial_gap(const qctx *c, int32_t a, int32_t k)
{
	if (a >= k || !(is_ch(c, k, ',') || is_ch(c, k, ':')))
		return 0;
	if (!has_wc(c, a, NG_WC_PREP | NG_WC_TIME | NG_WC_TIME_MOD) && !IS(c, a, "during") &&
	    !IS(c, a, "before") && !IS(c, a, "after") && !IS(c, a, "outside"))
		return 0;
	return clause_free(c, a, k);
}

static int document_noun(const qctx *c, int32_t i);

/* "Silverman interjected, "..."": a verb outside the lexicon right before
** the comma or colon that opens the quote, after its subject. Returns the
** verb's index or -1. */
static int32_t leading_any_verb(const qctx *c, const qspan *q, subj *sp)
{
	int32_t k = q->o - 1;
	if (k < 1 || c->para[k] != q->para || !(is_ch(c, k, ',') || is_ch(c, k, ':')))
		return -1;
	int32_t v = k - 1;
	if (IS(c, v, "back") || IS(c, v, "in") || IS(c, v, "up") || IS(c, v, "out"))
		v--;
	if (!past_verb(c, v) || c->used[v])
		return -1;
	int32_t lo = sent_first(c, v);
	if (!subject_left(c, v, lo, sp) || sp->kind == SUBJ_REL)
		return -1;
	/* the subject opens its clause: the sentence start or a comma */
	if (sp->s != lo && !is_ch(c, sp->s - 1, ',') && !is_quote_mark(c, sp->s - 1))
		return -1;
	return v;
}

/* The cue before an opening mark: X said: "..." / saying, "..." /
** X told reporters, "...". Returns the verb's index or -1 and fills *sp and
** *cue_e (the end of a multi-word cue). */
static int32_t leading_cue(const qctx *c, const qspan *q, subj *sp)
{
	int32_t k = q->o - 1;
	if (k < 0)
		return -1;
	/* a paragraph that ends with a colon introduces the quote after it */
	if (c->para[k] != q->para && !is_ch(c, k, ':'))
		return -1;
	int32_t lo = sent_first(c, k);
	/* "According to the campaign, "..."" */
	if ((is_ch(c, k, ',') || is_ch(c, k, ':')) && c->para[k] == q->para && IS(c, lo, "according") &&
	    IS(c, lo + 1, "to") && np_right(c, lo + 2, k - 1, sp) && sp->kind != SUBJ_PRON &&
	    clause_free(c, sp->e + 1, k))
		return lo;
	for (int32_t v = k; v >= 0 && k - v < LEAD_WINDOW_LONG && v >= lo; v--) {
		if (is_quote_mark(c, v) || sent_final(c, v))
			break;
		if (c->cue[v] < 0 || c->used[v] || !direct_cue_ok(c, v))
			continue;
		int fr = cue_frame(c, v), fo = cue_form(c, v);
		/* "Said Ana Ruiz, who ..., "..."": the verb opens the sentence */
		if (v == lo && fo == NG_FORM_PAST && is_ch(c, k, ',') && np_right(c, v + 1, k - 1, sp) &&
		    sp->kind != SUBJ_PRON && clause_free(c, sp->e + 1, k))
			return v;
		/* "X said in an op-ed before the hearing, "..."": an adverbial
		** phrase between the verb and the comma */
		if (fr != NG_CUE_QUOTE && fo != NG_FORM_ING && adverbial_gap(c, cue_last(c, v) + 1, k) &&
		    subject_left(c, v, lo, sp) && sp->kind != SUBJ_REL)
			return v;
		/* "X told the Post in a written statement, "..."" */
		if (fr == NG_CUE_TELL && fo != NG_FORM_ING && (is_ch(c, k, ',') || is_ch(c, k, ':')) &&
		    clause_free(c, cue_last(c, v) + 1, k) && subject_left(c, v, lo, sp) &&
		    sp->kind != SUBJ_REL)
			return v;
		/* "while adding on climate matters, "..."": a participle with an
		** adverbial phrase before the comma */
		int adv_ing = fo == NG_FORM_ING && fr != NG_CUE_QUOTE &&
			      adverbial_gap(c, cue_last(c, v) + 1, k);
		if (k - v >= LEAD_WINDOW && !adv_ing)
			continue;
		/* between the verb and the mark: punctuation, "that", an addressee */
		int gap = k - cue_last(c, v);
		if (gap > 1 && fr != NG_CUE_TELL && !adv_ing) {
			int ok = 1;
			for (int32_t j = cue_last(c, v) + 1; j <= k; j++)
				if (!(is_ch(c, j, ',') || is_ch(c, j, ':') || IS(c, j, "that") ||
				      IS(c, j, "in") || IS(c, j, "a") || IS(c, j, "an") ||
				      IS(c, j, "statement") || IS(c, j, "interview") || IS(c, j, "on") ||
				      IS(c, j, "twitter") || IS(c, j, "facebook") || IS(c, j, "simply") ||
				      IS(c, j, "later") || IS(c, j, "then") || IS(c, j, "also") ||
				      IS(c, j, "only") || IS(c, j, "again")))
					ok = 0;
			if (!ok)
				continue;
		}
		if (fo == NG_FORM_ING || IS(c, v - 1, "and") || IS(c, v - 1, "but") ||
		    (is_ch(c, v - 1, ',') && fo != NG_FORM_S && fo != NG_FORM_PAST)) {
			/* participle or coordination: the subject of the main clause;
			** right after an attribution ("..., Spicer said, adding, "..."")
			** that attribution's */
			if (fo == NG_FORM_ING && is_ch(c, v - 1, ',') && v - 2 > lo &&
			    (cue_form(c, v - 2) == NG_FORM_PAST || cue_form(c, v - 2) == NG_FORM_S) &&
			    cue_ok(c, v - 2) && subject_left(c, v - 2, lo, sp) && sp->kind != SUBJ_REL)
				return v;
			if (sentence_subject(c, v, sp) && (sp->kind == SUBJ_NAME || sp->kind == SUBJ_PRON))
				return v;
			for (int32_t u = v - 1; u >= lo; u--)
				if (c->cue[u] >= 0 && cue_form(c, u) != NG_FORM_ING &&
				    subject_left(c, u, lo, sp))
					return v;
			if (sentence_subject(c, v, sp))
				return v;
			sp->kind = SUBJ_NONE;
			return v;
		}
		if (subject_left(c, v, lo, sp))
			return v;
		/* inverted: "..., said X: "" */
		if (np_right(c, v + 1, k, sp))
			return v;
		sp->kind = SUBJ_NONE;
		return v;
	}
	/* "... TOO EARLY - Mark Blumenthal: "..."": a name after a dash */
	if (is_ch(c, k, ':') && c->para[k] == q->para && np_left(c, k - 1, lo, sp) &&
	    sp->kind == SUBJ_NAME) {
		for (int32_t j = sp->e; j > sp->s; j--)
			if (is_dash(c, j)) {
				sp->s = j + 1;
				break;
			}
		if (sp->s > lo && sp->s <= sp->e && is_dash(c, sp->s - 1))
			return k;
	}
	/* "X issued a statement, "..."": the one who issued it speaks */
	if ((is_ch(c, k, ',') || is_ch(c, k, ':')) && document_noun(c, k - 1) &&
	    sentence_subject(c, k, sp) && sp->kind != SUBJ_REL && sp->e < k - 2)
		return k - 1;
	/* "She then addressed the supporters: "..."": the clause's subject (the
	** colon may end the paragraph before) */
	if (is_ch(c, k, ':') && sentence_subject(c, k, sp) && sp->kind != SUBJ_REL && sp->e < k - 1)
		return k;
	/* X: "..." at the start of a sentence; "From the report: "..."", "...
	** - More from Jones: "..."" */
	if (is_ch(c, k, ':') && np_left(c, k - 1, lo, sp) && sp->kind != SUBJ_REL) {
		int32_t f = sp->s - 1;
		if (sp->s == lo ||
		    (IS(c, f, "from") && (f == lo || (IS(c, f - 1, "more") &&
						      (f - 1 == lo || is_dash(c, f - 2))))))
			return k;
	}
	return -1;
}

/* A past-tense verb outside the lexicon: a lowercase word ending in -ed
** ("fumed", "barked", "quipped") or an irregular past that reports speech
** in the attribution pattern ("shot back", "read", "put it"). */
static int past_verb(const qctx *c, int32_t i)
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

/* What may follow the verb of a trailing attribution: the sentence end, a
** comma, a particle or a preposition ("Trump shot back.", "he demanded, as
** ...", "Toomey fumed on Tuesday"). */
static int attribution_tail(const qctx *c, int32_t i)
{
	if (i >= c->n || sent_final(c, i) || is_ch(c, i, ',') || is_ch(c, i, ';'))
		return 1;
	if (c->para[i] != c->para[i - 1])
		return 1;
	return has_wc(c, i, NG_WC_PREP) || IS(c, i, "back") || IS(c, i, "up") || IS(c, i, "out") ||
	       IS(c, i, "off") || IS(c, i, "again") || IS(c, i, "as") || IS(c, i, "while") ||
	       IS(c, i, "and");
}

/* A trailing attribution whose verb is not in the lexicon: a quotation
** ending with a comma, "?" or "!" followed by "NP verb-ed" or "verb-ed NP"
** and the end of the clause ("...," Trump shot back. / "...?" Hannity
** pressed. / "...," exhorted the host.) The construction itself marks the
** verb as one of saying. Returns the verb's index or -1. */
static int32_t trailing_any_verb(const qctx *c, const qspan *q, subj *sp)
{
	int32_t k = q->c + 1;
	if (!q->closed || k >= c->n || c->para[k] != q->para || q->c - 1 <= q->o)
		return -1;
	int32_t b = q->c - 1;
	if (b - 1 > q->o && is_quote_mark(c, b) && !is_double(c, b))
		b--; /* a nested quote closing with it: "... decade,'"" */
	int inner = is_ch(c, b, ',') || is_ch(c, b, '?') || is_ch(c, b, '!');
	if (is_ch(c, k, ',')) {
		inner = 1;
		k++;
	}
	if (!inner || k >= c->n || c->para[k] != q->para)
		return -1;
	int32_t hi = sent_last(c, k);
	if (past_verb(c, k)) {
		/* "...," exhorted the host */
		if (np_right(c, k + 1, hi, sp) && sp->kind != SUBJ_PRON &&
		    attribution_tail(c, sp->e + 1))
			return k;
		return -1;
	}
	/* a capitalized determiner after the comma opens a new sentence */
	if ((is_cap(c, k) && has_wc(c, k, NG_WC_DET)) || !np_right(c, k, hi, sp))
		return -1;
	/* a determiner phrase runs over the verb ("the sign read"): its last
	** word may be the verb */
	if (sp->kind == SUBJ_NOUN && sp->e > sp->s + 1 && past_verb(c, sp->e) &&
	    attribution_tail(c, sp->e + 1)) {
		sp->e--;
		return sp->e + 1;
	}
	int32_t v = sp->e + 1;
	while (v <= hi && has_wc(c, v, NG_WC_SKIP_ADV))
		v++;
	if (v > hi || !past_verb(c, v) || !attribution_tail(c, v + 1))
		return -1;
	/* ""...?" He answered, "..."": after a question the verb introduces
	** the quotation that follows it */
	if (!is_ch(c, b, ',') && (is_ch(c, v + 1, ',') || is_ch(c, v + 1, ':')) &&
	    is_quote_mark(c, v + 2) && (c->t[v + 2].flags & NG_TF_QUOTE_OPEN))
		return -1;
	return v;
}

/* A quotation signed with a dash and a name after it, in its paragraph or
** as the next paragraph: ""...." ― Ana Ruiz", ""...." / - Ana Ruiz,
** Dayton." Returns 1 and fills *sp with the name. */
static int dash_signature(const qctx *c, const qspan *q, subj *sp)
{
	int32_t k = q->c + 1;
	if (!q->closed || q->words <= SCARE_MAX_WORDS)
		return 0;
	if (k < c->n && c->para[k] == q->para && (is_ch(c, k, '.') || is_ch(c, k, ',')))
		k++;
	if (k >= c->n || !is_dash(c, k))
		return 0;
	if (c->para[k] != q->para) {
		/* the next paragraph opens with the dash */
		if (c->para[k] != q->para + 1 || c->para[k - 1] == c->para[k])
			return 0;
	} else if (k + 1 < c->n && c->para[k + 1] != c->para[k]) {
		return 0;
	}
	int32_t hi = k + NP_MAX < c->n ? k + NP_MAX : c->n - 1;
	if (!np_right(c, k + 1, hi, sp) || sp->kind != SUBJ_NAME || c->para[sp->e] != c->para[k])
		return 0;
	int32_t a = sp->e + 1;
	/* the name ends the paragraph, or a period, a comma (a place, a
	** title) or the next quotation follows it */
	return a >= c->n || c->para[a] != c->para[k] || is_ch(c, a, '.') || is_ch(c, a, ',') ||
	       (is_quote_mark(c, a) && (c->t[a].flags & NG_TF_QUOTE_OPEN));
}

/* The lowercase verb at token v, copied into the arena (a cue's lemma). */
static const char *verb_text(const qctx *c, int32_t v)
{
	verb_pool *vp = c->vp;
	if (!vp->buf) {
		vp->cap = c->d->text_len + (size_t)c->n + 1;
		vp->buf = ng_malloc(vp->cap);
		vp->of = ng_arena_alloc(c->d->arena, (size_t)c->n * sizeof(*vp->of));
		if (!vp->buf || !vp->of) {
			ng_free(vp->buf);
			vp->buf = NULL;
			return "say";
		}
		memset(vp->of, 0, (size_t)c->n * sizeof(*vp->of));
	}
	if (vp->of[v])
		return vp->of[v];
	size_t l = (size_t)tlen(c, v);
	if (vp->cap - vp->len < l + 1)
		return "say"; /* cannot happen: the pool holds every token once */
	char *w = vp->buf + vp->len;
	vp->len += l + 1;
	for (size_t k = 0; k < l; k++) {
		char ch = c->x[c->t[v].start + k];
		w[k] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
	}
	w[l] = 0;
	vp->of[v] = w;
	return w;
}

/* A cue verb earlier in the sentence that could govern a quote embedded in
** its clause ("He said the plan was "a disaster""). */
static int governed(const qctx *c, const qspan *q)
{
	int32_t lo = sent_first(c, q->o);
	for (int32_t v = q->o - 1; v >= lo; v--)
		if (c->cue[v] >= 0 && !c->used[v] && cue_frame(c, v) != NG_CUE_QUOTE && cue_ok(c, v))
			return 1;
	if (q->o >= 2 && IS(c, q->o - 1, "to") && IS(c, q->o - 2, "according"))
		return 1;
	return 0;
}

/* Does the quotation open inside a clause, right after a word ("called it
** "a disaster"", "said that "we need more"")? Such a quote is a phrase of
** the sentence around it, not a quotation on its own: the reported-speech
** pass takes the clause with it (a mixed quote), or it is a scare quote or a
** title. A cue verb right before a capitalized quote introduces it without
** a comma ("said "We will win"") and is not inside a clause. */
static int embedded(const qctx *c, const qspan *q)
{
	int32_t p = q->o - 1;
	if (p < 0 || c->para[p] != q->para || q->o == sent_first(c, q->o))
		return 0;
	if (is_ch(c, p, '='))
		return 1; /* an attribute in markup: datetime="2016-06-29" */
	if (!is_word(c, p) && c->t[p].kind != NG_TOK_CLITIC)
		return 0;
	/* "called "Hypo-Cruz"" names; "said "We ..."" quotes */
	if (c->cue[p] >= 0 && cue_frame(c, p) != NG_CUE_OBJECT && q->o + 1 <= q->c &&
	    is_cap(c, q->o + 1))
		return 0;
	return 1;
}

/* A paragraph that is only a quotation, right after the paragraph where the
** last direct quote ended: the speaker goes on (PolNeAR marks it as one
** content with the quote before it). */
static int next_para_quote(const qctx *c, const qspan *q, int32_t prev_para)
{
	if (q->para != prev_para + 1 || !q->closed || q->words <= SCARE_MAX_WORDS)
		return 0;
	if (q->o > 0 && c->para[q->o - 1] == q->para)
		return 0;
	int32_t k = q->c + 1;
	while (k < c->n && c->para[k] == q->para && c->t[k].kind == NG_TOK_PUNCT)
		k++;
	return k >= c->n || c->para[k] != q->para;
}

/* Is there a cue verb in (from, to), in a sentence that starts after token
** from, other than the attribution's own cue (at or before own)? */
static int other_cue_between(const qctx *c, int32_t from, int32_t to, int32_t own)
{
	for (int32_t v = from + 1; v < to; v++)
		if (v > own && c->cue[v] >= 0 && !c->used[v] && c->inq[v] < 0 &&
		    c->sent[v] != c->sent[from] && cue_frame(c, v) != NG_CUE_QUOTE && cue_ok(c, v))
			return 1;
	return 0;
}

/* ---- pass 2: direct quotes */

/* A title in quotation marks: at most TITLE_MAX_WORDS words, each one
** capitalized but for small joining words ("Orange is the New Black", "The
** Apprentice", "Fox & Friends"), no question or exclamation mark, inside a
** sentence. Unless it is introduced as speech after a colon or after a cue
** and a comma (shouted, "Cruz"), it names a show, a book or a slogan. */
static int is_title(const qctx *c, const qspan *q)
{
	if (q->words > TITLE_MAX_WORDS || q->o + 1 > q->c || !is_cap(c, q->o + 1))
		return 0;
	for (int32_t k = q->o + 1; k < q->c; k++) {
		if (is_ch(c, k, '!') || is_ch(c, k, '?') || is_quote_mark(c, k))
			return 0;
		if (!is_word(c, k) || is_cap(c, k))
			continue;
		if (!(IS(c, k, "of") || IS(c, k, "the") || IS(c, k, "and") || IS(c, k, "is") ||
		      IS(c, k, "a") || IS(c, k, "an") || IS(c, k, "with") || IS(c, k, "in") ||
		      IS(c, k, "on") || IS(c, k, "for") || IS(c, k, "to")))
			return 0;
	}
	int32_t p = q->o - 1;
	/* at a sentence start, a phrase ending with its own punctuation is
	** speech ("Fair Play For All," Voss said), a bare one a title
	** ("Broad City" star Ana Reyes) */
	if (q->o == sent_first(c, q->o) && q->closed && c->t[q->c - 1].kind == NG_TOK_PUNCT)
		return 0;
	if (p >= 0 && c->para[p] == q->para &&
	    (is_ch(c, p, ':') || (is_ch(c, p, ',') && p > 0 && c->cue[p - 1] >= 0)))
		return 0;
	return 1;
}

/* ", according to Y" after a trailing attribution that ends at token k,
** in its sentence ("...," X said Monday, according to the Post.): fills
** *sp with Y and returns the index of "according", else -1. */
static int32_t outer_source(const qctx *c, int32_t k, subj *sp)
{
	int32_t hi = sent_last(c, k);
	for (int32_t j = k + 1; j + 2 <= hi && j - k < APPOS_WINDOW; j++) {
		if (is_quote_mark(c, j) || (sent_final(c, j) && !abbrev_period(c, j)) ||
		    c->inq[j] >= 0)
			return -1;
		if (IS(c, j, "according") && IS(c, j + 1, "to")) {
			subj o;
			if (!np_right(c, j + 2, hi, &o) || o.kind == SUBJ_PRON)
				return -1;
			*sp = o;
			return j;
		}
	}
	return -1;
}

static void direct_quotes(qctx *c)
{
	int32_t prev = -1;        /* the last direct record */
	int32_t prev_para = -1;
	for (int32_t i = 0; i < c->n_spans; i++) {
		qspan *q = &c->spans[i];
		int32_t last = q->c;
		if (embedded(c, q) || is_title(c, q))
			continue;
		subj sp;
		memset(&sp, 0, sizeof(sp));
		int32_t v = trailing_cue(c, q, &sp);
		if (v < 0)
			v = leading_cue(c, q, &sp);
		int32_t cue_e = v >= 0 && c->cue[v] >= 0 ? cue_last(c, v) : v;
		const char *any_lemma = NULL;
		if (v < 0) {
			v = trailing_any_verb(c, q, &sp);
			if (v < 0)
				v = leading_any_verb(c, q, &sp);
			cue_e = v;
			if (v >= 0)
				any_lemma = verb_text(c, v);
		}
		/* ""...," the judge said, according to the Post.": the outer
		** source is the attribution's (as PolNeAR marks it) */
		if (v > q->c && !IS(c, v, "according")) {
			int32_t a = outer_source(c, v > sp.e ? v : sp.e, &sp);
			if (a >= 0) {
				v = a;
				any_lemma = NULL;
			}
		}
		if (v >= 0 && !is_ch(c, v, ':') && IS(c, v + 1, "to") && IS(c, v, "according"))
			cue_e = v + 1;
		if (v < 0 && dash_signature(c, q, &sp)) {
			resolve(c, &sp, -1, -1);
			for (int32_t k = sp.s; k <= sp.e; k++)
				c->used[k] = 1;
			emit(c, q->o, last, NG_QUOTE_DIRECT, -1, -1, NULL, &sp);
			prev = c->n_out - 1;
			prev_para = c->para[last];
			continue;
		}
		if (v < 0) {
			/* the continuation of the last quote, in its paragraph */
			if (prev >= 0 && !q->single && c->out[prev].e < q->o &&
			    (prev_para == q->para || next_para_quote(c, q, prev_para))) {
				/* not a scare quote inside the attribution clause */
				int ok = q->o == sent_first(c, q->o) || is_ch(c, q->o - 1, ',') ||
					 is_ch(c, q->o - 1, ':') || q->words > SCARE_MAX_WORDS;
				/* not when a sentence of its own with a cue comes in between
				** ("...," X said. The senator said he ..., "..."): that cue
				** governs the quote */
				if (ok && other_cue_between(c, c->out[prev].e, q->o, c->out[prev].cue_e))
					ok = 0;
				if (ok) {
					/* the words between the two stay free when they hold
					** the first one's cue: an attribution of their own
					** ("..., said Hale, who noted that ...") is a record
					** of its own (PolNeAR marks it) */
					for (int32_t k = c->out[prev].cue_s >= 0 ? q->o
										 : c->out[prev].e + 1;
					     k <= last; k++)
						c->used[k] = 1;
					c->out[prev].e = last;
					prev_para = c->para[last];
					continue;
				}
			}
			if (q->single || q->words <= SCARE_MAX_WORDS || governed(c, q))
				continue; /* scare quote, or part of reported speech */
			/* mid-sentence and short of a sentence: a title or a scare quote */
			int starts = q->o == sent_first(c, q->o) || is_ch(c, q->o - 1, ':');
			if (!starts && q->words < LONE_MIN_WORDS)
				continue;
			/* a quote alone: its speaker stays unknown */
			emit(c, q->o, last, NG_QUOTE_DIRECT, -1, -1, NULL, NULL);
			prev = c->n_out - 1;
			prev_para = c->para[last];
			continue;
		}
		if (q->single && q->words <= SCARE_MAX_WORDS)
			continue;
		if (!any_lemma && IS(c, v, "according"))
			any_lemma = "according to";
		else if (!any_lemma && c->cue[v] < 0 && is_word(c, v))
			any_lemma = verb_text(c, v); /* "a statement" */
		const char *lemma = any_lemma ? any_lemma : is_ch(c, v, ':') ? "say" : c->lem[v];
		resolve(c, &sp, -1, -1);
		/* the attribution's tokens are not content of another record */
		if (sp.kind != SUBJ_NONE)
			for (int32_t k = sp.s; k <= sp.e; k++)
				c->used[k] = 1;
		emit(c, q->o, last, NG_QUOTE_DIRECT, v, cue_e, lemma,
		     sp.kind != SUBJ_NONE ? &sp : NULL);
		if (sp.kind == SUBJ_NAME && sp.rs >= 0 && has_person_tag(c, sp.rs, sp.re))
			note_name(c, sp.rs, sp.re);
		prev = c->n_out - 1;
		prev_para = c->para[last];
	}
}

/* ---- pass 3: reported speech */

/* Last token of the sentence's content: before final punctuation. */
static int32_t content_end(const qctx *c, int32_t from, int32_t last)
{
	int32_t e = last;
	while (e > from && (sent_final(c, e) || is_ch(c, e, ':') || is_ch(c, e, ';') ||
			    is_ch(c, e, ',')) &&
	       !(is_quote_mark(c, e)))
		e--;
	return e;
}

/* Does [s, e] hold quotation marks? */
static int has_marks(const qctx *c, int32_t s, int32_t e)
{
	for (int32_t k = s; k <= e; k++)
		if (c->inq[k] >= 0)
			return 1;
	return 0;
}
/* Is [s, e] free for new content (no token claimed already)? */
static int is_free(const qctx *c, int32_t s, int32_t e)
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

/* Is [a, u) a share of people standing as a subject ("three-fourths",
** "nearly three in five", "55 percent of all voters", "about 4 in 10",
** "half")? A number or count word among its first three tokens, then
** only words, numbers and "%". Poll sentences give each share its own
** attribution ("..., while 4 in 10 want ..."). */
static int count_subject(const qctx *c, int32_t a, int32_t u)
{
	static const char *const counts[] = {
		"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "half",
		"third", "thirds", "two-thirds", "three-fourths", "three-quarters", "majority",
		"quarter", "fifth", "percent", "majorities", "most", "many", NULL};
	static const char *const mods[] = {"nearly", "about", "only", "almost", "just", "roughly",
					   "some", "another", "more", "fewer", "less", "than", "over",
					   "under", "a", "an", "the", NULL};
	if (u - a > 8 || u <= a || is_cap(c, a))
		return 0;
	for (int32_t k = a; k < u; k++)
		if (!(is_word(c, k) || is_ch(c, k, '%')))
			return 0;
	/* the phrase opens with the count, after modifiers ("more than") */
	int32_t k = a;
	while (k < u - 1 && k < a + 2 && c->t[k].kind != NG_TOK_NUMBER && is_any(c, k, mods))
		k++;
	return (c->t[k].kind == NG_TOK_NUMBER || is_any(c, k, counts)) &&
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
			  (comma && u < j + 4 && (has_wc(c, u, NG_WC_AUX) || ly_adverb(c, u)))))
		u++;
	if (u >= ce || c->cue[u] < 0 || cue_frame(c, u) == NG_CUE_QUOTE)
		return 0;
	int fo = cue_form(c, u);
	if (comma && (fo == NG_FORM_PAST || fo == NG_FORM_S || (fo == NG_FORM_ING && u > j + 1)) &&
	    cue_ok(c, u) && !has_marks(c, u, ce))
		return 1;
	return (fo == NG_FORM_PAST || fo == NG_FORM_S || fo == NG_FORM_BASE) && cue_ok(c, u) &&
	       c->lem[u] && !strcmp(c->lem[u], "say") && !has_marks(c, u, ce);
}

/* Is token i a form of "be"? */
static int is_be(const qctx *c, int32_t i)
{
	static const char *const be[] = {"is", "are", "was", "were", "be", "been", "being",
					 "'s", "’s", "'re", "’re", NULL};
	if (is_any(c, i, be))
		return 1;
	return 0;
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
	    !IS(c, u - 1, "been") && !IS(c, u - 1, "be") && cue_ok(c, u)) {
		subj x;
		if (np_right(c, a, u - 2, &x) && x.s == a && x.e == u - 2 &&
		    (x.kind == SUBJ_NAME || x.kind == SUBJ_PRON || x.kind == SUBJ_NOUN))
			return 1;
		return 0;
	}
	if (!(fo == NG_FORM_PAST || fo == NG_FORM_S || fo == NG_FORM_BASE) || !cue_ok(c, u))
		return 0;
	/* a share opens the clause; not before quoted words: its record would
	** be a direct one, which PolNeAR leaves inside the poll's content */
	if (count_subject(c, a, u) && !has_marks(c, u, ce))
		return 1;
	if (pct || (fo == NG_FORM_BASE && !base_subject_ok(c, u)))
		return 0;
	subj x;
	/* the subject opens the clause, after its determiner ("the Huffington Post") */
	return subject_left(c, u, a, &x) && (x.s == a || (x.s == a + 1 && has_wc(c, a, NG_WC_DET))) &&
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

/* Is the cue lemma l one of the list's? */
static int lemma_in(const char *l, const char *const *list)
{
	for (const char *const *w = list; *w; w++)
		if (!strcmp(l, *w))
			return 1;
	return 0;
}

/* verbs of saying whose content is never a prepositional phrase */
static const char *const say_verbs[] = {"say", "write", "add", "note", "explain", "recall",
					"state", "declare", "announce", "acknowledge", NULL};

/* The end of the content [k, ce] before a second, coordinated attribution
** ("called her "weak" and said she had ..."): the token before "and"/"but"
** when a finite cue verb follows it. The loop stops only at punctuation,
** quotation marks and words of NG_WC_BREAK, _SUBORD and _COORD: a rule for
** another word needs its word in one of those classes (coord_words[]). */
static int32_t coord_end(const qctx *c, int32_t k, int32_t ce)
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
			if (np_right(c, j + 1, ce, &x) && x.kind == SUBJ_NAME && x.e + 1 < ce &&
			    cue_form(c, x.e + 1) == NG_FORM_ING)
				return is_ch(c, j - 1, ',') ? j - 2 : j - 1;
		}
		/* "Asked if he believed ..., Carson said that ...": the main
		** clause after a comma has an attribution of its own */
		if (is_ch(c, j, ',') && j > k + 1 && (is_cap(c, j + 1) || is_subj_pronoun(c, j + 1))) {
			subj x;
			if (np_right(c, j + 1, ce, &x) && (x.kind == SUBJ_NAME || x.kind == SUBJ_PRON) &&
			    x.e + 1 < ce && !is_ch(c, x.e + 2, ',') &&
			    (cue_form(c, x.e + 1) == NG_FORM_PAST || cue_form(c, x.e + 1) == NG_FORM_S) &&
			    cue_ok(c, x.e + 1))
				return j - 1;
		}
		/* "X, who ... Y, said he ...": the main verb after a relative
		** clause or an apposition has a content of its own */
		if (is_ch(c, j, ',') && j > k + 1) {
			int fo = cue_form(c, j + 1);
			if ((fo == NG_FORM_PAST || fo == NG_FORM_S) && cue_ok(c, j + 1) && j + 2 < ce &&
			    c->lem[j + 1] && lemma_in(c->lem[j + 1], say_verbs) &&
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
		    cue_ok(c, v)) {
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
static int adverbial(const qctx *c, int32_t k)
{
	if (IS(c, k, "that") || IS(c, k, "there") || is_quote_mark(c, k))
		return 0;
	if (is_subj_pronoun(c, k) || (has_wc(c, k, NG_WC_DET) && !has_wc(c, k, NG_WC_INTRO)))
		return 0;
	/* a preposition or time word opens an adverbial; other words a clause
	** ("John said none were added") */
	if (has_wc(c, k, NG_WC_INTRO | NG_WC_PREP) || k >= c->n || !is_word(c, k))
		return 1;
	static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
					   "saturday", "sunday", NULL};
	if (is_any(c, k, days))
		return 1;
	return 0;
}

/* The comma that ends the content before a trailing attribution: a comma,
** or a closing mark after one ("... a disaster for every family," Diaz said). */
static int comma_before(const qctx *c, int32_t b)
{
	return is_ch(c, b, ',') || (is_quote_mark(c, b) && b > 0 && is_ch(c, b - 1, ','));
}

/* The subject of a participle in an absolute construction: a name or
** pronoun right before it, after "and", "with" or a comma ("Ryan saying
** ... and Trump calling it ...", "with Gorka noting ..."). */
static int absolute_subject(const qctx *c, int32_t v, int32_t s0, subj *sp)
{
	if (!np_left(c, v - 1, s0, sp) || sp->kind != SUBJ_NAME || sp->e != v - 1)
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
		if (c->cue[u] >= 0 && cue_form(c, u) == NG_FORM_ING && cue_ok(c, u))
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
		if (!np_right(c, j + 1, s1, &x))
			return 0;
		int32_t w = x.e + 1;
		while (w <= s1 && has_wc(c, w, NG_WC_SKIP_ADV))
			w++;
		int fo = cue_form(c, w);
		return (fo == NG_FORM_PAST || fo == NG_FORM_S) && cue_ok(c, w);
	}
	return 0;
}

/* A noun for a document or message before a participle cue: "issued a
** statement saying that ...": the sentence's subject speaks. */
static int document_noun(const qctx *c, int32_t i)
{
	return has_wc(c, i, NG_WC_DOC);
}

/* Is token k a particle that joins the cue before it ("talked about",
** "warned of", "called for", "voted against")? "about" and "of" after any
** cue; "for", "to", "on", "against" after cues whose object is the content
** (frames object and prep), not before an addressee ("spoke to reporters"). */
static int cue_particle(const qctx *c, int32_t k, int fr)
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
	       !(sp->s > 0 && has_wc(c, sp->s - 1, NG_WC_PREP)) && !base_subject_ok(c, v);
}

/* "..., donors said." / "..., people close to Clinton say.": a short
** phrase of plain words between the content's comma and a cue that ends its
** sentence speaks, though it is no noun phrase np_left() knows (a bare
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
		else if (np_right(c, k, rest, &obj) && obj.kind != SUBJ_PRON)
			k = obj.e + 1;
		else
			return 0;
	}
	if (k <= rest) {
		if (!adverbial(c, k) || infinitive_at(c, k) || rest - k > 12)
			return 0;
		for (int32_t j = k; j <= rest; j++) {
			if (is_possessive_mark(c, j))
				continue;
			if ((c->t[j].kind == NG_TOK_PUNCT && !is_ch(c, j, '.')) ||
			    is_quote_mark(c, j) || (c->cue[j] >= 0 && cue_ok(c, j)) ||
			    has_wc(c, j, NG_WC_AUX | NG_WC_PASSIVE | NG_WC_PRON_SUBJ | NG_WC_BREAK))
				return 0;
			if (tlen(c, j) <= 7 && is_any(c, j, clause_words))
				return 0;
		}
	}
	return tell || lemma_in(lemma, say_verbs);
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
static void reported(qctx *c, int tail)
{
	for (int32_t ci = 0; ci < c->n_cands; ci++) {
		int32_t v = c->cands[ci];
		if (c->used[v])
			continue;
		/* a cue, or "according to" ("according" is no cue word) */
		int according = c->cue[v] < 0;
		if (according && !(has_wc(c, v, NG_WC_ACCORDING) && IS(c, v + 1, "to")))
			continue;
		if (c->inq[v] >= 0 && !according)
			continue;
		int32_t s0 = sent_first(c, v), s1 = sent_last(c, v);
		if (according) {
			if (c->inq[v] >= 0)
				continue;
			subj sp;
			memset(&sp, 0, sizeof(sp));
			if (!np_right(c, v + 2, s1, &sp)) {
				int32_t e = v + 2;
				while (e + 1 <= s1 && e + 1 - v < NP_MAX && is_word(c, e + 1))
					e++;
				if (!is_word(c, v + 2))
					continue;
				sp.kind = SUBJ_NOUN;
				sp.s = v + 2;
				sp.e = e;
			}
			int32_t cs, ce;
			int lead = v == s0 || (v == s0 + 1 && is_quote_mark(c, s0));
			if (lead == tail)
				continue;
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
				continue;
			resolve(c, &sp, -1, -1);
			emit(c, cs, ce, has_marks(c, cs, ce) ? NG_QUOTE_MIXED : NG_QUOTE_INDIRECT, v,
			     v + 1, "according to", &sp);
			for (int32_t k = sp.s; k <= sp.e; k++)
				c->used[k] = 1;
			continue;
		}
		int fr = cue_frame(c, v), fo = cue_form(c, v);
		/* the second pass: a finite cue without a subject (or with a
		** content before it) has no content after it */
		int memo = !tail && c->has_subj[ci];
		if (!tail && fo != NG_FORM_ING && !memo)
			continue;
		if (fr == NG_CUE_QUOTE || !cue_ok(c, v))
			continue;
		subj sp;
		memset(&sp, 0, sizeof(sp));
		int32_t cs = -1, ce = -1;
		int found = 0;
		int32_t cue_e = -1; /* last token of the cue when a particle follows it */
		/* "..., X said." / "..., said X." (content before) */
		int32_t after = cue_last(c, v) + 1;
		subj inv;
		int inverted = 0;
		int have_subj = 0;
		if (memo) {
			sp = c->subj_of[ci];
			have_subj = 1;
		} else if (fo != NG_FORM_ING) {
			have_subj = subject_left(c, v, s0, &sp);
		}
		if (!have_subj && fo != NG_FORM_ING) {
			/* "X caucused in Nevada and says he voted ...": the first verb's subject */
			int32_t p = skip_left_adv(c, v - 1, s0);
			if ((IS(c, p, "and") || IS(c, p, "but")) && sentence_subject(c, p, &sp) &&
			    sp.kind != SUBJ_REL && sp.e < p)
				have_subj = 1;
		}
		if (tail && fo != NG_FORM_ING && (!have_subj || !comma_before(c, sp.s - 1))) {
			/* no subject, or one inside a longer phrase after the comma:
			** "..., people close to the owner say." */
			subj bare;
			if (bare_trailing_subject(c, v, s0, s1, &bare) && (!have_subj || bare.s < sp.s)) {
				sp = bare;
				have_subj = 1;
			}
		}
		/* "..., said Ms. Gil, with ...": a name right after ", said" and
		** then a comma, "who" or the end is the speaker, whatever
		** subject_left() found before the comma */
		if (have_subj && !memo && fo != NG_FORM_ING && comma_before(c, v - 1) && sp.e < v - 1 &&
		    !(sp.kind == SUBJ_NAME && is_ch(c, sp.e + 1, ',')) && /* "X, a lawyer, said" */
		    c->lem[v] && lemma_in(c->lem[v], say_verbs) && np_right(c, v + 1, s1, &inv) &&
		    inv.kind == SUBJ_NAME &&
		    (is_ch(c, inv.e + 1, ',') || IS(c, inv.e + 1, "who") ||
		     content_end(c, inv.e + 1, s1) <= inv.e + 3))
			have_subj = 0;
		if (have_subj && fo != NG_FORM_ING) {
			int32_t b = sp.s - 1;
			if (!memo && comma_before(c, b) && b > s0) {
				int32_t rest = content_end(c, after, s1);
				int at_end = rest < after ||
					     (rest - after <= 5 && adverbial(c, after) && !infinitive_at(c, after)) ||
					     (rest - after <= 16 && said_where(c, v, after, rest));
				if (!at_end && is_ch(c, after, ',') &&
				    (cue_form(c, after + 1) == NG_FORM_ING || IS(c, after + 1, "and") ||
				     is_quote_mark(c, after + 1)))
					at_end = 1;
				/* "..., X said in June 2012, citing ...": a short adverbial
				** and a participle after the verb */
				for (int32_t j = after + 1; !at_end && adverbial(c, after) && j <= rest &&
							    j - after <= 8 && clause_free(c, after, j);
				     j++)
					if (is_ch(c, j, ',') && (cue_form(c, j + 1) == NG_FORM_ING ||
								 is_quote_mark(c, j + 1)))
						at_end = 1;
				/* "Instead, X talked about Y": one word before the comma is
				** an introductory adverb, no content */
				int before = 0;
				for (int32_t j = s0; j < b && before < 2; j++)
					before += is_word(c, j);
				if (at_end && before >= 2) {
					cs = s0;
					ce = is_quote_mark(c, b) ? b : b - 1;
					found = 2;
				}
			}
			if (!found && tail) {
				c->has_subj[ci] = 1;
				c->subj_of[ci] = sp;
			}
			if (!found && !tail) {
				/* "X said (that) ..." (content after: not in the first pass) */
				int32_t k = after;
				if (fr == NG_CUE_TELL) {
					subj obj;
					int32_t j = k;
					if (IS(c, j, "that"))
						j++;
					else if (np_right(c, j, s1, &obj) ||
						 has_wc(c, j, NG_WC_OBJ)) {
						j = obj.kind != SUBJ_NONE && is_word(c, j) &&
								    !has_wc(c, j, NG_WC_OBJ)
							    ? obj.e + 1
							    : j + 1;
						if (IS(c, j, "that"))
							j++;
					}
					k = j;
				} else if (IS(c, k, "that") || is_ch(c, k, ',') || is_ch(c, k, ':')) {
					k++;
				} else if (cue_particle(c, k, fr)) {
					/* "talked about X", "called for X": the particle is
					** part of the cue, its object the content */
					cue_e = k++;
				}
				if (fr == NG_CUE_PREP && cue_e < 0)
					continue; /* "talked for an hour" */
				if (IS(c, k, "that"))
					k++;
				ce = coord_end(c, k, content_end(c, k, s1));
				if (ce - k >= 1 ||
				    (ce == k && is_cap(c, k) &&
				     (fr == NG_CUE_OBJECT || fr == NG_CUE_PREP || cue_e >= 0))) {
					cs = k;
					found = 1;
				}
			}
		} else if (fo != NG_FORM_ING && comma_before(c, v - 1) && v - 1 > s0 &&
			   np_right(c, v + 1, s1, &inv)) {
			/* "..., said X." */
			int32_t rest = content_end(c, inv.e + 1, s1);
			/* "..., 33%, say they feel that way": a pronoun and a verb
			** after the cue are its clause, not an inverted speaker */
			if ((rest <= inv.e + 3 || is_ch(c, inv.e + 1, ',') || IS(c, inv.e + 1, "who")) &&
			    !(inv.kind == SUBJ_PRON && is_word(c, inv.e + 1))) {
				sp = inv;
				inverted = 1;
				cs = s0;
				ce = is_quote_mark(c, v - 1) ? v - 1 : v - 2;
				found = 2;
			}
		} else if (!tail && fo == NG_FORM_ING &&
			   (comma_before(c, v - 1) || document_noun(c, v - 1) || and_ing(c, v, s0)) &&
			   !intro_participle(c, v, s1)) {
			/* ", saying (that) ..." : the subject of the main clause */
			int32_t k = after;
			if (IS(c, k, "that"))
				k++;
			else if (cue_particle(c, k, fr))
				cue_e = k++; /* ", referring to X" */
			ce = coord_end(c, k, content_end(c, k, s1));
			if (ce - k >= (cue_e >= 0 ? 1 : 2)) {
				cs = k;
				found = 1;
				int got = 0;
				/* the speaker of an attribution just before: "X said, adding ..." */
				for (int32_t r = c->n_out - 1; r >= 0 && !got; r--)
					if (c->out[r].cue_s >= s0 && c->out[r].cue_s < v &&
					    c->out[r].sp.kind != SUBJ_NONE) {
						sp = c->out[r].sp;
						got = 1;
					}
				if (!got)
					got = sentence_subject(c, v, &sp) &&
					      (sp.kind == SUBJ_NAME || sp.kind == SUBJ_PRON);
				for (int32_t u = v - 1; u >= s0 && !got; u--)
					if (c->cue[u] >= 0 && cue_form(c, u) != NG_FORM_ING &&
					    subject_left(c, u, s0, &sp))
						got = 1;
				if (!got && !sentence_subject(c, v, &sp))
					sp.kind = SUBJ_NONE;
			}
		}
		if (!found && !tail && fo == NG_FORM_ING && absolute_subject(c, v, s0, &sp)) {
			/* "..., with Gorka noting ...", "and Trump calling it ...": a
			** participle with a subject of its own */
			int32_t k = after;
			if (IS(c, k, "that"))
				k++;
			ce = coord_end(c, k, content_end(c, k, s1));
			if (ce - k >= 1) {
				cs = k;
				found = 1;
			}
		}
		(void)inverted;
		if (found && (found == 2) != tail)
			continue;
		if (!found || cs < s0 || ce < cs)
			continue;
		/* skip leading quote of sentence start and trailing commas */
		while (cs < ce && (c->t[cs].kind == NG_TOK_PUNCT && !is_ch(c, cs, '(')))
			cs++;
		if (!is_free(c, cs, ce)) {
			/* content overlapping a direct quote: keep the free part before it */
			int32_t k = cs;
			while (k <= ce && !c->used[k])
				k++;
			ce = k - 1;
			while (ce > cs && (is_ch(c, ce, ',') || c->t[ce].kind == NG_TOK_PUNCT))
				ce--;
			if (ce - cs < 2)
				continue;
		}
		/* "its expansionist plans": a present-tense cue after a common noun
		** phrase is more often a noun itself */
		if (sp.kind == SUBJ_NOUN && (fo == NG_FORM_BASE || fo == NG_FORM_S) &&
		    !has_wc(c, sp.e, NG_WC_NOUN_SUBJ) &&
		    (IS(c, sp.s, "its") || IS(c, sp.s, "his") || IS(c, sp.s, "her") ||
		     IS(c, sp.s, "their") || IS(c, sp.s, "our") || IS(c, sp.s, "my")))
			continue;
		/* "a new program called ...": a past participle after an
		** indefinite noun phrase that does not speak modifies it */
		if (sp.kind == SUBJ_NOUN && fr == NG_CUE_OBJECT && fo == NG_FORM_PAST &&
		    (IS(c, sp.s, "a") || IS(c, sp.s, "an")) && !has_wc(c, sp.e, NG_WC_NOUN_SUBJ))
			continue;
		int words = 0;
		for (int32_t k = cs; k <= ce && words < 2; k++)
			words += is_word(c, k);
		/* one word only when it is a name the cue's object ("endorsed
		** Cruz", "talked about CNN") */
		if (words < 2 && !(words == 1 && is_cap(c, cs) && found == 1 &&
				   (fr == NG_CUE_OBJECT || fr == NG_CUE_PREP || cue_e >= 0)))
			continue;
		int kind = has_marks(c, cs, ce) ? NG_QUOTE_MIXED : NG_QUOTE_INDIRECT;
		/* "In a message posted Friday, X said ...": a participle inside an
		** introductory prepositional phrase modifies its noun */
		if (fo == NG_FORM_PAST && (sp.kind == SUBJ_NOUN || sp.kind == SUBJ_NAME) &&
		    sp.s - 1 == s0 && has_wc(c, s0, NG_WC_PREP) && another_comma(c, v, s1))
			continue;
		/* "Despite the media attacks, Carson said": an -s form ending an
		** introductory phrase is a plural noun */
		if (fo == NG_FORM_S && (sp.kind == SUBJ_NOUN || sp.kind == SUBJ_NAME) &&
		    sp.s - 1 == s0 && has_wc(c, s0, NG_WC_PREP | NG_WC_INTRO) && is_ch(c, v + 1, ','))
			continue;
		/* quoted words are kept to the stricter test of direct quotes:
		** a base form after a singular noun is a noun ("the TV show "X"") */
		if (kind == NG_QUOTE_MIXED && fo == NG_FORM_BASE && !base_subject_ok(c, v))
			continue;
		if (noun_compound(c, v, &sp))
			continue;
		resolve(c, &sp, -1, -1);
		emit(c, cs, ce, kind, v, cue_e >= 0 ? cue_e : cue_last(c, v), c->lem[v],
		     sp.kind != SUBJ_NONE ? &sp : NULL);
		if (sp.kind != SUBJ_NONE)
			for (int32_t k = sp.s; k <= sp.e; k++)
				c->used[k] = 1;
		if (sp.kind == SUBJ_NAME && has_person_tag(c, sp.s, sp.e))
			note_name(c, sp.s, sp.e);
	}
}

/* ---- pass 3b: attributions beyond verbs with subjects (PolNeAR's "all
** attributions"): "is expected to ...", "Asked whether ..., X said",
** "Name: headline", nouns that take a clause ("his claim that ...", "her
** plans to ...", "support for X") and "made it clear that ...". Runs after
** the verb passes, on tokens no record claimed. */

/* Does token i take an infinitive that carries the attribution
** ("continued to say", "tried to explain", "seemed to suggest")? */
static int catenative(const qctx *c, int32_t i)
{
	static const char *const verbs[] = {
		"continue", "continues", "continued", "continuing", "began", "begin", "begins",
		"beginning", "begun", "started", "start", "starts", "starting", "tried", "try",
		"tries", "trying", "seemed", "seem", "seems", "appeared", "appear", "appears",
		"declined", "decline", "declines", "refused", "refuse", "refuses", "sought", "seeks",
		"seek", "wanted", "want", "wants", "hoped", "hopes", "hope", "went", NULL};
	if (is_any(c, i, verbs))
		return 1;
	return 0;
}

/* Does a clause open at token k ("that he ...", "that the ...", "that
** Smith ...")? Tells a complement clause from a relative one ("the claim
** that was made"), roughly. */
static int clause_opens(const qctx *c, int32_t k)
{
	return is_subj_pronoun(c, k) || has_wc(c, k, NG_WC_DET) || is_cap(c, k) ||
	       IS(c, k, "there") || IS(c, k, "you") || is_quote_mark(c, k);
}

/* The end of a noun-phrase content starting at k ("support for the new
** tax plan, which ..."): before a comma, a clause word or the sentence end;
** a coordinated noun phrase goes on it ("X and Y", "X as well as Y"). */
static int32_t np_content_end(const qctx *c, int32_t k, int32_t s1)
{
	static const char *const stop[] = {"that", "which", "who", "because", "while", "when",
					   "after", "before", "since", "but", "although", "if",
					   "as", "and", NULL};
	int32_t e = k;
	for (; e <= s1; e++) {
		if (c->used[e] || (c->t[e].kind == NG_TOK_PUNCT && !is_ch(c, e, '-') &&
				   !is_quote_mark(c, e) && !is_ch(c, e, '\'')))
			break;
		/* a second noun phrase: "critical of Ryan and Senator McConnell",
		** unless a clause follows (a finite cue or an auxiliary) */
		if (e > k && (IS(c, e, "and") || IS(c, e, "or")) && e + 1 <= s1 &&
		    (is_cap(c, e + 1) || (has_wc(c, e + 1, NG_WC_DET) && !is_subj_pronoun(c, e + 1)))) {
			int clause = 0;
			for (int32_t r = e + 1; r <= s1 && r < e + 6 && !clause; r++)
				clause = (c->cue[r] >= 0 && cue_form(c, r) != NG_FORM_ING) ||
					 has_wc(c, r, NG_WC_AUX);
			if (!clause)
				continue;
		}
		if (e + 2 < s1 && IS(c, e, "as") && IS(c, e + 1, "well") && IS(c, e + 2, "as")) {
			e += 2; /* "the Common Core as well as test scores" */
			continue;
		}
		if (e > k && is_any(c, e, stop))
			break;
	}
	return e - 1;
}

/* Emits [cs, ce] when it is free and holds two words; class cls, cue
** [v, ve], speaker sp (may be NULL). Returns 1 when emitted. */
static int emit_more(qctx *c, int32_t cs, int32_t ce, int32_t v, int32_t ve, const char *lemma,
		     int cls, subj *sp)
{
	while (ce > cs && (is_ch(c, ce, ',') || is_ch(c, ce, ':') || is_ch(c, ce, ';')))
		ce--;
	if (ce < cs || !is_free(c, cs, ce) || !is_free(c, v, ve))
		return 0;
	int words = 0;
	for (int32_t k = cs; k <= ce && words < 2; k++)
		words += is_word(c, k);
	if (words < 2 && !(words == 1 && is_cap(c, cs)))
		return 0;
	if (sp && sp->kind != SUBJ_NONE)
		resolve(c, sp, -1, -1);
	int32_t before = c->n_out;
	emit(c, cs, ce, has_marks(c, cs, ce) ? NG_QUOTE_MIXED : NG_QUOTE_INDIRECT, v, ve, lemma,
	     sp && sp->kind != SUBJ_NONE ? sp : NULL);
	if (c->n_out == before)
		return 0;
	c->out[c->n_out - 1].cls = (uint8_t)cls;
	if (sp && sp->kind != SUBJ_NONE)
		for (int32_t k = sp->s; k <= sp->e; k++)
			c->used[k] = 1;
	return 1;
}

/* Nouns that take a clause or an object as their content, with their class
** and what may follow them: 't' = "that" + clause, 'i' = "to" + verb, 'p' =
** a preposition + noun phrase ("support for X", "questions about X"). Our
** own list. */
static const struct noun_cue {
	const char *word;
	const char *lemma;
	uint8_t cls;
	const char *takes;
	const char *preps; /* for 'p': the prepositions it takes (NULL = for of to about on) */
} noun_cues[] = {
	{"claim", "claim", NG_CLS_SPEECH, "t"},
	{"claims", "claim", NG_CLS_SPEECH, "tp"},
	{"statement", "statement", NG_CLS_SPEECH, "t"},
	{"assertion", "assertion", NG_CLS_SPEECH, "t"},
	{"argument", "argument", NG_CLS_SPEECH, "t"},
	{"allegation", "allegation", NG_CLS_SPEECH, "t"},
	{"allegations", "allegation", NG_CLS_SPEECH, "tp"},
	{"suggestion", "suggestion", NG_CLS_SPEECH, "t"},
	{"assurance", "assurance", NG_CLS_SPEECH, "t"},
	{"assurances", "assurance", NG_CLS_SPEECH, "t"},
	{"warning", "warning", NG_CLS_SPEECH, "t"},
	{"warnings", "warning", NG_CLS_SPEECH, "tp"},
	{"admission", "admission", NG_CLS_SPEECH, "t"},
	{"announcement", "announcement", NG_CLS_SPEECH, "t"},
	{"insistence", "insistence", NG_CLS_SPEECH, "t"},
	{"accusation", "accusation", NG_CLS_SPEECH, "t"},
	{"accusations", "accusation", NG_CLS_SPEECH, "tp"},
	{"promise", "promise", NG_CLS_SPEECH, "ti"},
	{"remarks", "remark", NG_CLS_SPEECH, "tp"},
	{"comments", "comment", NG_CLS_SPEECH, "p"},
	{"attacks", "attack", NG_CLS_SPEECH, "p"},
	{"criticism", "criticism", NG_CLS_SPEECH, "p"},
	{"praise", "praise", NG_CLS_SPEECH, "p"},
	{"condemnation", "condemnation", NG_CLS_SPEECH, "p"},
	{"questions", "question", NG_CLS_SPEECH, "p"},
	{"complaints", "complaint", NG_CLS_SPEECH, "p"},
	{"calls", "call", NG_CLS_SPEECH, "p"},
	{"demands", "demand", NG_CLS_SPEECH, "p"},
	{"belief", "belief", NG_CLS_BELIEF, "t"},
	{"beliefs", "belief", NG_CLS_BELIEF, "t"},
	{"view", "view", NG_CLS_BELIEF, "t"},
	{"views", "view", NG_CLS_BELIEF, "p"},
	{"opinion", "opinion", NG_CLS_BELIEF, "tp", "of about on"},
	{"feeling", "feeling", NG_CLS_BELIEF, "t"},
	{"fear", "fear", NG_CLS_BELIEF, "t"},
	{"fears", "fear", NG_CLS_BELIEF, "tp"},
	{"hope", "hope", NG_CLS_BELIEF, "t"},
	{"hopes", "hope", NG_CLS_BELIEF, "tp"},
	{"concern", "concern", NG_CLS_BELIEF, "t"},
	{"concerns", "concern", NG_CLS_BELIEF, "tp"},
	{"worry", "worry", NG_CLS_BELIEF, "t"},
	{"worries", "worry", NG_CLS_BELIEF, "tp"},
	{"doubts", "doubt", NG_CLS_BELIEF, "tp"},
	{"expectation", "expectation", NG_CLS_BELIEF, "t"},
	{"expectations", "expectation", NG_CLS_BELIEF, "t"},
	{"conviction", "conviction", NG_CLS_BELIEF, "t"},
	{"suspicion", "suspicion", NG_CLS_BELIEF, "t"},
	{"impression", "impression", NG_CLS_BELIEF, "t"},
	{"assumption", "assumption", NG_CLS_BELIEF, "t"},
	{"plan", "plan", NG_CLS_INTENTION, "i"},
	{"plans", "plan", NG_CLS_INTENTION, "i"},
	{"decision", "decision", NG_CLS_INTENTION, "i"},
	{"intention", "intention", NG_CLS_INTENTION, "i"},
	{"desire", "desire", NG_CLS_INTENTION, "i"},
	{"bid", "bid", NG_CLS_INTENTION, "i"},
	{"refusal", "refusal", NG_CLS_INTENTION, "i"},
	{"pledge", "pledge", NG_CLS_INTENTION, "it"},
	{"vow", "vow", NG_CLS_INTENTION, "it"},
	{"threat", "threat", NG_CLS_INTENTION, "i"},
	{"push", "push", NG_CLS_INTENTION, "ip", "for"},
	{"critical", "critical", NG_CLS_STANCE, "p"},
	{"skeptical", "skeptical", NG_CLS_BELIEF, "p"},
	{"support", "support", NG_CLS_STANCE, "p"},
	{"opposition", "opposition", NG_CLS_STANCE, "p"},
	{"endorsement", "endorsement", NG_CLS_STANCE, "p"},
	/* nouns whose object after a preposition is the content (qnoun) */
	{"mention", "mention", NG_CLS_SPEECH, "p", "of"},
	{"statements", "statement", NG_CLS_SPEECH, "tp", "about on"},
	{"message", "message", NG_CLS_SPEECH, "tp", "about on"},
	{"critique", "critique", NG_CLS_SPEECH, "p", "of"},
	{"critiques", "critique", NG_CLS_SPEECH, "p", "of"},
	{"denunciation", "denunciation", NG_CLS_SPEECH, "p", "of"},
	{"swipe", "swipe", NG_CLS_SPEECH, "p", "at"},
	{"swipes", "swipe", NG_CLS_SPEECH, "p", "at"},
	{"call", "call", NG_CLS_SPEECH, "p", "for"},
	{"advocate", "advocate", NG_CLS_STANCE, "p", "for of"},
	{"defense", "defense", NG_CLS_STANCE, "p", "of"},
	{"embrace", "embrace", NG_CLS_STANCE, "p", "of"},
	{"rejection", "rejection", NG_CLS_STANCE, "p", "of"},
	{"backing", "backing", NG_CLS_STANCE, "p", "of for"},
	{"favor", "favor", NG_CLS_STANCE, "p", "of"},
	{"proposal", "proposal", NG_CLS_INTENTION, "tip", "for"},
	{"focus", "focus", NG_CLS_STANCE, "p", "on"},
	{"attention", "attention", NG_CLS_STANCE, "p", "to"},
	{NULL, NULL, 0, NULL}};

/* Is token k one of the space-separated words of list (a noun cue's
** prepositions: "for of")? */
static int noun_prep(const qctx *c, int32_t k, const char *list)
{
	size_t l = (size_t)tlen(c, k);
	const char *w = c->x + c->t[k].start;
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == l && !memcmp(p, w, n))
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

/* The speaker a noun cue at v names: a possessive pronoun right before it
** ("his claim"), or a name with 's ("Smith's claim"). */
static void noun_owner(const qctx *c, int32_t v, int32_t s0, subj *sp)
{
	memset(sp, 0, sizeof(*sp));
	sp->entity = -1;
	int32_t p = v - 1;
	while (p > s0 && c->t[p].kind == NG_TOK_WORD && !is_cap(c, p) &&
	       !has_wc(c, p, NG_WC_DET) && v - p < 3)
		p--; /* an adjective: "his latest claim" */
	if (p < s0)
		return;
	if (IS(c, p, "his") || IS(c, p, "her") || IS(c, p, "their") || IS(c, p, "its") ||
	    IS(c, p, "His") || IS(c, p, "Her") || IS(c, p, "Their")) {
		sp->kind = SUBJ_PRON;
		sp->s = sp->e = p;
		return;
	}
	if (c->t[p].kind == NG_TOK_CLITIC && (IS(c, p, "'s") || IS(c, p, "’s")) &&
	    np_left(c, p - 1, s0, sp) && (sp->kind == SUBJ_NAME || sp->kind == SUBJ_NOUN))
		return;
	memset(sp, 0, sizeof(*sp));
	sp->entity = -1;
}

/* Does "the" open the noun phrase of the noun at v ("the support", "the
** full support")? */
__attribute__((noinline)) static int the_before(const qctx *c, int32_t v, int32_t s0)
{
	int32_t p = v - 1;
	while (p > s0 && c->t[p].kind == NG_TOK_WORD && !is_cap(c, p) &&
	       !has_wc(c, p, NG_WC_DET | NG_WC_PREP) && v - p < 3)
		p--; /* an adjective: "the full support" */
	return p >= s0 && IS(c, p, "the");
}

/* "Some said", "Many said", "one in four said": a determiner standing
** alone as the subject of a past-tense cue (cue_ok takes it for an
** adjective: "a written statement"). */
static int pronoun_det_subject(const qctx *c, int32_t v)
{
	static const char *const dets[] = {"some", "many", "most", "several", "both", "all", "few",
					   "two", "three", "four", "five", "ten", NULL};
	if (cue_form(c, v) != NG_FORM_PAST || !has_wc(c, v - 1, NG_WC_DET))
		return 0;
	if (is_any(c, v - 1, dets))
		return 1;
	return 0;
}

/* ---- verbs after a chain (PolNeAR's "all attributions"): cue verbs the
** verb passes reject because an infinitive's "to" comes before them */

/* Does an infinitive cue at v ("to" at v - 1) hang from a word that takes
** one? 1 when that word's clause subject speaks ("Ruiz has yet to endorse
** X", "is eager to back", "used to support"), 2 when a "first"/"only"
** noun phrase does ("the first governor to endorse X": the sentence's
** subject), 0 otherwise. */
static int infinitive_governor(const qctx *c, int32_t v, int32_t s0)
{
	static const char *const gov[] = {
		"yet", "eager", "ready", "willing", "unwilling", "reluctant", "quick", "quicker",
		"likely", "unlikely", "able", "unable", "used", "tended", "tend", "tends",
		"chose", "choose", "chooses", "moved", "rushed", "failed", "fail", "managed",
		"going", "poised", "prepared", "hesitant", "afraid",
		"careful", "happy", "proud", "glad", "set", NULL};
	int32_t g = v - 2;
	if (g <= s0)
		return 0;
	if (is_any(c, g, gov))
		return 1;
	static const char *const first[] = {"first", "only", "latest", "last", "second", NULL};
	for (int32_t j = g; j > s0 && g - j < 6; j--) {
		if (!is_word(c, j) || c->cue[j] >= 0 || has_wc(c, j, NG_WC_AUX))
			return 0;
		if (is_any(c, j, first))
			return 2;
	}
	return 0;
}

/* Records of an infinitive cue after a governing word; 1 when v is taken
** care of. */
static int verb_chain(qctx *c, int32_t v, int32_t s0, int32_t s1)
{
	if (c->cue[v] < 0 || !IS(c, v - 1, "to") || cue_frame(c, v) == NG_CUE_QUOTE)
		return 0;
	int how = infinitive_governor(c, v, s0);
	if (!how || c->used[v - 2])
		return 0;
	subj sp;
	memset(&sp, 0, sizeof(sp));
	int32_t k = v + 1, ve = v;
	if (IS(c, k, "that") || is_ch(c, k, ','))
		k++;
	else if (cue_particle(c, k, cue_frame(c, v)))
		ve = k++;
	else if (cue_frame(c, v) == NG_CUE_PREP)
		return 1;
	int32_t g = v - 2; /* "is eager to": the subject is left of "is" */
	while (how == 1 && g - 1 > s0 && is_be(c, g - 1))
		g--;
	if (how == 1 ? !subject_left(c, g, s0, &sp) : !sentence_subject(c, v, &sp) || sp.e >= v)
		memset(&sp, 0, sizeof(sp));
	emit_more(c, k, coord_end(c, k, content_end(c, k, s1)), how == 1 ? v - 2 : v - 1, ve,
		  c->lem[v], cue_class(c, v), &sp);
	return 1;
}

/* A passive cue ("X is widely seen as Y", "X was criticized by Y for Z",
** "it was reported that Y", "X is convinced that Y"); PolNeAR's content is
** then the subject and the complement together, so the record spans both
** (the cue inside), the agent of "by" speaking. 1 when v is taken care of. */
static int passive_cue(qctx *c, int32_t v, int32_t s0, int32_t s1)
{
	if (c->cue[v] < 0 || cue_form(c, v) != NG_FORM_PAST || cue_frame(c, v) == NG_CUE_QUOTE)
		return 0;
	int32_t p = v - 1;
	while (p > s0 && has_wc(c, p, NG_WC_SKIP_ADV) && !has_wc(c, p, NG_WC_PASSIVE))
		p--;
	if (p <= s0 || !has_wc(c, p, NG_WC_PASSIVE) || c->used[p])
		return 0;
	int32_t q = p; /* "has been", "will be", "is also" */
	while (q - 1 > s0 && has_wc(c, q - 1, NG_WC_SKIP_ADV | NG_WC_PASSIVE))
		q--;
	subj np, sp;
	memset(&sp, 0, sizeof(sp));
	if (!subject_left(c, q, s0, &np) || np.kind == SUBJ_REL)
		memset(&np, 0, sizeof(np));
	int32_t k = v + 1, cs, ce;
	if (IS(c, k, "that") && clause_opens(c, k + 1)) {
		/* "it was reported that ...", "she is convinced that ..." */
		cs = k + 1;
		ce = coord_end(c, cs, content_end(c, cs, s1));
		int held = cue_class(c, v) == NG_CLS_BELIEF || IS(c, v, "convinced") ||
			   IS(c, v, "persuaded");
		if (np.kind != SUBJ_NONE && !IS(c, np.s, "it") && held)
			sp = np;
		if (sp.kind != SUBJ_NONE || !has_marks(c, cs, ce))
			emit_more(c, cs, ce, v, v, c->lem[v], cue_class(c, v), &sp);
		return 1;
	}
	if (np.kind == SUBJ_NONE || IS(c, np.s, "it"))
		return 0;
	if (IS(c, k, "by") && np_right(c, k + 1, s1, &sp))
		k = sp.e + 1;
	ce = coord_end(c, k, content_end(c, k, s1));
	if (ce < k)
		ce = k - 1;
	while (ce > np.e && c->t[ce].kind == NG_TOK_PUNCT)
		ce--;
	/* with quotation marks inside it is a direct quote's business; no
	** speaker would be given to it here */
	if (!has_marks(c, np.s, ce))
		emit_more(c, np.s, ce, v, v, c->lem[v], cue_class(c, v), &sp);
	return 1;
}

/* A base-form cue after a count or a plural ("Six in 10 say", "42% say",
** "Her aides and allies say"): a verb whose subject the verb passes missed */
static int base_after_count(const qctx *c, int32_t v)
{
	static const char *const counts[] = {"two", "three", "four", "five", "six", "seven",
					     "eight", "nine", "ten", "percent", "half", "third",
					     "thirds", "majority", "most", "many", "some", NULL};
	return c->t[v - 1].kind == NG_TOK_NUMBER || is_ch(c, v - 1, '%') ||
	       is_any(c, v - 1, counts) || base_subject_ok(c, v);
}

/* Is a colon among the tokens name_colon() looks at (the first six of
** paragraph pi after its first)? Most paragraphs have none: tested before
** the call. */
static inline int colon_opens(const qctx *c, int32_t pi)
{
	int32_t p0 = c->pfirst[pi];
	int32_t last = pi + 1 < c->n_paras ? c->pfirst[pi + 1] - 1 : c->n - 1;
	if (last > p0 + 6)
		last = p0 + 6;
	for (int32_t v = p0 + 1; v <= last; v++)
		if (c->t[v].end - c->t[v].start == 1 && c->x[c->t[v].start] == ':')
			return 1;
	return 0;
}

/* "Name: headline words" -- paragraph pi opening with a short capitalized
** name and a colon (among its first six tokens after the first): the name
** speaks the rest of the sentence, unless the first word is a label
** ("Update:", "Watch:"). title = 1: the call for a headline before the verb
** passes (see title_name()), which leaves names holding a finite cue
** ("Fiorina Endorses Cruz: ...") to the verb passes. 1 when emitted. */
static int name_colon(qctx *c, int32_t pi, int title)
{
	int32_t p0 = c->pfirst[pi];
	for (int32_t v = p0 + 1; v <= p0 + 6 && v < c->n && c->para[v] == pi; v++) {
		if (!is_ch(c, v, ':') || c->used[v] || c->inq[v] >= 0)
			continue;
		int ok = 1;
		for (int32_t k = p0; k < v && ok; k++)
			ok = (is_cap(c, k) || has_wc(c, k, NG_WC_JOINER) || is_ch(c, k, '.') ||
			      c->t[k].kind == NG_TOK_ABBREV) &&
			     !(title && c->cue[k] >= 0 &&
			       (cue_form(c, k) == NG_FORM_S || cue_form(c, k) == NG_FORM_PAST));
		static const char *const not_names[] = {
			"update",  "note",    "editor",   "related", "read",     "watch",   "photo",
			"video",   "image",   "caption",  "credit",  "abstract", "full",    "transcript",
			"correction", "subscribe", "click", "share", "tags",   "topics",
			"question", "answer",  "warning", "breaking", "live",   "exclusive",
			"advertisement", "source", "sources", "see", "also", "more", "here", "the",
			"this", "that", "what", "why", "how", "when", "where", "who", "and", "but",
			"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
			"example", "bottom", "line", "ps", "p.s", "i", "we", "wow", "boom", "busted",
			"bombshell", "revealed", "contributing", "byline", "email", "e-mail",
			"paid", NULL};
		ok = ok && !is_any(c, p0, not_names);
		/* the words may open with a quotation mark ("Ryan: 'No Place ...'") */
		int32_t w = is_quote_mark(c, v + 1) ? v + 2 : v + 1;
		if (!ok || w >= c->n || !is_word(c, w) || c->para[w] != c->para[v])
			continue;
		int32_t s1 = sent_last(c, w);
		/* a turn of a transcript or interview ("TAPPER: ...", "Q: ...")
		** runs on over the paragraph's free sentences */
		int turn = 1;
		for (int32_t k = p0; k < v && turn; k++)
			turn = (c->t[k].flags & NG_TF_ALL_UPPER) || c->t[k].kind != NG_TOK_WORD;
		while (turn && s1 + 1 < c->n && c->para[s1 + 1] == pi &&
		       is_free(c, s1 + 1, sent_last(c, s1 + 1)) &&
		       !has_marks(c, s1 + 1, sent_last(c, s1 + 1)))
			s1 = sent_last(c, s1 + 1);
		/* "Iowa: Tim Albrecht, Brad Anderson, Rob Barron, ...": a list of
		** names, no words said */
		int commas = 0, names = 1;
		for (int32_t k = w; k <= s1 && names; k++)
			if (is_ch(c, k, ',')) {
				commas++;
				names = is_cap(c, k + 1);
			}
		if (names && commas >= 3)
			continue;
		subj sp;
		memset(&sp, 0, sizeof(sp));
		sp.kind = SUBJ_NAME;
		sp.s = p0;
		sp.e = v - 1;
		return emit_more(c, v + 1, content_end(c, v + 1, s1), v, v, NULL, NG_CLS_SPEECH, &sp);
	}
	return 0;
}

/* A headline "Name: words" (the first paragraph, one short sentence) is the
** name's attribution as a whole (PolNeAR marks "Clinton camp: Trump's
** rhetoric threatens security" so): taken before the verb passes, which
** would find "threatens" and its object instead. */
static void title_name(qctx *c)
{
	int32_t e = c->n_paras > 1 ? c->pfirst[1] - 1 : c->n - 1;
	if (e - c->pfirst[0] > 40 || c->sent[e] != c->sent[c->pfirst[0]])
		return;
	name_colon(c, 0, 1);
}

/* "a super PAC supporting X", "groups backing X", "voters opposing X": a
** stance participle right after the noun it modifies; that noun phrase
** holds the stance (sp), the participle's object is the content. */
static int stance_after_noun(const qctx *c, int32_t v, int32_t s0, subj *sp)
{
	static const char *const lemmas[] = {"support", "back", "oppose", "endorse", "favor",
					     "champion", NULL};
	const char *l = c->lem[v];
	int32_t p = v - 1;
	if (!l || p < s0 || !is_word(c, p) || c->cue[p] >= 0 || c->t[p].kind == NG_TOK_NUMBER ||
	    has_wc(c, p, NG_WC_DET | NG_WC_PREP | NG_WC_AUX | NG_WC_PASSIVE | NG_WC_SKIP_ADV |
			     NG_WC_PRON_SUBJ | NG_WC_BREAK | NG_WC_SUBORD | NG_WC_TIME |
			     NG_WC_NOT_NP_END) ||
	    /* "financial backing from X", "backing down": a noun, a particle */
	    has_wc(c, v + 1, NG_WC_PREP | NG_WC_NOT_CONTENT) || IS(c, v + 1, "down") ||
	    IS(c, v + 1, "away") || IS(c, v + 1, "off") || IS(c, v + 1, "out"))
		return 0;
	if (!lemma_in(l, lemmas))
		return 0;
	if (!np_left(c, p, s0, sp) || (sp->kind != SUBJ_NOUN && sp->kind != SUBJ_NAME)) {
		memset(sp, 0, sizeof(*sp));
		sp->entity = -1;
		sp->kind = SUBJ_NOUN;
		sp->s = sp->e = p;
	}
	return 1;
}

static void more_cues(qctx *c)
{
	for (int32_t ci = 0; ci < c->n_cands; ci++) {
		int32_t v = c->cands[ci];
		if ((c->cue[v] < 0 && !has_wc(c, v, NG_WC_NOUN_CUE | NG_WC_MORE_CUE)) || c->used[v] ||
		    c->inq[v] >= 0 || !is_word(c, v))
			continue;
		int32_t s0 = sent_first(c, v), s1 = sent_last(c, v);
		subj sp;
		memset(&sp, 0, sizeof(sp));
		sp.entity = -1;
		/* "The FBI is reportedly making arrangements to ...": a report
		** nobody is named for; PolNeAR's content is the clause around the
		** adverb, from its subject on (a verb of saying after it has a
		** record of its own: "reportedly said") */
		if (IS(c, v, "reportedly")) {
			int32_t k = v + 1;
			while (k < s1 && has_wc(c, k, NG_WC_AUX | NG_WC_SKIP_ADV))
				k++;
			if (c->cue[k] >= 0 && cue_class(c, k) == NG_CLS_SPEECH)
				continue;
			int32_t cs = v;
			while (cs > s0 && c->t[cs - 1].kind != NG_TOK_PUNCT && !c->used[cs - 1] &&
			       !has_wc(c, cs - 1, NG_WC_SUBORD | NG_WC_BREAK))
				cs--;
			if (cs < v)
				emit_more(c, cs, content_end(c, v + 1, s1), v, v, "reportedly",
					  NG_CLS_SPEECH, NULL);
			continue;
		}
		/* "Asked (by X) whether ..., she said", "..., when asked about X,",
		** "she was asked whether ...": the question */
		if (IS(c, v, "asked") &&
		    (v == s0 || IS(c, v - 1, "when") || IS(c, v - 1, "if") || IS(c, v - 1, "once") ||
		     is_ch(c, v - 1, ',') ||
		     ((is_be(c, v - 1) || (has_wc(c, v - 1, NG_WC_SKIP_ADV) && is_be(c, v - 2))) &&
		      (IS(c, v + 1, "whether") || IS(c, v + 1, "if") || IS(c, v + 1, "what") ||
		       IS(c, v + 1, "why") || IS(c, v + 1, "how") || IS(c, v + 1, "about") ||
		       IS(c, v + 1, "to") || IS(c, v + 1, "who"))))) {
			int32_t k = v + 1;
			if (IS(c, k, "by") && np_right(c, k + 1, s1, &sp))
				k = sp.e + 1;
			else
				sp.kind = SUBJ_NONE;
			int32_t j = k; /* "asked on Thursday about ...": a time phrase */
			while (j <= s1 && j < k + 4 && has_wc(c, j, NG_WC_TIME | NG_WC_TIME_MOD) &&
			       !has_wc(c, j, NG_WC_TIME))
				j++;
			if (j <= s1 && has_wc(c, j, NG_WC_TIME))
				k = j + 1;
			if (IS(c, k, "about"))
				k++;
			int32_t e = k;
			while (e <= s1 && !is_ch(c, e, ',') && !c->used[e])
				e++;
			if (e <= s1 && (is_ch(c, e, ',') || e == s1))
				emit_more(c, k, content_end(c, k, e - 1 > k ? e - 1 : e), v, v, "ask",
					  NG_CLS_SPEECH, &sp);
			else if (e > s1)
				emit_more(c, k, content_end(c, k, s1), v, v, "ask", NG_CLS_SPEECH, &sp);
			continue;
		}
		/* a cue infinitive after a verb that takes one: "continued to
		** suggest that ...", "declined to say whether ...", "seemed to
		** acknowledge ...": the catenative verb's subject speaks */
		if (c->cue[v] >= 0 && IS(c, v - 1, "to") && v - 2 > s0 && catenative(c, v - 2) &&
		    cue_frame(c, v) != NG_CUE_QUOTE && !c->used[v - 2]) {
			int32_t k = v + 1;
			if (IS(c, k, "that") || is_ch(c, k, ','))
				k++;
			int32_t ve = v;
			if (cue_particle(c, k, cue_frame(c, v)))
				ve = k++;
			if (!subject_left(c, v - 2, s0, &sp))
				memset(&sp, 0, sizeof(sp));
			emit_more(c, k, coord_end(c, k, content_end(c, k, s1)), v - 2, ve, c->lem[v],
				  CLS_OF_CUE, &sp);
			continue;
		}
		if (verb_chain(c, v, s0, s1))
			continue;
		if (passive_cue(c, v, s0, s1))
			continue;
		/* a participle cue after "is"/"was" ("Party leaders are now
		** questioning ...") or after "by"/"while"/"after" ("..., by
		** praising the plan"): the subject of the clause speaks */
		if (c->cue[v] >= 0 && cue_form(c, v) == NG_FORM_ING && v > s0 &&
		    !is_ch(c, v - 1, ',') && cue_frame(c, v) != NG_CUE_QUOTE) {
			int32_t p = v - 1;
			/* "He's predicting": 's is "is" here, not "has" */
			while (p > s0 && has_wc(c, p, NG_WC_SKIP_ADV) && !is_be(c, p))
				p--;
			int ok = 0;
			if (is_be(c, p) && !IS(c, p, "being") && !IS(c, p, "be")) {
				ok = 1;
				if (!subject_left(c, p, s0, &sp))
					memset(&sp, 0, sizeof(sp));
			} else if (IS(c, p, "by") || IS(c, p, "while") || IS(c, p, "after") ||
				   IS(c, p, "before") || IS(c, p, "when") || IS(c, p, "without")) {
				ok = 1;
				if (!sentence_subject(c, v, &sp) || sp.e >= p)
					memset(&sp, 0, sizeof(sp));
			} else if (p == v - 1 && stance_after_noun(c, v, s0, &sp)) {
				ok = 1;
			}
			if (!ok)
				continue;
			int32_t k = v + 1, ve = v;
			if (IS(c, k, "that"))
				k++;
			else if (cue_particle(c, k, cue_frame(c, v)))
				ve = k++;
			else if (cue_frame(c, v) == NG_CUE_PREP)
				continue;
			emit_more(c, k, coord_end(c, k, content_end(c, k, s1)), v, ve, c->lem[v],
				  CLS_OF_CUE, &sp);
			continue;
		}
		/* a finite cue verb the verb passes left (its subject was not
		** found: "One in three said the party ...", a long appositive):
		** the clause after it, with the sentence's subject or no speaker */
		if (c->cue[v] >= 0 && v > s0 && (cue_ok(c, v) || pronoun_det_subject(c, v)) &&
		    (cue_form(c, v) == NG_FORM_PAST || cue_form(c, v) == NG_FORM_S ||
		     (cue_form(c, v) == NG_FORM_BASE && base_after_count(c, v))) &&
		    (cue_frame(c, v) == NG_CUE_SPEECH || cue_frame(c, v) == NG_CUE_TELL)) {
			int32_t k = v + 1;
			if (IS(c, k, "that"))
				k++;
			if (!clause_opens(c, k))
				continue;
			/* after a comma ("X, who had left the board last month, said
			** Carson was ..."): only a clause, a subject and its verb,
			** not an inverted speaker ("..., said Carson, an aide") */
			if (is_ch(c, v - 1, ',')) {
				subj x;
				if (!np_right(c, k, s1, &x) || x.e + 1 >= s1 || !is_word(c, x.e + 1) ||
				    content_end(c, k, s1) - k < 4)
					continue;
			}
			/* a short run of words before it is the subject ("One in
			** three said"); else the sentence's subject */
			int32_t a = s0;
			/* "...: 42% say" -- the run starts after a colon */
			for (int32_t j = v - 1; j > s0 && v - j <= 6; j--)
				if (is_ch(c, j, ':') || is_ch(c, j, ';') ||
				    /* "..., and nearly three in five said" */
				    ((is_ch(c, j, ',') || has_wc(c, j, NG_WC_BREAK | NG_WC_SUBORD)) &&
				     count_subject(c, j + 1, v))) {
					a = j + 1;
					break;
				}
			while (a < v && (c->t[a].kind == NG_TOK_PUNCT ||
					 (a == s0 && has_wc(c, a, NG_WC_BREAK | NG_WC_SUBORD) &&
					  count_subject(c, a + 1, v))))
				a++;
			int short_run = a < v && v - a <= 5;
			for (int32_t j = a; j < v && short_run; j++)
				short_run = is_word(c, j) || c->t[j].kind == NG_TOK_NUMBER ||
					    is_ch(c, j, '%');
			if (short_run) {
				sp.kind = SUBJ_NOUN;
				sp.s = a;
				sp.e = v - 1;
			} else if (!sentence_subject(c, v, &sp) || sp.e >= v) {
				memset(&sp, 0, sizeof(sp));
			}
			int32_t ce = coord_end(c, k, content_end(c, k, s1));
			/* quoted words after a base form go to its short subject
			** only ("Six in 10 say"): a direct quote's speaker is not
			** guessed from the sentence */
			if (cue_form(c, v) == NG_FORM_BASE && !short_run && has_marks(c, k, ce))
				continue;
			emit_more(c, k, ce, v, v, c->lem[v], CLS_OF_CUE, &sp);
			continue;
		}
		/* "X is (widely) expected to win": an expectation nobody is named for */
		if (IS(c, v, "expected") && IS(c, v + 1, "to") && is_word(c, v + 2)) {
			int32_t p = v - 1;
			while (p > s0 && has_wc(c, p, NG_WC_SKIP_ADV))
				p--;
			if (is_be(c, p)) {
				int32_t ce = coord_end(c, v + 1, content_end(c, v + 1, s1));
				/* the content takes the subject in, as for "seems" */
				subj x;
				int32_t cs = v + 1;
				if (subject_left(c, p, s0, &x) && x.kind != SUBJ_REL &&
				    x.e == p - 1 && is_free(c, x.s, p))
					cs = x.s;
				if (!emit_more(c, cs, ce, v, v, "expect", NG_CLS_BELIEF, NULL) && cs != v + 1)
					emit_more(c, v + 1, ce, v, v, "expect", NG_CLS_BELIEF, NULL);
			}
			continue;
		}
		/* "X made it clear (that) ..." / "made the case that ..." */
		if ((IS(c, v, "made") || IS(c, v, "make") || IS(c, v, "makes") ||
		     IS(c, v, "making")) &&
		    v > s0) {
			int32_t k = v + 1, ve = -1;
			if (IS(c, k, "it") && IS(c, k + 1, "clear"))
				ve = k + 1;
			else if (IS(c, k, "clear"))
				ve = k;
			else if (IS(c, k, "the") &&
				 (IS(c, k + 1, "case") || IS(c, k + 1, "point") ||
				  IS(c, k + 1, "argument")) &&
				 IS(c, k + 2, "that"))
				ve = k + 1;
			if (ve < 0)
				continue;
			k = ve + 1;
			if (IS(c, k, "that"))
				k++;
			if (!subject_left(c, v, s0, &sp))
				sp.kind = SUBJ_NONE;
			emit_more(c, k, coord_end(c, k, content_end(c, k, s1)), v, ve, "make clear",
				  NG_CLS_SPEECH, &sp);
			continue;
		}
		/* nouns that take a clause: "his claim that ...", "her plans to ..." */
		const struct noun_cue *nc = NULL;
		if (has_wc(c, v, NG_WC_NOUN_CUE) && (!is_cap(c, v) || v == s0)) {
			const char *p = c->x + c->t[v].start;
			for (const struct noun_cue *n = noun_cues; n->word && !nc; n++)
				if (word_eq(p, (size_t)tlen(c, v), lower_first(p), n->word))
					nc = n;
		}
		if (nc) {
			int32_t k = v + 1, ce = -1;
			if (strchr(nc->takes, 't') && IS(c, k, "that") && clause_opens(c, k + 1)) {
				k++;
				ce = coord_end(c, k, content_end(c, k, s1));
			} else if (strchr(nc->takes, 'i') && IS(c, k, "to") && is_word(c, k + 1) &&
				   !is_cap(c, k + 1) && !has_wc(c, k + 1, NG_WC_DET)) {
				ce = coord_end(c, k, content_end(c, k, s1));
			} else if (strchr(nc->takes, 'p') && is_word(c, k + 1) &&
				   (nc->preps ? noun_prep(c, k, nc->preps)
					      : (IS(c, k, "for") || IS(c, k, "of") || IS(c, k, "to") ||
						 IS(c, k, "about") || IS(c, k, "on")))) {
				k++;
				ce = np_content_end(c, k, s1);
			}
			if (ce < 0)
				continue;
			/* "won the support of X", "the views of X": after "the" the
			** object of "of" holds the view, it is not its content */
			if (!nc->preps && IS(c, k - 1, "of") && the_before(c, v, s0))
				continue;
			noun_owner(c, v, s0, &sp);
			/* "Trump opened with a call for ...": no owner before the
			** noun, the sentence's named subject (qnoun) */
			if (sp.kind == SUBJ_NONE && nc->preps &&
			    !(sentence_subject(c, v, &sp) && sp.e < v &&
			      (sp.kind == SUBJ_NAME || sp.kind == SUBJ_PRON)))
				memset(&sp, 0, sizeof(sp));
			emit_more(c, k, ce, v, v, nc->lemma, nc->cls, &sp);
			continue;
		}
	}
	/* "Name: headline" -- a paragraph opening with a name and a colon */
	for (int32_t pi = 0; pi < c->n_paras; pi++)
		if (colon_opens(c, pi))
			name_colon(c, pi, 0);
}

/* Headlines: a paragraph of one short line in title case ("Black Lawmakers
** Rip Donald Trump As A 'Disgusting Fraud.'", "Clinton Hid Health Problems,
** Former White House Doctor Says."). The verb passes take a capitalized
** verb for part of a name and its quoted words for a title; PolNeAR marks
** the headline's verb as the cue. In the line [a, e] (without its closing
** period) the cue is a verb of saying closing it after a comma ("...,
** Lindsey Graham Says."), the words before the comma its content; or the
** first cue verb after the opening words (-s or past form, or the base form
** after a plural), its subject those words, the rest its content. */
static void headline(qctx *c, int32_t a, int32_t e)
{
	static const char *const wh_words[] = {"how", "why", "what", "when", "where", "who",
					       "which", NULL};
	subj sp;
	memset(&sp, 0, sizeof(sp));
	sp.kind = SUBJ_NAME;
	int32_t cs = -1, ce = -1, v = -1, ve = -1;
	int fo = cue_form(c, e);
	if (c->cue[e] >= 0 && (fo == NG_FORM_S || fo == NG_FORM_PAST) && c->lem[e] &&
	    lemma_in(c->lem[e], say_verbs)) {
		int32_t j = e - 1;
		while (j > a && is_word(c, j) && c->cue[j] < 0 && e - j < 8)
			j--;
		if (j > a + 1 && comma_before(c, j) && j < e - 1) {
			cs = a;
			ce = is_quote_mark(c, j) ? j : j - 1;
			sp.s = j + 1;
			sp.e = e - 1;
			v = ve = e;
		}
	}
	for (int32_t k = a + 1; v < 0 && k < e && k - a <= 8; k++) {
		if (c->inq[k] >= 0 || (c->t[k].kind == NG_TOK_PUNCT && !is_ch(c, k, '.')))
			break;
		/* the subject: a noun phrase, no preposition or clause word in it */
		if (has_wc(c, k - 1, NG_WC_PREP | NG_WC_SUBORD | NG_WC_BREAK) ||
		    is_any(c, k - 1, wh_words))
			break;
		/* "Both Sides Want: ...": the last of two verbs, words after it */
		if (c->cue[k] < 0 || cue_frame(c, k) == NG_CUE_QUOTE || c->cue[k + 1] >= 0 ||
		    !(is_word(c, k + 1) || is_quote_mark(c, k + 1)))
			continue;
		fo = cue_form(c, k);
		char last = c->x[c->t[k - 1].end - 1];
		if (!(fo == NG_FORM_S || fo == NG_FORM_PAST ||
		      (fo == NG_FORM_BASE && (last == 's' || last == 'S'))))
			break;
		v = ve = k;
		if (cue_particle(c, k, cue_frame(c, k)))
			ve = k + 1;
		sp.s = a;
		sp.e = k - 1;
		cs = ve + 1;
		ce = e;
	}
	if (v < 0 || cs > ce)
		return;
	sp.rs = sp.s;
	sp.re = sp.e;
	sp.entity = -1;
	resolve(c, &sp, -1, -1);
	int32_t before = c->n_out;
	emit(c, cs, ce, has_marks(c, cs, ce) ? NG_QUOTE_MIXED : NG_QUOTE_INDIRECT, v, ve, c->lem[v],
	     &sp);
	if (c->n_out > before)
		memset(c->used + sp.s, 1, (size_t)(sp.e - sp.s + 1));
}

/* headline() for each paragraph that may be one: no record touches it, 3 to
** 25 words, seven in ten capitalized. Its capitalized cues, which the name
** test of build_tables() dropped, count while it runs. */
static void headlines(qctx *c)
{
	for (int32_t pi = 0; pi < c->n_paras; pi++) {
		int32_t a = c->pfirst[pi];
		int32_t b = pi + 1 < c->n_paras ? c->pfirst[pi + 1] - 1 : c->n - 1;
		/* most paragraphs fail at once: short, the second word capitalized */
		if (b - a > 60 || b - a < 3 || !(is_cap(c, a + 1) || is_cap(c, a + 2)))
			continue;
		int words = 0, caps = 0, taken = 0;
		for (int32_t k = a; k <= b && !taken && words - caps <= 7; k++) {
			taken = c->used[k] && c->inq[k] < 0;
			if (c->t[k].kind == NG_TOK_WORD) {
				words++;
				caps += is_cap(c, k);
				/* body text: three lowercase words among the first eight */
				if (words <= 8 && words - caps >= 3)
					break;
			}
		}
		if (taken || words < 3 || words > 25 || caps * 10 < words * 7)
			continue;
		for (int32_t i = 0; i < c->n_out && !taken; i++)
			taken = c->out[i].e >= a && c->out[i].s <= b;
		int32_t e = b;
		while (e > a && c->t[e].kind == NG_TOK_PUNCT && !is_quote_mark(c, e))
			e--;
		if (taken || e - a < 2)
			continue;
		int32_t h0 = 0;
		while (h0 < c->n_nc && c->nc_i[h0] < a)
			h0++;
		for (int32_t h = h0; h < c->n_nc && c->nc_i[h] <= b; h++) {
			c->cue[c->nc_i[h]] = c->nc_cue[h];
			c->lem[c->nc_i[h]] = c->nc_lem[h];
		}
		headline(c, a, e);
		for (int32_t h = h0; h < c->n_nc && c->nc_i[h] <= b; h++)
			if (!c->used[c->nc_i[h]]) {
				c->cue[c->nc_i[h]] = -1;
				c->lem[c->nc_i[h]] = NULL;
			}
	}
}

/* Is [a, b] a plain stretch of words ahead of a medial attribution: at most
** 25 tokens, no cue, time word, dash or relative word (", which, his
** advisers believe, would ...": the clause before "which" is another's), not
** a short phrase of time or place? */
static int plain_prefix(const qctx *c, int32_t a, int32_t b)
{
	if (b - a > 25)
		return 0;
	/* "At noon, an official said, ...", "In an interview, ...": when and
	** where the saying was, not part of what was said */
	if (has_wc(c, a, NG_WC_INTRO) || (has_wc(c, a, NG_WC_PREP) && b - a < 5))
		return 0;
	for (int32_t k = a; k <= b; k++)
		if (c->cue[k] >= 0 || has_wc(c, k, NG_WC_NOUN_CUE | NG_WC_MORE_CUE | NG_WC_TIME) ||
		    is_dash(c, k) || IS(c, k, "which") || IS(c, k, "who"))
			return 0;
	return 1;
}

/* "The museum, Mr. Obama said, would make visitors ...", "That is why, he
** argued, the party should ...": an attribution set off by commas inside
** the sentence it reports. PolNeAR's content is both parts; a record that
** holds one of them takes the other in when no record claims it, so the
** content runs over ", Mr. Obama said," as a split quotation's does. */
static void medial(qctx *c)
{
	for (int32_t i = 0; i < c->n_out; i++) {
		cand *q = &c->out[i];
		if (q->cue_s < 0 || !is_ch(c, q->cue_e + 1, ',') || q->kind == DROPPED ||
		    q->sp.kind == SUBJ_NONE || q->sp.kind == SUBJ_REL || q->sp.e != q->cue_s - 1 ||
		    q->sp.s < 2 || !is_ch(c, q->sp.s - 1, ','))
			continue;
		int32_t f = sent_first(c, q->cue_s), l = sent_last(c, q->cue_s);
		if (f > q->sp.s - 2 || c->t[f].kind == NG_TOK_PUNCT)
			continue;
		if (q->s == q->cue_e + 2 && is_free(c, f, q->sp.s - 2) &&
		    plain_prefix(c, f, q->sp.s - 2)) {
			q->s = f; /* the words before the attribution */
		} else if (q->s == f && q->e == q->sp.s - 2 && q->cue_e + 3 <= l &&
			   !adverbial(c, q->cue_e + 2)) {
			int32_t e = content_end(c, q->cue_e + 2, l);
			if (e > q->cue_e + 2 && is_free(c, q->cue_e + 2, e))
				q->e = e; /* the words after it */
			else
				continue;
		} else {
			continue;
		}
		if (q->kind == NG_QUOTE_DIRECT || has_marks(c, q->s, q->e))
			q->kind = NG_QUOTE_MIXED;
		memset(c->used + q->s, 1, (size_t)(q->e - q->s + 1));
	}
}

/* "Clinton seemed irritated", "the relationship appears to be alive and
** well": what seems is said of the subject by the writer. PolNeAR's content
** takes the subject in and names no source, so the content runs from the
** subject (its whole noun phrase when nothing but words stands between the
** sentence start and the cue) over the cue, and the speaker is none.
** "appeared to suggest that ...", a chain to another cue, stays, as does
** a subject away from the cue. */
static void seeming(qctx *c)
{
	for (int32_t i = 0; i < c->n_out; i++) {
		cand *q = &c->out[i];
		if (q->kind != NG_QUOTE_INDIRECT || q->cue_s < 0 || q->s <= q->cue_e || !q->lemma ||
		    (q->lemma[0] != 'a' && q->lemma[0] != 's') ||
		    (strcmp(q->lemma, "appear") && strcmp(q->lemma, "seem")))
			continue;
		if (q->sp.kind == SUBJ_NONE || q->sp.kind == SUBJ_REL || q->sp.e >= q->cue_s ||
		    c->sent[q->sp.s] != c->sent[q->cue_s])
			continue;
		if ((IS(c, q->s, "to") && c->cue[q->s + 1] >= 0) ||
		    not_attribution(c, q->s, q->e, q->cue_s))
			continue;
		/* the subject right before the cue, or adverbs and auxiliaries between */
		int32_t k = q->sp.e + 1;
		while (k < q->cue_s && (has_wc(c, k, NG_WC_SKIP_ADV | NG_WC_AUX) || ly_adverb(c, k)))
			k++;
		if (k != q->cue_s)
			continue;
		int32_t f = sent_first(c, q->cue_s);
		for (k = f; k < q->sp.s; k++)
			if (c->t[k].kind == NG_TOK_PUNCT || c->cue[k] >= 0 || c->used[k] ||
			    has_wc(c, k, NG_WC_SUBORD) || is_subj_pronoun(c, k))
				break;
		q->s = k == q->sp.s && !has_wc(c, f, NG_WC_PREP) ? f : q->sp.s;
		if (has_marks(c, q->s, q->e))
			q->kind = NG_QUOTE_MIXED;
		memset(&q->sp, 0, sizeof(q->sp));
		q->sp.entity = -1;
		q->sp.rs = q->sp.re = -1;
	}
}

/* A quotation standing alone at the start of a sentence, right after an
** attributed record (in its paragraph or the one before), continues that
** speaker: the Gender Gap Tracker's "floating" quotes. */
static void floating(qctx *c)
{
	for (int32_t i = 1; i < c->n_out; i++) {
		cand *q = &c->out[i];
		if (q->kind != NG_QUOTE_DIRECT || q->cue_s >= 0 || q->sp.kind != SUBJ_NONE)
			continue;
		if (q->s != sent_first(c, q->s))
			continue;
		int32_t pi = i - 1; /* the record before, past those merged into it */
		while (pi > 0 && c->out[pi].kind == DROPPED)
			pi--;
		cand *p = &c->out[pi];
		if (p->kind == DROPPED || p->sp.kind == SUBJ_NONE || c->para[q->s] - c->para[p->e] > 1)
			continue;
		/* reported speech followed by a quote of its own in the same
		** paragraph: one content ("She says X. "Y.""), as PolNeAR has it */
		if (p->kind != NG_QUOTE_DIRECT && p->cue_s >= 0 && p->cue_e < p->s &&
		    c->para[q->s] == c->para[p->e] && q->s - p->e <= 2) {
			p->e = q->e;
			p->kind = NG_QUOTE_MIXED;
			q->kind = DROPPED;
			continue;
		}
		q->sp = p->sp;
	}
}

/* ---- phrasal cues (PolNeAR's "all attributions"): a verb with its
** particle ("would vote for X", "took aim at X", "lashed out at X", "came
** out against X", "weighed in on X") or an adjective after "be" ("is wary
** of X", "were upbeat about X"), whose object is the content. Runs after
** the other passes, on tokens no record claimed. Our own list. */

enum { PH_VERB = 0, PH_ADJ = 1 };

/* Each pattern is a head word (NG_WC_PHRASE) and a run of slots after it
** separated by spaces; a slot holds its words separated by '|', '?'
** before it when it may be missing. The last slot is the particle after
** which the content starts. The words of a verb's head share their first
** letter, and the verbs are sorted by it (phrase_cues_find() reads only
** the patterns of the candidate's letter). */
static const struct phrase_cue {
	const char *head; /* the head words, '|'-separated */
	const char *pat;  /* the slots after it */
	const char *lemma;
	uint8_t cls;
	uint8_t kind; /* PH_* */
} phrase_cues[] = {
	{"advocate|advocates|advocated|advocating",
	 "for|against", "advocate", NG_CLS_STANCE, PH_VERB},
	{"apologize|apologizes|apologized|apologizing",
	 "for", "apologize", NG_CLS_SPEECH, PH_VERB},
	{"argue|argues|argued|arguing",
	 "for|against", "argue", NG_CLS_SPEECH, PH_VERB},
	{"agree|agrees|agreed|agreeing",
	 "with|on", "agree", NG_CLS_STANCE, PH_VERB},
	{"boast|boasts|boasted|boasting|brag|brags|bragged|bragging",
	 "of|about", "boast", NG_CLS_SPEECH, PH_VERB},
	{"back|backs|backed|backing",
	 "away from", "back away", NG_CLS_STANCE, PH_VERB},
	{"brush|brushes|brushed|brushing",
	 "off|aside", "brush off", NG_CLS_STANCE, PH_VERB},
	{"bristle|bristles|bristled|bristling",
	 "at", "bristle", NG_CLS_STANCE, PH_VERB},
	{"balk|balks|balked|balking",
	 "at", "balk", NG_CLS_STANCE, PH_VERB},
	{"cast|casts|casting",
	 "his|her|their|a|my|our|its vote|votes|ballot|ballots for", "vote", NG_CLS_STANCE, PH_VERB},
	{"cast|casts|casting",
	 "votes|ballots for", "vote", NG_CLS_STANCE, PH_VERB},
	{"come|comes|came|coming",
	 "out ?in against|for|support|favor ?of", "come out", NG_CLS_STANCE, PH_VERB},
	{"cry|cries|cried|crying",
	 "out for", "cry out", NG_CLS_SPEECH, PH_VERB},
	{"call|calls|called|calling",
	 "for", "call for", NG_CLS_SPEECH, PH_VERB},
	{"cheer|cheers|cheered|cheering",
	 "for", "cheer", NG_CLS_STANCE, PH_VERB},
	{"comment|comments|commented|commenting",
	 "on", "comment", NG_CLS_SPEECH, PH_VERB},
	{"complain|complains|complained|complaining",
	 "about|of", "complain", NG_CLS_SPEECH, PH_VERB},
	{"distance|distances|distanced|distancing",
	 "himself|herself|themselves|itself from", "distance", NG_CLS_STANCE, PH_VERB},
	{"dwell|dwells|dwelled|dwelt",
	 "on", "dwell", NG_CLS_BELIEF, PH_VERB},
	{"disagree|disagrees|disagreed|disagreeing",
	 "with|on", "disagree", NG_CLS_STANCE, PH_VERB},
	{"double|doubles|doubled|doubling",
	 "down on", "double down", NG_CLS_SPEECH, PH_VERB},
	{"focus|focuses|focused|focusing",
	 "on", "focus", NG_CLS_SPEECH, PH_VERB},
	{"hint|hints|hinted|hinting",
	 "at", "hint", NG_CLS_SPEECH, PH_VERB},
	{"harken|harkens|harkened|hark|harked|harkening",
	 "back to", "harken back", NG_CLS_SPEECH, PH_VERB},
	{"insist|insists|insisted|insisting",
	 "on", "insist", NG_CLS_SPEECH, PH_VERB},
	{"joke|jokes|joked|joking",
	 "about", "joke", NG_CLS_SPEECH, PH_VERB},
	{"jab|jabs|jabbed|jabbing",
	 "at", "jab", NG_CLS_SPEECH, PH_VERB},
	{"lobby|lobbies|lobbied|lobbying",
	 "for|against", "lobby", NG_CLS_STANCE, PH_VERB},
	{"lash|lashes|lashed|lashing",
	 "out at|against", "lash out", NG_CLS_SPEECH, PH_VERB},
	{"line|lines|lined|lining",
	 "up behind", "line up", NG_CLS_STANCE, PH_VERB},
	{"look|looks|looked|looking",
	 "forward to", "look forward", NG_CLS_INTENTION, PH_VERB},
	{"look|looks|looked|looking",
	 "for", "look for", NG_CLS_INTENTION, PH_VERB},
	{"laugh|laughs|laughed|laughing",
	 "off", "laugh off", NG_CLS_STANCE, PH_VERB},
	{"lay|lays|laid|laying",
	 "out", "lay out", NG_CLS_SPEECH, PH_VERB},
	{"make|makes|made|making",
	 "no|little mention|secret of", "make mention", NG_CLS_SPEECH, PH_VERB},
	{"open|opens|opened|opening",
	 "up about", "open up", NG_CLS_SPEECH, PH_VERB},
	{"push|pushes|pushed|pushing|press|presses|pressed|pressing",
	 "for", "push for", NG_CLS_INTENTION, PH_VERB},
	{"poke|pokes|poked|poking",
	 "fun at", "poke fun", NG_CLS_SPEECH, PH_VERB},
	{"praise|praises|praised|praising",
	 "for", "praise", NG_CLS_SPEECH, PH_VERB},
	{"rail|rails|railed|railing",
	 "against", "rail", NG_CLS_SPEECH, PH_VERB},
	{"reflect|reflects|reflected|reflecting",
	 "on", "reflect", NG_CLS_BELIEF, PH_VERB},
	{"refer|refers|referred|referring",
	 "to", "refer", NG_CLS_SPEECH, PH_VERB},
	{"speak|speaks|spoke|speaking|spoken",
	 "out about|against|for|on", "speak out", NG_CLS_SPEECH, PH_VERB},
	{"side|sides|sided|siding",
	 "with", "side with", NG_CLS_STANCE, PH_VERB},
	{"speak|speaks|spoke|speaking|spoken",
	 "of|about", "speak", NG_CLS_SPEECH, PH_VERB},
	{"spar|spars|sparred|sparring",
	 "over|with", "spar", NG_CLS_SPEECH, PH_VERB},
	{"sign|signs|signed|signing",
	 "on to", "sign on", NG_CLS_STANCE, PH_VERB},
	{"speak|speaks|spoke|speaking|spoken",
	 "up for|about|against", "speak up", NG_CLS_SPEECH, PH_VERB},
	{"shrug|shrugs|shrugged|shrugging",
	 "off", "shrug off", NG_CLS_STANCE, PH_VERB},
	{"swing|swings|swung|swinging",
	 "?hard at", "swing at", NG_CLS_SPEECH, PH_VERB},
	{"swipe|swipes|swiped|swiping",
	 "at", "swipe", NG_CLS_SPEECH, PH_VERB},
	{"scoff|scoffs|scoffed|scoffing",
	 "at", "scoff", NG_CLS_SPEECH, PH_VERB},
	{"strike|strikes|struck|striking",
	 "down", "strike down", NG_CLS_STANCE, PH_VERB},
	{"spell|spells|spelled|spelling",
	 "out", "spell out", NG_CLS_SPEECH, PH_VERB},
	{"take|takes|took|taking|taken",
	 "aim at", "take aim", NG_CLS_SPEECH, PH_VERB},
	{"take|takes|took|taking|taken",
	 "issue with", "take issue", NG_CLS_STANCE, PH_VERB},
	{"take|takes|took|taking|taken",
	 "credit|full for|credit", "take credit", NG_CLS_SPEECH, PH_VERB},
	{"take|takes|took|taking|taken",
	 "a|another|frequent|several|repeated shot|shots|swipe|swipes|jab|jabs|dig|digs|potshot|potshots at",
	 "take a shot", NG_CLS_SPEECH, PH_VERB},
	{"throw|throws|threw|throwing|thrown",
	 "his|her|their|its support|weight behind", "throw support", NG_CLS_STANCE, PH_VERB},
	{"touch|touches|touched|touching",
	 "on", "touch on", NG_CLS_SPEECH, PH_VERB},
	{"talk|talks|talked|talking",
	 "about", "talk", NG_CLS_SPEECH, PH_VERB},
	{"turn|turns|turned|turning",
	 "against", "turn against", NG_CLS_STANCE, PH_VERB},
	{"talk|talks|talked|talking",
	 "up", "talk up", NG_CLS_SPEECH, PH_VERB},
	{"tout|touts|touted|touting",
	 "up", "talk up", NG_CLS_SPEECH, PH_VERB},
	{"vote|votes|voted|voting",
	 "for|against", "vote", NG_CLS_STANCE, PH_VERB},
	{"vouch|vouches|vouched|vouching",
	 "for", "vouch", NG_CLS_STANCE, PH_VERB},
	{"weigh|weighs|weighed|weighing",
	 "in on", "weigh in", NG_CLS_SPEECH, PH_VERB},
	{"warn|warns|warned|warning",
	 "of|against|about", "warn", NG_CLS_SPEECH, PH_VERB},
	{"worry|worries",
	 "about", "worry", NG_CLS_BELIEF, PH_VERB},
	{"walk|walks|walked|walking",
	 "back", "walk back", NG_CLS_SPEECH, PH_VERB},
	{"wave|waves|waved|waving",
	 "off|away", "wave off", NG_CLS_STANCE, PH_VERB},
	{"zero|zeroes|zeroed|zeroing",
	 "in on", "zero in", NG_CLS_SPEECH, PH_VERB},
	{NULL, NULL, NULL, 0, 0}};

/* adjectives after "be" (PH_ADJ), looked at only for NG_WC_PHRASE_ADJ heads */
static const struct phrase_cue phrase_adjs[] = {
	{"horrified|shocked|surprised|alarmed|stunned|outraged|angered|incensed",
	 "at|by", "adj", NG_CLS_BELIEF, PH_ADJ},
	{"divided|split|silent|vocal|mum|unclear",
	 "on|over|about", "adj", NG_CLS_STANCE, PH_ADJ},
	{"disappointed|pleased|satisfied|dissatisfied|impressed|unimpressed|thrilled|"
	 "delighted|troubled|disturbed|horrified|appalled|disgusted",
	 "with|by|about|at", "adj", NG_CLS_BELIEF, PH_ADJ},
	{"sympathetic|hostile|partial|receptive",
	 "to", "adj", NG_CLS_STANCE, PH_ADJ},
	{"concerned|nervous|angry|upset|worried|optimistic|upbeat|skeptical|"
	 "excited|enthusiastic|pessimistic|confident|anxious|unhappy|happy|"
	 "hopeful|bullish|bearish|sanguine|uneasy|furious|frustrated|outraged|"
	 "alarmed|adamant",
	 "about|over|in|of|with", "adj", NG_CLS_BELIEF, PH_ADJ},
	{"proud|wary|aware|fond|critical|supportive|tired|afraid|enamored|scared|"
	 "respectful|dismissive|mindful|contemptuous|suspicious|jealous|envious|"
	 "weary|leery|fearful|unaware|appreciative|protective|tolerant|"
	 "disdainful|sick|ashamed|convinced|sure|certain|unsure|uncertain",
	 "of", "adj", NG_CLS_BELIEF, PH_ADJ},
	{NULL, NULL, NULL, 0, 0}};

/* Is token k one of the '|'-separated words of the slot at s (up to a
** space or the end)? The token is compared lowercased; a word that
** differs is skipped to its '|' at once (most differ in the first letter). */
static int slot_has(const qctx *c, int32_t k, const char *s)
{
	const char *w = c->x + c->t[k].start;
	size_t l = (size_t)tlen(c, k);
	char f = lower_first(w);
	for (;;) {
		if (*s == f) {
			size_t i = 1;
			while (i < l && s[i] &&
			       s[i] == ((w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i]))
				i++;
			if (i == l && (s[i] == '|' || s[i] == ' ' || !s[i]))
				return 1;
		}
		while (*s && *s != '|' && *s != ' ')
			s++;
		if (*s != '|')
			return 0;
		s++;
	}
}

/* The slot after the one at s, or NULL. */
static const char *next_slot(const char *s)
{
	s = strchr(s, ' ');
	return s ? s + 1 : NULL;
}

/* The last token (the particle) of the slots of pat read from token v, or -1. */
static int32_t phrase_at(const qctx *c, int32_t v, const char *pat)
{
	int32_t k = v;
	for (const char *s = pat; s; s = next_slot(s)) {
		int opt = *s == '?';
		if (k < c->n && slot_has(c, k, s + opt))
			k++;
		else if (!opt)
			return -1;
	}
	return k - 1;
}

/* not inlined: find() would take it in, and gcc then keeps verb_chain()
** and passive_cue() out of more_cues() */
__attribute__((noinline)) static void phrase_cues_find(qctx *c)
{
	for (int32_t ci = 0; ci < c->n_cands; ci++) {
		int32_t v = c->cands[ci];
		if (!has_wc(c, v, NG_WC_PHRASE) || !has_wc(c, v + 1, NG_WC_PHRASE_NEXT) ||
		    c->used[v] || c->inq[v] >= 0)
			continue;
		/* the verbs are sorted by their head's first letter: from the
		** first of v's letter to the last */
		int adj = has_wc(c, v, NG_WC_PHRASE_ADJ);
		char f = lower_first(c->x + c->t[v].start);
		const struct phrase_cue *pc = adj ? phrase_adjs : phrase_cues;
		while (!adj && pc->head && pc->head[0] < f)
			pc++;
		int32_t ve = -1;
		for (; pc->head && (adj || pc->head[0] == f) && ve < 0; pc++)
			if ((ve = phrase_at(c, v + 1, pc->pat)) >= 0 && !slot_has(c, v, pc->head))
				ve = -1;
		if (ve < 0)
			continue;
		pc--;
		int32_t s0 = sent_first(c, v), s1 = sent_last(c, v);
		int32_t k = ve + 1;
		if (k > s1 || !is_word(c, k) || has_wc(c, k, NG_WC_TIME))
			continue;
		int32_t ce = coord_end(c, k, content_end(c, k, s1));
		/* a record later in the sentence ends the content before it */
		for (int32_t j = k; j <= ce; j++)
			if (c->used[j]) {
				ce = j - 1;
				while (ce > k && c->t[ce].kind == NG_TOK_PUNCT)
					ce--;
				break;
			}
		if (ce < k)
			continue;
		subj sp;
		memset(&sp, 0, sizeof(sp));
		sp.entity = -1;
		int32_t p = skip_left_adv(c, v - 1, s0);
		const char *w = c->x + c->t[v].start;
		int l = tlen(c, v);
		int ing = l > 4 && !memcmp(w + l - 3, "ing", 3);
		if (pc->kind == PH_ADJ) {
			/* "X is (very) wary of": the subject of "be" */
			if (p <= s0 || !is_be(c, p))
				continue;
			if (!subject_left(c, p, s0, &sp))
				memset(&sp, 0, sizeof(sp));
		} else {
			/* "a vote for X", "the swing vote for": "vote" a noun */
			if (tlen(c, v) <= 5 && (IS(c, v, "vote") || IS(c, v, "votes")) &&
			    !has_wc(c, v - 1, NG_WC_SKIP_ADV | NG_WC_AUX | NG_WC_PRON_SUBJ) &&
			    !IS(c, v - 1, "to"))
				continue;
			/* "was voted for" is no attribution of the subject ("is
			** pushing for" is) */
			if (p >= s0 && has_wc(c, p, NG_WC_PASSIVE) && !IS(c, p, "being") && !ing)
				continue;
			if (v > s0 && !subject_left(c, v, s0, &sp) &&
			    !(sentence_subject(c, v, &sp) && sp.e < v))
				memset(&sp, 0, sizeof(sp));
		}
		/* quoted words only with a speaker, and not after a participle
		** that modifies a noun (a direct quote's speaker is not guessed:
		** "a website asking for ..." is not the website's) */
		if ((sp.kind == SUBJ_NONE || (ing && !is_be(c, p))) && has_marks(c, k, ce))
			continue;
		emit_more(c, k, ce, v, ve, pc->lemma, pc->cls, &sp);
	}
}

/* ---- pass 4e: leftover cues, scored by a model */

/* A cue word that no rule made a record of may still open one: the rules
** reject a cue in contexts that are mostly, not always, no attribution. Each
** such word proposes the record a verb pass would make of it (the clause
** after it, to the sentence end or the first token a record holds; the
** subject to its left as the speaker), and a logistic regression
** (data/quotes/leftover.model, trained on PolNeAR train by
** tools/train_quotes_model.py) scores it from the cue and its neighbours.
** The features of every candidate are computed first, on the records of
** the rules alone, so that they are the same when the model is trained
** (ng_quotes_find_dump) and used; then the candidates at or above the
** model's threshold are emitted in text order, each where it is still free. */

#define LO_MAX_FEATS 48
#define LO_WORD 20 /* bytes of a word in a feature */

/* the features' names (lo_names[]) */
enum {
	LO_L,
	LO_F,
	LO_LF,
	LO_P1,
	LO_N1,
	LO_LN1,
	LO_LP1,
	LO_FP1,
	LO_PK,
	LO_NK,
	LO_LPN,
	LO_S,
	LO_FS,
	LO_LS,
	LO_OK,
	LO_LEN,
	LO_MK,
	LO_INQ,
	LO_NCUE,
	LO_N_FEATS
};

static const char *const lo_names[LO_N_FEATS] = {
	"L", "F", "LF", "P1", "N1", "LN1", "LP1", "FP1", "PK", "NK",
	"LPN", "S", "FS", "LS", "ok", "len", "mk", "inq", "ncue"};

typedef struct lo_feats {
	int text;                  /* 1: write the features to s (for the dump) */
	char s[LO_MAX_FEATS * 48]; /* the features, space-separated */
	size_t n;
	uint64_t h[LO_MAX_FEATS];
	int nf;
} lo_feats;

typedef struct lo_cand {
	int32_t v, cs, ce;
	int has_subj;
	subj sp;
	double p;
} lo_cand;

/* A part of features: its text and hash (ng_cue_feat_part) */
typedef struct lo_part {
	const char *s;
	size_t n;
	uint64_t h;
} lo_part;

static lo_part lo_p(const char *s)
{
	lo_part p = {s, strlen(s), 0};
	p.h = ng_cue_feat_part(s, p.n);
	return p;
}

/* Adds feature "name=a", "name=a|b" or "name=a|b|d" (b, d may be NULL) of
** name `id`: its hash, and with f->text its text. */
static inline void lo_add(lo_feats *f, int id, const lo_part *a, const lo_part *b, const lo_part *d)
{
	const lo_part *part[3] = {a, b, d};
	if (f->nf >= LO_MAX_FEATS)
		return;
	uint64_t h = ng_cue_feat_name(id);
	for (int i = 0; i < 3 && part[i]; i++)
		h = ng_cue_feat_mix(h, part[i]->h);
	f->h[f->nf++] = ng_cue_feat_end(h);
	if (!f->text)
		return;
	/* the text: 19 features of at most 4 + 3 * 21 bytes fit s */
	size_t nl = strlen(lo_names[id]), need = nl + 1;
	for (int i = 0; i < 3 && part[i]; i++)
		need += part[i]->n + 1;
	if (f->n + need >= sizeof f->s)
		return;
	memcpy(f->s + f->n, lo_names[id], nl);
	f->n += nl;
	for (int i = 0; i < 3 && part[i]; i++) {
		f->s[f->n++] = i ? '|' : '=';
		memcpy(f->s + f->n, part[i]->s, part[i]->n);
		f->n += part[i]->n;
	}
	f->s[f->n++] = ' ';
}

/* The small numbers of the features, as text */
static const char *const lo_nums[] = {"0",  "1",  "2",  "3",  "4",  "5",  "6",
				      "7",  "8",  "9",  "10", "11", "12", "13",
				      "14", "15", "16", "17", "18", "19", "20"};

static lo_part lo_num(int a)
{
	a = a < 0 ? 0 : a > 20 ? 20 : a;
	size_t n = a < 10 ? 1 : 2;
	lo_part p = {lo_nums[a], n, ng_cue_feat_part(lo_nums[a], n)};
	return p;
}

static void lo_addi(lo_feats *f, int id, int a)
{
	lo_part p = lo_num(a);
	lo_add(f, id, &p, NULL, NULL);
}

/* s for a feature: at most LO_WORD bytes, ASCII lowercased, and space,
** quote, backslash, '|', '=' and control bytes as '_' (they separate the
** parts of a feature or the features) */
static const char *lo_clean(const char *s, size_t l, char *o)
{
	size_t j = 0;
	if (l > LO_WORD)
		l = LO_WORD;
	for (size_t i = 0; i < l; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch + 32);
		if (ch == '"' || ch == '\\' || ch == ' ' || ch == '|' || ch == '=' || ch < 32)
			ch = '_';
		o[j++] = (char)ch;
	}
	o[j] = 0;
	return o;
}

/* Token k's text as lo_clean() makes it; "<none>" outside the text. */
static const char *lo_word(const qctx *c, int32_t k, char *o)
{
	if (k < 0 || k >= c->n)
		return "<none>";
	return lo_clean(c->x + c->t[k].start, c->t[k].end - c->t[k].start, o);
}

/* A coarse class of token k: what matters most beside a cue. */
static const char *lo_kind(const qctx *c, int32_t k)
{
	if (k < 0 || k >= c->n)
		return "none";
	if (has_wc(c, k, NG_WC_PASSIVE))
		return "pass";
	if (has_wc(c, k, NG_WC_AUX))
		return "aux";
	if (has_wc(c, k, NG_WC_DET))
		return "det";
	if (has_wc(c, k, NG_WC_PRON_SUBJ))
		return "pron";
	if (IS(c, k, "to"))
		return "to";
	if (has_wc(c, k, NG_WC_PREP))
		return "prep";
	if (c->t[k].kind == NG_TOK_PUNCT)
		return "punct";
	if (c->t[k].kind == NG_TOK_QUOTE)
		return "quote";
	if (c->cue[k] >= 0)
		return "cue";
	return is_cap(c, k) ? "cap" : "w";
}

/* The features of the candidate at cue v with content [cs, ce]. */
static void lo_features(const qctx *c, const lo_cand *k, lo_feats *f)
{
	int32_t v = k->v;
	char w[LO_WORD + 1], p1[LO_WORD + 1], n1[LO_WORD + 1];
	lo_part P1 = lo_p(lo_word(c, v - 1, p1)), N1 = lo_p(lo_word(c, v + 1, n1));
	lo_part L = lo_p(c->lem[v] ? lo_clean(c->lem[v], strlen(c->lem[v]), w) : lo_word(c, v, w));
	lo_part PK = lo_p(lo_kind(c, v - 1)), NK = lo_p(lo_kind(c, v + 1));
	lo_part FO = lo_num(cue_form(c, v)), SK = lo_num(k->has_subj ? k->sp.kind : 0);
	int words = 0, ncue = 0;
	for (int32_t j = k->cs; j <= k->ce; j++) {
		words += is_word(c, j);
		ncue += c->cue[j] >= 0;
	}
	f->n = 0;
	f->nf = 0;
	lo_add(f, LO_L, &L, NULL, NULL);
	lo_add(f, LO_F, &FO, NULL, NULL);
	lo_add(f, LO_LF, &L, &FO, NULL);
	lo_add(f, LO_P1, &P1, NULL, NULL);
	lo_add(f, LO_N1, &N1, NULL, NULL);
	lo_add(f, LO_LN1, &L, &N1, NULL);
	lo_add(f, LO_LP1, &L, &P1, NULL);
	lo_add(f, LO_FP1, &FO, &P1, NULL);
	lo_add(f, LO_PK, &PK, NULL, NULL);
	lo_add(f, LO_NK, &NK, NULL, NULL);
	lo_add(f, LO_LPN, &L, &PK, &NK);
	lo_add(f, LO_S, &SK, NULL, NULL);
	lo_add(f, LO_FS, &FO, &SK, NULL);
	lo_add(f, LO_LS, &L, &SK, NULL);
	lo_addi(f, LO_OK, cue_ok(c, v));
	lo_addi(f, LO_LEN, words > 20 ? 20 : words > 8 ? 8 : words);
	lo_addi(f, LO_MK, has_marks(c, k->cs, k->ce));
	lo_addi(f, LO_INQ, c->inq[v] >= 0);
	lo_addi(f, LO_NCUE, ncue > 3 ? 3 : ncue);
	if (f->n)
		f->n--; /* the last space */
}

static double lo_prob(const ng_cue_model *m, const lo_feats *f)
{
	double z = ng_cue_model_bias(m);
	for (int i = 0; i < f->nf; i++)
		z += ng_cue_model_weight(m, f->h[i]);
	if (z > 30)
		z = 30;
	if (z < -30)
		z = -30;
	return 1.0 / (1.0 + exp(-z));
}

/* Appends the candidate's line to c->dump; a full buffer sets c->dump_st
** and ends the writing. */
static void dump_candidate(qctx *c, const lo_cand *k, const lo_feats *f)
{
	char t[48];
	int l = snprintf(t, sizeof t, "%zu\t%zu\t", (size_t)c->t[k->cs].start,
			 (size_t)c->t[k->ce].end);
	ng_status st = c->dump_st;
	if (st == NG_OK)
		st = ng_buf_append(c->dump, t, (size_t)l);
	if (st == NG_OK)
		st = ng_buf_append(c->dump, f->s, f->n);
	if (st == NG_OK)
		st = ng_buf_append(c->dump, "\n", 1);
	c->dump_st = st;
}

static void leftover_cues(qctx *c)
{
	const ng_cue_model *m = ng_cue_lex_model(c->lx);
	if ((!m && !c->dump) || !c->n_cands)
		return;
	lo_cand *k = ng_arena_alloc(c->d->arena, (size_t)c->n_cands * sizeof(lo_cand));
	lo_feats *f = ng_arena_alloc(c->d->arena, sizeof(lo_feats));
	if (!k || !f)
		return;
	f->text = c->dump != NULL;
	int32_t nk = 0;
	for (int32_t i = 0; i < c->n_cands; i++) {
		int32_t v = c->cands[i];
		if (c->cue[v] < 0 || c->used[v])
			continue;
		/* a noun after a determiner ("the claim that was filed", "the call
		** to arms"): on train such candidates were right 31% of the time,
		** and leaving them out costs the model nothing measurable */
		if (cue_form(c, v) != NG_FORM_PAST && v > 0 && has_wc(c, v - 1, NG_WC_DET))
			continue;
		/* a verb of frame prep takes its content after a particle, as in
		** the verb passes ("talked about X", not "talked for an hour") */
		if (cue_frame(c, v) == NG_CUE_PREP && !cue_particle(c, v + 1, NG_CUE_PREP))
			continue;
		int32_t s0 = sent_first(c, v), s1 = sent_last(c, v), cs = v + 1;
		if (cs > s1)
			continue;
		int32_t ce = content_end(c, cs, s1);
		for (int32_t j = cs; j <= ce; j++)
			if (c->used[j]) {
				ce = j - 1;
				break;
			}
		while (ce > cs && (is_ch(c, ce, ',') || is_ch(c, ce, ':') || is_ch(c, ce, ';')))
			ce--;
		int words = 0;
		for (int32_t j = cs; j <= ce && words < 2; j++)
			words += is_word(c, j);
		/* two words, or one name or object pronoun ("to endorse him") */
		if (words < 2 && !(words == 1 && ce == cs &&
				   (is_cap(c, cs) || IS(c, cs, "him") || IS(c, cs, "her") ||
				    IS(c, cs, "them"))))
			continue;
		/* quoted words: a direct quote's speaker is not guessed (the
		** dump has these too: they compete for the gold records) */
		if (!c->dump && has_marks(c, cs, ce))
			continue;
		lo_cand *q = &k[nk];
		q->v = v;
		q->cs = cs;
		q->ce = ce;
		memset(&q->sp, 0, sizeof(q->sp));
		q->has_subj = subject_left(c, v, s0, &q->sp);
		lo_features(c, q, f);
		if (c->dump)
			dump_candidate(c, q, f);
		else
			q->p = lo_prob(m, f);
		nk++;
	}
	if (c->dump)
		return;
	double thr = ng_cue_model_threshold(m);
	for (int32_t i = 0; i < nk; i++) {
		lo_cand *q = &k[i];
		if (q->p < thr || c->used[q->v] || !is_free(c, q->cs, q->ce))
			continue;
		/* no subject before the cue: the sentence's speaks when it is a
		** name or a pronoun ("He went out of his way to say ..."; a noun
		** phrase found from the sentence start may run on into its verb,
		** and "It is hard to know ..." has no speaker) */
		subj ss;
		/* ... and after the content when the cue opens the sentence as a
		** participle ("Praising the resistance ..., Qalibaf said ...") */
		int opener = q->v == sent_first(c, q->v) && cue_form(c, q->v) == NG_FORM_ING;
		if ((!q->has_subj || q->sp.kind == SUBJ_NONE) &&
		    sentence_subject(c, opener ? sent_last(c, q->v) : q->v, &ss) &&
		    (ss.e < q->v || (opener && ss.s > q->ce)) &&
		    (ss.kind == SUBJ_NAME || (ss.kind == SUBJ_PRON && !IS(c, ss.s, "it")))) {
			q->sp = ss;
			q->has_subj = 1;
		}
		subj *sp = q->has_subj && q->sp.kind != SUBJ_NONE ? &q->sp : NULL;
		/* a passive ("the FBI was warned ..."): its subject does not speak
		** (train: all-attribution speaker accuracy 83.89 -> 83.99%) */
		if (cue_form(c, q->v) == NG_FORM_PAST && has_wc(c, q->v - 1, NG_WC_PASSIVE))
			sp = NULL;
		/* a speaker inside another record's content is none; one that
		** speaks another record too is ("Praising X, Qalibaf said, "..."") */
		for (int32_t j = 0; sp && j < c->n_out; j++)
			if (c->out[j].kind != DROPPED && c->out[j].s <= sp->e && sp->s <= c->out[j].e)
				sp = NULL;
		if (sp)
			resolve(c, sp, -1, -1);
		int32_t before = c->n_out;
		emit(c, q->cs, q->ce, NG_QUOTE_INDIRECT, q->v, q->v, c->lem[q->v], sp); /* no marks */
		if (sp && c->n_out > before)
			for (int32_t j = sp->s; j <= sp->e; j++)
				c->used[j] = 1;
	}
}

/* ---- output */

/* Is the subject [s, e] a poll, survey, study or data ("a new poll found
** that ...", "the figures show ...")? Their records are evidence. */
static int evidence_subject(const qctx *c, const subj *sp)
{
	if (sp->kind != SUBJ_NOUN && sp->kind != SUBJ_NAME)
		return 0;
	return has_wc(c, sp->e, NG_WC_EVIDENCE); /* evidence_heads */
}

static int cand_cmp(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return x->e < y->e ? -1 : x->e > y->e; /* a nested record after the one inside it */
}

/* Sorts the records with cand_cmp, stably (as glibc's merge sort does): they
** come in a few sorted runs, one per pass, where an insertion sort moves
** few; a long list (quadratic there) goes to qsort. */
static void sort_cands(cand *a, int32_t n)
{
	if (n > 64) {
		qsort(a, (size_t)n, sizeof(cand), cand_cmp);
		return;
	}
	for (int32_t i = 1; i < n; i++) {
		if (cand_cmp(&a[i - 1], &a[i]) <= 0)
			continue;
		cand x = a[i];
		int32_t j = i;
		for (; j > 0 && cand_cmp(&a[j - 1], &x) > 0; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* The finder proper: the records of the document, as a malloc'd array (*out,
** *n_out; NULL and 0 when none). Its work space is in the arena. */
static ng_status find(qctx *c, ng_quote **out, size_t *n_out)
{
	ng_doc *doc = c->d;
	*out = NULL;
	*n_out = 0;
	ng_status st = build_tables(c);
	if (st != NG_OK)
		return st;
	size_t cap = (size_t)c->n / 2 + 1;
	if (cap > MAX_QUOTES)
		cap = MAX_QUOTES;
	c->spans = ng_arena_alloc(doc->arena, cap * sizeof(qspan));
	c->out = ng_arena_alloc(doc->arena, cap * sizeof(cand));
	if (!c->spans || !c->out)
		return NG_ELIMIT;
	c->cap_out = (int32_t)cap;
	find_spans(c);
	collect_names(c);
	direct_quotes(c);
	title_name(c);
	reported(c, 1);
	reported(c, 0);
	more_cues(c);
	phrase_cues_find(c);
	headlines(c);
	leftover_cues(c);
	if (!c->n_out)
		return NG_OK;
	/* pronoun speakers found before later names were noted: resolve again */
	sort_cands(c->out, c->n_out);
	floating(c);
	seeming(c);
	medial(c);
	ng_quote *q = ng_malloc((size_t)c->n_out * sizeof(ng_quote));
	if (!q)
		return NG_ENOMEM;
	size_t m = 0;
	for (int32_t i = 0; i < c->n_out; i++) {
		const cand *k = &c->out[i];
		if (k->kind == DROPPED)
			continue;
		if (k->kind != NG_QUOTE_DIRECT && k->cue_s >= 0 && not_attribution(c, k->s, k->e, k->cue_s))
			continue;
		ng_quote *o = &q[m++];
		memset(o, 0, sizeof(*o));
		o->start = c->t[k->s].start;
		o->end = c->t[k->e].end;
		o->kind = k->kind;
		o->speaker = k->sp.entity;
		o->speaker_start = k->sp.rs >= 0 ? (int64_t)c->t[k->sp.rs].start : -1;
		o->speaker_end = k->sp.rs >= 0 ? (int64_t)c->t[k->sp.re].end : -1;
		o->subject_start = k->sp.kind != SUBJ_NONE ? (int64_t)c->t[k->sp.s].start : -1;
		o->subject_end = k->sp.kind != SUBJ_NONE ? (int64_t)c->t[k->sp.e].end : -1;
		o->cue = k->lemma;
		int cls = k->cls != CLS_OF_CUE ? k->cls
			  : k->cue_s >= 0 ? cue_class(c, k->cue_s)
					  : NG_CLS_SPEECH;
		if (k->cls == CLS_OF_CUE && evidence_subject(c, &k->sp))
			cls = NG_CLS_EVIDENCE;
		o->cue_class = ng_cue_class_name(cls);
		o->cue_start = k->cue_s >= 0 ? (int64_t)c->t[k->cue_s].start : -1;
		o->cue_end = k->cue_s >= 0 ? (int64_t)c->t[k->cue_e].end : -1;
	}
	*out = q;
	*n_out = m;
	return NG_OK;
}

static ng_status find_doc(const ng_cue_lex *lx, ng_doc *doc, ng_outbuf *dump)
{
	doc->quotes = NULL;
	doc->n_quotes = 0;
	if (!doc->tokens || !doc->n_tokens || !doc->sentence_tok || !doc->n_sentences)
		return NG_OK;
	if (doc->n_tokens > INT32_MAX / 2)
		return NG_ELIMIT;
	qctx c;
	memset(&c, 0, sizeof(c));
	c.d = doc;
	c.x = doc->text;
	c.t = doc->tokens;
	c.n = (int32_t)doc->n_tokens;
	c.lx = lx;
	c.dump = dump;
	verb_pool vp = {0};
	c.vp = &vp;
	/* the per-token tables and candidates are work space: freed here, so a
	** document waiting for the store keeps only its records */
	ng_arena_pos work = ng_arena_mark(doc->arena);
	ng_quote *tmp;
	size_t n;
	ng_status st = find(&c, &tmp, &n);
	ng_arena_rewind(doc->arena, work);
	if (st == NG_OK && n) {
		ng_quote *q = ng_arena_alloc(doc->arena, n * sizeof(ng_quote));
		char *cues = vp.len ? ng_arena_alloc(doc->arena, vp.len) : NULL;
		if (!q || (vp.len && !cues)) {
			st = NG_ELIMIT;
		} else {
			memcpy(q, tmp, n * sizeof(ng_quote));
			if (vp.len)
				memcpy(cues, vp.buf, vp.len);
			/* cue strings of the pool: to their copy (compared as integers:
			** the other cues point into the lexicon or at literals) */
			uintptr_t lo = (uintptr_t)vp.buf, hi = lo + vp.len;
			for (size_t i = 0; i < n; i++) {
				uintptr_t p = (uintptr_t)q[i].cue;
				if (vp.len && p >= lo && p < hi)
					q[i].cue = cues + (p - lo);
			}
			doc->quotes = q;
			doc->n_quotes = n;
		}
	}
	ng_free(tmp);
	ng_free(vp.buf);
	return st != NG_OK ? st : c.dump_st;
}

ng_status ng_quotes_find(const ng_cue_lex *lx, ng_doc *doc)
{
	return find_doc(lx, doc, NULL);
}

ng_status ng_quotes_find_dump(const ng_cue_lex *lx, ng_doc *doc, ng_outbuf *dump)
{
	return find_doc(lx, doc, dump);
}

/* ---- the stage */

/* The word classes of the phrasal cues of table pc: the heads, and the
** words of the first slot after them, or of the second when the first may
** be missing (what may follow a head). */
static ng_status phrase_classes(ng_cue_lex *lx, const struct phrase_cue *pc)
{
	ng_status st = NG_OK;
	for (; pc->pat && st == NG_OK; pc++) {
		int slot = -1, next = 0;
		for (const char *s = pc->head; *s && st == NG_OK && slot <= next;) {
			if (*s == '?' && slot == next)
				next++;
			s += *s == '?';
			size_t n = strcspn(s, "| ");
			char w[32];
			if (n && n < sizeof w) {
				memcpy(w, s, n);
				w[n] = 0;
				uint32_t bits = slot >= 0		 ? NG_WC_PHRASE_NEXT
						: pc->kind == PH_ADJ ? NG_WC_PHRASE | NG_WC_PHRASE_ADJ
								     : NG_WC_PHRASE;
				st = ng_cue_lex_add_class(lx, w, bits);
			}
			s += n;
			if (!*s && slot < 0) { /* the head's end: on to the slots */
				s = pc->pat;
				slot = 0;
				continue;
			}
			if (*s == ' ')
				slot++;
			if (*s)
				s++;
		}
	}
	return st;
}

ng_status ng_quotes_load(const char *path, ng_cue_lex **out, char *err, size_t errlen)
{
	ng_cue_lex *lx = NULL;
	*out = NULL;
	ng_status st = ng_cue_lex_load(path, &lx, err, errlen);
	if (st != NG_OK)
		return st;
	static const struct {
		const char *const *words;
		uint32_t bits;
	} classes[] = {
		{pron_subj, NG_WC_PRON_SUBJ}, {determiners, NG_WC_DET}, {skip_adv, NG_WC_SKIP_ADV},
		{passive_aux, NG_WC_PASSIVE}, {not_np_end, NG_WC_NOT_NP_END},
		{intro_words, NG_WC_INTRO}, {name_joiners, NG_WC_JOINER},
		{noun_subjects, NG_WC_NOUN_SUBJ}, {preps, NG_WC_PREP}, {obj_words, NG_WC_OBJ},
		{time_words, NG_WC_TIME}, {time_mods, NG_WC_TIME_MOD}, {np_adjs, NG_WC_ADJ},
		{aux_words, NG_WC_AUX}, {back_words, NG_WC_BACK}, {doc_nouns, NG_WC_DOC},
		{break_words, NG_WC_BREAK}, {subord_words, NG_WC_SUBORD},
		{quantifiers, NG_WC_QUANT}, {openers, NG_WC_OPENER},
		{not_content, NG_WC_NOT_CONTENT}, {evidence_heads, NG_WC_EVIDENCE},
		{coord_words, NG_WC_COORD},
	};
	for (size_t i = 0; i < sizeof classes / sizeof classes[0] && st == NG_OK; i++)
		for (const char *const *w = classes[i].words; *w && st == NG_OK; w++)
			st = ng_cue_lex_add_class(lx, *w, classes[i].bits);
	for (const struct noun_cue *n = noun_cues; n->word && st == NG_OK; n++)
		st = ng_cue_lex_add_class(lx, n->word, NG_WC_NOUN_CUE);
	static const char *const more[] = {"expected", "asked", "made", "make", "makes", "making",
					   "reportedly", NULL};
	for (const char *const *w = more; *w && st == NG_OK; w++)
		st = ng_cue_lex_add_class(lx, *w, NG_WC_MORE_CUE);
	if (st == NG_OK)
		st = ng_cue_lex_add_class(lx, "according", NG_WC_ACCORDING);
	if (st == NG_OK)
		st = phrase_classes(lx, phrase_cues);
	if (st == NG_OK)
		st = phrase_classes(lx, phrase_adjs);
	if (st != NG_OK) {
		ng_cue_lex_destroy(lx);
		if (err && errlen)
			snprintf(err, errlen, "quotes: word classes do not fit the lexicon");
		return st;
	}
	/* the leftover-cue model beside the lexicon */
	const char *slash = strrchr(path, '/');
	size_t dn = slash ? (size_t)(slash - path) + 1 : 0;
	char mpath[4096];
	if (dn + sizeof "leftover.model" > sizeof mpath) {
		ng_cue_lex_destroy(lx);
		if (err && errlen)
			snprintf(err, errlen, "quotes: path too long: %s", path);
		return NG_EUSAGE;
	}
	memcpy(mpath, path, dn);
	memcpy(mpath + dn, "leftover.model", sizeof "leftover.model");
	ng_cue_model *m = NULL;
	st = ng_cue_model_load(mpath, lo_names, LO_N_FEATS, &m, err, errlen);
	if (st != NG_OK) {
		ng_cue_lex_destroy(lx);
		return st;
	}
	ng_cue_lex_set_model(lx, m);
	*out = lx;
	return NG_OK;
}

static ng_status quotes_init(const ng_config *cfg, void **state, char *err, size_t errlen)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/quotes/cue_verbs.tsv", ng_stage_data_dir(cfg));
	ng_cue_lex *lx = NULL;
	ng_status st = ng_quotes_load(path, &lx, err, errlen);
	if (st != NG_OK)
		return st;
	*state = lx;
	return NG_OK;
}

static ng_status quotes_process(const void *state, ng_doc *doc)
{
	return ng_quotes_find(state, doc);
}

static void quotes_destroy(void *state)
{
	ng_cue_lex_destroy(state);
}

const ng_stage ng_stage_quotes = {
	.name = "quotes",
	.requires = NG_F_TEXT | NG_F_TOKENS | NG_F_SENTENCES,
	.optional = NG_F_NER_TAGS | NG_F_ENTITIES, /* speakers among the entities */
	.assigns = NG_F_QUOTES | NG_F_CUE_CLASS,
	.init = quotes_init,
	.process = quotes_process,
	.destroy = quotes_destroy,
};
