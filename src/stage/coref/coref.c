/*
** coref.c -- the coref stage: from the tagger's BIO tags to entities.
**
** One document is handled in a few linear passes over its tokens:
**   1. spans: BIO tags -> spans; leading "the", trailing possessives and,
**      for persons, leading title words ("Lt. Gen.", "Speaker") are trimmed
**      off the name.
**   2. entities: spans in text order are matched against the entities seen
**      so far (same name; surname or other part of a person's longest name;
**      the same country by gazetteer code; an acronym given in parentheses
**      or made of the initials; an organization name containing a known
**      acronym) or start a new one. A person's title phrase is read off the
**      tokens before the name (or an appositive after it) and kept with its
**      affiliation (organization, country).
**   3. untagged repeats: acronyms defined in parentheses and surnames of
**      persons found where the tagger missed them.
**   4. pronouns and titles: in text order, he/she/his/her/him are linked to
**      the subject of the current sentence or of a recent one, or to the
**      nearest person of the same sentence for possessives; "the speaker" to
**      the most recent person holding a title with that head word.
** The algorithm is described in docs/internals/coref.md.
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core.h"
#include "pipeline/stage.h"
#include "stage/coref/coref.h"

/* per-token flags */
enum {
	TF_QUOTE = 1u << 0, /* inside a quotation */
	TF_TITLE = 1u << 1, /* part of a title phrase attached to a name */
	TF_MENT = 1u << 2   /* covered by a mention */
};

enum { GEN_NONE = 0, GEN_M = 1, GEN_F = 2, GEN_ORG = 3 /* pronouns of organizations */ };
enum { PR_SUBJ = 0, PR_POSS, PR_OBJ };
/* a pronoun mention that cannot be a sentence subject (his, her, him);
** reported as NG_MENTION_PRONOUN */
#define MK_PRON_NONSUBJ 7 /* internal mention kind */

typedef struct cr_span {
	uint32_t t0, t1; /* name tokens after trimming */
	uint8_t type;    /* ng_entity_type, or 255 when dropped */
	int32_t cl;
} cr_span;

typedef struct cr_mention {
	uint32_t t0, t1; /* tokens [t0, t1) */
	int32_t cl;
	uint8_t kind;
} cr_mention;

typedef struct cr_cluster {
	uint8_t type;
	uint8_t gender;
	uint32_t c0, c1;        /* canonical name tokens */
	uint32_t words;         /* word count of the canonical name */
	uint32_t country;       /* 1-based gazetteer country, or 0 */
	uint8_t is_country;     /* the name is the country's ("Iran", "Iranian") */
	int32_t aff_cl;         /* affiliation entity, or -1 */
	uint32_t aff_country;   /* affiliation country, or 0 */
	uint32_t aff_t0, aff_t1; /* affiliation named by untagged words, or 0, 0 */
	uint32_t alias;         /* token hash of its acronym, or 0 */
	const char *titles[NG_COREF_MAX_TITLES];
	uint8_t n_titles;
	uint32_t heads[NG_COREF_MAX_HEADS];
	uint8_t n_heads;
	uint32_t first_tok, last_tok;
	uint32_t n_mentions;
	int32_t out;            /* entity index in the output */
} cr_cluster;

typedef struct cr_recent {
	int32_t cl;
	uint32_t sent, tok;
} cr_recent;
#define RECENT 32
#define CR_SCRATCH_FIRST ((size_t)128 << 10) /* work space: fits most news articles */
#define CR_SCRATCH_CAP ((size_t)1 << 30)    /* the bound of a document arena (ng_doc_create) */

typedef struct cr_ctx {
	const ng_coref_lex *lx;
	ng_doc *doc;
	ng_arena *scr;   /* work space, freed when the document is resolved */
	const ng_token *tok;
	uint32_t nt;
	uint32_t *th;    /* normalized word hash per token, 0 for non-words */
	uint32_t *lxv;   /* lexicon bits per token */
	uint32_t *sent;  /* sentence index per token */
	uint8_t *tf;
	int32_t *span_of;
	cr_span *sp;
	uint32_t ns;
	cr_cluster *cl;
	uint32_t ncl, cap_cl;
	cr_mention *m;
	uint32_t nm, cap_m;
	int32_t *subj;   /* subject entity per sentence, or -1 */
	cr_recent recent[RECENT];
	uint32_t n_recent;
	cr_recent last;  /* the last person or organization mention */
} cr_ctx;

/* ---- token helpers */

static const char *ttext(const cr_ctx *c, uint32_t i, size_t *n)
{
	*n = c->tok[i].end - c->tok[i].start;
	return c->doc->text + c->tok[i].start;
}

static bool is_word(const cr_ctx *c, uint32_t i)
{
	return c->tok[i].kind == NG_TOK_WORD || c->tok[i].kind == NG_TOK_ABBREV;
}

static bool is_cap(const cr_ctx *c, uint32_t i)
{
	return is_word(c, i) && (c->tok[i].flags & NG_TF_UPPER_INITIAL);
}

/* Case-insensitive comparison of a token with a lowercase ASCII word. */
static bool teq(const cr_ctx *c, uint32_t i, const char *w)
{
	size_t n;
	const char *s = ttext(c, i, &n);
	size_t wn = strlen(w);
	if (n != wn)
		return false;
	for (size_t k = 0; k < n; k++) {
		unsigned char ch = (unsigned char)s[k];
		if ((ch >= 'A' && ch <= 'Z' ? ch + 32 : ch) != (unsigned char)w[k])
			return false;
	}
	return true;
}

static bool tis(const cr_ctx *c, uint32_t i, const char *w)
{
	size_t n;
	const char *s = ttext(c, i, &n);
	return n == strlen(w) && !memcmp(s, w, n);
}

/* Tokens of a possessive ending at i+1 ('s, ’s, or the quote + "s" pair the
** segmenter makes after a bracket), or 0. */
static uint32_t clitic_at(const cr_ctx *c, uint32_t i)
{
	if (c->tok[i].kind == NG_TOK_CLITIC) {
		size_t n;
		const char *s = ttext(c, i, &n);
		if ((n == 2 && (s[1] == 's' || s[1] == 'S')) || (n == 4 && (s[3] == 's' || s[3] == 'S')) ||
		    n == 1 || n == 3)
			return 1;
	}
	if (i > 0 && tis(c, i, "s") && !(c->tok[i].flags & NG_TF_SPACE_BEFORE) &&
	    c->tok[i - 1].kind == NG_TOK_QUOTE && !(c->tok[i - 1].flags & NG_TF_SPACE_BEFORE))
		return 2;
	return 0;
}

static const char *const prepositions[] = {
	"of", "with", "to", "from", "by", "for", "in", "on", "at", "against", "about", "between",
	"among", "as", "than", "into", "over", "under", "after", "before", "toward", "towards",
	"without", "through", "like", "including", "via", "and", "or", NULL};

static bool is_prep(const cr_ctx *c, uint32_t i)
{
	if (!is_word(c, i))
		return false;
	for (size_t k = 0; prepositions[k]; k++)
		if (teq(c, i, prepositions[k]))
			return true;
	return false;
}

/* FNV-1a of the lowercased word without an Arabic article prefix (al-, el-). */
static uint32_t word_hash(const char *s, size_t n)
{
	if (n > 3 && (s[0] == 'a' || s[0] == 'A' || s[0] == 'e' || s[0] == 'E') &&
	    (s[1] == 'l' || s[1] == 'L') && s[2] == '-') {
		s += 3;
		n -= 3;
	}
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) { /* ’ counts as ' */
			ch = '\'';
			i += 2;
		}
		h = (h ^ (ch >= 'A' && ch <= 'Z' ? ch + 32u : ch)) * 16777619u;
	}
	return h ? h : 1;
}

/* Word hashes of tokens [t0, t1) into out (at most NG_COREF_MAX_NAME). */
static uint32_t words_of(const cr_ctx *c, uint32_t t0, uint32_t t1, uint32_t *out)
{
	uint32_t n = 0;
	for (uint32_t i = t0; i < t1 && n < NG_COREF_MAX_NAME; i++)
		if (c->th[i])
			out[n++] = c->th[i];
	return n;
}

/* True when a[0..na) occurs in order (not necessarily contiguous) in b. */
static bool subseq(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb)
{
	uint32_t k = 0;
	for (uint32_t i = 0; i < nb && k < na; i++)
		if (b[i] == a[k])
			k++;
	return na > 0 && k == na;
}

static bool same_words(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb)
{
	return na == nb && na > 0 && !memcmp(a, b, na * sizeof(uint32_t));
}

static uint32_t span_lex(const cr_ctx *c, uint32_t t0, uint32_t t1)
{
	return ng_coref_lex_get(c->lx, c->doc->text + c->tok[t0].start,
				c->tok[t1 - 1].end - c->tok[t0].start);
}

static char *copy_range(cr_ctx *c, uint32_t t0, uint32_t t1)
{
	return ng_doc_strndup(c->doc, c->doc->text + c->tok[t0].start,
			      c->tok[t1 - 1].end - c->tok[t0].start);
}

/* ---- mentions and entities */

static ng_status add_mention(cr_ctx *c, uint32_t t0, uint32_t t1, int32_t cl, uint8_t kind)
{
	if (c->nm == c->cap_m) {
		uint32_t nc = c->cap_m ? c->cap_m * 2 : 256;
		cr_mention *nm = ng_arena_alloc(c->scr, (size_t)nc * sizeof(*nm));
		if (!nm)
			return NG_ENOMEM;
		if (c->nm)
			memcpy(nm, c->m, (size_t)c->nm * sizeof(*nm));
		c->m = nm;
		c->cap_m = nc;
	}
	c->m[c->nm++] = (cr_mention){t0, t1, cl, kind};
	for (uint32_t i = t0; i < t1; i++)
		c->tf[i] |= TF_MENT;
	cr_cluster *k = &c->cl[cl];
	if (t0 < k->first_tok)
		k->first_tok = t0;
	if (t0 > k->last_tok || k->n_mentions == 0)
		k->last_tok = t0;
	k->n_mentions++;
	return NG_OK;
}

static void set_canonical(cr_ctx *c, cr_cluster *k, uint32_t t0, uint32_t t1)
{
	uint32_t w[NG_COREF_MAX_NAME];
	k->c0 = t0;
	k->c1 = t1;
	k->words = words_of(c, t0, t1, w);
	if (k->type == NG_ENT_PER && k->words >= 2 && k->gender == GEN_NONE) {
		uint32_t v = c->lxv[t0];
		if (v & NG_LX_GIVEN)
			k->gender = v & NG_LX_MALE ? GEN_M : v & NG_LX_FEMALE ? GEN_F : GEN_NONE;
	}
}

static int32_t new_cluster(cr_ctx *c, uint8_t type, uint32_t t0, uint32_t t1)
{
	if (c->ncl == c->cap_cl)
		return -1;
	int32_t id = (int32_t)c->ncl++;
	cr_cluster *k = &c->cl[id];
	memset(k, 0, sizeof(*k));
	k->type = type;
	k->aff_cl = -1;
	k->first_tok = UINT32_MAX;
	k->out = -1;
	set_canonical(c, k, t0, t1);
	return id;
}

static void add_title(cr_ctx *c, cr_cluster *k, uint32_t t0, uint32_t t1, const char *title)
{
	for (uint8_t i = 0; i < k->n_titles; i++)
		if (!strcasecmp(k->titles[i], title))
			goto heads;
	if (k->n_titles < NG_COREF_MAX_TITLES)
		k->titles[k->n_titles++] = title;
heads:
	for (uint32_t i = t0; i < t1; i++) {
		uint32_t v = c->lxv[i];
		if (!(v & (NG_LX_HEAD | NG_LX_RANK)))
			continue;
		if (k->gender == GEN_NONE && (v & (NG_LX_MALE | NG_LX_FEMALE)))
			k->gender = v & NG_LX_MALE ? GEN_M : GEN_F;
		bool have = false;
		for (uint8_t h = 0; h < k->n_heads; h++)
			have |= k->heads[h] == c->th[i];
		if (!have && k->n_heads < NG_COREF_MAX_HEADS)
			k->heads[k->n_heads++] = c->th[i];
	}
}

/* ---- title phrases */

typedef struct cr_title {
	uint32_t t0, t1;
	int32_t aff_cl;
	uint32_t aff_country;
	uint32_t aff_t0, aff_t1; /* "Leader of Palestinian Islamic Jihad" untagged */
	uint8_t gender; /* from an honorific before the name */
} cr_title;

/* Reads the title phrase that ends just before token `end` ("Iranian
** Parliament Speaker", "Leader of Palestinian Islamic Jihad", "Lt. Gen.").
** Sets t->t0 == t->t1 when there is none. */
static void title_left(const cr_ctx *c, uint32_t end, cr_title *t)
{
	memset(t, 0, sizeof(*t));
	t->aff_cl = -1;
	t->t0 = t->t1 = end;
	if (end == 0)
		return;
	uint32_t s0 = c->doc->sentence_tok ? c->doc->sentence_tok[c->sent[end - 1]] : 0;
	int64_t j = (int64_t)end - 1;
	uint32_t good = end;
	if (j >= s0 && is_word(c, (uint32_t)j) && (c->lxv[j] & NG_LX_HONOR)) {
		uint32_t v = c->lxv[j];
		t->gender = v & NG_LX_MALE ? GEN_M : v & NG_LX_FEMALE ? GEN_F : GEN_NONE;
		return;
	}
	while (j >= (int64_t)s0) {
		uint32_t i = (uint32_t)j;
		int32_t sp = c->span_of[i];
		if (sp >= 0) {
			if (c->sp[sp].type == NG_ENT_PER || c->sp[sp].type == 255)
				break;
			j = (int64_t)c->sp[sp].t0;
			good = c->sp[sp].t0;
			j--;
			continue;
		}
		if (c->tf[i] & (TF_TITLE | TF_MENT))
			break;
		uint32_t k = clitic_at(c, i);
		if (k) {
			j -= k;
			continue;
		}
		if (is_word(c, i)) {
			uint32_t v = c->lxv[i];
			bool cap = is_cap(c, i);
			if (v & NG_LX_HONOR)
				break;
			if ((v & (NG_LX_HEAD | NG_LX_RANK | NG_LX_MOD)) ||
			    (cap && (v & (NG_LX_QUAL | NG_LX_DEMONYM | NG_LX_COUNTRY)))) {
				good = i;
				j--;
				continue;
			}
			if (teq(c, i, "of") || teq(c, i, "the") || teq(c, i, "for")) {
				j--;
				continue;
			}
			if (cap && !(c->tok[i].flags & NG_TF_SENT_START)) {
				j--;
				continue;
			}
			break;
		}
		if (tis(c, i, "(") || tis(c, i, ")")) {
			j--;
			continue;
		}
		break;
	}
	if (good == end)
		return;
	bool head = false;
	for (uint32_t i = good; i < end; i++)
		head |= c->span_of[i] < 0 && (c->lxv[i] & (NG_LX_HEAD | NG_LX_RANK));
	if (!head)
		return;
	t->t0 = good;
	t->t1 = end;
	/* affiliation: the first organization, else a country (place or adjective) */
	for (uint32_t i = good; i < end; i++) {
		int32_t sp = c->span_of[i];
		if (sp >= 0 && c->sp[sp].cl >= 0 && c->cl[c->sp[sp].cl].type == NG_ENT_ORG) {
			t->aff_cl = c->sp[sp].cl;
			break;
		}
	}
	if (t->aff_cl < 0) {
		/* "of" + capitalized words the tagger left untagged or split */
		uint32_t p = good;
		while (p < end && !teq(c, p, "of"))
			p++;
		if (p + 1 < end && teq(c, p + 1, "the"))
			p++;
		uint32_t q = ++p;
		while (q < end && is_cap(c, q) && !clitic_at(c, q) &&
		       !(c->span_of[q] >= 0 && c->cl[c->sp[c->span_of[q]].cl].type == NG_ENT_LOC))
			q++;
		if (q > p + 1 && (q == end || clitic_at(c, q) || tis(c, q, "("))) {
			t->aff_t0 = p;
			t->aff_t1 = q;
		}
	}
	for (uint32_t i = good; i < end && !t->aff_country; i++) {
		int32_t sp = c->span_of[i];
		if (i >= t->aff_t0 && i < t->aff_t1)
			continue;
		if (sp >= 0 && c->sp[sp].cl >= 0) {
			const cr_cluster *k = &c->cl[c->sp[sp].cl];
			if (k->type == NG_ENT_LOC && t->aff_cl < 0)
				t->aff_cl = c->sp[sp].cl;
			if (k->type != NG_ENT_ORG && k->country)
				t->aff_country = k->country;
			i = c->sp[sp].t1 - 1;
		} else if (sp < 0 && (c->lxv[i] & NG_LX_DEMONYM)) {
			t->aff_country = NG_LX_COUNTRY_IDX(c->lxv[i]);
		}
	}
	/* "Iranian Parliament Speaker": the country of the body */
	if (!t->aff_country && t->aff_cl >= 0 && c->cl[t->aff_cl].type == NG_ENT_ORG)
		t->aff_country = c->cl[t->aff_cl].country;
}

/* An appositive title after a name: "Ismail Haniyeh, the head of Hamas’s
** political bureau, said". Sets t->t0 == t->t1 when there is none. */
static void title_right(const cr_ctx *c, uint32_t t1, cr_title *t)
{
	memset(t, 0, sizeof(*t));
	t->aff_cl = -1;
	t->t0 = t->t1 = t1;
	if (t1 + 2 >= c->nt || !tis(c, t1, ",") || (c->tok[t1 + 1].flags & NG_TF_SENT_START))
		return;
	uint32_t j = t1 + 1;
	if (teq(c, j, "the") || teq(c, j, "a") || teq(c, j, "an"))
		j++;
	uint32_t p0 = j;
	bool head = false;
	uint32_t last_ok = j;
	while (j < c->nt && j < p0 + 12 && !(j > p0 && (c->tok[j].flags & NG_TF_SENT_START))) {
		int32_t sp = c->span_of[j];
		if (sp >= 0) {
			if (c->sp[sp].type == NG_ENT_PER || c->sp[sp].type == 255)
				return;
			if (t->aff_cl < 0 && c->sp[sp].cl >= 0)
				t->aff_cl = c->sp[sp].cl;
			j = c->sp[sp].t1;
			last_ok = j;
			continue;
		}
		uint32_t k = clitic_at(c, j + 1 < c->nt ? j + 1 : j);
		if (c->tok[j].kind == NG_TOK_CLITIC || (k == 2 && c->tok[j].kind == NG_TOK_QUOTE)) {
			j += c->tok[j].kind == NG_TOK_CLITIC ? 1 : 2;
			continue;
		}
		if (!is_word(c, j))
			break;
		uint32_t v = c->lxv[j];
		if (v & (NG_LX_HEAD | NG_LX_RANK)) {
			head = true;
			last_ok = ++j;
			continue;
		}
		if (v & (NG_LX_MOD | NG_LX_QUAL | NG_LX_DEMONYM)) {
			if (v & NG_LX_DEMONYM && !t->aff_country)
				t->aff_country = NG_LX_COUNTRY_IDX(v);
			last_ok = ++j;
			continue;
		}
		if (teq(c, j, "of") || teq(c, j, "the") || teq(c, j, "for")) {
			j++;
			continue;
		}
		if (is_cap(c, j)) {
			last_ok = ++j;
			continue;
		}
		break;
	}
	if (!head || last_ok != j)
		return;
	if (j < c->nt && !tis(c, j, ",") && !tis(c, j, ".") && !(c->tok[j].flags & NG_TF_SENT_START))
		return;
	t->t0 = p0;
	t->t1 = j;
	if (t->aff_cl >= 0 && c->cl[t->aff_cl].type != NG_ENT_ORG) {
		if (!t->aff_country)
			t->aff_country = c->cl[t->aff_cl].country;
		if (c->cl[t->aff_cl].type != NG_ENT_LOC)
			t->aff_cl = -1;
	}
}

static ng_status attach_title(cr_ctx *c, int32_t cl, const cr_title *t)
{
	cr_cluster *k = &c->cl[cl];
	if (t->gender && k->gender == GEN_NONE)
		k->gender = t->gender;
	if (t->t0 == t->t1)
		return NG_OK;
	char *s = copy_range(c, t->t0, t->t1);
	if (!s)
		return NG_ENOMEM;
	add_title(c, k, t->t0, t->t1, s);
	for (uint32_t i = t->t0; i < t->t1; i++)
		c->tf[i] |= TF_TITLE;
	if (k->aff_cl < 0 && !k->aff_country && !k->aff_t1) {
		k->aff_cl = t->aff_cl;
		k->aff_country = t->aff_country;
		k->aff_t0 = t->aff_t0;
		k->aff_t1 = t->aff_t1;
	}
	return NG_OK;
}

/* ---- matching a span to an entity */

/* The person entity a name (tokens [t0,t1)) refers to, or -1. *longer is
** set when the name is longer than the entity's canonical name; *exact when
** it equals it. */
static int32_t match_person(const cr_ctx *c, uint32_t t0, uint32_t t1, bool *longer, bool *exact)
{
	uint32_t a[NG_COREF_MAX_NAME], b[NG_COREF_MAX_NAME];
	uint32_t na = words_of(c, t0, t1, a);
	int32_t best = -1;
	int best_score = 0;
	uint32_t best_last = 0;
	*longer = *exact = false;
	if (!na)
		return -1;
	uint32_t lo = c->ncl > NG_COREF_SEARCH ? c->ncl - NG_COREF_SEARCH : 0;
	for (uint32_t i = c->ncl; i-- > lo;) {
		const cr_cluster *k = &c->cl[i];
		if (k->type != NG_ENT_PER)
			continue;
		uint32_t nb = words_of(c, k->c0, k->c1, b);
		int score = 0;
		bool lg = false;
		if (same_words(a, na, b, nb))
			score = 4;
		else if (na == 1 && nb > 1 && a[0] == b[nb - 1])
			score = 3;
		else if (na < nb && subseq(a, na, b, nb))
			score = na == 1 ? 1 : 2;
		else if (nb < na && subseq(b, nb, a, na) && b[nb - 1] == a[na - 1]) {
			score = 2;
			lg = true;
		}
		if (score > best_score || (score == best_score && score && k->last_tok > best_last)) {
			best = (int32_t)i;
			best_score = score;
			best_last = k->last_tok;
			*longer = lg;
			*exact = score == 4;
		}
	}
	return best;
}

/* Initial letters of the capitalized words of tokens [t0,t1), uppercased,
** into out (cap 16); returns the length. */
static size_t initials(const cr_ctx *c, uint32_t t0, uint32_t t1, char *out)
{
	size_t n = 0;
	for (uint32_t i = t0; i < t1 && n < 16; i++) {
		if (!is_cap(c, i))
			continue;
		char ch = c->doc->text[c->tok[i].start];
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 32);
		out[n++] = ch;
	}
	return n;
}

/* True when token i is an acronym (2-8 letters, all uppercase). */
static bool is_acronym(const cr_ctx *c, uint32_t i)
{
	size_t n;
	const char *s = ttext(c, i, &n);
	if (!is_word(c, i) || n < 2 || n > 8)
		return false;
	for (size_t k = 0; k < n; k++)
		if (!(s[k] >= 'A' && s[k] <= 'Z') && s[k] != '.')
			return false;
	return true;
}

static bool acronym_of(const cr_ctx *c, uint32_t acr, uint32_t t0, uint32_t t1)
{
	char ini[16];
	size_t n = initials(c, t0, t1, ini), an;
	const char *s = ttext(c, acr, &an);
	size_t k = 0;
	for (size_t i = 0; i < an; i++) {
		if (s[i] == '.')
			continue;
		if (k >= n || ini[k] != s[i])
			return false;
		k++;
	}
	return n >= 2 && k == n;
}

/* True for a country's ISO name or an acronym ("US"): the forms merged by
** country code. "West Bank" and "Palestine" share a code but are not one. */
static bool country_form(const cr_ctx *c, uint32_t t0, uint32_t t1)
{
	return (t1 - t0 == 1 && is_acronym(c, t0)) || (span_lex(c, t0, t1) & NG_LX_ISO);
}

/* The non-person entity span s refers to, or -1. Sets *longer as above and
** *partial when the span is an acronym or a shorter form. */
static int32_t match_other(const cr_ctx *c, const cr_span *s, uint32_t country, bool *longer,
			   bool *partial)
{
	uint32_t a[NG_COREF_MAX_NAME], b[NG_COREF_MAX_NAME];
	uint32_t na = words_of(c, s->t0, s->t1, a);
	*longer = *partial = false;
	if (!na)
		return -1;
	uint32_t lo = c->ncl > NG_COREF_SEARCH ? c->ncl - NG_COREF_SEARCH : 0;
	int32_t best = -1;
	int best_score = 0;
	for (uint32_t i = c->ncl; i-- > lo;) {
		const cr_cluster *k = &c->cl[i];
		if (k->type == NG_ENT_PER)
			continue;
		uint32_t nb = words_of(c, k->c0, k->c1, b);
		int score = 0;
		bool lg = false, pt = false;
		if (same_words(a, na, b, nb)) {
			score = 6;
		} else if (country && k->country == country && k->type == s->type &&
			   (k->type == NG_ENT_MISC ||
			    (country_form(c, s->t0, s->t1) && country_form(c, k->c0, k->c1)))) {
			score = 5;
			lg = na > nb;
			pt = !lg;
		} else if (k->type == NG_ENT_ORG || s->type == NG_ENT_ORG) {
			if (na == 1 && k->alias == a[0]) {
				score = 4;
				pt = true;
			} else if (na == 1 && is_acronym(c, s->t0) && acronym_of(c, s->t0, k->c0, k->c1)) {
				score = 3;
				pt = true;
			} else if (nb == 1 && k->words == 1 && is_acronym(c, k->c0) &&
				   acronym_of(c, k->c0, s->t0, s->t1)) {
				score = 3;
				lg = true;
			} else if (na > 1 && k->alias) {
				for (uint32_t w = 0; w < na; w++)
					if (a[w] == k->alias)
						score = 2;
			} else if (na < nb && !memcmp(a, b + (nb - na), na * sizeof(uint32_t)) &&
				   is_cap(c, s->t0)) {
				score = 1; /* a suffix: "Islamic Jihad" */
				pt = true;
			}
		}
		if (score > best_score) {
			best = (int32_t)i;
			best_score = score;
			*longer = lg;
			*partial = pt;
		}
	}
	return best;
}

/* "Leader of Palestinian Islamic Jihad" with the organization untagged or
** split into pieces: the words after "of" become one organization entity. */
static ng_status promote_affiliation(cr_ctx *c, int32_t per, const cr_title *t)
{
	cr_cluster *pk = &c->cl[per];
	if (!t->aff_t1 || pk->aff_t0 != t->aff_t0 || pk->aff_t1 != t->aff_t1)
		return NG_OK;
	cr_span tmp = {t->aff_t0, t->aff_t1, NG_ENT_ORG, -1};
	bool longer, partial;
	int32_t k = match_other(c, &tmp, 0, &longer, &partial);
	if (k >= 0 && (c->cl[k].type != NG_ENT_ORG || partial || longer))
		k = -1;
	if (k < 0 && (k = new_cluster(c, NG_ENT_ORG, t->aff_t0, t->aff_t1)) < 0)
		return NG_ELIMIT;
	for (uint32_t i = c->nm; i-- > 0;) { /* mentions are in text order here */
		cr_mention *m = &c->m[i];
		if (m->t1 <= t->aff_t0)
			break;
		if (m->cl >= 0 && m->t0 < t->aff_t1 && m->t1 > t->aff_t0) {
			c->cl[m->cl].n_mentions--;
			m->cl = -1;
		}
	}
	ng_status st = add_mention(c, t->aff_t0, t->aff_t1, k, NG_MENTION_NAME);
	if (st != NG_OK)
		return st;
	pk = &c->cl[per];
	pk->aff_cl = k;
	pk->aff_t0 = pk->aff_t1 = 0;
	return NG_OK;
}

/* ---- passes */

static ng_status build_spans(cr_ctx *c)
{
	const uint8_t *tags = c->doc->ner_tags;
	c->sp = ng_arena_alloc(c->scr, ((size_t)c->nt + 1) * sizeof(cr_span));
	if (!c->sp)
		return NG_ENOMEM;
	int open = -1;
	for (uint32_t i = 0; i < c->nt; i++) {
		unsigned g = tags ? tags[i] : NG_NER_O;
		if (g == NG_NER_O || g >= NG_NER_NTAGS) {
			open = -1;
			continue;
		}
		int type = (int)(g - 1) / 2;
		bool begin = (g - 1) % 2 == 0;
		if (open == type && !begin && !(c->tok[i].flags & NG_TF_SENT_START)) {
			c->sp[c->ns - 1].t1 = i + 1;
			continue;
		}
		if (c->ns >= c->nt + 1)
			return NG_ELIMIT;
		c->sp[c->ns++] = (cr_span){i, i + 1, (uint8_t)type, -1};
		open = type;
	}
	for (uint32_t s = 0; s < c->ns; s++) {
		cr_span *p = &c->sp[s];
		while (p->t0 < p->t1 && (!is_word(c, p->t0) || teq(c, p->t0, "the")))
			p->t0++;
		while (p->t1 > p->t0) {
			uint32_t k = clitic_at(c, p->t1 - 1);
			if (k && p->t1 - p->t0 > k)
				p->t1 -= k;
			else if (!is_word(c, p->t1 - 1) && !tis(c, p->t1 - 1, ")"))
				p->t1--;
			else
				break;
		}
		if (p->type != NG_ENT_PER && p->t1 - p->t0 >= 3) {
			/* "US President Barack Obama" typed ORG: a title word followed
			** by a given name and capitalized words is a titled person */
			for (uint32_t i = p->t1 - 2; i > p->t0; i--) {
				if (!(c->lxv[i - 1] & (NG_LX_HEAD | NG_LX_RANK | NG_LX_HONOR)) ||
				    !(c->lxv[i] & NG_LX_GIVEN) || !is_cap(c, i - 1))
					continue;
				bool caps = true;
				for (uint32_t k = i; k < p->t1; k++)
					caps &= is_cap(c, k);
				if (caps) {
					p->t0 = i;
					p->type = NG_ENT_PER;
				}
				break;
			}
		}
		if (p->type == NG_ENT_PER) {
			/* "Labour's Shadow Home Secretary Yvette Cooper": the name
			** starts after the possessive */
			for (uint32_t i = p->t1; i-- > p->t0 + 1;)
				if (clitic_at(c, i)) {
					p->t0 = i + 1;
					break;
				}
			while (p->t1 - p->t0 > 1 && (c->lxv[p->t0] & (NG_LX_TITLE_WORD | NG_LX_DEMONYM)) &&
			       !(c->lxv[p->t0] & NG_LX_GIVEN))
				p->t0++;
			if (p->t1 - p->t0 == 1 && (c->lxv[p->t0] & NG_LX_TITLE_WORD) &&
			    !(c->lxv[p->t0] & NG_LX_GIVEN))
				p->type = 255;
		}
		if (p->t0 >= p->t1)
			p->type = 255;
		if (p->type != 255)
			for (uint32_t i = p->t0; i < p->t1; i++)
				c->span_of[i] = (int32_t)s;
	}
	return NG_OK;
}

static ng_status cluster_spans(cr_ctx *c)
{
	for (uint32_t s = 0; s < c->ns; s++) {
		cr_span *p = &c->sp[s];
		if (p->type == 255)
			continue;
		bool longer = false, partial = false, exact = false;
		int32_t k = -1;
		uint32_t v = span_lex(c, p->t0, p->t1);
		uint32_t country = 0;
		uint8_t is_country = 0;
		if (p->type != NG_ENT_PER) {
			if (v & NG_LX_COUNTRY)
				p->type = NG_ENT_LOC;
			else if (v & NG_LX_DEMONYM)
				p->type = NG_ENT_MISC;
			else if (v & NG_LX_ORG)
				p->type = NG_ENT_ORG;
			if (v & (NG_LX_COUNTRY | NG_LX_DEMONYM))
				country = NG_LX_COUNTRY_IDX(v), is_country = 1;
			/* "Iranian Parliament", "Afghan Army": the country of a national body */
			else if (p->type == NG_ENT_ORG && p->t1 - p->t0 > 1 &&
				 (c->lxv[p->t0] & (NG_LX_COUNTRY | NG_LX_DEMONYM)))
				country = NG_LX_COUNTRY_IDX(c->lxv[p->t0]);
			/* a mistyped repeat of a person's name */
			if (!v && (p->t1 - p->t0 == 1 || is_cap(c, p->t0))) {
				k = match_person(c, p->t0, p->t1, &longer, &exact);
				if (k >= 0 && !exact && p->t1 - p->t0 > 1)
					k = -1;
				if (k >= 0 && !exact && longer)
					k = -1;
				if (k >= 0 && !exact) {
					uint32_t b[NG_COREF_MAX_NAME];
					uint32_t nb = words_of(c, c->cl[k].c0, c->cl[k].c1, b);
					if (!nb || b[nb - 1] != c->th[p->t0])
						k = -1; /* only a surname */
				}
				if (k >= 0) {
					p->type = NG_ENT_PER;
					partial = !exact;
				}
			}
			if (k < 0)
				k = match_other(c, p, country, &longer, &partial);
		} else {
			k = match_person(c, p->t0, p->t1, &longer, &exact);
			partial = k >= 0 && !exact && !longer;
		}
		if (k < 0) {
			k = new_cluster(c, p->type, p->t0, p->t1);
			if (k < 0)
				return NG_ELIMIT;
			c->cl[k].country = country;
			c->cl[k].is_country = is_country && country;
		} else if (longer) {
			set_canonical(c, &c->cl[k], p->t0, p->t1);
			if (country && !c->cl[k].country)
				c->cl[k].country = country;
		}
		p->cl = k;
		ng_status st = add_mention(c, p->t0, p->t1, k,
					   partial ? NG_MENTION_PARTIAL : NG_MENTION_NAME);
		if (st != NG_OK)
			return st;
		if (p->type == NG_ENT_PER) {
			cr_title t;
			title_left(c, p->t0, &t);
			if ((st = attach_title(c, k, &t)) != NG_OK ||
			    (st = promote_affiliation(c, k, &t)) != NG_OK)
				return st;
			continue;
		}
		/* an acronym in parentheses: "Resistance Movement (Hamas)" */
		uint32_t e = p->t1;
		if (e + 2 < c->nt && tis(c, e, "(") && tis(c, e + 2, ")") && is_cap(c, e + 1) &&
		    !c->cl[k].alias && !(c->tf[e + 1] & TF_MENT)) {
			c->cl[k].alias = c->th[e + 1];
			int32_t sp = c->span_of[e + 1];
			if (sp < 0) {
				if ((st = add_mention(c, e + 1, e + 2, k, NG_MENTION_PARTIAL)) != NG_OK)
					return st;
			}
		}
	}
	return NG_OK;
}

/* Appositive titles, once every span has its entity (for the affiliation). */
static ng_status appositives(cr_ctx *c)
{
	for (uint32_t s = 0; s < c->ns; s++) {
		const cr_span *p = &c->sp[s];
		if (p->type != NG_ENT_PER || p->cl < 0)
			continue;
		cr_title t;
		title_right(c, p->t1, &t);
		ng_status st = attach_title(c, p->cl, &t);
		if (st != NG_OK)
			return st;
	}
	return NG_OK;
}

/* Acronyms and surnames repeated where the tagger found no entity. */
static ng_status scan_untagged(cr_ctx *c)
{
	enum { NA = 256 };
	uint32_t key[NA];
	int32_t val[NA];
	memset(key, 0, sizeof key);
	uint32_t n = 0;
	for (uint32_t i = 0; i < c->ncl && n < NA / 2; i++) {
		const cr_cluster *k = &c->cl[i];
		uint32_t h = 0;
		if (k->type == NG_ENT_ORG && k->alias)
			h = k->alias;
		else if (k->type == NG_ENT_PER && k->words >= 2) {
			uint32_t b[NG_COREF_MAX_NAME];
			uint32_t nb = words_of(c, k->c0, k->c1, b);
			h = b[nb - 1];
		}
		if (!h)
			continue;
		uint32_t slot = h & (NA - 1);
		while (key[slot] && key[slot] != h)
			slot = (slot + 1) & (NA - 1);
		if (key[slot] == h) {
			val[slot] = -1; /* two entities share it: ambiguous */
			continue;
		}
		key[slot] = h;
		val[slot] = (int32_t)i;
		n++;
	}
	if (!n)
		return NG_OK;
	for (uint32_t i = 0; i < c->nt; i++) {
		if (!c->th[i] || !is_cap(c, i) || c->span_of[i] >= 0 || (c->tf[i] & (TF_MENT | TF_TITLE)))
			continue;
		uint32_t h = c->th[i];
		uint32_t slot = h & (NA - 1);
		while (key[slot] && key[slot] != h)
			slot = (slot + 1) & (NA - 1);
		if (key[slot] != h || val[slot] < 0)
			continue;
		/* not part of a longer capitalized name */
		if ((i + 1 < c->nt && is_cap(c, i + 1) && !(c->tok[i + 1].flags & NG_TF_SENT_START)) ||
		    (i > 0 && is_cap(c, i - 1) && !(c->tok[i].flags & NG_TF_SENT_START) &&
		     !(c->lxv[i - 1] & NG_LX_TITLE_WORD)))
			continue;
		ng_status st = add_mention(c, i, i + 1, val[slot], NG_MENTION_PARTIAL);
		if (st != NG_OK)
			return st;
	}
	return NG_OK;
}

static int cmp_mention(const void *a, const void *b)
{
	const cr_mention *x = a, *y = b;
	return x->t0 < y->t0 ? -1 : x->t0 > y->t0 ? 1 : 0;
}

static bool compatible(const cr_ctx *c, int32_t cl, uint8_t gender)
{
	if (cl < 0 || c->cl[cl].type != NG_ENT_PER)
		return false;
	return c->cl[cl].gender == GEN_NONE || c->cl[cl].gender == gender;
}

/* Notes a mention (in text order) for later pronouns: the sentence subject
** is its first person or organization mention outside quotations, title
** phrases and prepositional phrases. */
static void activate(cr_ctx *c, const cr_mention *m)
{
	if (m->cl < 0)
		return;
	const cr_cluster *k = &c->cl[m->cl];
	if (k->type != NG_ENT_PER && k->type != NG_ENT_ORG)
		return;
	uint32_t s = c->sent[m->t0];
	bool possessor = m->t1 < c->nt && (clitic_at(c, m->t1) == 1 ||
					    (m->t1 + 1 < c->nt && clitic_at(c, m->t1 + 1) == 2));
	if (c->subj[s] == -1 && !(c->tf[m->t0] & (TF_QUOTE | TF_TITLE)) && m->kind != MK_PRON_NONSUBJ &&
	    !possessor &&
	    !(m->t0 > 0 && c->sent[m->t0 - 1] == s && is_prep(c, m->t0 - 1)))
		c->subj[s] = m->cl;
	if (k->type == NG_ENT_PER) {
		c->recent[c->n_recent % RECENT] = (cr_recent){m->cl, s, m->t0};
		c->n_recent++;
	}
	c->last = (cr_recent){m->cl, s, m->t0};
}

static const char *const not_nouns[] = {
	"and", "or", "but", "to", "in", "on", "at", "of", "for", "with", "by", "from", "as", "that",
	"which", "who", "is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would",
	"can", "could", "may", "might", "should", "must", "said", "says", "say", "also", "does", "did",
	"do", "not", "told", "its", "their", "itself", "themselves", "then", "now", "still", NULL};

/* True when token i (after a name) looks like the noun the name modifies:
** a lowercase word that is not a function word, auxiliary or -ed verb. */
static bool modifies_noun(const cr_ctx *c, uint32_t i)
{
	if (c->tok[i].kind != NG_TOK_WORD || is_cap(c, i))
		return false;
	size_t n;
	const char *w = ttext(c, i, &n);
	if (n > 2 && w[n - 2] == 'e' && w[n - 1] == 'd')
		return false;
	for (size_t k = 0; not_nouns[k]; k++)
		if (teq(c, i, not_nouns[k]))
			return false;
	return true;
}

/* its/their: the organization just mentioned in the same sentence; it/they:
** the organization that is the sentence's subject, with no person between. */
static int32_t resolve_org_pronoun(const cr_ctx *c, uint32_t i, int role)
{
	uint32_t s = c->sent[i];
	if (c->last.cl < 0 || c->last.sent != s)
		return -1;
	/* "People of Palestine and Hamas ... their": a conjunction, not Hamas */
	if (c->last.tok > 0 && (teq(c, c->last.tok - 1, "and") || teq(c, c->last.tok - 1, "or")))
		return -1;
	if (role == PR_POSS) {
		/* not when the name only modifies a noun: "Immortals player" */
		uint32_t end = c->last.tok;
		while (end < c->nt && (c->tf[end] & TF_MENT) && c->sent[end] == s)
			end++;
		if (end < i && (modifies_noun(c, end) || teq(c, end, "and") || teq(c, end, "or")))
			return -1;
		return c->cl[c->last.cl].type == NG_ENT_ORG && i - c->last.tok <= 12 ? c->last.cl : -1;
	}
	int32_t subj = c->subj[s];
	if (subj < 0 || c->cl[subj].type != NG_ENT_ORG || subj != c->last.cl)
		return -1;
	uint32_t end = c->last.tok;
	while (end < c->nt && (c->tf[end] & TF_MENT) && c->sent[end] == s)
		end++;
	if (end < i && (modifies_noun(c, end) || teq(c, end, "and") || teq(c, end, "or")))
		return -1;
	if (c->n_recent && c->recent[(c->n_recent - 1) % RECENT].sent == s)
		return -1;
	return subj;
}

static int32_t resolve_pronoun(const cr_ctx *c, uint32_t i, uint8_t gender, int role)
{
	uint32_t s = c->sent[i];
	uint32_t lo = s > NG_COREF_WINDOW ? s - NG_COREF_WINDOW : 0;
	uint32_t nr = c->n_recent < RECENT ? c->n_recent : RECENT;
	int32_t skip = -1;
	if (role == PR_OBJ && nr && c->recent[(c->n_recent - 1) % RECENT].sent == s) {
		/* "X thanked him": not X, unless a clause boundary lies between
		** ("X contacted members, who helped him") */
		const cr_recent *e = &c->recent[(c->n_recent - 1) % RECENT];
		bool boundary = i - e->tok > 40;
		for (uint32_t k = e->tok + 1; k < i && !boundary; k++)
			boundary = tis(c, k, ",") || tis(c, k, ";") || teq(c, k, "who") ||
				   teq(c, k, "that") || teq(c, k, "which") || teq(c, k, "and") ||
				   teq(c, k, "but");
		if (!boundary)
			skip = e->cl;
	}
	if (role != PR_SUBJ) {
		for (uint32_t r = 0; r < nr; r++) {
			const cr_recent *e = &c->recent[(c->n_recent - 1 - r) % RECENT];
			if (e->sent != s)
				break;
			if (e->cl != skip && compatible(c, e->cl, gender))
				return e->cl;
		}
	}
	if (c->subj[s] != skip && compatible(c, c->subj[s], gender))
		return c->subj[s];
	for (uint32_t t = s; t-- > lo;)
		if (c->subj[t] != skip && compatible(c, c->subj[t], gender))
			return c->subj[t];
	for (uint32_t r = 0; r < nr; r++) {
		const cr_recent *e = &c->recent[(c->n_recent - 1 - r) % RECENT];
		if (e->sent < lo)
			break;
		if (e->cl != skip && compatible(c, e->cl, gender))
			return e->cl;
	}
	return -1;
}

static const struct {
	const char *w;
	uint8_t gender;
	uint8_t role;
} pronouns[] = {
	{"he", GEN_M, PR_SUBJ},      {"she", GEN_F, PR_SUBJ},     {"his", GEN_M, PR_POSS},
	{"her", GEN_F, PR_POSS},     {"hers", GEN_F, PR_POSS},    {"him", GEN_M, PR_OBJ},
	{"himself", GEN_M, PR_POSS}, {"herself", GEN_F, PR_POSS},
	{"its", GEN_ORG, PR_POSS},   {"their", GEN_ORG, PR_POSS}, {"it", GEN_ORG, PR_SUBJ},
	{"they", GEN_ORG, PR_SUBJ},
};

/* "the speaker", "Iranian Parliament Speaker" (with no name after it): the
** most recent person holding a title with the same head word. */
static int32_t title_mention(cr_ctx *c, uint32_t i, uint32_t *t0)
{
	if (!(c->lxv[i] & (NG_LX_HEAD | NG_LX_RANK)) || c->tok[i].kind != NG_TOK_WORD)
		return -1;
	if (i + 1 < c->nt && (is_cap(c, i + 1) || tis(c, i + 1, "-")) &&
	    !(c->tok[i + 1].flags & NG_TF_SENT_START))
		return -1;
	uint32_t start;
	cr_title t;
	if (is_cap(c, i) && !(c->tok[i].flags & NG_TF_SENT_START)) {
		title_left(c, i + 1, &t);
		if (t.t0 == t.t1)
			return -1;
		start = t.t0;
	} else {
		start = i;
		while (start > 0 && c->span_of[start - 1] < 0 && is_word(c, start - 1) &&
		       (c->lxv[start - 1] & (NG_LX_MOD | NG_LX_QUAL | NG_LX_DEMONYM)) &&
		       !(c->lxv[start - 1] & NG_LX_HEAD))
			start--;
		if (start == 0 || !teq(c, start - 1, "the"))
			return -1;
	}
	if (start > 0 && teq(c, start - 1, "the"))
		start--;
	int32_t best = -1;
	uint32_t best_last = 0;
	uint32_t lo = c->ncl > NG_COREF_SEARCH ? c->ncl - NG_COREF_SEARCH : 0;
	for (uint32_t k = c->ncl; k-- > lo;) {
		const cr_cluster *e = &c->cl[k];
		if (e->type != NG_ENT_PER || e->first_tok > i)
			continue;
		for (uint8_t h = 0; h < e->n_heads; h++)
			if (e->heads[h] == c->th[i] && (best < 0 || e->last_tok > best_last)) {
				best = (int32_t)k;
				best_last = e->last_tok;
			}
	}
	*t0 = start;
	return best;
}

/* "the agency" after "International Atomic Energy Agency": a lowercase
** organization noun after "the" that is a word of a recent organization's
** name (within NG_COREF_WINDOW * 4 sentences) stands for it. */
static int32_t org_noun_mention(const cr_ctx *c, uint32_t i, uint32_t *t0)
{
	if (!(c->lxv[i] & NG_LX_ORGNOUN) || is_cap(c, i) || i == 0 || !teq(c, i - 1, "the"))
		return -1;
	if (i + 1 < c->nt && is_word(c, i + 1) && modifies_noun(c, i + 1))
		return -1; /* "the agency chief" */
	uint32_t s = c->sent[i];
	int32_t best = -1;
	uint32_t best_last = 0, w[NG_COREF_MAX_NAME];
	uint32_t lo = c->ncl > NG_COREF_SEARCH ? c->ncl - NG_COREF_SEARCH : 0;
	for (uint32_t k = c->ncl; k-- > lo;) {
		const cr_cluster *e = &c->cl[k];
		if (e->type != NG_ENT_ORG || !e->n_mentions || e->last_tok > i ||
		    c->sent[e->last_tok] + NG_COREF_WINDOW * 4 < s)
			continue;
		uint32_t n = words_of(c, e->c0, e->c1, w);
		for (uint32_t j = 0; j < n; j++)
			if (w[j] == c->th[i] && (best < 0 || e->last_tok > best_last)) {
				best = (int32_t)k;
				best_last = e->last_tok;
			}
	}
	*t0 = i - 1;
	return best;
}

static ng_status link_pronouns_titles(cr_ctx *c)
{
	uint32_t n_named = c->nm, k = 0;
	for (uint32_t i = 0; i < c->nt; i++) {
		while (k < n_named && c->m[k].t0 <= i) {
			if (c->m[k].t0 == i)
				activate(c, &c->m[k]);
			k++;
		}
		if (c->tok[i].kind != NG_TOK_WORD || (c->tf[i] & (TF_MENT | TF_TITLE)) ||
		    c->span_of[i] >= 0)
			continue;
		int32_t cl = -1;
		uint32_t t0 = i;
		uint8_t kind = NG_MENTION_PRONOUN;
		for (size_t p = 0; p < sizeof pronouns / sizeof pronouns[0]; p++) {
			if (teq(c, i, pronouns[p].w)) {
				if (pronouns[p].role != PR_SUBJ)
					kind = MK_PRON_NONSUBJ;
				if (pronouns[p].gender == GEN_ORG)
					cl = resolve_org_pronoun(c, i, pronouns[p].role);
				else
					cl = resolve_pronoun(c, i, pronouns[p].gender, pronouns[p].role);
				if (cl >= 0 && c->cl[cl].type == NG_ENT_PER && c->cl[cl].gender == GEN_NONE)
					c->cl[cl].gender = pronouns[p].gender;
				goto found;
			}
		}
		cl = title_mention(c, i, &t0);
		if (cl < 0)
			cl = org_noun_mention(c, i, &t0);
		kind = NG_MENTION_TITLE;
found:
		if (cl < 0)
			continue;
		ng_status st = add_mention(c, t0, i + 1, cl, kind);
		if (st != NG_OK)
			return st;
		activate(c, &c->m[c->nm - 1]);
	}
	return NG_OK;
}

static int cmp_cluster_first(const void *a, const void *b)
{
	const cr_cluster *const *x = a, *const *y = b;
	return (*x)->first_tok < (*y)->first_tok ? -1 : (*x)->first_tok > (*y)->first_tok ? 1 : 0;
}

/* A consonant skeleton of a name for its key: lowercase ASCII, common Latin
** accents folded, "al-"/"el-" dropped, gh -> q, kh -> k, ph -> f, vowels
** after a word's first letter dropped and doubled letters collapsed, so that
** transliterations meet ("Qalibaf" = "Ghalibaf", "Mohammad" = "Muhammad").
** Writes at most cap - 1 bytes and a NUL. */
static size_t name_skeleton(const char *s, char *out, size_t cap)
{
	static const char fold[64] = "aaaaaaaceeeeiiiidnooooo ouuuuyts" "aaaaaaaceeeeiiiidnooooo ouuuuyty";
	size_t o = 0;
	int word_start = 1;
	char prev = 0;
	for (size_t i = 0; s[i] && o + 1 < cap; i++) {
		unsigned char b = (unsigned char)s[i];
		char ch;
		if (b == 0xc3 && s[i + 1] && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] < 0xc0) {
			ch = fold[(unsigned char)s[++i] - 0x80];
		} else if (b >= 0x80) {
			continue; /* other scripts and marks: not part of the skeleton */
		} else {
			ch = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
		}
		if (ch == ' ' || ch == '-') {
			/* "al-Assad", "el Sisi": the article is dropped */
			if (o >= 2 && word_start == 0 && (o == 2 || out[o - 3] == ' ') &&
			    (!strncmp(out + o - 2, "al", 2) || !strncmp(out + o - 2, "el", 2) ||
			     !strncmp(out + o - 2, "ad", 2) || !strncmp(out + o - 2, "as", 2)))
				o -= 2;
			else if (o && out[o - 1] != ' ')
				out[o++] = ' ';
			word_start = 1;
			prev = 0;
			continue;
		}
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')))
			continue;
		if (ch == 'h' && (prev == 'g' || prev == 'k' || prev == 'p')) {
			out[o - 1] = prev == 'g' ? 'q' : prev == 'p' ? 'f' : 'k';
			prev = out[o - 1];
			continue;
		}
		int vowel = strchr("aeiouy", ch) != NULL;
		if (word_start) {
			out[o++] = vowel ? 'a' : ch;
			word_start = 0;
		} else if (!vowel && ch != prev) {
			out[o++] = ch;
		}
		prev = ch;
	}
	while (o && out[o - 1] == ' ')
		o--;
	out[o] = 0;
	return o;
}

/* The entity's key, the same for the same thing in any article: a country
** and its adjective share "country:IRN"; other names "per:", "org:",
** "loc:", "misc:" and the name's skeleton (docs/schema.md). */
static const char *entity_key(cr_ctx *c, const cr_cluster *k, const char *name)
{
	static const char *const pre[] = {"per", "org", "loc", "misc"};
	char buf[160];
	const char *code = k->is_country ? ng_coref_lex_country_code(c->lx, k->country) : NULL;
	if (code)
		snprintf(buf, sizeof buf, "country:%s", code);
	else {
		size_t n = (size_t)snprintf(buf, sizeof buf, "%s:", pre[k->type & 3]);
		name_skeleton(name, buf + n, sizeof buf - n);
	}
	size_t n = strlen(buf);
	char *d = ng_arena_alloc(c->doc->arena, n + 1);
	if (d)
		memcpy(d, buf, n + 1);
	return d;
}

static ng_status emit(cr_ctx *c)
{
	ng_doc *d = c->doc;
	if (c->nm)
		qsort(c->m, c->nm, sizeof(cr_mention), cmp_mention);
	cr_cluster **order = ng_arena_alloc(c->scr, ((size_t)c->ncl + 1) * sizeof(*order));
	if (!order)
		return NG_ENOMEM;
	uint32_t ne = 0;
	for (uint32_t i = 0; i < c->ncl; i++)
		if (c->cl[i].n_mentions)
			order[ne++] = &c->cl[i];
	qsort(order, ne, sizeof(*order), cmp_cluster_first);
	ng_entity *ents = ng_arena_alloc(d->arena, ((size_t)ne + 1) * sizeof(ng_entity));
	ng_mention *ms = ng_arena_alloc(d->arena, ((size_t)c->nm + 1) * sizeof(ng_mention));
	if (!ents || !ms)
		return NG_ENOMEM;
	size_t off = 0;
	for (uint32_t e = 0; e < ne; e++) {
		cr_cluster *k = order[e];
		k->out = (int32_t)e;
		ng_entity *x = &ents[e];
		memset(x, 0, sizeof(*x));
		x->id = e;
		x->type = k->type;
		x->mentions = ms + off;
		off += k->n_mentions;
		x->n_mentions = 0;
		x->titles = NULL;
		if (k->n_titles) {
			const char **t = ng_arena_alloc(d->arena, k->n_titles * sizeof(char *));
			if (!t)
				return NG_ENOMEM;
			memcpy(t, k->titles, k->n_titles * sizeof(char *));
			x->titles = t;
			x->n_titles = k->n_titles;
		}
	}
	/* names after all entities have their canonical form */
	for (uint32_t e = 0; e < ne; e++) {
		cr_cluster *k = order[e];
		ng_entity *x = &ents[e];
		if (!(x->name = copy_range(c, k->c0, k->c1)))
			return NG_ENOMEM;
	}
	for (uint32_t e = 0; e < ne; e++) {
		cr_cluster *k = order[e];
		ng_entity *x = &ents[e];
		uint32_t country = k->type == NG_ENT_PER ? k->aff_country : k->country;
		if (k->aff_cl >= 0 && c->cl[k->aff_cl].out >= 0) {
			x->affiliation = ents[c->cl[k->aff_cl].out].name;
			if (!country && c->cl[k->aff_cl].type == NG_ENT_LOC)
				country = c->cl[k->aff_cl].country;
		} else if (k->aff_t1) {
			if (!(x->affiliation = copy_range(c, k->aff_t0, k->aff_t1)))
				return NG_ENOMEM;
		} else if (k->aff_country) {
			x->affiliation = ng_coref_lex_country_name(c->lx, k->aff_country);
		}
		x->country = ng_coref_lex_country_code(c->lx, country);
		if (!(x->key = entity_key(c, k, x->name)))
			return NG_ENOMEM;
	}
	uint32_t b[NG_COREF_MAX_NAME], a[NG_COREF_MAX_NAME];
	for (uint32_t i = 0; i < c->nm; i++) {
		const cr_mention *m = &c->m[i];
		if (m->cl < 0)
			continue; /* dropped by promote_affiliation() */
		cr_cluster *k = &c->cl[m->cl];
		ng_entity *x = &ents[k->out];
		uint16_t kind = m->kind == MK_PRON_NONSUBJ ? NG_MENTION_PRONOUN : m->kind;
		if (kind == NG_MENTION_NAME || kind == NG_MENTION_PARTIAL) {
			uint32_t na = words_of(c, m->t0, m->t1, a);
			uint32_t nb = words_of(c, k->c0, k->c1, b);
			kind = same_words(a, na, b, nb) ? NG_MENTION_NAME : NG_MENTION_PARTIAL;
		}
		x->mentions[x->n_mentions++] = (ng_mention){c->tok[m->t0].start, c->tok[m->t1 - 1].end,
							    kind, 0};
	}
	d->entities = ents;
	d->n_entities = ne;
	return NG_OK;
}

/* The work of ng_coref_resolve(), its scratch in `ar`. */
static ng_status resolve(const ng_coref_lex *lx, ng_doc *doc, ng_arena *ar)
{
	cr_ctx c;
	memset(&c, 0, sizeof c);
	c.lx = lx;
	c.doc = doc;
	c.scr = ar;
	c.last.cl = -1;
	c.tok = doc->tokens;
	c.nt = (uint32_t)doc->n_tokens;
	size_t nt = c.nt;
	c.th = ng_arena_alloc(ar, nt * sizeof(uint32_t));
	c.lxv = ng_arena_alloc(ar, nt * sizeof(uint32_t));
	c.sent = ng_arena_alloc(ar, nt * sizeof(uint32_t));
	c.tf = ng_arena_alloc(ar, nt);
	c.span_of = ng_arena_alloc(ar, nt * sizeof(int32_t));
	c.subj = ng_arena_alloc(ar, (doc->n_sentences + 1) * sizeof(int32_t));
	c.cap_cl = c.nt + 1;
	c.cl = ng_arena_alloc(ar, (size_t)c.cap_cl * sizeof(cr_cluster));
	if (!c.th || !c.lxv || !c.sent || !c.tf || !c.span_of || !c.subj || !c.cl)
		return NG_ENOMEM;
	memset(c.tf, 0, nt);
	uint32_t s = 0;
	bool quote = false;
	for (uint32_t i = 0; i < c.nt; i++) {
		const ng_token *t = &c.tok[i];
		while (doc->sentence_tok && s + 1 < doc->n_sentences && doc->sentence_tok[s + 1] <= i)
			s++;
		c.sent[i] = s;
		c.span_of[i] = -1;
		if (t->flags & NG_TF_PARA_BEFORE)
			quote = false;
		if (t->kind == NG_TOK_QUOTE && (t->flags & NG_TF_QUOTE_OPEN))
			quote = true;
		if (quote)
			c.tf[i] |= TF_QUOTE;
		if (t->kind == NG_TOK_QUOTE && (t->flags & NG_TF_QUOTE_CLOSE))
			quote = false;
		if (t->kind == NG_TOK_WORD || t->kind == NG_TOK_ABBREV) {
			c.th[i] = word_hash(doc->text + t->start, t->end - t->start);
			c.lxv[i] = ng_coref_lex_get(lx, doc->text + t->start, t->end - t->start);
		} else {
			c.th[i] = 0;
			c.lxv[i] = 0;
		}
	}
	for (size_t k = 0; k <= doc->n_sentences; k++)
		c.subj[k] = -1;
	ng_status st;
	if ((st = build_spans(&c)) != NG_OK || (st = cluster_spans(&c)) != NG_OK ||
	    (st = appositives(&c)) != NG_OK || (st = scan_untagged(&c)) != NG_OK)
		return st;
	if (c.nm)
		qsort(c.m, c.nm, sizeof(cr_mention), cmp_mention);
	if ((st = link_pronouns_titles(&c)) != NG_OK)
		return st;
	return emit(&c);
}

ng_status ng_coref_resolve(const ng_coref_lex *lx, ng_doc *doc)
{
	if (!lx || !doc)
		return NG_EUSAGE;
	doc->entities = NULL;
	doc->n_entities = 0;
	if (!doc->ner_tags || !doc->n_tokens)
		return NG_OK;
	if (doc->n_tokens >= UINT32_MAX / 2)
		return NG_ELIMIT;
	/* the work space (token tables, spans, clusters, mentions) lives in an
	** arena of its own, freed on return: the document keeps only the
	** entities, mentions and names emit() writes to its arena */
	ng_arena *ar = ng_arena_create(CR_SCRATCH_FIRST, CR_SCRATCH_CAP);
	if (!ar)
		return NG_ENOMEM;
	ng_status st = resolve(lx, doc, ar);
	ng_arena_destroy(ar);
	return st;
}

/* ---- the stage */

static ng_status coref_init(const ng_config *cfg, void **state, char *err, size_t errlen)
{
	ng_coref_lex *lx = ng_coref_lex_load(ng_stage_data_dir(cfg), err, errlen);
	if (!lx)
		return NG_EIO;
	*state = lx;
	return NG_OK;
}

static ng_status coref_process(const void *state, ng_doc *doc)
{
	return ng_coref_resolve(state, doc);
}

static void coref_destroy(void *state)
{
	ng_coref_lex_free(state);
}

const ng_stage ng_stage_coref = {
	.name = "coref",
	.requires = NG_F_TEXT | NG_F_TOKENS | NG_F_SENTENCES | NG_F_NER_TAGS,
	.optional = 0,
	.assigns = NG_F_ENTITIES,
	.init = coref_init,
	.process = coref_process,
	.destroy = coref_destroy,
};
