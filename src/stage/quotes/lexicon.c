/*
** lexicon.c -- the cue-verb lexicon of the quotes stage: parses
** data/quotes/cue_verbs.tsv ("lemma<TAB>frame<TAB>source<TAB>form,form,..."
** and an optional fifth field, the cue class: speech, belief, ...) into an
** open-addressing hash table of lowercase forms, each pointing to its lemma,
** frame, class and inflection. Built once at init, read-only afterwards.
*/
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "stage/quotes/quotes.h"

#define LEX_MAX_FORM 23     /* longest form we store (form[] is 24 zero-padded bytes) */
#define LEX_MAX_FORMS 4096  /* cap on the number of forms */
#define LEX_MAX_FILE (1u << 20)
#define LEX_NO_CUE 0xFF     /* frame of an entry that is only a word class */

typedef struct lex_entry {
	char form[LEX_MAX_FORM + 1];
	uint8_t len;
	uint8_t frame;
	uint8_t infl;
	uint8_t cls;    /* ng_cue_class */
	uint16_t lemma; /* index into lemmas */
	uint32_t wclass; /* word-class bits (NG_WC_*) */
} lex_entry;

/* A slot of the hash table holds what the look-up of a word of up to eight
** bytes needs (most words), so that it reads one 16-byte slot and no entry:
** the form's first eight bytes, its classes and its cue code. */
typedef struct lex_slot {
	uint64_t k0;     /* form[0..8), zero-padded; 0 when empty (no form starts with NUL) */
	uint32_t wclass; /* the entry's word-class bits */
	int16_t cue;     /* cls * 64 + frame * 8 + infl, or -1: no cue */
	uint16_t ent;    /* entry index + 1 (0: empty), SLOT_LONG: form longer than eight */
} lex_slot;

#define SLOT_LONG 0x8000u
#define LEX_SLOTS (LEX_MAX_FORMS * 4) /* at most a quarter full: few probes past the first */
_Static_assert(LEX_MAX_FORMS < SLOT_LONG, "entry indices must leave SLOT_LONG free");

struct ng_cue_lex {
	lex_entry *entries;
	size_t n_entries;
	char **lemmas;
	size_t n_lemmas;
	lex_slot *slots;
	size_t mask;
	ng_cue_model *model; /* owned; NULL: no leftover pass */
	ng_quote_words *words; /* owned: the finder's word lists */
};

/* Loads the n (1..23) bytes at s into a zero-padded 24-byte key, ASCII
** letters lowercased, eight bytes at a time. Every load stays inside
** [s, s + n): short words are read by two overlapping loads whose shared
** bytes are equal, so OR-ing them is exact. */
static inline uint64_t load8(const char *s)
{
	uint64_t v;
	memcpy(&v, s, 8);
	return v;
}

static inline uint64_t load_tail(const char *s, size_t n) /* the n (1..8) bytes at s */
{
	if (n == 8)
		return load8(s);
	if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		return (uint64_t)a | ((uint64_t)b << (8 * (n - 4)));
	}
	uint64_t v = (unsigned char)s[0];
	v |= (uint64_t)(unsigned char)s[n / 2] << (8 * (n / 2));
	v |= (uint64_t)(unsigned char)s[n - 1] << (8 * (n - 1));
	return v;
}

static inline uint64_t lower8(uint64_t w)
{
	/* per byte, no carries between bytes: high bit of ge set when the low 7
	** bits are >= 'A', of gt when they are > 'Z'; bytes >= 0x80 stay */
	uint64_t h = w & 0x7F7F7F7F7F7F7F7Full;
	uint64_t ge = h + 0x3F3F3F3F3F3F3F3Full;
	uint64_t gt = h + 0x2525252525252525ull;
	uint64_t up = ge & ~gt & ~w & 0x8080808080808080ull;
	return w | (up >> 2);
}

/* always inlined: called in three places, gcc would otherwise keep one copy
** out of line, and the look-up of every token would pay a call */
__attribute__((always_inline)) static inline void lex_key(const char *s, size_t n,
							   uint64_t key[3])
{
	key[1] = key[2] = 0;
	if (n <= 8) {
		key[0] = lower8(load_tail(s, n));
	} else if (n <= 16) {
		key[0] = lower8(load8(s));
		key[1] = lower8(load8(s + n - 8) >> (8 * (16 - n)));
	} else {
		key[0] = lower8(load8(s));
		key[1] = lower8(load8(s + 8));
		key[2] = lower8(load8(s + n - 8) >> (8 * (24 - n)));
	}
}

/* The key of an n-byte word: key[1] and key[2] are zero up to eight bytes
** (most words), and their products are skipped there. */
static inline uint32_t key_hash(const uint64_t key[3], size_t n)
{
	uint64_t h = key[0];
	if (n > 8)
		h ^= (key[1] * 0x9E3779B97F4A7C15ull) ^ (key[2] * 0xC2B2AE3D27D4EB4Full);
	return (uint32_t)((h * 0xFF51AFD7ED558CCDull) >> 32);
}

static uint32_t lex_hash(const char *s, size_t n)
{
	uint64_t key[3];
	lex_key(s, n, key);
	return key_hash(key, n);
}

/* The entry of a slot that is not empty. */
static inline lex_entry *slot_entry(const ng_cue_lex *lx, const lex_slot *sl)
{
	return &lx->entries[(sl->ent & ~SLOT_LONG) - 1];
}

/* The slot of the n-byte word whose key is key[], or NULL. Always inlined,
** as lex_key: the loop of ng_cue_lex_tokens() is where most of the stage's
** look-ups happen. */
__attribute__((always_inline)) static inline const lex_slot *lex_probe(const ng_cue_lex *lx,
									const uint64_t key[3],
									size_t len)
{
	size_t i = key_hash(key, len) & lx->mask;
	for (;;) {
		const lex_slot *sl = &lx->slots[i];
		if (!sl->ent)
			return NULL;
		if (sl->k0 == key[0]) {
			const lex_entry *e = slot_entry(lx, sl);
			if (load8(e->form + 8) == key[1] && load8(e->form + 16) == key[2])
				return sl;
		}
		i = (i + 1) & lx->mask;
	}
}

__attribute__((always_inline)) static inline const lex_entry *lex_get(const ng_cue_lex *lx,
								       const char *word,
								       size_t len)
{
	uint64_t key[3];
	lex_key(word, len, key);
	const lex_slot *sl = lex_probe(lx, key, len);
	return sl ? slot_entry(lx, sl) : NULL;
}

/* Copies entry e's look-up fields to slot sl. */
static void slot_fill(lex_slot *sl, const lex_entry *e)
{
	sl->wclass = e->wclass;
	sl->cue = e->frame != LEX_NO_CUE ? (int16_t)(e->cls * 64 + e->frame * 8 + e->infl) : -1;
}

/* Copies entry e's look-up fields to its slot (after it changed). */
static void slot_sync(ng_cue_lex *lx, const lex_entry *e)
{
	uint64_t key[3] = {load8(e->form), load8(e->form + 8), load8(e->form + 16)};
	slot_fill((lex_slot *)lex_probe(lx, key, e->len), e);
}

/* Puts the new entry e (the last one) in the table. */
static void slot_add(ng_cue_lex *lx, const lex_entry *e)
{
	size_t i = lex_hash(e->form, e->len) & lx->mask;
	while (lx->slots[i].ent)
		i = (i + 1) & lx->mask;
	lex_slot *sl = &lx->slots[i];
	sl->k0 = load8(e->form);
	sl->ent = (uint16_t)((size_t)(e - lx->entries) + 1) | (e->len > 8 ? SLOT_LONG : 0);
	slot_fill(sl, e);
}

/* A new entry for the n-byte form f, lowercased, its other fields zero (the
** caller fills them, then slot_add()), or NULL when the table is full. */
static lex_entry *entry_new(ng_cue_lex *lx, const char *f, size_t n)
{
	if (lx->n_entries >= LEX_MAX_FORMS)
		return NULL;
	lex_entry *e = &lx->entries[lx->n_entries++];
	memset(e, 0, sizeof(*e));
	for (size_t i = 0; i < n; i++) {
		char c = f[i];
		e->form[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	e->len = (uint8_t)n;
	return e;
}

int ng_cue_lex_find(const ng_cue_lex *lx, const char *word, size_t len, const char **lemma,
		    ng_cue_frame *frame, ng_cue_form *form)
{
	if (!lx || len < 2 || len > LEX_MAX_FORM)
		return 0;
	const lex_entry *e = lex_get(lx, word, len);
	if (!e || e->frame == LEX_NO_CUE)
		return 0;
	if (lemma)
		*lemma = lx->lemmas[e->lemma];
	if (frame)
		*frame = (ng_cue_frame)e->frame;
	if (form)
		*form = (ng_cue_form)e->infl;
	return 1;
}

int ng_cue_lex_word(const ng_cue_lex *lx, const char *word, size_t len, ng_cue_word *out)
{
	if (len < 1 || len > LEX_MAX_FORM)
		return 0;
	const lex_entry *e = lex_get(lx, word, len);
	if (!e)
		return 0;
	out->wclass = e->wclass;
	out->is_cue = e->frame != LEX_NO_CUE;
	out->frame = e->frame;
	out->form = e->infl;
	out->cls = e->cls;
	out->lemma = out->is_cue ? lx->lemmas[e->lemma] : NULL;
	return 1;
}

size_t ng_cue_lex_tokens(const ng_cue_lex *lx, const char *text, size_t text_len,
			 const ng_token *t, size_t n, uint32_t *wclass, int16_t *cue,
			 const char **lemma, int32_t *hits)
{
	/* a copy of the table's fields: the stores below could alias *lx for
	** all the compiler knows, which would reload them on every token */
	const ng_cue_lex l = *lx;
	lx = &l;
	size_t n_hits = 0;
	/* no class, no cue first (NULL is all zero bytes on our platforms) */
	ng_quotes_fill(wclass, 0, n * sizeof(*wclass));
	ng_quotes_fill(cue, 0xFF, n * sizeof(*cue));
	ng_quotes_fill(lemma, 0, n * sizeof(*lemma));
	static const lex_slot none = {0, 0, -1, 0};
	for (size_t i = 0; i < n; i++) {
		uint16_t kind = t[i].kind;
		size_t len = t[i].end - t[i].start;
		if ((kind != NG_TOK_WORD && kind != NG_TOK_CLITIC && kind != NG_TOK_ABBREV) ||
		    len < 1 || len > LEX_MAX_FORM)
			continue;
		const lex_slot *sl;
		if (len <= 8 && (size_t)t[i].start + 8 <= text_len) {
			/* most words: one load, the bytes after the word masked off
			** (without the branches of lex_key() on the length), and the
			** first slot read in place: a short form matches it on k0 */
			uint64_t w = load8(text + t[i].start) & (~0ull >> (64 - 8 * len));
			uint64_t key[3] = {lower8(w), 0, 0};
			sl = &lx->slots[key_hash(key, len) & lx->mask];
			/* hit, miss or another form in the slot, by arithmetic: a
			** branch on hit or miss would fail on half the words */
			uint64_t d = (sl->k0 ^ key[0]) | (sl->ent & SLOT_LONG);
			uint64_t other = (d | (0 - d)) >> 63; /* 1: not this form */
			uint64_t used = ((uint64_t)sl->ent + 0xFFFF) >> 16; /* 1: slot taken */
			if (__builtin_expect((long)(other & used), 0)) {
				/* another form in the first slot: probe on (few words) */
				sl = lex_probe(lx, key, len);
				sl = sl ? sl : &none;
			} else {
				/* a miss reads the empty slot `none`; m: all ones on a hit */
				uintptr_t m = (uintptr_t)(other | (used ^ 1)) - 1;
				uintptr_t pick = ((uintptr_t)sl & m) | ((uintptr_t)&none & ~m);
				sl = (const lex_slot *)pick;
			}
		} else {
			uint64_t key[3];
			lex_key(text + t[i].start, len, key);
			sl = lex_probe(lx, key, len);
			sl = sl ? sl : &none;
		}
		size_t hit = sl != &none;
		hits[n_hits] = (int32_t)i;
		n_hits += hit;
		wclass[i] = sl->wclass;
		if (sl->cue >= 0 && kind == NG_TOK_WORD) {
			cue[i] = sl->cue;
			lemma[i] = lx->lemmas[slot_entry(lx, sl)->lemma];
		}
	}
	return n_hits;
}

size_t ng_cue_lex_size(const ng_cue_lex *lx)
{
	if (!lx)
		return 0;
	size_t k = 0;
	for (size_t i = 0; i < lx->n_entries; i++)
		k += lx->entries[i].frame != LEX_NO_CUE;
	return k;
}

void ng_cue_lex_destroy(ng_cue_lex *lx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->n_lemmas; i++)
		ng_free(lx->lemmas[i]);
	ng_free(lx->lemmas);
	ng_free(lx->entries);
	ng_free(lx->slots);
	ng_cue_model_destroy(lx->model);
	ng_quote_words_destroy(lx->words);
	ng_free(lx);
}

void ng_cue_lex_set_model(ng_cue_lex *lx, ng_cue_model *m)
{
	ng_cue_model_destroy(lx->model);
	lx->model = m;
}

void ng_cue_lex_set_words(ng_cue_lex *lx, ng_quote_words *w)
{
	ng_quote_words_destroy(lx->words);
	lx->words = w;
}

const ng_quote_words *ng_cue_lex_words(const ng_cue_lex *lx)
{
	return lx->words;
}

const ng_cue_model *ng_cue_lex_model(const ng_cue_lex *lx)
{
	return lx->model;
}

static int parse_frame(const char *s, size_t n)
{
	static const char *const names[] = {"speech", "tell", "quote", "object"};
	for (int i = 0; i < 4; i++)
		if (strlen(names[i]) == n && !memcmp(names[i], s, n))
			return i;
	if (n == 4 && !memcmp(s, "prep", 4))
		return NG_CUE_PREP;
	return -1;
}

static const char *const class_names[NG_CLS_COUNT] = {
	"speech", "belief", "intention", "perception", "stance", "evidence"};

const char *ng_cue_class_name(int cls)
{
	return cls >= 0 && cls < NG_CLS_COUNT ? class_names[cls] : class_names[0];
}

static int parse_class(const char *s, size_t n)
{
	for (int i = 0; i < NG_CLS_COUNT; i++)
		if (strlen(class_names[i]) == n && !memcmp(class_names[i], s, n))
			return i;
	return -1;
}

/* The inflection of `form` given its lemma. */
static uint8_t guess_infl(const char *lemma, const char *form, size_t n)
{
	size_t ll = strlen(lemma);
	if (ll == n && !memcmp(lemma, form, n))
		return NG_FORM_BASE;
	if (n > 3 && !memcmp(form + n - 3, "ing", 3))
		return NG_FORM_ING;
	if (n > ll && form[n - 1] == 's' && !memcmp(form, lemma, ll > 2 ? ll - 1 : ll))
		return NG_FORM_S;
	return NG_FORM_PAST;
}

static ng_status lex_fail(char *err, size_t errlen, size_t line, const char *what)
{
	if (err && errlen)
		snprintf(err, errlen, "cue lexicon line %zu: %s", line, what);
	return NG_EPARSE;
}

static ng_status lex_add(ng_cue_lex *lx, const char *f, size_t n, uint16_t lemma, uint8_t frame,
		       uint8_t cls)
{
	if (n < 2 || n > LEX_MAX_FORM)
		return NG_EPARSE;
	lex_entry *old = (lex_entry *)lex_get(lx, f, n);
	if (old) {
		if (old->frame == LEX_NO_CUE) { /* a word class first, now a cue too */
			old->frame = frame;
			old->cls = cls;
			old->lemma = lemma;
			old->infl = guess_infl(lx->lemmas[lemma], old->form, n);
			slot_sync(lx, old);
		}
		return NG_OK; /* first entry wins */
	}
	lex_entry *e = entry_new(lx, f, n);
	if (!e)
		return NG_ELIMIT;
	e->frame = frame;
	e->cls = cls;
	e->lemma = lemma;
	e->infl = guess_infl(lx->lemmas[lemma], e->form, n);
	slot_add(lx, e);
	return NG_OK;
}

ng_status ng_cue_lex_parse(const char *data, size_t len, ng_cue_lex **out, char *err, size_t errlen)
{
	*out = NULL;
	ng_cue_lex *lx = ng_calloc(1, sizeof(*lx));
	if (!lx)
		return NG_ENOMEM;
	lx->entries = ng_calloc(LEX_MAX_FORMS, sizeof(lex_entry));
	lx->lemmas = ng_calloc(LEX_MAX_FORMS, sizeof(char *));
	lx->mask = LEX_SLOTS - 1;
	lx->slots = ng_calloc(LEX_SLOTS, sizeof(lex_slot));
	if (!lx->entries || !lx->lemmas || !lx->slots) {
		ng_cue_lex_destroy(lx);
		return NG_ENOMEM;
	}
	ng_status st = NG_OK;
	size_t line = 0;
	const char *p = data, *end = data + len;
	while (p < end && st == NG_OK) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		line++;
		const char *q = p;
		p = eol + 1;
		if (q == eol || *q == '#')
			continue;
		/* four tab-separated fields, and the class as an optional fifth */
		const char *f[5];
		size_t fl[5];
		int nf = 0;
		while (nf < 5) {
			const char *tab = memchr(q, '\t', (size_t)(eol - q));
			const char *fe = tab && nf < 4 ? tab : eol;
			f[nf] = q;
			fl[nf] = (size_t)(fe - q);
			nf++;
			if (fe == eol)
				break;
			q = fe + 1;
		}
		if (nf < 4 || !fl[0] || !fl[3]) {
			st = lex_fail(err, errlen, line, "expected lemma, frame, source and forms");
			break;
		}
		int frame = parse_frame(f[1], fl[1]);
		if (frame < 0) {
			st = lex_fail(err, errlen, line, "unknown frame");
			break;
		}
		int cls = nf == 5 ? parse_class(f[4], fl[4]) : NG_CLS_SPEECH;
		if (cls < 0) {
			st = lex_fail(err, errlen, line, "unknown cue class");
			break;
		}
		if (lx->n_lemmas >= LEX_MAX_FORMS) {
			st = lex_fail(err, errlen, line, "too many lemmas");
			break;
		}
		char *lemma = ng_malloc(fl[0] + 1);
		if (!lemma) {
			st = NG_ENOMEM;
			break;
		}
		memcpy(lemma, f[0], fl[0]);
		lemma[fl[0]] = 0;
		uint16_t li = (uint16_t)lx->n_lemmas;
		lx->lemmas[lx->n_lemmas++] = lemma;
		const char *s = f[3], *se = f[3] + fl[3];
		while (s < se) {
			const char *c = memchr(s, ',', (size_t)(se - s));
			if (!c)
				c = se;
			ng_status a = lex_add(lx, s, (size_t)(c - s), li, (uint8_t)frame, (uint8_t)cls);
			if (a != NG_OK) {
				st = lex_fail(err, errlen, line, a == NG_ELIMIT ? "too many forms" : "bad form");
				break;
			}
			s = c + 1;
		}
	}
	if (st == NG_OK && lx->n_entries == 0)
		st = lex_fail(err, errlen, line, "no forms");
	if (st != NG_OK) {
		ng_cue_lex_destroy(lx);
		return st;
	}
	*out = lx;
	return NG_OK;
}

ng_status ng_quotes_read_file(const char *path, const char *what, size_t cap, char **buf,
			      size_t *len, char *err, size_t errlen)
{
	*buf = NULL;
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (err && errlen)
			snprintf(err, errlen, "cannot open %s %s", what, path);
		return NG_EIO;
	}
	char *b = ng_malloc(cap);
	if (!b) {
		fclose(f);
		return NG_ENOMEM;
	}
	size_t n = fread(b, 1, cap, f);
	int bad = ferror(f) || (n == cap && fgetc(f) != EOF);
	fclose(f);
	if (bad) {
		ng_free(b);
		if (err && errlen)
			snprintf(err, errlen, "cannot read %s %s (or larger than %zu MiB)", what, path,
				 cap >> 20);
		return NG_EIO;
	}
	*buf = b;
	*len = n;
	return NG_OK;
}

ng_status ng_cue_lex_load(const char *path, ng_cue_lex **out, char *err, size_t errlen)
{
	*out = NULL;
	char *buf;
	size_t n;
	ng_status st = ng_quotes_read_file(path, "cue lexicon", LEX_MAX_FILE, &buf, &n, err, errlen);
	if (st != NG_OK)
		return st;
	st = ng_cue_lex_parse(buf, n, out, err, errlen);
	ng_free(buf);
	return st;
}

ng_status ng_cue_lex_add_class(ng_cue_lex *lx, const char *word, uint32_t wclass)
{
	size_t n = strlen(word);
	if (n < 1 || n > LEX_MAX_FORM)
		return NG_EUSAGE;
	lex_entry *e = (lex_entry *)lex_get(lx, word, n);
	if (e) {
		e->wclass |= wclass;
		slot_sync(lx, e);
		return NG_OK;
	}
	e = entry_new(lx, word, n);
	if (!e)
		return NG_ELIMIT;
	e->frame = LEX_NO_CUE;
	e->wclass = wclass;
	slot_add(lx, e);
	return NG_OK;
}
