/*
** parser_train.c -- training the dependency parser: averaged perceptrons
** for the transitions and the relations, the arc-hybrid dynamic oracle
** (Goldberg & Nivre 2013) with error exploration, the relation set, the
** projectivization of training trees, and the model image.
**
** Weights live in a sparse table: feature key -> a chain of (class,
** weight, weighted sum of updates) entries, created on the first update,
** so only features that ever mattered cost memory. Averages are w - u/c
** (u sums c * delta over the updates, c counts decisions). Every pass is
** scored on dev by parsing with the image built from the averages; the
** image of the best pass by LAS is written. Everything is deterministic:
** a fixed-seed xorshift shuffles the sentences and draws exploration.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stage/syntax/conllu.h"
#include "stage/syntax/parser_int.h"

#define AP_MAX_SLOTS ((size_t)1 << 28)
#define AP_MAX_ENTS ((size_t)1 << 30)

typedef struct ap_ent {
	double u;
	float w;
	uint32_t next;  /* entry index + 1, 0 ends the chain */
	uint8_t cls;
} ap_ent;

typedef struct ap {
	uint64_t *keys;   /* 0 = empty (keys are never 0: see ap_key) */
	uint32_t *first;  /* entry index + 1 */
	size_t mask, used;
	ap_ent *ents;
	size_t n_ents, cap_ents;
	uint64_t clock;
} ap;

static inline uint64_t ap_key(uint64_t k)
{
	return k ? k : 1;
}

static ng_status ap_init(ap *a, size_t slots)
{
	memset(a, 0, sizeof *a);
	a->keys = ng_calloc(slots, sizeof *a->keys);
	a->first = ng_calloc(slots, sizeof *a->first);
	a->cap_ents = slots;
	a->ents = ng_malloc(a->cap_ents * sizeof *a->ents);
	a->mask = slots - 1;
	return a->keys && a->first && a->ents ? NG_OK : NG_ENOMEM;
}

static void ap_free(ap *a)
{
	ng_free(a->keys);
	ng_free(a->first);
	ng_free(a->ents);
	memset(a, 0, sizeof *a);
}

static size_t ap_find(const ap *a, uint64_t k)
{
	k = ap_key(k);
	size_t i = (size_t)(k ^ (k >> 31)) & a->mask;
	while (a->keys[i] && a->keys[i] != k)
		i = (i + 1) & a->mask;
	return i;
}

static ng_status ap_grow(ap *a)
{
	size_t slots = (a->mask + 1) * 2;
	if (slots > AP_MAX_SLOTS)
		return NG_ELIMIT;
	ap b = *a;
	b.keys = ng_calloc(slots, sizeof *b.keys);
	b.first = ng_calloc(slots, sizeof *b.first);
	if (!b.keys || !b.first) {
		ng_free(b.keys);
		ng_free(b.first);
		return NG_ENOMEM;
	}
	b.mask = slots - 1;
	for (size_t i = 0; i <= a->mask; i++)
		if (a->keys[i]) {
			size_t j = ap_find(&b, a->keys[i]);
			b.keys[j] = a->keys[i];
			b.first[j] = a->first[i];
		}
	ng_free(a->keys);
	ng_free(a->first);
	*a = b;
	return NG_OK;
}

/* Adds the current weights of `keys` to scores[0..ncls). */
static void ap_score(const ap *a, const uint64_t *keys, size_t nk, float *scores)
{
	for (size_t j = 0; j < nk; j++) {
		size_t i = ap_find(a, keys[j]);
		for (uint32_t e = a->first[i]; e; e = a->ents[e - 1].next)
			scores[a->ents[e - 1].cls] += a->ents[e - 1].w;
	}
}

static ng_status ap_update(ap *a, const uint64_t *keys, size_t nk, unsigned cls, float delta)
{
	for (size_t j = 0; j < nk; j++) {
		if ((a->used + 1) * 2 > a->mask + 1) {
			ng_status st = ap_grow(a);
			if (st != NG_OK)
				return st;
		}
		size_t i = ap_find(a, keys[j]);
		if (!a->keys[i]) {
			a->keys[i] = ap_key(keys[j]);
			a->used++;
		}
		uint32_t *link = &a->first[i];
		while (*link && a->ents[*link - 1].cls != cls)
			link = &a->ents[*link - 1].next;
		if (!*link) {
			if (a->n_ents == a->cap_ents) {
				if (a->cap_ents * 2 > AP_MAX_ENTS)
					return NG_ELIMIT;
				ap_ent *ne = ng_realloc(a->ents, a->cap_ents * 2 * sizeof *ne);
				if (!ne)
					return NG_ENOMEM;
				a->ents = ne;
				a->cap_ents *= 2;
				link = &a->first[i]; /* re-walk: the chain moved */
				while (*link && a->ents[*link - 1].cls != cls)
					link = &a->ents[*link - 1].next;
			}
			a->ents[a->n_ents] = (ap_ent){.cls = (uint8_t)cls};
			*link = (uint32_t)++a->n_ents;
		}
		ap_ent *e = &a->ents[*link - 1];
		e->w += delta;
		e->u += (double)a->clock * delta;
	}
	return NG_OK;
}

static inline float ap_avg(const ap *a, const ap_ent *e)
{
	return a->clock ? (float)(e->w - e->u / (double)a->clock) : e->w;
}

/* ---- the relation set ---- */

typedef struct labset {
	const char *name[NG_PARSER_MAX_LABELS];
	unsigned n, root, dep;
} labset;

typedef struct labcount {
	const char *name;
	size_t n;
} labcount;

static int labcount_cmp(const void *x, const void *y)
{
	const labcount *a = x, *b = y;
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The relations of `c`, most frequent first (ties by name); beyond
** NG_PARSER_MAX_LABELS the rarest become "dep". */
static ng_status labset_build(const ng_ud_corpus *c, labset *ls)
{
	enum { MAXL = 512 };
	labcount lc[MAXL];
	size_t nl = 0;
	for (size_t s = 0; s < c->n; s++)
		for (size_t i = 0; i < c->sents[s].n; i++) {
			const char *r = c->sents[s].words[i].deprel;
			size_t k = 0;
			while (k < nl && strcmp(lc[k].name, r))
				k++;
			if (k == nl) {
				if (nl == MAXL)
					return NG_ELIMIT;
				lc[nl++] = (labcount){r, 0};
			}
			lc[k].n++;
		}
	int has_root = 0, has_dep = 0;
	for (size_t k = 0; k < nl; k++) {
		has_root |= !strcmp(lc[k].name, "root");
		has_dep |= !strcmp(lc[k].name, "dep");
	}
	if (!has_root && nl < MAXL)
		lc[nl++] = (labcount){"root", 0};
	if (!has_dep && nl < MAXL)
		lc[nl++] = (labcount){"dep", 0};
	qsort(lc, nl, sizeof lc[0], labcount_cmp);
	memset(ls, 0, sizeof *ls);
	for (size_t k = 0; k < nl && ls->n < NG_PARSER_MAX_LABELS; k++) {
		if (strlen(lc[k].name) >= PRS_LABEL_BYTES)
			continue;
		ls->name[ls->n++] = lc[k].name;
	}
	ls->root = ls->dep = NG_PARSER_MAX_LABELS;
	for (unsigned k = 0; k < ls->n; k++) {
		if (!strcmp(ls->name[k], "root"))
			ls->root = k;
		if (!strcmp(ls->name[k], "dep"))
			ls->dep = k;
	}
	if (ls->root == NG_PARSER_MAX_LABELS || ls->dep == NG_PARSER_MAX_LABELS) {
		/* keep both: drop the rarest names instead */
		ls->n = NG_PARSER_MAX_LABELS - 2;
		ls->name[ls->n] = "root";
		ls->root = ls->n++;
		ls->name[ls->n] = "dep";
		ls->dep = ls->n++;
	}
	return NG_OK;
}

static unsigned labset_id(const labset *ls, const char *name)
{
	for (unsigned k = 0; k < ls->n; k++)
		if (!strcmp(ls->name[k], name))
			return k;
	return ls->dep;
}

/* ---- training sentences ---- */

typedef struct tsent {
	ng_syn_word *w;
	int32_t *gh;      /* gold head, 0-based, n for the root (projectivized) */
	uint8_t *gl;      /* gold relation id */
	size_t n;
	const ng_ud_sent *ud;
} tsent;

static int dominates(const int32_t *gh, int n, int h, int k)
{
	for (int steps = 0; k != n && steps <= n; steps++) {
		if (k == h)
			return 1;
		k = gh[k];
	}
	return h == n;
}

/* Lifts non-projective arcs (the shortest first) until the tree is
** projective; returns the number of lifts. */
static size_t projectivize(int32_t *gh, int n)
{
	size_t lifts = 0;
	for (;;) {
		int best = -1, blen = 0;
		for (int d = 0; d < n; d++) {
			int h = gh[d], a = h < d ? h : d, b = h < d ? d : h;
			if (h == n)
				a = d, b = d; /* root arcs: checked through the others */
			for (int k = a + 1; k < b; k++)
				if (!dominates(gh, n, h, k)) {
					if (best < 0 || b - a < blen)
						best = d, blen = b - a;
					break;
				}
		}
		if (best < 0 || lifts > (size_t)n * 4)
			return lifts;
		gh[best] = gh[gh[best]];
		lifts++;
	}
}

static ng_status prepare(const ng_ud_corpus *c, const labset *ls, ng_arena *a, tsent **out,
			 size_t *nout, size_t *lifts)
{
	tsent *ts = ng_arena_alloc(a, (c->n ? c->n : 1) * sizeof *ts);
	if (!ts)
		return NG_ENOMEM;
	size_t k = 0;
	*lifts = 0;
	for (size_t s = 0; s < c->n; s++) {
		const ng_ud_sent *u = &c->sents[s];
		if (!u->n || u->n > NG_PARSER_MAX_WORDS || !ng_ud_is_tree(u))
			continue;
		tsent *t = &ts[k];
		t->w = ng_syn_from_ud(u, a);
		t->gh = ng_arena_alloc(a, u->n * sizeof *t->gh);
		t->gl = ng_arena_alloc(a, u->n);
		if (!t->w || !t->gh || !t->gl)
			return NG_ENOMEM;
		t->n = u->n;
		t->ud = u;
		for (size_t i = 0; i < u->n; i++) {
			int h = u->words[i].head;
			t->gh[i] = h == 0 ? (int32_t)u->n : h - 1;
			t->gl[i] = (uint8_t)labset_id(ls, u->words[i].deprel);
		}
		*lifts += projectivize(t->gh, (int)u->n);
		k++;
	}
	*out = ts;
	*nout = k;
	return NG_OK;
}

/* ---- the dynamic oracle ---- */

/* Gold arcs made unreachable by transition t (arc-hybrid, root at the end). */
static int cost(const prs_state *s, const int32_t *gh, int t)
{
	int n = s->n, b = s->b, c = 0;
	if (t == PRS_SHIFT) {
		for (int k = 0; k < s->sp; k++) {
			int x = s->stack[k];
			c += gh[x] == b;
			c += gh[b] == x && k != s->sp - 1;
		}
		return c;
	}
	int d = s->stack[s->sp - 1];
	for (int k = b; k < n; k++)
		c += gh[k] == d;
	if (t == PRS_LEFT)
		c += gh[d] != b && ((s->sp > 1 && gh[d] == s->stack[s->sp - 2]) || gh[d] > b);
	else
		c += gh[d] >= b;
	return c;
}

static uint64_t xorshift(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

typedef struct trainer {
	ap T, L;
	labset ls;
	uint64_t lmask[2];
	const ng_parser_train_opts *o;
	uint64_t rng;
	size_t decisions, errors, lab_errors, arcs;
} trainer;

static unsigned train_label(trainer *tr, prs_state *s, const tsent *t, int h, int d,
			    ng_status *st)
{
	if (h == s->n)
		return tr->ls.root;
	uint64_t keys[PRS_MAX_LFEATS];
	size_t nk = prs_lfeats(s, h, d, keys);
	float sc[NG_PARSER_MAX_LABELS] = {0};
	ap_score(&tr->L, keys, nk, sc);
	uint64_t allowed = tr->lmask[d < h ? 0 : 1] & ~(1ull << tr->ls.root);
	unsigned best = tr->ls.dep;
	float bs = -INFINITY;
	for (unsigned l = 0; l < tr->ls.n; l++)
		if ((allowed >> l & 1) && sc[l] > bs)
			bs = sc[l], best = l;
	tr->L.clock++;
	if (t->gh[d] == h) {
		unsigned g = t->gl[d];
		tr->arcs++;
		if (best != g) {
			tr->lab_errors++;
			*st = ap_update(&tr->L, keys, nk, g, 1.0f);
			if (*st == NG_OK)
				*st = ap_update(&tr->L, keys, nk, best, -1.0f);
		}
		if (tr->o->static_oracle)
			return g;
	}
	return best;
}

static ng_status train_sent(trainer *tr, prs_state *s, const tsent *t, int epoch)
{
	uint64_t keys[PRS_MAX_TFEATS];
	ng_status st = NG_OK;
	prs_state_reset(s);
	while (!prs_done(s) && st == NG_OK) {
		size_t nk = prs_tfeats(s, tr->o->templates, keys);
		float sc[PRS_NT] = {0};
		ap_score(&tr->T, keys, nk, sc);
		int pred = -1, gold = -1, cst[3], minc = 1 << 30;
		for (int c = 0; c < 3; c++) {
			cst[c] = prs_valid(s, c) ? cost(s, t->gh, c) : -1;
			if (cst[c] >= 0 && cst[c] < minc)
				minc = cst[c];
			if (cst[c] >= 0 && (pred < 0 || sc[c] > sc[pred]))
				pred = c;
		}
		for (int c = 0; c < 3; c++)
			if (cst[c] == minc && (gold < 0 || sc[c] > sc[gold]))
				gold = c;
		if (pred < 0 || gold < 0)
			return NG_EINTERNAL;
		tr->T.clock++;
		tr->decisions++;
		int next = gold;
		if (cst[pred] > minc) {
			tr->errors++;
			st = ap_update(&tr->T, keys, nk, (unsigned)gold, 1.0f);
			if (st == NG_OK)
				st = ap_update(&tr->T, keys, nk, (unsigned)pred, -1.0f);
			if (!tr->o->static_oracle && epoch > 0 &&
			    (double)(xorshift(&tr->rng) >> 11) / 9007199254740992.0 < tr->o->explore)
				next = pred;
		} else {
			next = pred;
		}
		unsigned lab = 0;
		if (next != PRS_SHIFT) {
			int h, d;
			prs_arc(s, next, &h, &d);
			lab = train_label(tr, s, t, h, d, &st);
		}
		prs_apply(s, next, lab);
	}
	return st;
}

/* ---- the image ---- */

static float max_avg(const ap *a)
{
	float m = 0;
	for (size_t i = 0; i < a->n_ents; i++) {
		float v = fabsf(ap_avg(a, &a->ents[i]));
		if (v > m)
			m = v;
	}
	return m > 0 ? m : 1;
}

static inline int16_t quant(float v, float scale)
{
	long q = lrintf(v * scale);
	return (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
}

/* Largest |quantized weight| of a chain; its number of nonzero entries. */
static int chain_max(const ap *a, uint32_t e, float scale, unsigned *nz)
{
	int m = 0;
	*nz = 0;
	for (; e; e = a->ents[e - 1].next) {
		int q = abs(quant(ap_avg(a, &a->ents[e - 1]), scale));
		*nz += q != 0;
		if (q > m)
			m = q;
	}
	return m;
}

static ng_status image_build(const trainer *tr, unsigned templates, unsigned prune_level,
			     void **img_out, size_t *len_out)
{
	const ap *T = &tr->T, *L = &tr->L;
	int min = prune_level > 0 ? (int)prune_level : 1;
	float tscale = 32767.0f / max_avg(T), lscale = 32767.0f / max_avg(L);
	size_t trows = 0, lrows = 0, npool = 0;
	for (size_t i = 0; i <= T->mask; i++) {
		unsigned nz;
		if (T->keys[i] && chain_max(T, T->first[i], tscale, &nz) >= min)
			trows++;
	}
	for (size_t i = 0; i <= L->mask; i++) {
		unsigned nz;
		if (L->keys[i] && chain_max(L, L->first[i], lscale, &nz) >= min) {
			lrows++;
			npool += nz;
		}
	}
	if (npool >= (1u << 24))
		return NG_ELIMIT;
	prs_header h = {.format = PRS_FORMAT, .features = PRS_FEATURES, .templates = templates,
			.nlabels = tr->ls.n, .root_label = tr->ls.root,
			.tbuckets = (uint32_t)(trows / 4 + 1),
			.lbuckets = (uint32_t)(lrows / 4 + 1), .ntrows = (uint32_t)trows,
			.nlrows = (uint32_t)lrows,
			.npool = (uint32_t)npool, .tscale = tscale, .lscale = lscale,
			.lmask = {tr->lmask[0], tr->lmask[1]}};
	memcpy(h.magic, PRS_MAGIC, 8);
	prs_layout l;
	prs_layout_of(&h, &l);
	h.size = l.total;
	unsigned char *img = ng_calloc(1, l.total);
	if (!img)
		return NG_ENOMEM;
	for (unsigned k = 0; k < tr->ls.n; k++)
		memcpy(img + l.labels + (size_t)k * PRS_LABEL_BYTES, tr->ls.name[k],
		       strlen(tr->ls.name[k]));
	prs_tbucket *tt = (prs_tbucket *)(img + l.ttab);
	prs_lbucket *lt = (prs_lbucket *)(img + l.ltab);
	prs_lent *pool = (prs_lent *)(img + l.pool);
	size_t np = 0;
	for (size_t i = 0; i <= T->mask; i++) {
		unsigned nz;
		int mx;
		if (!T->keys[i] || (mx = chain_max(T, T->first[i], tscale, &nz)) < min)
			continue;
		uint64_t k = T->keys[i];
		prs_tbucket *b = &tt[prs_bucket(k, h.tbuckets)];
		int lane = -1, weakest = -1, wmax = 1 << 30;
		for (int j = 0; j < PRS_BUCKET && lane < 0; j++) {
			int m = 0;
			for (int c = 0; c < PRS_NT; c++)
				m = abs(b->w[c][j]) > m ? abs(b->w[c][j]) : m;
			if (!b->fp[j])
				lane = j;
			else if (m < wmax)
				wmax = m, weakest = j;
		}
		if (lane < 0 && mx > wmax) /* a full bucket keeps its strongest rows */
			lane = weakest;
		if (lane < 0)
			continue;
		b->fp[lane] = prs_fp16(k);
		for (int c = 0; c < PRS_NT; c++)
			b->w[c][lane] = 0;
		for (uint32_t e = T->first[i]; e; e = T->ents[e - 1].next)
			b->w[T->ents[e - 1].cls][lane] = quant(ap_avg(T, &T->ents[e - 1]), tscale);
	}
	size_t used = 0;
	for (size_t i = 0; i < h.tbuckets; i++)
		for (int j = 0; j < PRS_BUCKET; j++)
			used += tt[i].fp[j] != 0;
	h.ntrows = (uint32_t)used;
	for (size_t i = 0; i <= L->mask; i++) {
		unsigned nz;
		int mx;
		if (!L->keys[i] || (mx = chain_max(L, L->first[i], lscale, &nz)) < min)
			continue;
		uint64_t k = L->keys[i];
		prs_lbucket *b = &lt[prs_bucket(k, h.lbuckets)];
		int lane = -1, weakest = -1, wmax = 1 << 30;
		for (int j = 0; j < PRS_BUCKET && lane < 0; j++) {
			if (!b->fp[j]) {
				lane = j;
				continue;
			}
			int m = 0;
			const prs_lent *e = pool + (b->ref[j] >> 8);
			for (uint32_t c = 0; c < (b->ref[j] & 0xFF); c++)
				m = abs(e[c].w) > m ? abs(e[c].w) : m;
			if (m < wmax)
				wmax = m, weakest = j;
		}
		if (lane < 0 && mx > wmax) /* a full bucket keeps its strongest rows */
			lane = weakest;
		if (lane < 0)
			continue;
		b->fp[lane] = prs_fp16(k);
		b->ref[lane] = (uint32_t)(np << 8 | nz);
		for (uint32_t e = L->first[i]; e; e = L->ents[e - 1].next) {
			int16_t q = quant(ap_avg(L, &L->ents[e - 1]), lscale);
			if (q)
				pool[np++] = (prs_lent){.lab = L->ents[e - 1].cls, .w = q};
		}
	}
	used = 0;
	for (size_t i = 0; i < h.lbuckets; i++)
		for (int j = 0; j < PRS_BUCKET; j++)
			used += lt[i].fp[j] != 0;
	h.nlrows = (uint32_t)used;
	((prs_header *)img)->size = 0;
	memcpy(img, &h, sizeof h);
	((prs_header *)img)->checksum = prs_checksum(img, l.total);
	*img_out = img;
	*len_out = l.total;
	return NG_OK;
}

/* ---- the training loop ---- */

void ng_parser_train_defaults(ng_parser_train_opts *o)
{
	memset(o, 0, sizeof *o);
	o->epochs = 15;
	o->seed = 0x5eed2026;
	o->templates = 0;
	o->static_oracle = 0;
	o->explore = 0.9;
	o->prune = 0;
}

static ng_status evaluate(const ng_parser *p, const tsent *ts, size_t n, ng_arena *a,
			  ng_parser_score *sc)
{
	memset(sc, 0, sizeof *sc);
	for (size_t i = 0; i < n; i++) {
		ng_status st = ng_parser_parse(p, a, ts[i].w, ts[i].n);
		if (st != NG_OK)
			return st;
		ng_parser_score_add(p, ts[i].ud, ts[i].w, sc);
	}
	return NG_OK;
}

static ng_status write_file(const char *path, const void *img, size_t len, char *err,
			    size_t errlen)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(img, 1, len, f) != len || fclose(f) != 0) {
		if (f)
			fclose(f);
		snprintf(err, errlen, "%s: cannot write the parser model", path);
		return NG_EIO;
	}
	return NG_OK;
}

/* Dev scores and image sizes of the last epoch's weights at several
** prune levels (for choosing one; logged only). */
static ng_status prune_scan(const trainer *tr, const tsent *dev, size_t ndev, ng_arena *a,
			    FILE *log)
{
	static const unsigned levels[] = {1, 2, 4, 8, 16, 32, 64, 128};
	for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		void *img = NULL;
		size_t len = 0;
		const ng_parser_train_opts *o = tr->o;
		ng_status st = image_build(tr, o->templates ? o->templates : PRS_NTEMPLATES, levels[i],
					   &img, &len);
		ng_parser *p = NULL;
		if (st == NG_OK)
			st = ng_parser_from_bytes(img, len, &p, NULL, 0);
		ng_free(img);
		ng_parser_score sc = {0};
		if (st == NG_OK)
			st = evaluate(p, dev, ndev, a, &sc);
		ng_parser_free(p);
		if (st != NG_OK)
			return st;
		double nw = (double)(sc.words + !sc.words);
		fprintf(log, "prune %u: dev UAS %.2f LAS %.2f, image %zu bytes\n", levels[i],
			100.0 * (double)sc.uas / nw, 100.0 * (double)sc.las / nw, len);
	}
	return NG_OK;
}

static ng_status run_epochs(trainer *tr, tsent *train, size_t ntrain, tsent *dev, size_t ndev,
			    prs_state **states, ng_arena *a, FILE *log, void **best_img,
			    size_t *best_len)
{
	const ng_parser_train_opts *o = tr->o;
	size_t *order = ng_malloc((ntrain ? ntrain : 1) * sizeof *order);
	if (!order)
		return NG_ENOMEM;
	for (size_t i = 0; i < ntrain; i++)
		order[i] = i;
	double best = -1;
	ng_status st = NG_OK;
	for (unsigned ep = 0; ep < o->epochs && st == NG_OK; ep++) {
		for (size_t i = ntrain; i > 1; i--) {
			size_t j = (size_t)(xorshift(&tr->rng) % i), x = order[i - 1];
			order[i - 1] = order[j];
			order[j] = x;
		}
		tr->decisions = tr->errors = tr->lab_errors = tr->arcs = 0;
		clock_t c0 = clock();
		for (size_t i = 0; i < ntrain && st == NG_OK; i++)
			st = train_sent(tr, states[order[i]], &train[order[i]], (int)ep);
		if (st != NG_OK)
			break;
		void *img = NULL;
		size_t len = 0;
		st = image_build(tr, o->templates ? o->templates : PRS_NTEMPLATES, o->prune, &img,
				 &len);
		if (st != NG_OK)
			break;
		ng_parser *p = NULL;
		char perr[160];
		st = ng_parser_from_bytes(img, len, &p, perr, sizeof perr);
		ng_parser_score sc = {0};
		if (st == NG_OK && ndev)
			st = evaluate(p, dev, ndev, a, &sc);
		ng_parser_free(p);
		double las = sc.words ? 100.0 * (double)sc.las / (double)sc.words : (double)ep;
		if (log)
			fprintf(log,
				"parser epoch %u: train transition errors %.2f%%, relation errors "
				"%.2f%%; dev UAS %.2f LAS %.2f (full relations %.2f); %zu+%zu features, "
				"image %zu bytes, %.1f s\n",
				ep + 1, 100.0 * (double)tr->errors / (double)(tr->decisions + !tr->decisions),
				100.0 * (double)tr->lab_errors / (double)(tr->arcs + !tr->arcs),
				sc.words ? 100.0 * (double)sc.uas / (double)sc.words : 0.0, las,
				sc.words ? 100.0 * (double)sc.las_full / (double)sc.words : 0.0,
				tr->T.used, tr->L.used, len, (double)(clock() - c0) / CLOCKS_PER_SEC);
		if (st == NG_OK && las > best) {
			best = las;
			ng_free(*best_img);
			*best_img = img;
			*best_len = len;
		} else {
			ng_free(img);
		}
	}
	ng_free(order);
	if (st == NG_OK && o->prune_scan && log)
		st = prune_scan(tr, dev, ndev, a, log);
	return st;
}

ng_status ng_parser_train(const ng_ud_corpus *train, const ng_ud_corpus *dev,
			  const ng_parser_train_opts *opts, const char *out_path, FILE *log,
			  char *err, size_t errlen)
{
	ng_parser_train_opts defaults;
	ng_parser_train_defaults(&defaults);
	if (!opts)
		opts = &defaults;
	if (!train || !out_path || opts->templates > PRS_NTEMPLATES) {
		snprintf(err, errlen, "parser training: bad arguments");
		return NG_EUSAGE;
	}
	trainer tr = {.o = opts, .rng = opts->seed ? opts->seed : 1};
	ng_arena *a = ng_arena_create(1 << 20, (size_t)1 << 32);
	tsent *tt = NULL, *dt = NULL;
	size_t nt = 0, nd = 0, lifts = 0, dlifts = 0;
	void *img = NULL;
	size_t len = 0;
	prs_state **states = NULL;
	ng_status st = a ? labset_build(train, &tr.ls) : NG_ENOMEM;
	if (st == NG_OK)
		st = prepare(train, &tr.ls, a, &tt, &nt, &lifts);
	if (st == NG_OK && dev)
		st = prepare(dev, &tr.ls, a, &dt, &nd, &dlifts);
	if (st == NG_OK) {
		states = ng_arena_alloc(a, (nt ? nt : 1) * sizeof *states);
		for (size_t i = 0; states && i < nt; i++) {
			states[i] = prs_state_new(a, tt[i].w, tt[i].n);
			if (!states[i])
				states = NULL;
			for (size_t k = 0; states && k < tt[i].n; k++)
				if (tt[i].gh[k] != (int32_t)tt[i].n)
					tr.lmask[(int)k < tt[i].gh[k] ? 0 : 1] |= 1ull << tt[i].gl[k];
		}
		st = states ? NG_OK : NG_ENOMEM;
	}
	if (st == NG_OK && log)
		fprintf(log, "parser: %zu training sentences (%zu arcs lifted to projectivize), %zu dev "
			"(%zu lifted arcs), %u relations, %u transition templates, %s oracle\n", nt,
			lifts, nd, dlifts, tr.ls.n, opts->templates ? opts->templates : PRS_NTEMPLATES,
			opts->static_oracle ? "static" : "dynamic");
	if (st == NG_OK)
		st = ap_init(&tr.T, (size_t)1 << 20);
	if (st == NG_OK)
		st = ap_init(&tr.L, (size_t)1 << 18);
	if (st == NG_OK)
		st = run_epochs(&tr, tt, nt, dt, nd, states, a, log, &img, &len);
	if (st == NG_OK)
		st = img ? write_file(out_path, img, len, err, errlen) : NG_EINTERNAL;
	else
		snprintf(err, errlen, "parser training failed: %s", ng_strerror(st));
	ng_free(img);
	ap_free(&tr.T);
	ap_free(&tr.L);
	ng_arena_destroy(a);
	return st;
}
