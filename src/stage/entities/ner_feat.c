/*
** ner_feat.c -- what the tagger looks at: per-token facts (hashes of the
** word, its case-folded form, shape and affixes; clusters; gazetteer
** matches; capitalization and document-level evidence), the feature keys
** built from them for one position, the document history of earlier
** predictions, and the constrained Viterbi decoder.
**
** Every feature is a 64-bit key: a template number mixed with the hash of
** its value. The model maps keys to one weight per tag.
*/
#include <string.h>
#include <utf8proc.h>

#include "stage/entities/ner.h"

#define FNV_OFF 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = FNV_OFF;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
	return h;
}

uint64_t ng_ner_hash_lower(const char *s, size_t n)
{
	return ng_gazetteer_token_hash(s, n);
}

/* Case-folds s into buf; returns the length (truncated at cap-4). */
static size_t fold(const char *s, size_t n, char *buf, size_t cap)
{
	size_t o = 0, i = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (i < n && o + 4 < cap) {
		if (p[i] < 0x80) {
			buf[o++] = (char)((p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i]);
			i++;
			continue;
		}
		int32_t cp;
		size_t k = ng_utf8_decode(p + i, n - i, &cp);
		if (!k) {
			buf[o++] = (char)p[i++];
			continue;
		}
		o += ng_utf8_encode(utf8proc_tolower(cp), buf + o);
		i += k;
	}
	return o;
}

/* Character class for shapes: X upper, x lower, d digit, else the byte or '*'. */
static char shape_class(int32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			return 'X';
		if (cp >= 'a' && cp <= 'z')
			return 'x';
		if (cp >= '0' && cp <= '9')
			return 'd';
		return (char)cp;
	}
	const utf8proc_property_t *pr = utf8proc_get_property(cp);
	switch (pr->category) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return 'X';
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return 'x';
	case UTF8PROC_CATEGORY_ND:
		return 'd';
	default:
		return '*';
	}
}

size_t ng_ner_shape(const char *s, size_t n, char *buf, size_t cap)
{
	size_t o = 0, i = 0, run = 0;
	char last = 0;
	const unsigned char *p = (const unsigned char *)s;
	if (!cap)
		return 0;
	while (i < n && o + 1 < cap) {
		int32_t cp;
		size_t k = p[i] < 0x80 ? 1 : ng_utf8_decode(p + i, n - i, &cp);
		if (p[i] < 0x80)
			cp = p[i];
		else if (!k) {
			k = 1;
			cp = 0xfffd;
		}
		char c = shape_class(cp);
		run = c == last ? run + 1 : 1;
		last = c;
		if (run <= 2)
			buf[o++] = c;
		i += k;
	}
	buf[o] = 0;
	return o;
}

/* Token flags from its characters. */
static uint16_t char_flags(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	int first = 1, upper = 0, lower = 0, digit = 0, cap = 0;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t k = 1;
		if (p[i] < 0x80)
			cp = p[i];
		else if (!(k = ng_utf8_decode(p + i, n - i, &cp))) {
			k = 1;
			cp = 0xfffd;
		}
		char c = shape_class(cp);
		if (c == 'X') {
			upper++;
			if (first)
				cap = 1;
		} else if (c == 'x') {
			lower++;
		} else if (c == 'd') {
			digit++;
		}
		if (c == 'X' || c == 'x' || c == 'd')
			first = 0;
		i += k;
	}
	uint16_t f = 0;
	if (cap)
		f |= NG_NER_F_CAP;
	if (upper && !lower)
		f |= NG_NER_F_ALLCAPS;
	if (lower && !upper)
		f |= NG_NER_F_LOWER;
	if (digit)
		f |= NG_NER_F_DIGIT;
	if (upper || lower)
		f |= NG_NER_F_ALPHA;
	return f;
}

void ng_ner_clusters_get(const ng_ner_clusters *cl, uint64_t h, uint16_t *fine, uint16_t *coarse)
{
	*fine = *coarse = 0;
	if (!cl || !cl->slots)
		return;
	uint32_t fp = ng_ner_fp(h);
	size_t i = (size_t)h & cl->mask;
	while (cl->slots[i].fp) {
		if (cl->slots[i].fp == fp) {
			*fine = cl->slots[i].fine;
			*coarse = cl->slots[i].coarse;
			return;
		}
		i = (i + 1) & cl->mask;
	}
}

/* ---- small per-document hash sets/maps ---- */
static size_t pow2_at_least(size_t n)
{
	size_t p = 64;
	while (p < n)
		p *= 2;
	return p;
}

uint8_t ng_ner_history_get(const ng_ner_history *h, uint64_t key)
{
	if (!key)
		key = 1;
	size_t i = (size_t)key & h->mask;
	while (h->keys[i]) {
		if (h->keys[i] == key)
			return h->val[i];
		i = (i + 1) & h->mask;
	}
	return 0;
}

void ng_ner_history_put(ng_ner_history *h, uint64_t key, uint8_t v)
{
	if (!key)
		key = 1;
	size_t i = (size_t)key & h->mask;
	while (h->keys[i] && h->keys[i] != key)
		i = (i + 1) & h->mask;
	h->keys[i] = key;
	h->val[i] = v;
}

void ng_ner_history_add(ng_ner_history *h, const ng_ner_tokinfo *ti, size_t s, size_t e,
			const uint8_t *tags)
{
	for (size_t i = s; i < e; i++) {
		if (!(ti[i].flags & (NG_NER_F_CAP | NG_NER_F_ALLCAPS)) || !(ti[i].flags & NG_NER_F_ALPHA))
			continue;
		uint8_t t = tags[i - s];
		uint8_t bit = (uint8_t)(t ? 1u << ((t - 1) / 2) : 16u);
		ng_ner_history_put(h, ti[i].lower, (uint8_t)(ng_ner_history_get(h, ti[i].lower) | bit));
	}
}

ng_status ng_ner_tokinfo_fill(const ng_ner_input *in, const ng_gazetteer *gaz,
			      const ng_ner_clusters *cl, ng_arena *a, ng_ner_tokinfo *ti)
{
	char buf[96];
	for (size_t i = 0; i < in->n; i++) {
		ng_ner_tokinfo *t = &ti[i];
		memset(t, 0, sizeof *t);
		const char *s = in->tok[i];
		size_t n = in->len[i];
		t->word = fnv(s, n);
		size_t m = fold(s, n, buf, sizeof buf);
		t->lower = fnv(buf, m);
		/* prefixes and suffixes by characters */
		size_t b = 0, nch = 0;
		for (; b < m && nch < 4; nch++) {
			b++;
			while (b < m && ((unsigned char)buf[b] & 0xc0) == 0x80)
				b++;
			t->pre[nch] = fnv(buf, b);
		}
		size_t e = m;
		for (nch = 0; e > 0 && nch < 4; nch++) {
			e--;
			while (e > 0 && ((unsigned char)buf[e] & 0xc0) == 0x80)
				e--;
			t->suf[nch] = fnv(buf + e, m - e);
		}
		char sh[20];
		size_t shl = ng_ner_shape(s, n, sh, sizeof sh);
		t->shape = fnv(sh, shl);
		t->flags = char_flags(s, n);
		ng_ner_clusters_get(cl, t->lower, &t->c_fine, &t->c_coarse);
	}
	/* sentences: first word, headlines (all-caps sentences), gazetteer */
	for (size_t k = 0; k < in->n_sent; k++) {
		size_t s = in->sent[k], e = in->sent[k + 1];
		size_t words = 0, caps = 0;
		int first = 1;
		for (size_t i = s; i < e; i++) {
			if (!(ti[i].flags & NG_NER_F_ALPHA))
				continue;
			if (first) {
				ti[i].flags |= NG_NER_F_SENTINIT;
				first = 0;
			}
			words++;
			if (ti[i].flags & NG_NER_F_ALLCAPS)
				caps++;
		}
		if (words >= 2 && caps * 10 >= words * 8)
			for (size_t i = s; i < e; i++)
				ti[i].flags |= NG_NER_F_HEADLINE;
		if (gaz) {
			for (size_t i = s; i < e; i++) {
				const ng_gaz_entry *ents;
				size_t ne;
				if (!(ti[i].flags & NG_NER_F_CAP) ||
				    !ng_gazetteer_match(gaz, in->tok + i, in->len + i, 1, &ents, &ne))
					continue;
				for (size_t j = 0; j < ne; j++)
					ti[i].gaz_word |= (uint16_t)(1u << ents[j].cls);
			}
			for (size_t i = s; i < e;) {
				const ng_gaz_entry *ents;
				size_t ne;
				size_t len = ng_gazetteer_match(gaz, in->tok + i, in->len + i, e - i, &ents, &ne);
				if (!len || !(ti[i].flags & (NG_NER_F_CAP | NG_NER_F_DIGIT))) {
					i++;
					continue;
				}
				for (size_t j = 0; j < len; j++) {
					ti[i + j].gaz = (uint8_t)(1 + 2 * ents[0].cls + (j ? 1 : 0));
					ti[i + j].gaz_type = (uint8_t)(1 + ents[0].type);
				}
				i += len;
			}
		}
	}
	/* document-level: seen in lowercase, seen capitalized mid-sentence */
	size_t cap = pow2_at_least(in->n * 2);
	uint64_t *keys = ng_arena_alloc(a, cap * sizeof *keys);
	uint8_t *val = ng_arena_alloc(a, cap);
	if (!keys || !val)
		return NG_ELIMIT;
	memset(keys, 0, cap * sizeof *keys);
	memset(val, 0, cap);
	ng_ner_history set = {keys, val, cap - 1};
	for (size_t i = 0; i < in->n; i++) {
		uint16_t f = ti[i].flags;
		uint8_t v = ng_ner_history_get(&set, ti[i].lower);
		if (f & NG_NER_F_LOWER)
			v |= 1;
		else if ((f & NG_NER_F_CAP) && !(f & (NG_NER_F_SENTINIT | NG_NER_F_HEADLINE)))
			v |= 2;
		if (v)
			ng_ner_history_put(&set, ti[i].lower, v);
	}
	for (size_t i = 0; i < in->n; i++) {
		uint8_t v = ng_ner_history_get(&set, ti[i].lower);
		if (v & 1)
			ti[i].flags |= NG_NER_F_LOWER_IN_DOC;
		if (v & 2)
			ti[i].flags |= NG_NER_F_CAPMID_IN_DOC;
	}
	return NG_OK;
}

/* ---- features ---- */
enum {
	T_BIAS = 1, T_W0, T_WX, T_WM1, T_WP1, T_WM2, T_WP2, T_BIM, T_BIP, T_SH0, T_SHM1, T_SHP1,
	T_SHM10, T_SH0P1, T_SH3, T_PRE, T_SUF = T_PRE + 4, T_CF0 = T_SUF + 4, T_CC0, T_CFM1, T_CFP1,
	T_CCM1, T_CCP1, T_CFM2, T_CFP2, T_GAZ0, T_GAZM1, T_GAZP1, T_GAZT0, T_CAP0, T_CAPW0, T_CAP3,
	T_DOC0, T_DOCW, T_HIST0, T_HISTM1, T_HISTP1, T_HIST_SH, T_HEADW, T_WM1SH0, T_SH0WP1,
	T_CFM1CF0, T_CF0CFP1, T_GW0, T_GWM1, T_GWP1, T_GW01
};

#define BOS_HASH 0x5bd1e9955bd1e995ull
#define EOS_HASH 0x1b873593cc9e2d51ull

static inline uint64_t fkey(unsigned tid, uint64_t v)
{
	uint64_t k = ng_hash_mix64(v + (uint64_t)tid * 0x9e3779b97f4a7c15ull);
	return k ? k : 1;
}

static inline uint64_t pair(uint64_t a, uint64_t b)
{
	return ng_hash_mix64(a * 31 + b + 0x632be59bd9b4e019ull);
}

static uint16_t cap_code(uint16_t f)
{
	return f & (NG_NER_F_CAP | NG_NER_F_ALLCAPS | NG_NER_F_DIGIT | NG_NER_F_ALPHA |
		    NG_NER_F_SENTINIT | NG_NER_F_HEADLINE | NG_NER_F_LOWER);
}

size_t ng_ner_features(const ng_ner_tokinfo *ti, size_t s, size_t e, size_t i,
		       const ng_ner_history *hist, uint64_t *k)
{
	size_t n = 0;
	const ng_ner_tokinfo *t = &ti[i];
	const ng_ner_tokinfo *pm1 = i > s ? &ti[i - 1] : NULL;
	const ng_ner_tokinfo *pm2 = i > s + 1 ? &ti[i - 2] : NULL;
	const ng_ner_tokinfo *pp1 = i + 1 < e ? &ti[i + 1] : NULL;
	const ng_ner_tokinfo *pp2 = i + 2 < e ? &ti[i + 2] : NULL;
	uint64_t lm1 = pm1 ? pm1->lower : BOS_HASH, lm2 = pm2 ? pm2->lower : BOS_HASH;
	uint64_t lp1 = pp1 ? pp1->lower : EOS_HASH, lp2 = pp2 ? pp2->lower : EOS_HASH;
	uint64_t sm1 = pm1 ? pm1->shape : BOS_HASH, sp1 = pp1 ? pp1->shape : EOS_HASH;
	uint16_t f = t->flags;
	int headline = (f & NG_NER_F_HEADLINE) != 0;

	k[n++] = fkey(T_BIAS, 0);
	k[n++] = fkey(T_W0, t->lower);
	if (!headline)
		k[n++] = fkey(T_WX, t->word);
	else
		k[n++] = fkey(T_HEADW, t->lower);
	k[n++] = fkey(T_WM1, lm1);
	k[n++] = fkey(T_WP1, lp1);
	k[n++] = fkey(T_WM2, lm2);
	k[n++] = fkey(T_WP2, lp2);
	k[n++] = fkey(T_BIM, pair(lm1, t->lower));
	k[n++] = fkey(T_BIP, pair(t->lower, lp1));
	k[n++] = fkey(T_SH0, t->shape);
	k[n++] = fkey(T_SHM1, sm1);
	k[n++] = fkey(T_SHP1, sp1);
	k[n++] = fkey(T_SHM10, pair(sm1, t->shape));
	k[n++] = fkey(T_SH0P1, pair(t->shape, sp1));
	k[n++] = fkey(T_SH3, pair(pair(sm1, t->shape), sp1));
	k[n++] = fkey(T_WM1SH0, pair(lm1, t->shape));
	k[n++] = fkey(T_SH0WP1, pair(t->shape, lp1));
	for (unsigned j = 0; j < 4; j++) {
		if (t->pre[j])
			k[n++] = fkey(T_PRE + j, t->pre[j]);
		if (t->suf[j])
			k[n++] = fkey(T_SUF + j, t->suf[j]);
	}
	uint64_t cfm1 = pm1 ? pm1->c_fine : 0xffff, cfp1 = pp1 ? pp1->c_fine : 0xfffe;
	k[n++] = fkey(T_CF0, t->c_fine);
	k[n++] = fkey(T_CC0, t->c_coarse);
	k[n++] = fkey(T_CFM1, cfm1);
	k[n++] = fkey(T_CFP1, cfp1);
	k[n++] = fkey(T_CCM1, pm1 ? pm1->c_coarse : 0xffff);
	k[n++] = fkey(T_CCP1, pp1 ? pp1->c_coarse : 0xfffe);
	k[n++] = fkey(T_CFM2, pm2 ? pm2->c_fine : 0xffff);
	k[n++] = fkey(T_CFP2, pp2 ? pp2->c_fine : 0xfffe);
	k[n++] = fkey(T_CFM1CF0, cfm1 * 65536 + t->c_fine);
	k[n++] = fkey(T_CF0CFP1, (uint64_t)t->c_fine * 65536 + cfp1);
	if (t->gaz) {
		k[n++] = fkey(T_GAZ0, t->gaz);
		k[n++] = fkey(T_GAZT0, (uint64_t)t->gaz_type * 16 + (f & NG_NER_F_SENTINIT ? 1 : 0));
	}
	if (t->gaz_word)
		k[n++] = fkey(T_GW0, t->gaz_word);
	k[n++] = fkey(T_GWM1, pm1 ? pm1->gaz_word : 0xffff);
	k[n++] = fkey(T_GWP1, pp1 ? pp1->gaz_word : 0xffff);
	k[n++] = fkey(T_GW01, (uint64_t)t->gaz_word << 16 | (pp1 ? pp1->gaz_word : 0xffff));
	k[n++] = fkey(T_GAZM1, pm1 ? pm1->gaz : 255);
	k[n++] = fkey(T_GAZP1, pp1 ? pp1->gaz : 255);
	uint16_t cc = cap_code(f);
	k[n++] = fkey(T_CAP0, cc);
	if (f & (NG_NER_F_SENTINIT | NG_NER_F_HEADLINE))
		k[n++] = fkey(T_CAPW0, pair(cc, t->lower));
	k[n++] = fkey(T_CAP3, (uint64_t)(pm1 ? cap_code(pm1->flags) : 0xffff) << 32 |
				      (uint64_t)cc << 16 | (pp1 ? cap_code(pp1->flags) : 0xffff));
	k[n++] = fkey(T_DOC0, f);
	if (f & (NG_NER_F_SENTINIT | NG_NER_F_HEADLINE))
		k[n++] = fkey(T_DOCW, pair(t->lower, f & (NG_NER_F_LOWER_IN_DOC | NG_NER_F_CAPMID_IN_DOC)));
	if (hist) {
		uint8_t h0 = ng_ner_history_get(hist, t->lower);
		k[n++] = fkey(T_HIST0, (uint64_t)h0 * 4 + (f & NG_NER_F_CAP ? 1 : 0) +
					       (headline ? 2 : 0));
		k[n++] = fkey(T_HISTM1, pm1 ? ng_ner_history_get(hist, pm1->lower) : 9);
		k[n++] = fkey(T_HISTP1, pp1 ? ng_ner_history_get(hist, pp1->lower) : 9);
		k[n++] = fkey(T_HIST_SH, pair(h0, t->shape));
	}
	return n;
}

/* ---- decoding ---- */
int ng_ner_tag_allowed(int prev, int t)
{
	if (t == NG_NER_O || (t & 1))
		return 1; /* O and B-X always */
	return prev == t || prev == t - 1;
}

void ng_ner_viterbi(const float *em, const float *trans, size_t n, void *work, uint8_t *out)
{
	enum { NT = NG_NER_NTAGS };
	if (!n)
		return;
	/* forbidden transitions get a score no path can recover from */
	const float NEG = -1e30f;
	float tr[(NT + 1) * NT];
	for (int p = -1; p < NT; p++)
		for (int t = 0; t < NT; t++)
			tr[(p + 1) * NT + t] = ng_ner_tag_allowed(p, t) ? trans[(p + 1) * NT + t] : NEG;
	float *delta = work;
	uint8_t *bp = (uint8_t *)(delta + n * NT);
	for (int t = 0; t < NT; t++)
		delta[t] = em[t] + tr[t];
	for (size_t i = 1; i < n; i++) {
		const float *pd = delta + (i - 1) * NT;
		float *d = delta + i * NT;
		for (int t = 0; t < NT; t++) {
			float best = pd[0] + tr[NT + t];
			int arg = 0;
			for (int p = 1; p < NT; p++) {
				float v = pd[p] + tr[(p + 1) * NT + t];
				if (v > best) {
					best = v;
					arg = p;
				}
			}
			d[t] = best + em[i * NT + t];
			bp[i * NT + t] = (uint8_t)arg;
		}
	}
	const float *d = delta + (n - 1) * NT;
	int best = 0;
	for (int t = 1; t < NT; t++)
		if (d[t] > d[best])
			best = t;
	for (size_t i = n; i-- > 0;) {
		out[i] = (uint8_t)best;
		if (i)
			best = bp[i * NT + best];
	}
}
