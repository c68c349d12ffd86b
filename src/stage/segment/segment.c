/*
** segment.c -- tokenizer and sentence splitter for news text.
**
** Tokenizing is one pass over the bytes, switching on a 256-entry class
** table for ASCII and on Unicode categories (utf8proc) for the rest:
**   - words keep inner hyphens (al-Nakhalah), inner apostrophes (O'Brien)
**     and inner periods (U.S., a.m., example.com); English clitics split
**     off ('s ’s n't 're 've 'll 'd 'm) as in the Penn Treebank;
**   - numbers keep inner separators (3.5, 1,000, 12:30, 1990-91);
**   - a known abbreviation (Mr. Lt. Gen.), an initial (F.) or a dotted
**     acronym (U.S.) keeps its final period (NG_TOK_ABBREV);
**   - "..." and runs of dashes are one token; every other mark is its own.
**
** Sentence boundaries are then decided on tokens: after . ! ? … (and the
** closing quotation marks and brackets that follow them, so a sentence
** can end inside a quotation), when the next token can start a sentence;
** after an abbreviation only when the next word is one that starts
** sentences; at blank lines always; at single line breaks unless the text
** is hard-wrapped.
*/
#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

#include "core/core.h"
#include "pipeline/stage.h"
#include "stage/segment/segment.h"

/* ---- character classes */
enum {
	C_OTHER = 0, /* punctuation or symbol, one per token */
	C_LOWER,
	C_UPPER,
	C_DIGIT,
	C_SPACE,
	C_NL,
	C_APOS,   /* ' */
	C_DQUOTE, /* " */
	C_PERIOD,
	C_HYPHEN,
	C_NONASCII
};

static unsigned char ascii_class[256];
/* ASCII letters and digits -> case bits (1 upper, 2 lower, 4 digit); 0 otherwise */
static unsigned char alnum_bits[256];
static void build_sets(void);

static void init_classes(void)
{
	for (int c = 0; c < 256; c++) {
		unsigned char k = C_OTHER;
		if (c >= 'a' && c <= 'z')
			k = C_LOWER;
		else if (c >= 'A' && c <= 'Z')
			k = C_UPPER;
		else if (c >= '0' && c <= '9')
			k = C_DIGIT;
		else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
			k = C_SPACE;
		else if (c == '\n')
			k = C_NL;
		else if (c == '\'')
			k = C_APOS;
		else if (c == '"')
			k = C_DQUOTE;
		else if (c == '.')
			k = C_PERIOD;
		else if (c == '-')
			k = C_HYPHEN;
		else if (c >= 0x80)
			k = C_NONASCII;
		ascii_class[c] = k;
		alnum_bits[c] = (unsigned char)(k == C_UPPER ? 1 : k == C_LOWER ? 2 : k == C_DIGIT ? 4 : 0);
	}
	build_sets();
}

/* Unicode code point -> class, for non-ASCII. */
enum { U_LETTER_LOWER, U_LETTER_UPPER, U_LETTER, U_MARK, U_DIGIT, U_SPACE, U_IGNORE,
       U_QUOTE_OPEN, U_QUOTE_CLOSE, U_QUOTE, U_APOS, U_ELLIPSIS, U_HYPHEN, U_DASH, U_OTHER };

static int uclass(int32_t cp)
{
	switch (cp) {
	case 0x00A0: case 0x2007: case 0x202F: case 0x3000: case 0x1680:
		return U_SPACE;
	case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
		return U_IGNORE;
	case 0x201C: case 0x201E: case 0x00AB: case 0x2039: case 0x201F: case 0x300C: case 0x300E:
		return U_QUOTE_OPEN;
	case 0x201D: case 0x00BB: case 0x203A: case 0x300D: case 0x300F:
		return U_QUOTE_CLOSE;
	case 0x2018: case 0x201A: case 0x201B:
		return U_QUOTE;
	case 0x2019: case 0x02BC:
		return U_APOS;
	case 0x2026:
		return U_ELLIPSIS;
	case 0x2010: case 0x2011:
		return U_HYPHEN;
	case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
		return U_DASH;
	}
	if (cp >= 0x2000 && cp <= 0x200A)
		return U_SPACE;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT:
		return U_LETTER_UPPER;
	case UTF8PROC_CATEGORY_LL:
		return U_LETTER_LOWER;
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
		return U_LETTER;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		return U_MARK;
	case UTF8PROC_CATEGORY_ND:
		return U_DIGIT;
	case UTF8PROC_CATEGORY_ZS:
		return U_SPACE;
	case UTF8PROC_CATEGORY_CF:
		return U_IGNORE;
	default:
		return U_OTHER;
	}
}

/* ---- abbreviations (English news usage) */

/* Never end a sentence: titles and words that need what follows. */
static const char *const abbr_title[] = {
	"Adm", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Det", "Dr", "Drs", "Fr",
	"Gen", "Gov", "Hon", "Insp", "Lt", "Maj", "Messrs", "Mr", "Mrs", "Ms", "Msgr", "Mt",
	"No", "Nos", "Op", "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt",
	"Sr", "St", "Supt", "approx", "cf", "e.g", "i.e", "vs", "viz",
};
/* May end a sentence. */
static const char *const abbr_other[] = {
	"Ave", "Blvd", "Bros", "Co", "Corp", "Dept", "Feb", "Inc", "Jan", "Jr", "Ltd", "Mar",
	"Nov", "Oct", "Plc", "Rd", "Sept", "Sep", "Aug", "Apr", "Dec", "Jun", "Jul", "Univ",
	"al", "approx", "ca", "dept", "est", "etc", "ft", "km", "mln", "bln", "oz", "pp",
	"vol", "Vol", "Ariz", "Calif", "Colo", "Conn", "Fla", "Ill", "Mass", "Mich", "Minn",
	"Penn", "Tenn", "Wash", "Wis", "Ga", "Pa", "Va", "Md", "Mo", "Ky", "La", "Ala", "Okla",
	"Ore", "Nev", "Neb", "Kan",
};

/* Company suffixes: before an all-caps word they end a headline. */
static const char *const abbr_company[] = {"Co", "Corp", "Inc", "Ltd", "Plc", "Bros"};

/* Small read-only string sets: open addressing over FNV-1a, built once. */
#define SET_SLOTS 512
typedef struct strset {
	const char *key[SET_SLOTS];
	unsigned char len[SET_SLOTS];
} strset;

static void set_add(strset *set, const char *k)
{
	size_t len = strlen(k);
	uint32_t h = ng_hash_fnv32(k, len) & (SET_SLOTS - 1);
	while (set->key[h])
		h = (h + 1) & (SET_SLOTS - 1);
	set->key[h] = k;
	set->len[h] = (unsigned char)len;
}

static bool in_set(const strset *set, const char *s, size_t len)
{
	if (len == 0 || len > 32)
		return false;
	uint32_t h = ng_hash_fnv32(s, len) & (SET_SLOTS - 1);
	while (set->key[h]) {
		if (set->len[h] == len && !memcmp(set->key[h], s, len))
			return true;
		h = (h + 1) & (SET_SLOTS - 1);
	}
	return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Abbreviation lookup: as written, or in capitals when the list has it with
** an initial capital (ST. LOUIS, GOV. Smith). */
static bool abbrev_in(const strset *set, const unsigned char *s, size_t len)
{
	if (in_set(set, (const char *)s, len))
		return true;
	if (len < 2 || len > 7)
		return false;
	char tmp[8];
	tmp[0] = (char)s[0];
	for (size_t k = 1; k < len; k++) {
		if (s[k] < 'A' || s[k] > 'Z')
			return false;
		tmp[k] = (char)(s[k] - 'A' + 'a');
	}
	return in_set(set, tmp, len);
}

/* Capitalized words that usually start a sentence rather than continue a
** name: they let a sentence end after "U.S." or an initial. */
static const char *const starters[] = {
	"A", "About", "According", "After", "Also", "Although", "An", "And", "Another", "As",
	"At", "Because", "Before", "But", "By", "During", "Each", "Earlier", "Even", "For",
	"From", "He", "Her", "His", "How", "However", "I", "If", "In", "It", "Its", "Last",
	"Later", "Many", "Meanwhile", "More", "Most", "My", "No", "Not", "Now", "Officials",
	"On", "One", "Only", "Other", "Our", "Police", "She", "Since", "So", "Some", "That",
	"The", "Their", "Then", "There", "These", "They", "This", "Those", "Thus", "To",
	"Two", "Under", "Until", "We", "What", "When", "Where", "While", "Who", "Why", "With",
	"Yet", "You",
};

static strset set_title, set_other, set_company, set_starters;

static void build_sets(void)
{
	for (size_t i = 0; i < COUNT(abbr_title); i++)
		set_add(&set_title, abbr_title[i]);
	for (size_t i = 0; i < COUNT(abbr_other); i++)
		set_add(&set_other, abbr_other[i]);
	for (size_t i = 0; i < COUNT(abbr_company); i++)
		set_add(&set_company, abbr_company[i]);
	for (size_t i = 0; i < COUNT(starters); i++)
		set_add(&set_starters, starters[i]);
}


/* ---- tokenizer */

typedef struct tokbuf {
	ng_arena *a;
	ng_token *t;
	size_t n, cap;
} tokbuf;

static ng_status grow(tokbuf *b)
{
	return ng_arena_grow_array(b->a, &b->t, &b->cap, b->n + 1, sizeof(ng_token), 1, SIZE_MAX);
}

static inline ng_status push(tokbuf *b, size_t start, size_t end, unsigned kind, unsigned flags)
{
	if (b->n == b->cap && grow(b) != NG_OK)
		return NG_ELIMIT;
	ng_token *t = &b->t[b->n++];
	t->start = (uint32_t)start;
	t->end = (uint32_t)end;
	t->kind = (uint16_t)kind;
	t->flags = (uint16_t)flags;
	return NG_OK;
}

/* Class of a non-ASCII character at i. */
static int cls_at_slow(const unsigned char *s, size_t n, size_t i, size_t *len, int32_t *cp)
{
	size_t l = ng_utf8_decode(s + i, n - i, cp);
	if (!l) {
		*len = 1;
		*cp = 0xFFFD;
		return U_OTHER;
	}
	*len = l;
	return uclass(*cp);
}

/* Class of the character at i: ASCII via the table, else via uclass(). */
static inline int cls_at(const unsigned char *s, size_t n, size_t i, size_t *len, int32_t *cp)
{
	unsigned char k = ascii_class[s[i]];
	if (k != C_NONASCII) {
		*len = 1;
		*cp = s[i];
		return 100 + k;
	}
	return cls_at_slow(s, n, i, len, cp);
}

static bool word_char(int k)
{
	return k == 100 + C_LOWER || k == 100 + C_UPPER || k == 100 + C_DIGIT || k == U_LETTER ||
	       k == U_LETTER_LOWER || k == U_LETTER_UPPER || k == U_MARK || k == U_DIGIT ||
	       k == U_IGNORE;
}

static bool letter_k(int k)
{
	return k == 100 + C_LOWER || k == 100 + C_UPPER || k == U_LETTER || k == U_LETTER_LOWER ||
	       k == U_LETTER_UPPER;
}

/* Length of "n't" / "n’t" at i when it ends a word there, else 0. */
static size_t nt_len(const unsigned char *s, size_t n, size_t i)
{
	if (s[i] != 'n' && s[i] != 'N')
		return 0;
	size_t al = 0;
	if (i + 1 < n && s[i + 1] == '\'')
		al = 1;
	else if (i + 3 < n && s[i + 1] == 0xE2 && s[i + 2] == 0x80 && s[i + 3] == 0x99)
		al = 3;
	if (!al || i + 1 + al >= n || (s[i + 1 + al] != 't' && s[i + 1 + al] != 'T'))
		return 0;
	size_t e = i + 2 + al;
	if (e < n && (ascii_class[s[e]] == C_LOWER || ascii_class[s[e]] == C_UPPER ||
		      ascii_class[s[e]] == C_DIGIT || s[e] >= 0x80))
		return 0;
	return e - i;
}

/* Clitic after an apostrophe at s[i..j): returns its length or 0. */
static size_t clitic_len(const unsigned char *s, size_t n, size_t i)
{
	/* i points after the apostrophe */
	static const char *const cl[] = {"s", "S", "re", "RE", "ve", "VE", "ll", "LL", "d", "D", "m", "M"};
	for (size_t k = 0; k < COUNT(cl); k++) {
		size_t l = strlen(cl[k]);
		if (i + l <= n && !memcmp(s + i, cl[k], l) &&
		    (i + l == n || !(ascii_class[s[i + l]] == C_LOWER || ascii_class[s[i + l]] == C_UPPER ||
				     ascii_class[s[i + l]] == C_DIGIT || s[i + l] >= 0x80)))
			return l;
	}
	return 0;
}

static unsigned case_flags_slow(const unsigned char *s, size_t start, size_t end);

/* Case flags of a token from the case bits scan_word gathered (bit 8: it
** met non-ASCII, or bits are unknown: look at the bytes). */
static unsigned case_flags(const unsigned char *s, size_t start, size_t end, unsigned acc)
{
	if (acc & 8)
		return case_flags_slow(s, start, end);
	unsigned f = (acc & 4) ? NG_TF_HAS_DIGIT : 0;
	if (alnum_bits[s[start]] == 1)
		f |= NG_TF_UPPER_INITIAL;
	if ((acc & 1) && !(acc & 2))
		f |= NG_TF_ALL_UPPER;
	return f;
}

static unsigned case_flags_slow(const unsigned char *s, size_t start, size_t end)
{
	unsigned f = 0;
	bool upper = false, lower = false;
	for (size_t i = start; i < end; i++) {
		unsigned char c = s[i];
		if (c >= 'A' && c <= 'Z')
			upper = true;
		else if (c >= 'a' && c <= 'z')
			lower = true;
		else if (c >= '0' && c <= '9')
			f |= NG_TF_HAS_DIGIT;
		else if (c >= 0x80) {
			f |= NG_TF_NON_ASCII;
			if (c >= 0xC0) {
				int32_t cp;
				size_t l = ng_utf8_decode(s + i, end - i, &cp);
				if (l) {
					int u = uclass(cp);
					if (u == U_LETTER_UPPER)
						upper = true;
					else if (u == U_LETTER_LOWER)
						lower = true;
					else if (u == U_DIGIT)
						f |= NG_TF_HAS_DIGIT;
					if (i == start && u == U_LETTER_UPPER)
						f |= NG_TF_UPPER_INITIAL;
					i += l - 1;
				}
			}
		}
	}
	if (start < end && s[start] >= 'A' && s[start] <= 'Z')
		f |= NG_TF_UPPER_INITIAL;
	if (upper && !lower)
		f |= NG_TF_ALL_UPPER;
	return f;
}

/* Scans a word or number starting at i; returns its end and sets *kind.
** Does not include a final period; *dotted tells whether it holds inner
** periods. */
static size_t scan_word(const unsigned char *s, size_t n, size_t i, bool *dotted, unsigned *bits)
{
	size_t j = i;
	unsigned acc = 0;
	*dotted = false;
	for (;;) {
		/* a run of word characters: ASCII letters and digits first */
		unsigned char cb;
		while (j < n && (cb = alnum_bits[s[j]]) != 0) {
			acc |= cb;
			j++;
		}
		*bits = acc;
		while (j < n) {
			if (s[j] < 0x80 && !alnum_bits[s[j]])
				break;
			acc |= 8; /* non-ASCII: case flags the slow way */
			*bits = acc;
			size_t l;
			int32_t cp;
			int k = cls_at(s, n, j, &l, &cp);
			if (!word_char(k))
				break;
			j += l;
		}
		if (j >= n)
			return j;
		/* an inner joiner followed by a word character keeps the word going */
		size_t l, l2;
		int32_t cp, cp2;
		int k = cls_at(s, n, j, &l, &cp);
		if (j + l >= n)
			return j;
		int k2 = cls_at(s, n, j + l, &l2, &cp2);
		if (!word_char(k2))
			return j;
		if (k == 100 + C_HYPHEN || k == U_HYPHEN) {
			j += l;
		} else if (k == 100 + C_PERIOD) {
			*dotted = true;
			j += l;
		} else if (k == 100 + C_APOS || k == U_APOS) {
			if (clitic_len(s, n, j + l) && letter_k(k2))
				return j; /* Israel's: split the clitic */
			if (j - 1 > i && s[j - 1] == 'n' && nt_len(s, n, j - 1))
				return j - 1; /* don't: n't is the clitic */
			j += l;
		} else if (s[j] == ',' || s[j] == ':' || s[j] == '/') {
			/* inside numbers only: 1,000 12:30 1/2 */
			if (!(ascii_class[s[j - 1]] == C_DIGIT && k2 == 100 + C_DIGIT))
				return j;
			j += l;
		} else if (s[j] == '&' && ascii_class[s[j - 1]] == C_UPPER && k2 == 100 + C_UPPER) {
			j += l; /* AT&T */
		} else {
			return j;
		}
	}
}

static bool is_abbrev(const unsigned char *s, size_t start, size_t end, bool dotted)
{
	size_t len = end - start;
	if (dotted)
		return true; /* U.S, a.m, e.g */
	if (len == 1)
		return (s[start] >= 'A' && s[start] <= 'Z'); /* initial */
	if (len > 7)
		return false;
	return abbrev_in(&set_title, s + start, len) ||
	       abbrev_in(&set_other, s + start, len);
}

static ng_status tokenize(tokbuf *b, const unsigned char *s, size_t n)
{
	size_t i = 0;
	unsigned ws = 0; /* flags from whitespace before the next token */
	unsigned nl = 0;
	while (i < n) {
		if (s[i] == ' ') {
			ws |= NG_TF_SPACE_BEFORE;
			i++;
			continue;
		}
		size_t l;
		int32_t cp;
		int k = cls_at(s, n, i, &l, &cp);
		if (k == 100 + C_SPACE || k == U_SPACE || k == U_IGNORE) {
			ws |= NG_TF_SPACE_BEFORE;
			i += l;
			continue;
		}
		if (k == 100 + C_NL) {
			ws |= NG_TF_SPACE_BEFORE | NG_TF_NEWLINE_BEFORE;
			if (++nl >= 2)
				ws |= NG_TF_PARA_BEFORE;
			i++;
			continue;
		}
		nl = 0;
		unsigned flags = ws;
		ws = 0;
		size_t start = i;
		ng_status st;
		size_t ntl = nt_len(s, n, i);
		if (ntl && !(flags & NG_TF_SPACE_BEFORE) && b->n &&
		    b->t[b->n - 1].kind == NG_TOK_WORD && b->t[b->n - 1].end == i) {
			/* don't -> do n't */
			st = push(b, start, i + ntl, NG_TOK_CLITIC, flags);
			i += ntl;
		} else if (word_char(k)) {
			/* URLs: scheme:// up to whitespace */
			bool dotted;
			unsigned bits = 8;
			size_t end = scan_word(s, n, i, &dotted, &bits);
			if (end + 3 <= n && s[end] == ':' && s[end + 1] == '/' && s[end + 2] == '/') {
				end += 3;
				while (end < n && s[end] > ' ')
					end++;
				while (end > start && (s[end - 1] == '.' || s[end - 1] == ',' ||
						       s[end - 1] == ')' || s[end - 1] == '"'))
					end--;
				st = push(b, start, end, NG_TOK_WORD, flags);
				i = end;
			} else {
				unsigned kind = (k == 100 + C_DIGIT || k == U_DIGIT) ? NG_TOK_NUMBER : NG_TOK_WORD;
				if (end < n && s[end] == '.' && kind == NG_TOK_WORD &&
				    is_abbrev(s, start, end, dotted) &&
				    !(end + 1 < n && s[end + 1] == '.')) {
					end++;
					kind = NG_TOK_ABBREV;
				}
				flags |= case_flags(s, start, end, bits);
				st = push(b, start, end, kind, flags);
				i = end;
			}
		} else if (k == 100 + C_APOS && i + 1 < n && s[i + 1] == '\'') {
			/* '' is a double quotation mark (The New York Times' ''...'') */
			st = push(b, start, i + 2, NG_TOK_QUOTE, flags);
			i += 2;
		} else if (k == 100 + C_APOS || k == U_APOS) {
			/* clitic right after a word: 's n't; else a quotation mark */
			size_t cl = clitic_len(s, n, i + l);
			/* after a word, a number or a closing bracket: (Hamas)’s */
			const ng_token *pt = b->n > 0 ? &b->t[b->n - 1] : NULL;
			bool after_word = !(flags & NG_TF_SPACE_BEFORE) && pt && pt->end == i &&
					  (pt->kind == NG_TOK_WORD || pt->kind == NG_TOK_NUMBER ||
					   (pt->kind == NG_TOK_PUNCT && (s[pt->start] == ')' || s[pt->start] == ']')));
			if (cl && after_word) {
				st = push(b, start, i + l + cl, NG_TOK_CLITIC, flags);
				i += l + cl;
			} else {
				st = push(b, start, i + l, NG_TOK_QUOTE, flags);
				i += l;
			}
		} else if (k == 100 + C_DQUOTE || k == U_QUOTE_OPEN || k == U_QUOTE_CLOSE || k == U_QUOTE) {
			unsigned qf = k == U_QUOTE_OPEN ? NG_TF_QUOTE_OPEN : k == U_QUOTE_CLOSE ? NG_TF_QUOTE_CLOSE : 0;
			st = push(b, start, i + l, NG_TOK_QUOTE, flags | qf);
			i += l;
		} else if (k == 100 + C_PERIOD) {
			size_t j = i;
			while (j < n && s[j] == '.')
				j++;
			st = push(b, start, j, NG_TOK_PUNCT, flags);
			i = j;
		} else if (k == 100 + C_HYPHEN) {
			size_t j = i;
			while (j < n && s[j] == '-')
				j++;
			st = push(b, start, j, NG_TOK_PUNCT, flags);
			i = j;
		} else {
			st = push(b, start, i + l, NG_TOK_PUNCT, flags);
			i += l;
		}
		if (st)
			return st;
	}
	return NG_OK;
}

/* ---- quotation marks: straight quotes open or close by context */
static void mark_quotes(ng_token *t, size_t n, const unsigned char *s)
{
	bool dq_open = false;
	for (size_t i = 0; i < n; i++) {
		if (t[i].kind != NG_TOK_QUOTE || (t[i].flags & (NG_TF_QUOTE_OPEN | NG_TF_QUOTE_CLOSE)))
			continue;
		bool space_before = i == 0 || (t[i].flags & NG_TF_SPACE_BEFORE) ||
				    (t[i - 1].kind == NG_TOK_PUNCT && s[t[i - 1].start] == '(');
		bool space_after = i + 1 == n || (t[i + 1].flags & NG_TF_SPACE_BEFORE);
		bool dq = s[t[i].start] == '"' || t[i].end - t[i].start == 2;
		if (space_before && !space_after)
			t[i].flags |= NG_TF_QUOTE_OPEN;
		else if (!space_before && space_after)
			t[i].flags |= NG_TF_QUOTE_CLOSE;
		else if (!space_before && i + 1 < n && t[i + 1].kind == NG_TOK_PUNCT)
			t[i].flags |= NG_TF_QUOTE_CLOSE; /* word", */
		else if (dq)
			t[i].flags |= dq_open ? NG_TF_QUOTE_CLOSE : NG_TF_QUOTE_OPEN;
		else
			t[i].flags |= NG_TF_QUOTE_OPEN;
		if (dq)
			dq_open = (t[i].flags & NG_TF_QUOTE_OPEN) != 0;
	}
}

/* ---- sentences */

static bool tok_is(const unsigned char *s, const ng_token *t, const char *lit)
{
	size_t l = strlen(lit);
	return t->end - t->start == l && !memcmp(s + t->start, lit, l);
}

static bool is_terminal(const unsigned char *s, const ng_token *t)
{
	if (t->kind != NG_TOK_PUNCT)
		return false;
	unsigned char c = s[t->start];
	if (c == '.' || c == '!' || c == '?')
		return true;
	if (c < 0x80)
		return false;
	if (tok_is(s, t, "\xE2\x80\xA6") || tok_is(s, t, "\xEF\xBC\x81") || tok_is(s, t, "\xEF\xBC\x9F") ||
	    tok_is(s, t, "\xE3\x80\x82"))
		return true;
	return false;
}

static bool is_closer(const unsigned char *s, const ng_token *t)
{
	if (t->kind == NG_TOK_QUOTE)
		return (t->flags & NG_TF_QUOTE_CLOSE) != 0;
	if (t->kind == NG_TOK_PUNCT && t->end - t->start == 1)
		return s[t->start] == ')' || s[t->start] == ']';
	return false;
}

static bool is_lower_start(const unsigned char *s, const ng_token *t)
{
	unsigned char c = s[t->start];
	if (c >= 'a' && c <= 'z')
		return true;
	if (c >= 0xC0) {
		int32_t cp;
		if (ng_utf8_decode(s + t->start, t->end - t->start, &cp))
			return uclass(cp) == U_LETTER_LOWER;
	}
	return false;
}

/* Hard-wrapped text: most single line breaks fall between lowercase words. */
static bool hard_wrapped(const ng_token *t, size_t n, const unsigned char *s)
{
	size_t single = 0, inner = 0;
	for (size_t i = 1; i < n; i++) {
		unsigned f = t[i].flags;
		if (!(f & NG_TF_NEWLINE_BEFORE) || (f & NG_TF_PARA_BEFORE))
			continue;
		single++;
		const ng_token *p = &t[i - 1];
		if (is_lower_start(s, &t[i]) &&
		    (p->kind == NG_TOK_WORD || (p->kind == NG_TOK_PUNCT && s[p->start] == ',')))
			inner++;
	}
	return inner >= 3 && inner * 10 >= single * 3;
}

/* "1." "12." at the start of a line: a list item's number, not an end. */
static bool is_list_number(const unsigned char *s, const ng_token *t, size_t i)
{
	if (i == 0 || s[t[i].start] != '.' || t[i].end - t[i].start != 1 || t[i - 1].kind != NG_TOK_NUMBER)
		return false;
	const ng_token *p = &t[i - 1];
	return p->end - p->start <= 3 && (i == 1 || (p->flags & NG_TF_NEWLINE_BEFORE));
}

static bool boundary_after(const unsigned char *s, const ng_token *t, size_t n, size_t i,
			   size_t *last, bool wrapped)
{
	/* i: candidate token; *last: last token of the sentence if it ends */
	const ng_token *c = &t[i];
	size_t j = i + 1;
	bool cand = c->kind == NG_TOK_ABBREV || is_terminal(s, c);
	if (!cand && j < n && !(t[j].flags & NG_TF_NEWLINE_BEFORE)) {
		*last = i;
		return false;
	}
	if (cand) {
		while (j < n && is_terminal(s, &t[j]) && !(t[j].flags & NG_TF_SPACE_BEFORE))
			j++;
		while (j < n && is_closer(s, &t[j]) && !(t[j].flags & NG_TF_NEWLINE_BEFORE))
			j++;
	}
	*last = j - 1;
	if (j >= n)
		return true;
	const ng_token *nx = &t[j];
	if (nx->flags & NG_TF_PARA_BEFORE)
		return true;
	bool newline = (nx->flags & NG_TF_NEWLINE_BEFORE) != 0;
	if (c->kind == NG_TOK_ABBREV) {
		size_t len = c->end - c->start - 1;
		if (abbrev_in(&set_title, s + c->start, len))
			return false;
		if (newline && !wrapped)
			return true;
		/* after a closing quote the sentence may end; after a bracket,
		** as after the abbreviation itself, only before a typical
		** sentence start: (U.S.) beat, [George W.] Bush */
		bool quote_closed = false;
		for (size_t k = i + 1; k < j; k++)
			if (t[k].kind == NG_TOK_QUOTE)
				quote_closed = true;
		if (!(nx->flags & NG_TF_UPPER_INITIAL))
			return nx->kind == NG_TOK_QUOTE && (nx->flags & NG_TF_QUOTE_OPEN);
		if (quote_closed)
			return true;
		/* a company suffix before an all-caps word: headline, then dateline */
		if ((nx->flags & NG_TF_ALL_UPPER) && nx->end - nx->start >= 3 &&
		    abbrev_in(&set_company, s + c->start, len))
			return true;
		return in_set(&set_starters, (const char *)s + nx->start, nx->end - nx->start);
	}
	if (is_terminal(s, c)) {
		if (newline && !wrapped)
			return true;
		if (is_list_number(s, t, i))
			return false;
		if (!(nx->flags & NG_TF_SPACE_BEFORE) && j == i + 1 && nx->kind != NG_TOK_QUOTE)
			return false; /* no space: "3.x", "Yahoo!Inc" */
		if (is_lower_start(s, nx))
			return false;
		if (nx->kind == NG_TOK_PUNCT) {
			unsigned char p = s[nx->start];
			return p == '(' || p == '[' || p == '-' || p == '*' || p >= 0x80;
		}
		return true;
	}
	/* a line break with no terminal punctuation: headlines, datelines,
	** lists, table rows -- unless the text is hard-wrapped */
	return newline && !wrapped;
}

static ng_status sentences(ng_arena *a, const unsigned char *s, ng_token *t, size_t n,
			   ng_segmentation *out)
{
	size_t cap = 16, ns = 0;
	ng_span *sp = ng_arena_alloc(a, cap * sizeof(ng_span));
	uint32_t *st = ng_arena_alloc(a, (cap + 1) * sizeof(uint32_t));
	if (!sp || !st)
		return NG_ELIMIT;
	bool wrapped = hard_wrapped(t, n, s);
	size_t first = 0;
	for (size_t i = 0; i < n; i++) {
		size_t last;
		if (!boundary_after(s, t, n, i, &last, wrapped))
			continue;
		if (ns == cap) {
			size_t nc = cap * 2;
			ng_span *sp2 = ng_arena_grow(a, sp, cap * sizeof(ng_span), nc * sizeof(ng_span));
			uint32_t *st2 = sp2 ? ng_arena_grow(a, st, (cap + 1) * sizeof(uint32_t),
							    (nc + 1) * sizeof(uint32_t))
					    : NULL;
			if (!sp2 || !st2)
				return NG_ELIMIT;
			sp = sp2;
			st = st2;
			cap = nc;
		}
		sp[ns].start = t[first].start;
		sp[ns].end = t[last].end;
		st[ns] = (uint32_t)first;
		t[first].flags |= NG_TF_SENT_START;
		ns++;
		first = last + 1;
		i = last;
	}
	st[ns] = (uint32_t)n;
	out->sentences = sp;
	out->sentence_tok = st;
	out->n_sentences = ns;
	return NG_OK;
}

ng_status ng_segment(ng_arena *a, const char *text, size_t len, ng_segmentation *out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, init_classes);
	memset(out, 0, sizeof(*out));
	const unsigned char *s = (const unsigned char *)text;
	tokbuf b = {a, NULL, 0, len / 4 + 16};
	b.t = ng_arena_alloc(a, b.cap * sizeof(ng_token));
	if (!b.t)
		return NG_ELIMIT;
	ng_status st = tokenize(&b, s, len);
	if (st)
		return st;
	mark_quotes(b.t, b.n, s);
	out->tokens = b.t;
	out->n_tokens = b.n;
	return sentences(a, s, b.t, b.n, out);
}

/* ---- the stage */

static ng_status segment_process(const void *state, ng_doc *doc)
{
	(void)state;
	ng_segmentation sg;
	ng_status st = ng_segment(doc->arena, doc->text, doc->text_len, &sg);
	if (st)
		return st;
	doc->tokens = sg.tokens;
	doc->n_tokens = sg.n_tokens;
	doc->sentences = sg.sentences;
	doc->sentence_tok = sg.sentence_tok;
	doc->n_sentences = sg.n_sentences;
	return NG_OK;
}

const ng_stage ng_stage_segment = {
	.name = "segment",
	.requires = NG_F_TEXT,
	.optional = 0,
	.assigns = NG_F_TOKENS | NG_F_SENTENCES,
	.init = NULL,
	.process = segment_process,
	.destroy = NULL,
};
