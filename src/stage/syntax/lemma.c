/*
** lemma.c -- lemmas from an exception list and suffix rules, both learned
** from a treebank for each XPOS tag.
**
** A word's base is its form (proper nouns, NNP/NNPS) or its lowercase form.
** A rule maps (XPOS, the last k bytes of the base) to an edit "drop d
** bytes, append s" (studies -> study: drop 3, add "y"); the longest suffix
** with a rule wins. Rules are counted over word types, so frequent
** irregular words do not drown the regular pattern, and a type votes for a
** suffix only when its edit stays inside that suffix. Every training type
** whose rule gives another lemma than its most frequent gold one becomes an
** exception (went/VBD -> go, 's/VBZ -> be, n't/RB -> not).
**
** Serialized tables (all little-endian, 8-byte aligned):
**   header: magic, log2 of the rule and exception table sizes, edit count,
**     string pool length;
**   rule slots {uint64 key, uint32 edit, uint32 0} (key 0 = empty);
**   exception slots {uint64 key, uint32 pool offset, uint32 0};
**   edits {uint8 drop, uint8 add length, uint16 0, uint32 pool offset};
**   the pool: NUL-terminated strings.
*/
#include <stdlib.h>
#include <utf8proc.h>

#include "stage/syntax/tagger.h"

#define LEMMA_MAGIC 0x4d454c47u /* "GLEM" */
#define MAX_SUFFIX 6
#define MAX_BASE 256

typedef struct lm_header {
	uint32_t magic;
	uint32_t rule_log2;
	uint32_t exc_log2;
	uint32_t nedits;
	uint32_t pool_len;
	uint32_t reserved;
} lm_header;

typedef struct lm_slot {
	uint64_t key;
	uint32_t val;
	uint32_t zero;
} lm_slot;

typedef struct lm_edit {
	uint8_t drop;
	uint8_t add_len;
	uint16_t zero;
	uint32_t add;
} lm_edit;

struct ng_lemma_tables {
	const lm_slot *rules, *exc;
	size_t rmask, emask;
	const lm_edit *edits;
	uint32_t nedits;
	const char *pool;
	uint32_t pool_len;
};

static uint64_t hash_bytes(const char *s, size_t n, uint64_t h)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h;
}

/* Key of (xpos, bytes) for the rule table (kind 1) or exceptions (kind 2);
** never 0. */
static uint64_t lm_key(unsigned kind, unsigned xpos, const char *s, size_t n)
{
	/* kind and xpos enter through the mixer: XOR-ed into FNV's seed they would
	** cancel against the first byte ("no"/DT and "do"/VB collided) */
	uint64_t h = hash_bytes(s, n, ng_hash_mix64(0xcbf29ce484222325ull + kind * 1000003u + xpos));
	h = ng_hash_mix64(h ^ n);
	return h ? h : 1;
}

static int is_proper(unsigned xpos)
{
	return xpos == NG_XPOS_NNP || xpos == NG_XPOS_NNPS;
}

/* The base of a word into buf (MAX_BASE * 4 bytes); its length, or 0 when
** the word is too long to have rules (its lemma is then its base). */
static size_t base_of(const char *form, size_t len, unsigned xpos, char *buf)
{
	if (len > MAX_BASE)
		return 0;
	if (is_proper(xpos)) {
		memcpy(buf, form, len);
		return len;
	}
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)form[i];
		if (c < 0x80) {
			buf[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		int32_t cp;
		size_t l = ng_utf8_decode((const unsigned char *)form + i, len - i, &cp);
		if (!l) {
			buf[o++] = (char)c;
			i++;
			continue;
		}
		o += ng_utf8_encode(utf8proc_tolower(cp), buf + o);
		i += l;
	}
	return o;
}

static const lm_slot *lm_find(const lm_slot *t, size_t mask, uint64_t key)
{
	size_t s = (size_t)key & mask;
	for (size_t probes = 0; probes <= mask; probes++) {
		if (t[s].key == key)
			return &t[s];
		if (!t[s].key)
			return NULL;
		s = (s + 1) & mask;
	}
	return NULL;
}

/* The rule's edit for a base, or NULL when no rule applies. */
static const lm_edit *rule_for(const ng_lemma_tables *t, const char *base, size_t n, unsigned xpos)
{
	size_t kmax = n < MAX_SUFFIX ? n : MAX_SUFFIX;
	for (size_t k = kmax + 1; k-- > 0;) {
		const lm_slot *s = lm_find(t->rules, t->rmask, lm_key(1, xpos, base + n - k, k));
		if (s && t->edits[s->val].drop <= n)
			return &t->edits[s->val];
	}
	return NULL;
}

const char *ng_lemma_of(const ng_lemma_tables *t, ng_arena *a, const char *form, size_t len,
			unsigned xpos)
{
	char buf[MAX_BASE * 4 + 8];
	size_t n = base_of(form, len, xpos, buf);
	if (!n) {
		char *o = ng_arena_alloc(a, len + 1);
		if (o) {
			memcpy(o, form, len);
			o[len] = 0;
		}
		return o;
	}
	const lm_slot *e = lm_find(t->exc, t->emask, lm_key(2, xpos, buf, n));
	if (e)
		return t->pool + e->val;
	const lm_edit *ed = rule_for(t, buf, n, xpos);
	size_t keep = ed ? n - ed->drop : n, add = ed ? ed->add_len : 0;
	char *o = ng_arena_alloc(a, keep + add + 1);
	if (!o)
		return NULL;
	memcpy(o, buf, keep);
	if (add)
		memcpy(o + keep, t->pool + ed->add, add);
	o[keep + add] = 0;
	return o;
}

/* ---- loading */

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

ng_lemma_tables *ng_lemma_attach(const void *data, size_t len)
{
	const unsigned char *p = data;
	lm_header h;
	if (len < sizeof h)
		return NULL;
	memcpy(&h, p, sizeof h);
	if (h.magic != LEMMA_MAGIC || h.rule_log2 < 2 || h.rule_log2 > 26 || h.exc_log2 < 2 ||
	    h.exc_log2 > 26 || h.reserved)
		return NULL;
	size_t nr = (size_t)1 << h.rule_log2, ne = (size_t)1 << h.exc_log2;
	size_t o_r = align8(sizeof h), o_e = o_r + nr * sizeof(lm_slot);
	size_t o_d = o_e + ne * sizeof(lm_slot), o_p = align8(o_d + h.nedits * sizeof(lm_edit));
	if (align8(o_p + h.pool_len) != len || !h.pool_len || p[o_p + h.pool_len - 1])
		return NULL;
	ng_lemma_tables *t = ng_calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->rules = (const lm_slot *)(p + o_r);
	t->exc = (const lm_slot *)(p + o_e);
	t->rmask = nr - 1;
	t->emask = ne - 1;
	t->edits = (const lm_edit *)(p + o_d);
	t->nedits = h.nedits;
	t->pool = (const char *)(p + o_p);
	t->pool_len = h.pool_len;
	/* every index in range, every table with an empty slot */
	size_t empty = 0;
	for (size_t i = 0; i < nr; i++) {
		if (!t->rules[i].key)
			empty++;
		else if (t->rules[i].val >= h.nedits)
			goto bad;
	}
	if (!empty)
		goto bad;
	empty = 0;
	for (size_t i = 0; i < ne; i++) {
		if (!t->exc[i].key)
			empty++;
		else if (t->exc[i].val >= h.pool_len)
			goto bad;
	}
	if (!empty)
		goto bad;
	for (uint32_t i = 0; i < h.nedits; i++)
		if ((uint64_t)t->edits[i].add + t->edits[i].add_len >= h.pool_len)
			goto bad;
	return t;
bad:
	ng_free(t);
	return NULL;
}

void ng_lemma_detach(ng_lemma_tables *t)
{
	ng_free(t);
}

/* ---- learning */

typedef struct lm_type {
	uint64_t key;      /* (xpos, base) */
	const char *base;  /* in the builder's arena */
	uint32_t base_len;
	uint16_t xpos;
	const char *lemma; /* most frequent gold lemma so far */
	uint32_t count;
} lm_type;

typedef struct lm_vote {
	uint64_t key;      /* rule key */
	uint32_t edit;
	uint32_t count;
} lm_vote;

struct ng_lemma_builder {
	/* the serialized result, built by ng_lemma_learn */
	unsigned char *blob;
	size_t len;
};

/* A growable open-addressing map of 64-bit keys to indices (training only). */
typedef struct imap {
	uint64_t *k;
	uint32_t *v;
	size_t mask, n;
} imap;

static int imap_init(imap *m, size_t cap)
{
	size_t c = 16;
	while (c < cap * 2)
		c *= 2;
	m->k = ng_calloc(c, sizeof *m->k);
	m->v = ng_calloc(c, sizeof *m->v);
	m->mask = c - 1;
	m->n = 0;
	return m->k && m->v;
}

static void imap_free(imap *m)
{
	ng_free(m->k);
	ng_free(m->v);
}

/* Slot of key (found, or the empty one where it goes). */
static size_t imap_slot(const imap *m, uint64_t key)
{
	size_t s = (size_t)key & m->mask;
	while (m->k[s] && m->k[s] != key)
		s = (s + 1) & m->mask;
	return s;
}

/* Edits are strings "drop:add" interned in a map (their hash -> index). */
typedef struct lm_learn {
	ng_arena *a;
	lm_type *types;
	size_t ntypes, captypes;
	imap tmap;        /* type key -> index */
	lm_vote *votes;
	size_t nvotes, capvotes;
	imap vmap;        /* hash(rule key, edit) -> vote index */
	lm_edit *edits;
	size_t nedits, capedits;
	imap emap;        /* hash(drop, add) -> edit index */
	char *pool;
	size_t pool_len, pool_cap;
} lm_learn;

static int grow_arr(void **arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 1;
	size_t nc = *cap ? *cap * 2 : 1024;
	void *q = ng_realloc(*arr, nc * size);
	if (!q)
		return 0;
	*arr = q;
	*cap = nc;
	return 1;
}

static int64_t pool_add(lm_learn *L, const char *s, size_t n)
{
	while (L->pool_len + n + 1 > L->pool_cap) {
		size_t nc = L->pool_cap ? L->pool_cap * 2 : 65536;
		char *q = ng_realloc(L->pool, nc);
		if (!q)
			return -1;
		L->pool = q;
		L->pool_cap = nc;
	}
	memcpy(L->pool + L->pool_len, s, n);
	L->pool[L->pool_len + n] = 0;
	size_t at = L->pool_len;
	L->pool_len += n + 1;
	return (int64_t)at;
}

/* Index of the edit base -> lemma; -1 when out of memory or not encodable. */
static int64_t edit_of(lm_learn *L, const char *base, size_t n, const char *lemma)
{
	size_t ll = strlen(lemma), p = 0;
	while (p < n && p < ll && base[p] == lemma[p])
		p++;
	size_t drop = n - p, add = ll - p;
	if (drop > 255 || add > 255)
		return -2;
	uint64_t key = ng_hash_mix64(hash_bytes(lemma + p, add, 0xcbf29ce484222325ull) ^
				     ((uint64_t)drop << 48) ^ ((uint64_t)add << 56));
	key = key ? key : 1;
	if (L->emap.n * 2 > L->emap.mask)
		return -1; /* cannot happen with the size chosen below */
	size_t s = imap_slot(&L->emap, key);
	if (L->emap.k[s])
		return L->emap.v[s];
	if (!grow_arr((void **)&L->edits, &L->capedits, L->nedits, sizeof *L->edits))
		return -1;
	int64_t at = pool_add(L, lemma + p, add);
	if (at < 0)
		return -1;
	L->edits[L->nedits] = (lm_edit){.drop = (uint8_t)drop, .add_len = (uint8_t)add,
					.add = (uint32_t)at};
	L->emap.k[s] = key;
	L->emap.v[s] = (uint32_t)L->nedits;
	L->emap.n++;
	return (int64_t)L->nedits++;
}

static int vote(lm_learn *L, uint64_t rkey, uint32_t edit)
{
	uint64_t key = ng_hash_mix64(rkey ^ ((uint64_t)edit * 0x9e3779b97f4a7c15ull));
	key = key ? key : 1;
	size_t s = imap_slot(&L->vmap, key);
	if (L->vmap.k[s]) {
		L->votes[L->vmap.v[s]].count++;
		return 1;
	}
	if (L->vmap.n * 2 > L->vmap.mask || !grow_arr((void **)&L->votes, &L->capvotes, L->nvotes,
						       sizeof *L->votes))
		return 0;
	L->votes[L->nvotes] = (lm_vote){rkey, edit, 1};
	L->vmap.k[s] = key;
	L->vmap.v[s] = (uint32_t)L->nvotes++;
	L->vmap.n++;
	return 1;
}

/* Collects word types (xpos, base) with their most frequent lemma. */
static int collect_types(lm_learn *L, const ng_ud_corpus *c)
{
	/* per type: lemma counts kept small, as (lemma pointer, count) pairs in a
	** second map keyed by (type, lemma) */
	imap lc;
	uint32_t *lcount = ng_calloc(c->n_words + 1, sizeof *lcount);
	if (!lcount || !imap_init(&lc, c->n_words + 1)) {
		ng_free(lcount);
		imap_free(&lc);
		return 0;
	}
	size_t nl = 0;
	char buf[MAX_BASE * 4 + 8];
	for (size_t si = 0; si < c->n; si++) {
		const ng_ud_sent *s = &c->sents[si];
		for (size_t i = 0; i < s->n; i++) {
			const ng_ud_word *u = &s->words[i];
			if (!strcmp(u->lemma, "_"))
				continue;
			unsigned x = (unsigned)ng_xpos_id(u->xpos);
			size_t n = base_of(u->form, strlen(u->form), x, buf);
			if (!n)
				continue;
			uint64_t tk = lm_key(2, x, buf, n);
			size_t ts = imap_slot(&L->tmap, tk);
			if (!L->tmap.k[ts]) {
				if (!grow_arr((void **)&L->types, &L->captypes, L->ntypes,
					      sizeof *L->types))
					goto oom;
				char *b = ng_arena_alloc(L->a, n + 1);
				if (!b)
					goto oom;
				memcpy(b, buf, n);
				b[n] = 0;
				L->types[L->ntypes] = (lm_type){tk, b, (uint32_t)n, (uint16_t)x, NULL,
								0};
				L->tmap.k[ts] = tk;
				L->tmap.v[ts] = (uint32_t)L->ntypes++;
				L->tmap.n++;
			}
			lm_type *t = &L->types[L->tmap.v[ts]];
			uint64_t lk = ng_hash_mix64(tk ^ hash_bytes(u->lemma, strlen(u->lemma), 7));
			lk = lk ? lk : 1;
			size_t ls = imap_slot(&lc, lk);
			if (!lc.k[ls]) {
				lc.k[ls] = lk;
				lc.v[ls] = (uint32_t)nl++;
				lc.n++;
			}
			uint32_t cnt = ++lcount[lc.v[ls]];
			if (cnt > t->count) {
				t->count = cnt;
				t->lemma = u->lemma;
			}
		}
	}
	ng_free(lcount);
	imap_free(&lc);
	return 1;
oom:
	ng_free(lcount);
	imap_free(&lc);
	return 0;
}

static int lm_learn_rules(lm_learn *L)
{
	for (size_t i = 0; i < L->ntypes; i++) {
		const lm_type *t = &L->types[i];
		int64_t e = edit_of(L, t->base, t->base_len, t->lemma);
		if (e == -1)
			return 0;
		if (e < 0)
			continue;
		unsigned drop = L->edits[e].drop;
		size_t kmax = t->base_len < MAX_SUFFIX ? t->base_len : MAX_SUFFIX;
		for (size_t k = drop; k <= kmax; k++)
			if (!vote(L, lm_key(1, t->xpos, t->base + t->base_len - k, k), (uint32_t)e))
				return 0;
	}
	return 1;
}

static int cmp_vote(const void *a, const void *b)
{
	const lm_vote *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->edit < y->edit ? -1 : x->edit > y->edit;
}

static uint32_t log2_for(size_t n)
{
	uint32_t l = 2;
	while (((size_t)1 << l) < n * 2 + 2)
		l++;
	return l;
}

static void put_slot(lm_slot *t, size_t mask, uint64_t key, uint32_t val)
{
	size_t s = (size_t)key & mask;
	while (t[s].key)
		s = (s + 1) & mask;
	t[s] = (lm_slot){key, val, 0};
}

/* Best edit per rule key (type count >= 2, or the empty suffix), then the
** exceptions; writes the blob. */
static int lm_emit(lm_learn *L, ng_lemma_builder *b)
{
	qsort(L->votes, L->nvotes, sizeof *L->votes, cmp_vote);
	size_t nrules = 0;
	for (size_t i = 0; i < L->nvotes; i++)
		if ((i == 0 || L->votes[i - 1].key != L->votes[i].key) && L->votes[i].count >= 2)
			L->votes[nrules++] = L->votes[i];
	uint32_t rlog = log2_for(nrules);
	size_t nr = (size_t)1 << rlog;
	lm_slot *rules = ng_calloc(nr, sizeof *rules);
	if (!rules)
		return 0;
	for (size_t i = 0; i < nrules; i++)
		put_slot(rules, nr - 1, L->votes[i].key, L->votes[i].edit);
	ng_lemma_tables view = {rules, NULL, nr - 1, 0, L->edits, (uint32_t)L->nedits, NULL, 0};
	/* exceptions: types whose rule output is not their lemma */
	uint64_t *ek = ng_malloc((L->ntypes + 1) * sizeof *ek);
	uint32_t *ev = ng_malloc((L->ntypes + 1) * sizeof *ev);
	size_t nexc = 0;
	int ok = ek && ev;
	for (size_t i = 0; ok && i < L->ntypes; i++) {
		const lm_type *t = &L->types[i];
		view.pool = L->pool;
		const lm_edit *ed = rule_for(&view, t->base, t->base_len, t->xpos);
		size_t keep = ed ? t->base_len - ed->drop : t->base_len;
		size_t add = ed ? ed->add_len : 0, ll = strlen(t->lemma);
		if (keep + add == ll && !memcmp(t->lemma, t->base, keep) &&
		    (!add || !memcmp(t->lemma + keep, L->pool + ed->add, add)))
			continue;
		int64_t at = pool_add(L, t->lemma, ll);
		if (at < 0) {
			ok = 0;
			break;
		}
		ek[nexc] = t->key;
		ev[nexc++] = (uint32_t)at;
	}
	uint32_t elog = log2_for(nexc);
	size_t ne = (size_t)1 << elog;
	lm_header h = {LEMMA_MAGIC, rlog, elog, (uint32_t)L->nedits, (uint32_t)L->pool_len, 0};
	size_t o_r = align8(sizeof h), o_e = o_r + nr * sizeof(lm_slot);
	size_t o_d = o_e + ne * sizeof(lm_slot), o_p = align8(o_d + L->nedits * sizeof(lm_edit));
	size_t total = align8(o_p + L->pool_len);
	unsigned char *blob = ok ? ng_calloc(1, total) : NULL;
	if (blob) {
		memcpy(blob, &h, sizeof h);
		memcpy(blob + o_r, rules, nr * sizeof(lm_slot));
		lm_slot *exc = (lm_slot *)(blob + o_e);
		for (size_t i = 0; i < nexc; i++)
			put_slot(exc, ne - 1, ek[i], ev[i]);
		memcpy(blob + o_d, L->edits, L->nedits * sizeof(lm_edit));
		memcpy(blob + o_p, L->pool, L->pool_len);
		b->blob = blob;
		b->len = total;
	}
	ng_free(rules);
	ng_free(ek);
	ng_free(ev);
	return blob != NULL;
}

ng_lemma_builder *ng_lemma_learn(const ng_ud_corpus *c)
{
	ng_lemma_builder *b = ng_calloc(1, sizeof *b);
	lm_learn L = {0};
	L.a = ng_arena_create(1 << 20, (size_t)1 << 30);
	size_t n = c->n_words + 16;
	int ok = b && L.a && imap_init(&L.tmap, n) && imap_init(&L.vmap, n * (MAX_SUFFIX + 1)) &&
		 imap_init(&L.emap, n) && pool_add(&L, "", 0) == 0;
	ok = ok && collect_types(&L, c) && lm_learn_rules(&L) && lm_emit(&L, b);
	imap_free(&L.tmap);
	imap_free(&L.vmap);
	imap_free(&L.emap);
	ng_free(L.types);
	ng_free(L.votes);
	ng_free(L.edits);
	ng_free(L.pool);
	ng_arena_destroy(L.a);
	if (!ok) {
		ng_lemma_builder_free(b);
		return NULL;
	}
	return b;
}

ng_status ng_lemma_serialize(const ng_lemma_builder *b, void **out, size_t *len)
{
	*out = ng_malloc(b->len);
	if (!*out)
		return NG_ENOMEM;
	memcpy(*out, b->blob, b->len);
	*len = b->len;
	return NG_OK;
}

void ng_lemma_builder_free(ng_lemma_builder *b)
{
	if (!b)
		return;
	ng_free(b->blob);
	ng_free(b);
}
