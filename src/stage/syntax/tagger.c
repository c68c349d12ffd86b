/*
** tagger.c -- the tagger's features, its model image and tagging.
**
** The image is one little-endian block, mmap-ed and never written:
**   header (64 bytes): magic "NGTAGM1\n", format and feature-set versions,
**     class count, log2 of the feature table size, feature and weight
**     counts, length of the lemma tables, weight scale, total size, FNV-1a
**     checksum of the whole image (this field counted as zeros);
**   classes: {uint8 upos, uint8 xpos} per class (the (UPOS, XPOS) pairs seen
**     in training), padded to 8 bytes;
**   feature table: {uint32 fp, uint32 first weight << 8 | weight count} per
**     slot (fp 0 = empty); a feature key k lives at slot (k & mask) or after
**     it (linear probing) with fp = (k >> 32) | 1;
**   weights: uint32 class << 16 | (uint16)int16 weight, the non-zero
**     weights of each feature in a run (weight = value / scale);
**   the lemmatizer's tables (lemma.c).
** Loading checks sizes, the checksum and every index, so a corrupt file is
** an error and lookups always end.
*/
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stage/syntax/tagger.h"
#include "stage/syntax/tagger_int.h"

struct ng_tagger {
	const unsigned char *image;
	size_t len;
	int mapped;
	unsigned nclass;
	const uint8_t *classes; /* upos, xpos per class */
	const ng_tg_slot *fidx;
	size_t fmask;
	const uint32_t *wts;
	uint32_t nwts;
	const int16_t *dense;   /* rows of NG_TG_MAXC weights */
	float inv_scale;
	ng_tg_dict dict;
	ng_lemma_tables *lemma;
};

/* ---- features */

enum { F_CAP = 1, F_ALLCAP = 2, F_DIGIT = 4, F_HYPHEN = 8, F_ALPHA = 16, F_NONALNUM = 32,
       F_LOWER = 64 };

static uint64_t fnv(const unsigned char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ull;
	return h ^ n;
}

uint32_t ng_tg_dict_get(const ng_tg_dict *d, uint64_t norm)
{
	if (!d || !d->slots)
		return 0;
	uint64_t key = norm | 1;
	size_t s = (size_t)(key >> 7) & d->mask;
	for (;;) {
		const ng_tg_dslot *e = &d->slots[s];
		if (e->key == key)
			return e->mask;
		if (!e->key)
			return 0;
		s = (s + 1) & d->mask;
	}
}

void ng_tg_words(const ng_syn_word *w, size_t n, const ng_tg_dict *dict, ng_tg_word *out)
{
	unsigned char low[64], shp[24];
	for (size_t i = 0; i < n; i++) {
		const unsigned char *s = (const unsigned char *)w[i].form;
		size_t len = w[i].form_len, m = len < sizeof low ? len : sizeof low;
		uint32_t fl = 0;
		int upper = 0, lower = 0;
		size_t ns = 0;
		unsigned char last = 0;
		for (size_t j = 0; j < len; j++) {
			unsigned char c = s[j], k;
			if (c >= 'A' && c <= 'Z') {
				upper++;
				k = 'X';
			} else if (c >= 'a' && c <= 'z') {
				lower++;
				k = 'x';
			} else if (c >= '0' && c <= '9') {
				fl |= F_DIGIT;
				k = 'd';
			} else if (c >= 0x80) {
				k = c >= 0xC0 ? 'u' : 0; /* a letter of another script, probably */
			} else {
				k = c;
				if (c == '-')
					fl |= F_HYPHEN;
			}
			if (j < m) {
				unsigned char lc = (c >= 'A' && c <= 'Z') ? c + 32 : c;
				low[j] = (lc >= '0' && lc <= '9') ? '0' : lc;
			}
			if (k && k != last && ns < sizeof shp)
				shp[ns++] = k;
			if (k)
				last = k;
		}
		if (len && s[0] >= 'A' && s[0] <= 'Z')
			fl |= F_CAP;
		if (upper && !lower)
			fl |= F_ALLCAP;
		if (lower && !upper)
			fl |= F_LOWER;
		if (upper || lower)
			fl |= F_ALPHA;
		if (!(fl & (F_ALPHA | F_DIGIT)) && !(len && s[0] >= 0x80))
			fl |= F_NONALNUM;
		ng_tg_word *t = &out[i];
		t->norm = fnv(low, m) ^ (len > m ? len : 0);
		t->exact = fnv(s, len) * 31 + 7;
		t->shape = fnv(shp, ns) + 0x5151;
		for (size_t k = 0; k < 3; k++)
			t->pre[k] = fnv(low, k + 1 < m ? k + 1 : m) + k * 1000003u + 11;
		for (size_t k = 0; k < 4; k++) {
			size_t l = k + 1 < m ? k + 1 : m;
			t->suf[k] = fnv(low + m - l, l) + k * 1000033u + 13;
		}
		t->flags = fl;
		uint32_t am = ng_tg_dict_get(dict, t->norm);
		t->amb = am ? am * 0x9e3779b1ull + 0x77 : (fl & 0x7f) + 0x3131;
	}
}

/* Padding before and after the sentence. */
static const ng_tg_word pad_before = {.norm = 0x1111, .exact = 0x1112, .shape = 0x1113,
				      .suf = {0x1114, 0x1115, 0x1116, 0x1117}, .amb = 0x1118};
static const ng_tg_word pad_after = {.norm = 0x2221, .exact = 0x2222, .shape = 0x2223,
				     .suf = {0x2224, 0x2225, 0x2226, 0x2227}, .amb = 0x2228};

static inline uint64_t fk(unsigned tmpl, uint64_t h)
{
	return ng_hash_mix64(h * 0x9e3779b97f4a7c15ull + tmpl);
}

/* Positions in the key array of the features that read earlier classes. */
static const uint8_t hist_pos[NG_TG_NHIST] = {16, 17, 18, 25, 26, 31};

void ng_tg_features_static(const ng_tg_word *tw, size_t n, size_t i, uint64_t *keys)
{
	const ng_tg_word *w = &tw[i];
	const ng_tg_word *p1 = i >= 1 ? &tw[i - 1] : &pad_before;
	const ng_tg_word *p2 = i >= 2 ? &tw[i - 2] : &pad_before;
	const ng_tg_word *n1 = i + 1 < n ? &tw[i + 1] : &pad_after;
	const ng_tg_word *n2 = i + 2 < n ? &tw[i + 2] : &pad_after;
	keys[0] = fk(0, 1);
	keys[1] = fk(1, w->norm);
	keys[2] = fk(2, w->exact);
	for (unsigned j = 0; j < 4; j++)
		keys[3 + j] = fk(3 + j, w->suf[j]);
	for (unsigned j = 0; j < 3; j++)
		keys[7 + j] = fk(7 + j, w->pre[j]);
	keys[10] = fk(10, w->shape);
	keys[11] = fk(11, w->flags | (i == 0 ? 128u : 0u));
	keys[12] = fk(12, p1->norm);
	keys[13] = fk(13, n1->norm);
	keys[14] = fk(14, p2->norm);
	keys[15] = fk(15, n2->norm);
	keys[19] = fk(19, p1->suf[2]);
	keys[20] = fk(20, n1->suf[2]);
	keys[21] = fk(21, n1->shape);
	keys[22] = fk(22, p1->shape);
	keys[23] = fk(23, p1->norm * 31 + w->norm);
	keys[24] = fk(24, w->norm * 31 + n1->norm);
	keys[27] = fk(27, w->amb);
	keys[28] = fk(28, n1->amb);
	keys[29] = fk(29, n2->amb);
	keys[30] = fk(30, w->amb * 31 + n1->amb);
	keys[32] = fk(32, p1->amb);
}

void ng_tg_features_history(const ng_tg_word *tw, size_t n, size_t i, const uint8_t *cls,
			    unsigned nclass, uint64_t *keys)
{
	const ng_tg_word *w = &tw[i];
	const ng_tg_word *n1 = i + 1 < n ? &tw[i + 1] : &pad_after;
	uint64_t t1 = i >= 1 ? cls[i - 1] : nclass, t2 = i >= 2 ? cls[i - 2] : nclass;
	keys[16] = fk(16, t1);
	keys[17] = fk(17, t2 * 256 + t1);
	keys[18] = fk(18, w->norm * 31 + t1);
	keys[25] = fk(25, n1->norm * 31 + t1);
	keys[26] = fk(26, w->suf[2] * 31 + t1);
	keys[31] = fk(31, w->amb * 31 + t1);
}

size_t ng_tg_features(const ng_tg_word *tw, size_t n, size_t i, const uint8_t *cls,
		      unsigned nclass, uint64_t *keys)
{
	ng_tg_features_static(tw, n, i, keys);
	ng_tg_features_history(tw, n, i, cls, nclass, keys);
	return NG_TG_NFEATS;
}

/* ---- loading */

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

uint64_t ng_tg_checksum(const unsigned char *p, size_t n)
{
	const size_t at = offsetof(ng_tg_header, checksum);
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (i >= at && i < at + 8 ? 0 : p[i])) * 0x100000001b3ull;
	return h;
}

void ng_tg_layout(const ng_tg_header *h, size_t *o_cls, size_t *o_dict, size_t *o_fidx,
		  size_t *o_w, size_t *o_dense, size_t *o_lem, size_t *total)
{
	*o_cls = sizeof(ng_tg_header);
	*o_dict = align8(*o_cls + 2 * (size_t)h->nclass);
	*o_fidx = *o_dict + sizeof(ng_tg_dslot) * ((size_t)1 << h->dict_log2);
	*o_w = *o_fidx + sizeof(ng_tg_slot) * ((size_t)1 << h->fslots_log2);
	*o_dense = (*o_w + sizeof(uint32_t) * (size_t)h->nwts + 63) & ~(size_t)63;
	*o_lem = *o_dense + sizeof(int16_t) * NG_TG_MAXC * (size_t)h->ndense;
	*total = align8(*o_lem + h->lemma_len);
}

static ng_status fail(char *err, size_t errlen, ng_status st, const char *what, const char *detail)
{
	if (err && errlen)
		snprintf(err, errlen, "%s: tagger model: %s", what, detail);
	return st;
}

static ng_status attach(ng_tagger *t, const char *what, char *err, size_t errlen)
{
	const unsigned char *img = t->image;
	ng_tg_header h;
	if (t->len < sizeof h)
		return fail(err, errlen, NG_EPARSE, what, "file too short for a header (truncated?)");
	memcpy(&h, img, sizeof h);
	if (memcmp(h.magic, NG_TG_MAGIC, 8))
		return fail(err, errlen, NG_EPARSE, what, "not a newsgraph tagger model (bad magic)");
	if (h.format != NG_TG_FORMAT)
		return fail(err, errlen, NG_EPARSE, what, "unsupported format version");
	if (h.features != NG_TG_FEATURES)
		return fail(err, errlen, NG_EPARSE, what,
			    "trained with another feature set: retrain with newsgraph train-syntax");
	if (h.nclass < 1 || h.nclass > NG_TG_MAXC || h.ndense >= (1u << 24) || h.fslots_log2 < 4 ||
	    h.fslots_log2 > 28 ||
	    !(h.scale > 0) || h.nrows >= (1u << h.fslots_log2) || h.nwts >= (1u << 24) ||
	    h.dict_log2 < 4 || h.dict_log2 > 28 || h.ndict >= (1u << h.dict_log2) || h.reserved)
		return fail(err, errlen, NG_EPARSE, what, "header values out of range");
	size_t o_cls, o_dict, o_fidx, o_w, o_dense, o_lem, total;
	ng_tg_layout(&h, &o_cls, &o_dict, &o_fidx, &o_w, &o_dense, &o_lem, &total);
	if (h.size != total || t->len != total)
		return fail(err, errlen, NG_EPARSE, what, "size does not match its header (truncated?)");
	if (ng_tg_checksum(img, total) != h.checksum)
		return fail(err, errlen, NG_EPARSE, what, "checksum mismatch (corrupt file)");
	const uint8_t *cls = img + o_cls;
	for (unsigned c = 0; c < h.nclass; c++)
		if (cls[2 * c] >= NG_UPOS_COUNT || cls[2 * c + 1] >= NG_XPOS_COUNT)
			return fail(err, errlen, NG_EPARSE, what, "class out of range");
	const ng_tg_dslot *dict = (const ng_tg_dslot *)(img + o_dict);
	size_t dslots = (size_t)1 << h.dict_log2, dused = 0;
	for (size_t i = 0; i < dslots; i++)
		dused += dict[i].key != 0;
	if (dused != h.ndict)
		return fail(err, errlen, NG_EPARSE, what, "tag dictionary count mismatch");
	const ng_tg_slot *fidx = (const ng_tg_slot *)(img + o_fidx);
	size_t fslots = (size_t)1 << h.fslots_log2, used = 0;
	for (size_t i = 0; i < fslots; i++) {
		if (!fidx[i].fp)
			continue;
		used++;
		uint32_t off = fidx[i].off_cnt >> 8, cnt = fidx[i].off_cnt & 255;
		if (cnt ? (uint64_t)off + cnt > h.nwts : off >= h.ndense)
			return fail(err, errlen, NG_EPARSE, what, "feature weights out of range");
	}
	if (used != h.nrows)
		return fail(err, errlen, NG_EPARSE, what, "feature table count mismatch");
	const uint32_t *wts = (const uint32_t *)(img + o_w);
	for (uint32_t i = 0; i < h.nwts; i++)
		if ((wts[i] >> 16) >= h.nclass)
			return fail(err, errlen, NG_EPARSE, what, "weight class out of range");
	t->lemma = ng_lemma_attach(img + o_lem, h.lemma_len);
	if (!t->lemma)
		return fail(err, errlen, NG_EPARSE, what, "lemma tables broken");
	t->nclass = h.nclass;
	t->classes = cls;
	t->dict.slots = dict;
	t->dict.mask = dslots - 1;
	t->fidx = fidx;
	t->fmask = fslots - 1;
	t->wts = wts;
	t->nwts = h.nwts;
	t->dense = (const int16_t *)(img + o_dense);
	t->inv_scale = 1.0f / h.scale;
	return NG_OK;
}

ng_status ng_tagger_from_bytes(const void *data, size_t len, ng_tagger **out, char *err,
			       size_t errlen)
{
	*out = NULL;
	ng_tagger *t = ng_calloc(1, sizeof *t);
	unsigned char *copy = ng_malloc(len ? len : 1);
	if (!t || !copy) {
		ng_free(t);
		ng_free(copy);
		return fail(err, errlen, NG_ENOMEM, "(memory)", "out of memory");
	}
	if (len)
		memcpy(copy, data, len);
	t->image = copy;
	t->len = len;
	ng_status st = attach(t, "(memory)", err, errlen);
	if (st != NG_OK) {
		ng_tagger_free(t);
		return st;
	}
	*out = t;
	return NG_OK;
}

ng_status ng_tagger_load(const char *path, ng_tagger **out, char *err, size_t errlen)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, errlen, NG_EIO, path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(err, errlen, NG_EIO, path, "not a regular file");
	}
	if (st.st_size < (off_t)sizeof(ng_tg_header)) {
		close(fd);
		return fail(err, errlen, NG_EPARSE, path, "file too short for a header (truncated?)");
	}
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return fail(err, errlen, NG_EIO, path, strerror(errno));
	ng_tagger *t = ng_calloc(1, sizeof *t);
	if (!t) {
		munmap(p, (size_t)st.st_size);
		return fail(err, errlen, NG_ENOMEM, path, "out of memory");
	}
	t->image = p;
	t->len = (size_t)st.st_size;
	t->mapped = 1;
	ng_status s = attach(t, path, err, errlen);
	if (s != NG_OK) {
		ng_tagger_free(t);
		return s;
	}
	*out = t;
	return NG_OK;
}

void ng_tagger_free(ng_tagger *t)
{
	if (!t)
		return;
	ng_lemma_detach(t->lemma);
	if (t->mapped)
		munmap((void *)t->image, t->len);
	else
		ng_free((void *)t->image);
	ng_free(t);
}

/* ---- tagging */

static inline const ng_tg_slot *slot_of(const ng_tagger *t, uint64_t k)
{
	uint32_t fp = (uint32_t)(k >> 32) | 1u;
	size_t s = (size_t)k & t->fmask;
	for (;;) {
		const ng_tg_slot *e = &t->fidx[s];
		if (e->fp == fp)
			return e;
		if (!e->fp)
			return NULL;
		s = (s + 1) & t->fmask;
	}
}

const char *ng_tagger_lemma(const ng_tagger *t, ng_arena *scratch, const char *form, size_t len,
			    unsigned xpos)
{
	return ng_lemma_of(t->lemma, scratch, form, len, xpos);
}

/* Hot loop: per word, the sparse weights of ~27 features summed into one
** score per class, then the best class. */
ng_status ng_tagger_tag(const ng_tagger *t, ng_arena *scratch, ng_syn_word *w, size_t n)
{
	if (!t || (!w && n))
		return NG_EUSAGE;
	if (!n)
		return NG_OK;
	ng_tg_word *tw = ng_arena_alloc(scratch, n * sizeof *tw);
	uint8_t *cls = ng_arena_alloc(scratch, n);
	if (!tw || !cls)
		return NG_ELIMIT;
	ng_tg_words(w, n, &t->dict, tw);
	uint64_t kbuf[2][NG_TG_MAX_FEATS];
	int32_t acc[NG_TG_MAXC];
	const unsigned nc = t->nclass;
	const size_t nk = NG_TG_NFEATS;
	memset(kbuf, 0, sizeof kbuf); /* the history places are prefetched before they are set */
	ng_tg_features_static(tw, n, 0, kbuf[0]);
	for (size_t i = 0; i < n; i++) {
		/* the next word's features that do not depend on this word's class
		** are hashed and prefetched now, a word ahead of their use */
		uint64_t *keys = kbuf[i & 1];
		ng_tg_features_history(tw, n, i, cls, nc, keys);
		for (size_t j = 0; j < NG_TG_NHIST; j++)
			__builtin_prefetch(&t->fidx[(size_t)keys[hist_pos[j]] & t->fmask]);
		if (i + 1 < n) {
			uint64_t *next = kbuf[(i + 1) & 1];
			ng_tg_features_static(tw, n, i + 1, next);
			for (size_t j = 0; j < nk; j++)
				__builtin_prefetch(&t->fidx[(size_t)next[j] & t->fmask]);
		}
		memset(acc, 0, sizeof acc);
		/* two phases, so the weight runs' cache misses overlap; dense rows
		** (features with weights for many classes) in vector adds */
		uint32_t runs[NG_TG_MAX_FEATS];
		size_t nr = 0;
		for (size_t j = 0; j < nk; j++) {
			const ng_tg_slot *e = slot_of(t, keys[j]);
			if (!e)
				continue;
			runs[nr++] = e->off_cnt;
			if (e->off_cnt & 255)
				__builtin_prefetch(t->wts + (e->off_cnt >> 8));
			else
				__builtin_prefetch(t->dense + (size_t)(e->off_cnt >> 8) * NG_TG_MAXC);
		}
		for (size_t j = 0; j < nr; j++) {
			uint32_t cnt = runs[j] & 255;
			if (!cnt) {
				const int16_t *r = t->dense + (size_t)(runs[j] >> 8) * NG_TG_MAXC;
				for (unsigned c = 0; c < NG_TG_MAXC; c++)
					acc[c] += r[c];
				continue;
			}
			const uint32_t *p = t->wts + (runs[j] >> 8);
			for (; cnt--; p++)
				acc[*p >> 16] += (int16_t)(uint16_t)(*p & 0xffff);
		}
		/* the best class: the maximum over a fixed length (vectorized; the
		** padding classes hold INT32_MIN / 2), then its first index */
		for (unsigned c = nc; c < NG_TG_MAXC; c++)
			acc[c] = INT32_MIN / 2;
		int32_t top = acc[0];
		for (unsigned c = 0; c < NG_TG_MAXC; c++)
			top = acc[c] > top ? acc[c] : top;
		unsigned best = 0;
		while (acc[best] != top)
			best++;
		cls[i] = (uint8_t)best;
		w[i].upos = t->classes[2 * best];
		w[i].xpos = t->classes[2 * best + 1];
	}
	for (size_t i = 0; i < n; i++) {
		w[i].lemma = ng_lemma_of(t->lemma, scratch, w[i].form, w[i].form_len, w[i].xpos);
		if (!w[i].lemma)
			return NG_ELIMIT;
	}
	return NG_OK;
}

ng_status ng_tagger_eval(const ng_tagger *t, const ng_ud_corpus *c, double *upos, double *xpos,
			 double *lemma)
{
	ng_arena *a = ng_arena_create(1 << 16, (size_t)1 << 30);
	if (!a)
		return NG_ENOMEM;
	size_t n = 0, ok_u = 0, ok_x = 0, ok_l = 0;
	ng_status st = NG_OK;
	for (size_t si = 0; si < c->n && st == NG_OK; si++) {
		const ng_ud_sent *s = &c->sents[si];
		ng_syn_word *w = ng_syn_from_ud(s, a);
		ng_syn_word *g = ng_syn_from_ud(s, a);
		if (!w || !g) {
			st = NG_ENOMEM;
			break;
		}
		st = ng_tagger_tag(t, a, w, s->n);
		for (size_t i = 0; st == NG_OK && i < s->n; i++) {
			n++;
			ok_u += w[i].upos == g[i].upos;
			ok_x += w[i].xpos == g[i].xpos;
			ok_l += !strcmp(w[i].lemma, g[i].lemma);
		}
		ng_arena_reset(a);
	}
	ng_arena_destroy(a);
	double d = n ? 100.0 / (double)n : 0;
	if (upos)
		*upos = (double)ok_u * d;
	if (xpos)
		*xpos = (double)ok_x * d;
	if (lemma)
		*lemma = (double)ok_l * d;
	return st;
}
