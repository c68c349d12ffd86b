/*
** tagger_train.c -- trains the tagger: an averaged perceptron over the
** (UPOS, XPOS) pairs of the training treebank, greedy left to right with
** its own predictions as history, as it will tag.
**
** The features are those seen with gold history in train (at least
** min_count times); each has a dense row of integer weights while
** training, averaged with the usual trick (w - u / c, u summing each update
** times its step). After every epoch the averaged weights become a model
** image (quantized to 16 bits, small weights pruned), which is scored on
** dev with the tagger's own code; the best image is written. Sentence order
** comes from a seeded generator, so a run is reproducible byte for byte.
*/
#include <math.h>
#include <stdlib.h>

#include "stage/syntax/tagger_int.h"

/* A growable open-addressing map of 64-bit keys (never 0) to values. */
typedef struct kmap {
	uint64_t *k;
	uint32_t *v;
	size_t mask, n;
} kmap;

static int kmap_init(kmap *m, size_t cap)
{
	size_t c = 1024;
	while (c < cap * 2)
		c *= 2;
	m->k = ng_calloc(c, sizeof *m->k);
	m->v = ng_calloc(c, sizeof *m->v);
	m->mask = c - 1;
	m->n = 0;
	return m->k && m->v;
}

static void kmap_free(kmap *m)
{
	ng_free(m->k);
	ng_free(m->v);
	m->k = NULL;
	m->v = NULL;
}

static size_t kmap_slot(const kmap *m, uint64_t key)
{
	size_t s = (size_t)key & m->mask;
	while (m->k[s] && m->k[s] != key)
		s = (s + 1) & m->mask;
	return s;
}

static int kmap_grow(kmap *m)
{
	kmap g;
	if (!kmap_init(&g, (m->mask + 1)))
		return 0;
	for (size_t i = 0; i <= m->mask; i++)
		if (m->k[i]) {
			size_t s = kmap_slot(&g, m->k[i]);
			g.k[s] = m->k[i];
			g.v[s] = m->v[i];
		}
	g.n = m->n;
	kmap_free(m);
	*m = g;
	return 1;
}

/* Value of key, or NULL; with `add`, inserts it with value 0. */
static uint32_t *kmap_get(kmap *m, uint64_t key, int add)
{
	key = key ? key : 1;
	size_t s = kmap_slot(m, key);
	if (m->k[s])
		return &m->v[s];
	if (!add)
		return NULL;
	if ((m->n + 1) * 10 > (m->mask + 1) * 7) {
		if (!kmap_grow(m))
			return NULL;
		s = kmap_slot(m, key);
	}
	m->k[s] = key;
	m->v[s] = 0;
	m->n++;
	return &m->v[s];
}

typedef struct trainer {
	unsigned nc;
	uint8_t pair[NG_UPOS_COUNT * NG_XPOS_COUNT]; /* class of a pair, or 255 */
	uint8_t classes[2 * 256];
	kmap rows;       /* feature key -> row */
	uint64_t *keys;  /* key of each row */
	size_t nrows;
	int32_t *w;
	int64_t *u;
	int64_t c;
	const ng_ud_corpus *train;
	ng_syn_word **words; /* train sentences as words */
	uint8_t **gold;      /* their gold classes (255: a pair not in the set) */
	ng_arena *a;
	size_t maxlen;
	ng_tg_dslot *dslots; /* the tag dictionary */
	uint32_t dict_log2, ndict;
	ng_tg_dict dict;
} trainer;

static ng_status set_err(char *err, size_t errlen, ng_status st, const char *msg)
{
	if (err && errlen)
		snprintf(err, errlen, "train-syntax (tagger): %s", msg);
	return st;
}

/* Classes, the words and gold classes of each training sentence. */
static ng_status prepare(trainer *T)
{
	const ng_ud_corpus *c = T->train;
	memset(T->pair, 255, sizeof T->pair);
	T->words = ng_arena_alloc(T->a, (c->n + 1) * sizeof *T->words);
	T->gold = ng_arena_alloc(T->a, (c->n + 1) * sizeof *T->gold);
	if (!T->words || !T->gold)
		return NG_ENOMEM;
	int seen[NG_UPOS_COUNT * NG_XPOS_COUNT] = {0};
	for (size_t si = 0; si < c->n; si++) {
		T->words[si] = ng_syn_from_ud(&c->sents[si], T->a);
		T->gold[si] = ng_arena_alloc(T->a, c->sents[si].n + 1);
		if (!T->words[si] || !T->gold[si])
			return NG_ENOMEM;
		for (size_t i = 0; i < c->sents[si].n; i++)
			seen[T->words[si][i].upos * NG_XPOS_COUNT + T->words[si][i].xpos] = 1;
		if (c->sents[si].n > T->maxlen)
			T->maxlen = c->sents[si].n;
	}
	/* classes in (UPOS, XPOS) order, so the same corpus gives the same ids */
	for (unsigned p = 0; p < NG_UPOS_COUNT * NG_XPOS_COUNT; p++) {
		if (!seen[p])
			continue;
		if (T->nc == NG_TG_MAXC)
			return NG_ELIMIT;
		T->pair[p] = (uint8_t)T->nc;
		T->classes[2 * T->nc] = (uint8_t)(p / NG_XPOS_COUNT);
		T->classes[2 * T->nc + 1] = (uint8_t)(p % NG_XPOS_COUNT);
		T->nc++;
	}
	for (size_t si = 0; si < c->n; si++)
		for (size_t i = 0; i < c->sents[si].n; i++) {
			const ng_syn_word *w = &T->words[si][i];
			T->gold[si][i] = T->pair[w->upos * NG_XPOS_COUNT + w->xpos];
		}
	return NG_OK;
}

/* The tag dictionary: UPOS tags with at least 5% of the uses of each word
** seen twice or more. */
static ng_status build_dict(trainer *T)
{
	kmap words;
	if (!kmap_init(&words, 1 << 16))
		return NG_ENOMEM;
	ng_tg_word *tw = ng_malloc((T->maxlen + 1) * sizeof *tw);
	uint32_t *cnt = NULL;
	size_t ncnt = 0, capcnt = 0;
	uint64_t *wkeys = NULL;
	ng_status st = tw ? NG_OK : NG_ENOMEM;
	for (size_t si = 0; si < T->train->n && st == NG_OK; si++) {
		size_t n = T->train->sents[si].n;
		ng_tg_words(T->words[si], n, NULL, tw);
		for (size_t i = 0; i < n; i++) {
			uint32_t *v = kmap_get(&words, tw[i].norm | 1, 1);
			if (!v) {
				st = NG_ENOMEM;
				break;
			}
			if (!*v) {
				if (ncnt == capcnt) {
					size_t nc = capcnt ? capcnt * 2 : 4096;
					uint32_t *q = ng_realloc(cnt, nc * (NG_UPOS_COUNT + 1) * sizeof *q);
					uint64_t *k = ng_realloc(wkeys, nc * sizeof *k);
					if (q)
						cnt = q;
					if (k)
						wkeys = k;
					if (!q || !k) {
						st = NG_ENOMEM;
						break;
					}
					capcnt = nc;
				}
				memset(cnt + ncnt * (NG_UPOS_COUNT + 1), 0,
				       (NG_UPOS_COUNT + 1) * sizeof *cnt);
				wkeys[ncnt] = tw[i].norm | 1;
				*v = (uint32_t)++ncnt;
			}
			uint32_t *c = cnt + (*v - 1) * (NG_UPOS_COUNT + 1);
			c[T->words[si][i].upos]++;
			c[NG_UPOS_COUNT]++;
		}
	}
	size_t keep = 0;
	for (size_t i = 0; st == NG_OK && i < ncnt; i++)
		keep += cnt[i * (NG_UPOS_COUNT + 1) + NG_UPOS_COUNT] >= 2;
	T->dict_log2 = 4;
	while (((size_t)1 << T->dict_log2) < keep * 2 + 2)
		T->dict_log2++;
	size_t mask = ((size_t)1 << T->dict_log2) - 1;
	if (st == NG_OK && !(T->dslots = ng_calloc(mask + 1, sizeof *T->dslots)))
		st = NG_ENOMEM;
	for (size_t i = 0; st == NG_OK && i < ncnt; i++) {
		const uint32_t *c = cnt + i * (NG_UPOS_COUNT + 1);
		uint32_t total = c[NG_UPOS_COUNT], m = 0;
		if (total < 2)
			continue;
		for (unsigned u = 0; u < NG_UPOS_COUNT; u++)
			if (c[u] && (uint64_t)c[u] * 20 >= total)
				m |= 1u << u;
		size_t s = (size_t)(wkeys[i] >> 7) & mask;
		while (T->dslots[s].key)
			s = (s + 1) & mask;
		T->dslots[s] = (ng_tg_dslot){wkeys[i], m, 0};
		T->ndict++;
	}
	T->dict.slots = T->dslots;
	T->dict.mask = mask;
	ng_free(tw);
	ng_free(cnt);
	ng_free(wkeys);
	kmap_free(&words);
	return st;
}

/* The features seen with gold history at least min_count times get rows. */
static ng_status collect(trainer *T, unsigned min_count)
{
	kmap cnt;
	if (!kmap_init(&cnt, 1 << 20))
		return NG_ENOMEM;
	ng_tg_word *tw = ng_malloc((T->maxlen + 1) * sizeof *tw);
	uint64_t keys[NG_TG_MAX_FEATS];
	ng_status st = tw ? NG_OK : NG_ENOMEM;
	for (size_t si = 0; si < T->train->n && st == NG_OK; si++) {
		size_t n = T->train->sents[si].n;
		ng_tg_words(T->words[si], n, &T->dict, tw);
		for (size_t i = 0; i < n && st == NG_OK; i++) {
			size_t nk = ng_tg_features(tw, n, i, T->gold[si], T->nc, keys);
			for (size_t j = 0; j < nk; j++) {
				uint32_t *v = kmap_get(&cnt, keys[j], 1);
				if (!v) {
					st = NG_ENOMEM;
					break;
				}
				if (++*v == min_count) {
					uint32_t *r = kmap_get(&T->rows, keys[j], 1);
					if (!r) {
						st = NG_ENOMEM;
						break;
					}
					*r = (uint32_t)T->nrows++;
				}
			}
		}
	}
	ng_free(tw);
	kmap_free(&cnt);
	if (st != NG_OK)
		return st;
	T->keys = ng_malloc((T->nrows + 1) * sizeof *T->keys);
	T->w = ng_calloc(T->nrows * T->nc + 1, sizeof *T->w);
	T->u = ng_calloc(T->nrows * T->nc + 1, sizeof *T->u);
	if (!T->keys || !T->w || !T->u)
		return NG_ENOMEM;
	for (size_t i = 0; i <= T->rows.mask; i++)
		if (T->rows.k[i])
			T->keys[T->rows.v[i]] = T->rows.k[i];
	return NG_OK;
}

static uint64_t xorshift(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

/* One pass over the training sentences in a shuffled order; returns the
** number of words tagged wrong. Hot loop: dense rows of nc weights. */
static size_t epoch(trainer *T, uint64_t *rng, size_t *order)
{
	size_t ns = T->train->n, wrong = 0, nc = T->nc;
	for (size_t i = ns; i > 1; i--) {
		size_t j = (size_t)(xorshift(rng) % i);
		size_t t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
	ng_tg_word *tw = ng_malloc((T->maxlen + 1) * sizeof *tw);
	uint8_t *cls = ng_malloc(T->maxlen + 1);
	int64_t *sc = ng_malloc(nc * sizeof *sc);
	if (!tw || !cls || !sc) {
		ng_free(tw);
		ng_free(cls);
		ng_free(sc);
		return SIZE_MAX;
	}
	uint64_t keys[NG_TG_MAX_FEATS];
	uint32_t rows[NG_TG_MAX_FEATS];
	for (size_t oi = 0; oi < ns; oi++) {
		size_t si = order[oi], n = T->train->sents[si].n;
		ng_tg_words(T->words[si], n, &T->dict, tw);
		for (size_t i = 0; i < n; i++) {
			size_t nk = ng_tg_features(tw, n, i, cls, T->nc, keys), nr = 0;
			for (size_t j = 0; j < nk; j++) {
				uint32_t *r = kmap_get(&T->rows, keys[j], 0);
				if (r)
					rows[nr++] = *r;
			}
			memset(sc, 0, nc * sizeof *sc);
			for (size_t j = 0; j < nr; j++) {
				const int32_t *wr = T->w + (size_t)rows[j] * nc;
				for (size_t c = 0; c < nc; c++)
					sc[c] += wr[c];
			}
			unsigned best = 0;
			for (unsigned c = 1; c < nc; c++)
				if (sc[c] > sc[best])
					best = c;
			unsigned g = T->gold[si][i];
			if (g != 255 && g != best) {
				wrong++;
				for (size_t j = 0; j < nr; j++) {
					size_t b = (size_t)rows[j] * nc;
					T->w[b + g]++;
					T->u[b + g] += T->c;
					T->w[b + best]--;
					T->u[b + best] -= T->c;
				}
			}
			cls[i] = (uint8_t)best;
			T->c++;
		}
	}
	ng_free(tw);
	ng_free(cls);
	ng_free(sc);
	return wrong;
}

/* The model image of the averaged weights so far. */
static ng_status build_image(const trainer *T, const void *lemma, size_t lemma_len, float prune,
			     unsigned char **out, size_t *out_len)
{
	size_t nc = T->nc, nw = T->nrows * nc;
	float *avg = ng_malloc((nw + 1) * sizeof *avg);
	if (!avg)
		return NG_ENOMEM;
	float maxw = 0;
	for (size_t i = 0; i < nw; i++) {
		avg[i] = (float)((double)T->w[i] - (double)T->u[i] / (double)T->c);
		if (fabsf(avg[i]) > maxw)
			maxw = fabsf(avg[i]);
	}
	float scale = maxw > 0 ? 32767.0f / maxw : 1.0f;
	long minq = lrintf(prune * 32767.0f);
	minq = minq < 1 ? 1 : minq;
	size_t keep_rows = 0, keep_w = 0, ndense = 0;
	for (size_t r = 0; r < T->nrows; r++) {
		size_t k = 0;
		for (size_t c = 0; c < nc; c++)
			k += labs(lrintf(avg[r * nc + c] * scale)) >= minq;
		keep_rows += k > 0;
		if (k > NG_TG_DENSE_MIN)
			ndense++;
		else
			keep_w += k;
	}
	ng_tg_header h = {.format = NG_TG_FORMAT, .features = NG_TG_FEATURES,
			  .nclass = (uint32_t)nc, .nrows = (uint32_t)keep_rows,
			  .nwts = (uint32_t)keep_w, .lemma_len = (uint32_t)lemma_len,
			  .scale = scale, .dict_log2 = T->dict_log2, .ndict = T->ndict,
			  .ndense = (uint32_t)ndense};
	memcpy(h.magic, NG_TG_MAGIC, 8);
	h.fslots_log2 = 4;
	while (((size_t)1 << h.fslots_log2) * 7 < keep_rows * 10 + 10)
		h.fslots_log2++;
	size_t o_cls, o_dict, o_fidx, o_w, o_dense, o_lem, total;
	ng_tg_layout(&h, &o_cls, &o_dict, &o_fidx, &o_w, &o_dense, &o_lem, &total);
	h.size = total;
	unsigned char *img = keep_w < (1u << 24) ? ng_calloc(1, total) : NULL;
	if (!img) {
		ng_free(avg);
		return keep_w < (1u << 24) ? NG_ENOMEM : NG_ELIMIT;
	}
	memcpy(img + o_cls, T->classes, 2 * nc);
	memcpy(img + o_dict, T->dslots, sizeof(ng_tg_dslot) << T->dict_log2);
	ng_tg_slot *fidx = (ng_tg_slot *)(img + o_fidx);
	uint32_t *wts = (uint32_t *)(img + o_w);
	int16_t *dense = (int16_t *)(img + o_dense);
	size_t fmask = ((size_t)1 << h.fslots_log2) - 1, at = 0, d = 0;
	for (size_t r = 0; r < T->nrows; r++) {
		size_t first = at, k = 0;
		for (size_t c = 0; c < nc; c++)
			k += labs(lrintf(avg[r * nc + c] * scale)) >= minq;
		if (!k)
			continue;
		uint32_t off_cnt;
		if (k > NG_TG_DENSE_MIN) {
			for (size_t c = 0; c < nc; c++) {
				long q = lrintf(avg[r * nc + c] * scale);
				q = labs(q) < minq ? 0 : q > 32767 ? 32767 : q < -32767 ? -32767 : q;
				dense[d * NG_TG_MAXC + c] = (int16_t)q;
			}
			off_cnt = (uint32_t)d++ << 8;
		} else {
			for (size_t c = 0; c < nc; c++) {
				long q = lrintf(avg[r * nc + c] * scale);
				if (labs(q) < minq)
					continue;
				q = q > 32767 ? 32767 : q < -32767 ? -32767 : q;
				wts[at++] = (uint32_t)c << 16 | (uint16_t)(int16_t)q;
			}
			off_cnt = (uint32_t)first << 8 | (uint32_t)(at - first);
		}
		uint64_t key = T->keys[r];
		size_t s = (size_t)key & fmask;
		while (fidx[s].fp)
			s = (s + 1) & fmask;
		fidx[s].fp = (uint32_t)(key >> 32) | 1u;
		fidx[s].off_cnt = off_cnt;
	}
	memcpy(img + o_lem, lemma, lemma_len);
	memcpy(img, &h, sizeof h);
	h.checksum = ng_tg_checksum(img, total);
	memcpy(img, &h, sizeof h);
	ng_free(avg);
	*out = img;
	*out_len = total;
	return NG_OK;
}

static ng_status write_file(const char *path, const void *p, size_t n, char *err, size_t errlen)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0 || rename(tmp, path) != 0) {
		if (err && errlen)
			snprintf(err, errlen, "train-syntax (tagger): cannot write %s", path);
		return NG_EIO;
	}
	return NG_OK;
}

static void trainer_free(trainer *T)
{
	kmap_free(&T->rows);
	ng_free(T->keys);
	ng_free(T->w);
	ng_free(T->u);
	ng_free(T->dslots);
	ng_arena_destroy(T->a);
}

ng_status ng_tagger_train(const ng_ud_corpus *train, const ng_ud_corpus *dev,
			  const ng_tagger_train_opts *opts, const char *out_path, FILE *log,
			  char *err, size_t errlen)
{
	ng_tagger_train_opts o = {.epochs = 10, .min_count = 1, .seed = 1, .prune = 0.002f};
	if (opts) {
		o.epochs = opts->epochs ? opts->epochs : o.epochs;
		o.min_count = opts->min_count ? opts->min_count : o.min_count;
		o.seed = opts->seed ? opts->seed : o.seed;
		o.prune = opts->prune > 0 ? opts->prune : o.prune;
	}
	if (!train || !train->n || !out_path)
		return set_err(err, errlen, NG_EUSAGE, "no training sentences or no output path");
	trainer T = {.train = train, .c = 1};
	T.a = ng_arena_create(1 << 20, (size_t)1 << 32);
	ng_lemma_builder *lb = NULL;
	void *lemma = NULL;
	size_t lemma_len = 0, *order = NULL;
	unsigned char *best = NULL;
	size_t best_len = 0;
	double best_u = -1, best_x = -1;
	ng_status st = T.a && kmap_init(&T.rows, 1 << 18) ? prepare(&T) : NG_ENOMEM;
	if (st == NG_OK)
		st = build_dict(&T);
	if (st == NG_OK)
		st = collect(&T, o.min_count);
	if (st == NG_OK && !(lb = ng_lemma_learn(train)))
		st = NG_ENOMEM;
	if (st == NG_OK)
		st = ng_lemma_serialize(lb, &lemma, &lemma_len);
	if (st == NG_OK && !(order = ng_malloc(train->n * sizeof *order)))
		st = NG_ENOMEM;
	if (st != NG_OK)
		goto done;
	for (size_t i = 0; i < train->n; i++)
		order[i] = i;
	if (log)
		fprintf(log, "tagger: %zu sentences, %u classes, %zu features\n", train->n, T.nc,
			T.nrows);
	uint64_t rng = o.seed * 0x9e3779b97f4a7c15ull + 1;
	for (unsigned ep = 1; ep <= o.epochs; ep++) {
		size_t wrong = epoch(&T, &rng, order);
		if (wrong == SIZE_MAX) {
			st = NG_ENOMEM;
			break;
		}
		unsigned char *img;
		size_t len;
		if ((st = build_image(&T, lemma, lemma_len, o.prune, &img, &len)) != NG_OK)
			break;
		double u = 0, x = 0, l = 0;
		if (dev) {
			ng_tagger *tg;
			if ((st = ng_tagger_from_bytes(img, len, &tg, err, errlen)) != NG_OK) {
				ng_free(img);
				break;
			}
			st = ng_tagger_eval(tg, dev, &u, &x, &l);
			ng_tagger_free(tg);
			if (st != NG_OK) {
				ng_free(img);
				break;
			}
		}
		if (log)
			fprintf(log, "tagger epoch %2u: train errors %zu (%.2f%%), dev UPOS %.2f XPOS "
				     "%.2f lemma %.2f, %zu bytes\n",
				ep, wrong, 100.0 * (double)wrong / (double)train->n_words, u, x, l, len);
		if (!dev || u > best_u || (u == best_u && x > best_x)) {
			ng_free(best);
			best = img;
			best_len = len;
			best_u = u;
			best_x = x;
		} else {
			ng_free(img);
		}
	}
	if (st == NG_OK)
		st = write_file(out_path, best, best_len, err, errlen);
	if (st == NG_OK && log)
		fprintf(log, "tagger: wrote %s (%zu bytes), dev UPOS %.2f XPOS %.2f\n", out_path,
			best_len, best_u, best_x);
done:
	if (st != NG_OK && err && errlen && !err[0])
		set_err(err, errlen, st, ng_strerror(st));
	ng_free(best);
	ng_free(order);
	ng_free(lemma);
	ng_lemma_builder_free(lb);
	trainer_free(&T);
	return st;
}
