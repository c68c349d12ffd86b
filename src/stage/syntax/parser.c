/*
** parser.c -- the dependency parser at run time: the arc-hybrid state and
** its transitions, the feature templates, loading and checking the model
** image, and greedy parsing (parser_int.h describes the system and the
** image; parser_train.c trains it).
**
** Speed: each decision computes its feature keys from per-word values
** hashed once (form, tags), prefetches every table slot, then sums 4-wide
** int16 rows; the relation of an arc is scored only when the arc is made,
** from a sparse pool of (relation, weight) pairs.
*/
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "stage/syntax/conllu.h"
#include "stage/syntax/parser_int.h"

struct ng_parser {
	const unsigned char *image;
	size_t len;
	int mapped;
	prs_header h;
	const char *labels;
	const prs_tbucket *tt;
	const prs_lbucket *lt;
	const prs_lent *pool;
};

/* ---- state ---- */

static uint64_t word_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (c >= '0' && c <= '9')
			c = '0';
		h = (h ^ c) * 0x100000001b3ull;
	}
	return h ^ (h >> 29);
}

#define WH_ROOT 0x524f4f54524f4f54ull
#define WH_NONE 0x4e4f4e454e4f4e45ull

static const prs_node none_node = {.wh = WH_NONE, .head = -1, .lc1 = -1, .lc2 = -1, .rc1 = -1,
				   .rc2 = -1, .p = NG_XPOS_COUNT + 1, .u = NG_UPOS_COUNT + 1,
				   .lab = PRS_NOLAB};

prs_state *prs_state_new(ng_arena *a, const ng_syn_word *w, size_t n)
{
	prs_state *s = ng_arena_alloc(a, sizeof *s);
	prs_node *nd = ng_arena_alloc(a, (n + 1) * sizeof *nd);
	int32_t *st = ng_arena_alloc(a, (n + 1) * sizeof *st);
	uint16_t *cv = ng_arena_alloc(a, (n + 1) * sizeof *cv);
	uint16_t *cp = ng_arena_alloc(a, (n + 1) * sizeof *cp);
	uint16_t *cc = ng_arena_alloc(a, (n + 1) * sizeof *cc);
	if (!s || !nd || !st || !cv || !cp || !cc)
		return NULL;
	cv[0] = cp[0] = cc[0] = 0;
	for (size_t i = 0; i < n; i++) { /* counts wrap past 65535: differences stay right */
		cv[i + 1] = (uint16_t)(cv[i] + (w[i].upos == NG_UPOS_VERB));
		cp[i + 1] = (uint16_t)(cp[i] + (w[i].upos == NG_UPOS_PUNCT));
		cc[i + 1] = (uint16_t)(cc[i] + (w[i].upos == NG_UPOS_CCONJ));
	}
	for (size_t i = 0; i < n; i++) {
		nd[i] = none_node;
		nd[i].wh = word_hash(w[i].form, w[i].form_len);
		nd[i].p = w[i].xpos < NG_XPOS_COUNT ? w[i].xpos : NG_XPOS_COUNT - 1;
		nd[i].u = w[i].upos < NG_UPOS_COUNT ? w[i].upos : NG_UPOS_X;
		nd[i].ld = nd[i].rd = (int32_t)i;
	}
	nd[n] = none_node;
	nd[n].wh = WH_ROOT;
	nd[n].p = NG_XPOS_COUNT;
	nd[n].u = NG_UPOS_COUNT;
	nd[n].ld = nd[n].rd = (int32_t)n;
	*s = (prs_state){.nd = nd, .stack = st, .cverb = cv, .cpunct = cp, .ccc = cc,
			  .n = (int)n};
	return s;
}

void prs_state_reset(prs_state *s)
{
	for (int i = 0; i <= s->n; i++) {
		prs_node *x = &s->nd[i];
		x->lset = x->rset = 0;
		x->head = x->lc1 = x->lc2 = x->rc1 = x->rc2 = -1;
		x->nl = x->nr = 0;
		x->ld = x->rd = i;
		x->lab = PRS_NOLAB;
	}
	s->sp = 0;
	s->b = 0;
}

void prs_apply(prs_state *s, int t, unsigned lab)
{
	if (t == PRS_SHIFT) {
		s->stack[s->sp++] = s->b++;
		return;
	}
	int h, d;
	prs_arc(s, t, &h, &d);
	s->sp--;
	prs_node *H = &s->nd[h], *D = &s->nd[d];
	D->head = h;
	D->lab = (uint8_t)lab;
	uint64_t bit = lab < 64 ? 1ull << lab : 0;
	if (t == PRS_LEFT) { /* each new left child lies further left */
		H->lc2 = H->lc1;
		H->lc1 = d;
		H->nl += H->nl < 0xFFFF;
		H->lset |= bit;
		H->ld = D->ld;
	} else {             /* each new right child lies further right */
		H->rc2 = H->rc1;
		H->rc1 = d;
		H->nr += H->nr < 0xFFFF;
		H->rset |= bit;
		H->rd = D->rd;
	}
}

/* ---- features ---- */

/* The key of template t over values a (any 64 bits), b and c (small): the
** multiplications of b, c and t are independent (t is a constant where it
** is called), one dependent multiply mixes them, the fold spreads the high
** bits into the low ones that index the tables. */
static inline uint64_t mix(uint64_t t, uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t h = a ^ (b * 0xc4ceb9fe1a85ec53ull) ^ (c * 0xd6e8feb86659fd93ull) ^
		     ((t + 1) * 0x9E3779B97F4A7C15ull);
	h *= 0xff51afd7ed558ccdull;
	return h ^ (h >> 32);
}

static inline unsigned dist_bucket(int d)
{
	if (d < 0)
		d = -d;
	return d <= 4 ? (unsigned)d : d <= 6 ? 5u : d <= 10 ? 6u : 7u;
}

static inline const prs_node *node(const prs_state *s, int i)
{
	return i < 0 ? &none_node : &s->nd[i];
}

static inline unsigned lab_of(const prs_state *s, int i)
{
	return i < 0 ? PRS_NOLAB : s->nd[i].lab;
}

/* How many of the words strictly between a and b (a < b, either may be
** -1 or the root) a prefix count counts, capped at 3. */
static inline unsigned between(const uint16_t *c, int a, int b)
{
	if (a < 0 || b < 0 || b <= a + 1)
		return 0;
	unsigned d = (uint16_t)(c[b] - c[a + 1]);
	return d > 3 ? 3 : d;
}

static inline unsigned val(unsigned n)
{
	return n > 6 ? 6 : n;
}

size_t prs_tfeats(const prs_state *s, unsigned ntpl, uint64_t *keys)
{
	int i0 = s->sp > 0 ? s->stack[s->sp - 1] : -1;
	int i1 = s->sp > 1 ? s->stack[s->sp - 2] : -1;
	int i2 = s->sp > 2 ? s->stack[s->sp - 3] : -1;
	int j0 = s->b, j1 = s->b + 1 <= s->n ? s->b + 1 : -1, j2 = s->b + 2 <= s->n ? s->b + 2 : -1;
	const prs_node *s0 = node(s, i0), *s1 = node(s, i1), *s2 = node(s, i2);
	const prs_node *b0 = node(s, j0), *b1 = node(s, j1), *b2 = node(s, j2);
	const prs_node *s0l1 = node(s, s0->lc1), *s0r1 = node(s, s0->rc1), *b0l1 = node(s, b0->lc1);
	const prs_node *s0l2 = node(s, s0->lc2), *s0r2 = node(s, s0->rc2), *b0l2 = node(s, b0->lc2);
	const prs_node *s1r1 = node(s, s1->rc1), *s1l1 = node(s, s1->lc1);
	uint64_t w0 = s0->wh, w1 = s1->wh, v0 = b0->wh, v1 = b1->wh, v2 = b2->wh;
	uint64_t p0 = s0->p, p1 = s1->p, p2 = s2->p, q0 = b0->p, q1 = b1->p, q2 = b2->p;
	unsigned d = i0 >= 0 ? dist_bucket(j0 - i0) : 15, d2 = i1 >= 0 ? dist_bucket(i0 - i1) : 15;
	uint64_t *k = keys;
	unsigned t = 0;
	/* the first 40: words and tags of the stack and buffer and their pairs */
	k[t] = mix(t, 0, 0, 0), t++;
	k[t] = mix(t, w0, 0, 0), t++;
	k[t] = mix(t, p0, 0, 0), t++;
	k[t] = mix(t, w0, p0, 0), t++;
	k[t] = mix(t, w1, 0, 0), t++;
	k[t] = mix(t, p1, 0, 0), t++;
	k[t] = mix(t, w1, p1, 0), t++;
	k[t] = mix(t, v0, 0, 0), t++;
	k[t] = mix(t, q0, 0, 0), t++;
	k[t] = mix(t, v0, q0, 0), t++;
	k[t] = mix(t, v1, 0, 0), t++;
	k[t] = mix(t, q1, 0, 0), t++;
	k[t] = mix(t, v1, q1, 0), t++;
	k[t] = mix(t, v2, 0, 0), t++;
	k[t] = mix(t, q2, 0, 0), t++;
	k[t] = mix(t, p2, 0, 0), t++;
	k[t] = mix(t, w0 ^ (p0 << 56), v0, q0), t++;
	k[t] = mix(t, w0, p0, v0), t++;
	k[t] = mix(t, w0, v0, q0), t++;
	k[t] = mix(t, w0, p0, q0), t++;
	k[t] = mix(t, p0, v0, q0), t++;
	k[t] = mix(t, w0, v0, 0), t++;
	k[t] = mix(t, p0, q0, 0), t++;
	k[t] = mix(t, q0, q1, 0), t++;
	k[t] = mix(t, w1 ^ (p1 << 56), w0, p0), t++;
	k[t] = mix(t, w1, w0, 0), t++;
	k[t] = mix(t, p1, p0, 0), t++;
	k[t] = mix(t, p1, w0, p0), t++;
	k[t] = mix(t, w1, p1, p0), t++;
	k[t] = mix(t, q0, q1, q2), t++;
	k[t] = mix(t, p0, q0, q1), t++;
	k[t] = mix(t, p1, p0, q0), t++;
	k[t] = mix(t, p2, p1, p0), t++;
	k[t] = mix(t, p1, p0, q1), t++;
	k[t] = mix(t, w0, d, 0), t++;
	k[t] = mix(t, p0, d, 0), t++;
	k[t] = mix(t, v0, d, 0), t++;
	k[t] = mix(t, q0, d, 0), t++;
	k[t] = mix(t, p0, q0, d), t++;
	k[t] = mix(t, p1, p0, d2), t++;
	/* then distance, valency and the children already attached */
	k[t] = mix(t, w1, d2, 0), t++;
	k[t] = mix(t, w0, d2, 0), t++;
	k[t] = mix(t, w0, val(s0->nr), 0), t++;
	k[t] = mix(t, p0, val(s0->nr), 0), t++;
	k[t] = mix(t, w0, val(s0->nl), 0), t++;
	k[t] = mix(t, p0, val(s0->nl), 0), t++;
	k[t] = mix(t, v0, val(b0->nl), 0), t++;
	k[t] = mix(t, q0, val(b0->nl), 0), t++;
	k[t] = mix(t, p1, val(s1->nr), 0), t++;
	k[t] = mix(t, s0l1->wh, 0, 0), t++;
	k[t] = mix(t, s0l1->p, 0, 0), t++;
	k[t] = mix(t, lab_of(s, s0->lc1), 0, 0), t++;
	k[t] = mix(t, s0r1->wh, 0, 0), t++;
	k[t] = mix(t, s0r1->p, 0, 0), t++;
	k[t] = mix(t, lab_of(s, s0->rc1), 0, 0), t++;
	k[t] = mix(t, b0l1->wh, 0, 0), t++;
	k[t] = mix(t, b0l1->p, 0, 0), t++;
	k[t] = mix(t, lab_of(s, b0->lc1), 0, 0), t++;
	k[t] = mix(t, s1r1->p, 0, 0), t++;
	k[t] = mix(t, lab_of(s, s1->rc1), 0, 0), t++;
	k[t] = mix(t, s1l1->p, lab_of(s, s1->lc1), 0), t++;
	k[t] = mix(t, s0l2->p, 0, 0), t++;
	k[t] = mix(t, lab_of(s, s0->lc2), 0, 0), t++;
	k[t] = mix(t, s0r2->p, 0, 0), t++;
	k[t] = mix(t, lab_of(s, s0->rc2), 0, 0), t++;
	k[t] = mix(t, b0l2->p, 0, 0), t++;
	k[t] = mix(t, lab_of(s, b0->lc2), 0, 0), t++;
	k[t] = mix(t, p0, s0l1->p, s0l2->p), t++;
	k[t] = mix(t, p0, s0r1->p, s0r2->p), t++;
	k[t] = mix(t, q0, b0l1->p, b0l2->p), t++;
	k[t] = mix(t, p0, s0l1->p, q0), t++;
	k[t] = mix(t, p0, s0r1->p, q0), t++;
	k[t] = mix(t, p0, q0, b0l1->p), t++;
	k[t] = mix(t, p1, s1r1->p, p0), t++;
	k[t] = mix(t, p1, p0, s0l1->p), t++;
	k[t] = mix(t, w0, s0->rset, 0), t++;
	k[t] = mix(t, p0, s0->rset, 0), t++;
	k[t] = mix(t, w0, s0->lset, 0), t++;
	k[t] = mix(t, p0, s0->lset, 0), t++;
	k[t] = mix(t, v0, b0->lset, 0), t++;
	k[t] = mix(t, q0, b0->lset, 0), t++;
	k[t] = mix(t, p1, s1->rset, 0), t++;
	/* what lies between s0 and b0, s1 and s0; the words around them */
	unsigned vb = between(s->cverb, i0, j0), pb = between(s->cpunct, i0, j0);
	unsigned vb1 = between(s->cverb, i1, i0), pb1 = between(s->cpunct, i1, i0);
	const prs_node *s0m = node(s, i0 > 0 ? i0 - 1 : -1);
	const prs_node *s0p = node(s, i0 >= 0 && i0 + 1 < s->n ? i0 + 1 : -1);
	const prs_node *b0m = node(s, j0 > 0 && j0 < s->n ? j0 - 1 : -1);
	const prs_node *s1p = node(s, i1 >= 0 ? i1 + 1 : -1);
	const prs_node *b3 = node(s, s->b + 3 <= s->n ? s->b + 3 : -1);
	k[t] = mix(t, p0, q0, vb << 4 | pb), t++;
	k[t] = mix(t, p1, p0, vb1 << 4 | pb1), t++;
	k[t] = mix(t, w0, vb << 4 | pb, 0), t++;
	k[t] = mix(t, v0, vb << 4 | pb, 0), t++;
	k[t] = mix(t, s0m->p, p0, s0p->p), t++;
	k[t] = mix(t, b0m->p, q0, q1), t++;
	k[t] = mix(t, p1, s1p->p, p0), t++;
	k[t] = mix(t, q1, q2, b3->p), t++;
	k[t] = mix(t, p0, s0p->p, q0), t++;
	k[t] = mix(t, w0, s0r1->p, q0), t++;
	/* the edges of the subtrees of s0 and s1 (in arc-hybrid every word
	** between s0 and b0 is in s0's subtree) */
	const prs_node *s0f = node(s, i0 >= 0 ? s0->ld : -1);
	const prs_node *s0b = node(s, i0 > 0 && s0->ld > 0 ? s0->ld - 1 : -1);
	const prs_node *s1f = node(s, i1 >= 0 ? s1->ld : -1);
	unsigned span = i0 >= 0 ? dist_bucket(s0->rd - s0->ld) : 15;
	k[t] = mix(t, s0b->p, p0, q0), t++;
	k[t] = mix(t, s0f->p, p0, 0), t++;
	k[t] = mix(t, s0f->wh, p0, 0), t++;
	k[t] = mix(t, s1f->p, p1, p0), t++;
	k[t] = mix(t, span, p0, q0), t++;
	k[t] = mix(t, s0f->p, p0, q0), t++;
	return ntpl && ntpl < t ? ntpl : t;
}

size_t prs_lfeats(const prs_state *s, int h, int d, uint64_t *keys)
{
	const prs_node *H = &s->nd[h], *D = &s->nd[d];
	uint64_t dir = d < h ? 0 : 1;
	unsigned dist = dist_bucket(h - d);
	const prs_node *dl1 = node(s, D->lc1), *dr1 = node(s, D->rc1);
	const prs_node *dm = node(s, d > 0 ? d - 1 : -1), *dp = node(s, d + 1 < s->n ? d + 1 : -1);
	const prs_node *hp = node(s, h + 1 < s->n ? h + 1 : -1), *hm = node(s, h > 0 ? h - 1 : -1);
	uint64_t dw = D->wh, hw = H->wh, pd = D->p, ph = H->p;
	size_t t = 0;
#define LK(a, b, c) (keys[t] = mix(1000 + 2 * t + dir, (a), (b), (c)), t++)
	LK(0, 0, 0);
	LK(dw, 0, 0);
	LK(pd, 0, 0);
	LK(dw, pd, 0);
	LK(hw, 0, 0);
	LK(ph, 0, 0);
	LK(hw, ph, 0);
	LK(pd, ph, 0);
	LK(dw, ph, 0);
	LK(pd, hw, 0);
	LK(dw, hw, 0);
	LK(pd, ph, dist);
	LK(dl1->wh, 0, 0);
	LK(dl1->p, lab_of(s, D->lc1), 0);
	LK(pd, dl1->wh, 0);
	LK(dr1->p, lab_of(s, D->rc1), 0);
	LK(pd, D->lset, 0);
	LK(pd, D->rset, 0);
	LK(ph, H->lset, 0);
	LK(pd, ph, H->lset);
	LK(ph, H->rset, 0);
	LK(lab_of(s, H->rc1), lab_of(s, H->lc1), pd);
	LK(pd, ph, dl1->wh);
	LK(pd, dm->p, 0);
	LK(pd, dp->p, 0);
	LK(ph, hp->p, 0);
	LK(ph, hm->p, 0);
	LK(D->u, H->u, 0);
	LK(pd, val(D->nl), val(D->nr));
	LK(dw, ph, dist);
	LK(dm->wh, pd, 0);
	LK(D->u, H->u, H->lset);
	int a = d < h ? d : h, b = d < h ? h : d;
	const prs_node *df = node(s, D->ld), *db = node(s, D->ld > 0 ? D->ld - 1 : -1);
	const prs_node *da = node(s, D->rd + 1 < s->n ? D->rd + 1 : -1);
	LK(pd, ph, between(s->cverb, a, b) << 4 | between(s->cpunct, a, b));
	LK(pd, df->wh, ph);
	LK(pd, db->p, da->p);
	LK(pd, da->wh, 0);
	LK(ph, pd, between(s->ccc, a, b));
#undef LK
	return t;
}

/* ---- the image ---- */

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

void prs_layout_of(const prs_header *h, prs_layout *l)
{
	l->labels = sizeof(prs_header);
	l->ttab = align8(l->labels + (size_t)h->nlabels * PRS_LABEL_BYTES);
	l->ttab = (l->ttab + 63) & ~(size_t)63;
	l->ltab = align8(l->ttab + sizeof(prs_tbucket) * (size_t)h->tbuckets);
	l->pool = align8(l->ltab + sizeof(prs_lbucket) * (size_t)h->lbuckets);
	l->total = align8(l->pool + sizeof(prs_lent) * (size_t)h->npool);
}

uint64_t prs_checksum(const unsigned char *p, size_t n)
{
	const size_t at = offsetof(prs_header, checksum);
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (i >= at && i < at + 8 ? 0 : p[i])) * 0x100000001b3ull;
	return h;
}

static ng_status fail(char *err, size_t errlen, ng_status st, const char *what, const char *detail)
{
	if (err && errlen)
		snprintf(err, errlen, "parser model %s: %s", what, detail);
	return st;
}

static ng_status attach(ng_parser *m, const char *what, char *err, size_t errlen)
{
	if (m->len < sizeof(prs_header))
		return fail(err, errlen, NG_EPARSE, what, "file too short for a header (truncated?)");
	prs_header h;
	memcpy(&h, m->image, sizeof h);
	if (memcmp(h.magic, PRS_MAGIC, 8))
		return fail(err, errlen, NG_EPARSE, what, "not a newsgraph parser model (bad magic)");
	if (h.format != PRS_FORMAT)
		return fail(err, errlen, NG_EPARSE, what, "unsupported format version");
	if (h.features != PRS_FEATURES)
		return fail(err, errlen, NG_EPARSE, what,
			    "trained with another feature set: retrain the parser");
	if (h.nlabels < 1 || h.nlabels > NG_PARSER_MAX_LABELS || h.root_label >= h.nlabels ||
	    h.tbuckets < 1 || h.tbuckets > (1u << 24) || h.lbuckets < 1 ||
	    h.lbuckets > (1u << 24) || h.ntrows > PRS_BUCKET * h.tbuckets ||
	    h.nlrows > PRS_BUCKET * h.lbuckets || h.npool > (1u << 24) || !(h.tscale > 0) ||
	    !(h.lscale > 0) || h.templates < 1 || h.templates > PRS_NTEMPLATES || h.reserved)
		return fail(err, errlen, NG_EPARSE, what, "header values out of range");
	prs_layout l;
	prs_layout_of(&h, &l);
	if (h.size != l.total || m->len != l.total)
		return fail(err, errlen, NG_EPARSE, what, "size differs from its header (truncated?)");
	if (prs_checksum(m->image, l.total) != h.checksum)
		return fail(err, errlen, NG_EPARSE, what, "checksum mismatch (corrupt file)");
	const char *labels = (const char *)m->image + l.labels;
	for (uint32_t i = 0; i < h.nlabels; i++) {
		const char *name = labels + (size_t)i * PRS_LABEL_BYTES;
		if (!name[0] || memchr(name, 0, PRS_LABEL_BYTES) == NULL)
			return fail(err, errlen, NG_EPARSE, what, "relation name not terminated");
	}
	const prs_tbucket *tt = (const prs_tbucket *)(m->image + l.ttab);
	size_t used = 0;
	for (size_t i = 0; i < h.tbuckets; i++)
		for (int j = 0; j < PRS_BUCKET; j++)
			used += tt[i].fp[j] != 0;
	if (used != h.ntrows)
		return fail(err, errlen, NG_EPARSE, what, "transition table count mismatch");
	const prs_lbucket *lt = (const prs_lbucket *)(m->image + l.ltab);
	const prs_lent *pool = (const prs_lent *)(m->image + l.pool);
	used = 0;
	for (size_t i = 0; i < h.lbuckets; i++) {
		if (lt[i].ref[PRS_BUCKET])
			return fail(err, errlen, NG_EPARSE, what, "relation table sentinel set");
		for (int j = 0; j < PRS_BUCKET; j++) {
			size_t off = lt[i].ref[j] >> 8, cnt = lt[i].ref[j] & 0xFF;
			if (!lt[i].fp[j] && lt[i].ref[j])
				return fail(err, errlen, NG_EPARSE, what, "relation row, empty lane");
			used += lt[i].fp[j] != 0;
			if (off + cnt > h.npool)
				return fail(err, errlen, NG_EPARSE, what, "relation run out of range");
		}
	}
	if (used != h.nlrows)
		return fail(err, errlen, NG_EPARSE, what, "relation table count mismatch");
	for (size_t i = 0; i < h.npool; i++)
		if (pool[i].lab >= h.nlabels)
			return fail(err, errlen, NG_EPARSE, what, "relation id out of range");
	m->h = h;
	m->labels = labels;
	m->tt = tt;
	m->lt = lt;
	m->pool = pool;
	return NG_OK;
}

ng_status ng_parser_from_bytes(const void *data, size_t len, ng_parser **out, char *err,
			       size_t errlen)
{
	*out = NULL;
	ng_parser *m = ng_calloc(1, sizeof *m);
	unsigned char *copy = ng_malloc(len ? len : 1);
	if (!m || !copy) {
		ng_free(m);
		ng_free(copy);
		return fail(err, errlen, NG_ENOMEM, "(memory)", "out of memory");
	}
	if (len)
		memcpy(copy, data, len);
	m->image = copy;
	m->len = len;
	ng_status st = attach(m, "(memory)", err, errlen);
	if (st != NG_OK) {
		ng_parser_free(m);
		return st;
	}
	*out = m;
	return NG_OK;
}

ng_status ng_parser_load(const char *path, ng_parser **out, char *err, size_t errlen)
{
	if (!out)
		return NG_EUSAGE;
	*out = NULL;
	if (!path)
		return fail(err, errlen, NG_EUSAGE, "(null)", "no path");
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, errlen, NG_EIO, path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(err, errlen, NG_EIO, path, "not a regular file");
	}
	if (st.st_size < (off_t)sizeof(prs_header)) {
		close(fd);
		return fail(err, errlen, NG_EPARSE, path, "file too short for a header (truncated?)");
	}
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return fail(err, errlen, NG_EIO, path, strerror(errno));
	ng_parser *m = ng_calloc(1, sizeof *m);
	if (!m) {
		munmap(p, (size_t)st.st_size);
		return fail(err, errlen, NG_ENOMEM, path, "out of memory");
	}
	m->image = p;
	m->len = (size_t)st.st_size;
	m->mapped = 1;
	ng_status s = attach(m, path, err, errlen);
	if (s != NG_OK) {
		ng_parser_free(m);
		return s;
	}
	*out = m;
	return NG_OK;
}

void ng_parser_free(ng_parser *p)
{
	if (!p)
		return;
	if (p->mapped)
		munmap((void *)p->image, p->len);
	else
		ng_free((void *)p->image);
	ng_free(p);
}

const char *ng_parser_deprel(const ng_parser *p, unsigned id)
{
	if (!p || id >= p->h.nlabels)
		return "dep";
	return p->labels + (size_t)id * PRS_LABEL_BYTES;
}

unsigned ng_parser_n_deprels(const ng_parser *p)
{
	return p ? p->h.nlabels : 0;
}

int ng_parser_deprel_id(const ng_parser *p, const char *name)
{
	for (unsigned i = 0; p && name && i < p->h.nlabels; i++)
		if (!strcmp(p->labels + (size_t)i * PRS_LABEL_BYTES, name))
			return (int)i;
	return -1;
}

/* ---- parsing ---- */

/* The pool reference of key k in the relation table; 0 (no weights) when
** absent. Branch-free: the match mask picks the lane, or the sentinel. */
static inline uint32_t lref(const ng_parser *m, uint64_t k)
{
	const prs_lbucket *b = &m->lt[prs_bucket(k, m->h.lbuckets)];
	uint16_t fp = prs_fp16(k);
#if defined(__SSE2__)
	__m128i f = _mm_loadu_si128((const __m128i *)b->fp);
	__m128i eq = _mm_cmpeq_epi16(f, _mm_set1_epi16((short)fp));
	unsigned mask = (unsigned)_mm_movemask_epi8(eq) | 0x10000u;
	return b->ref[__builtin_ctz(mask) >> 1];
#else
	unsigned lane = PRS_BUCKET;
	for (int j = PRS_BUCKET - 1; j >= 0; j--)
		lane = b->fp[j] == fp ? (unsigned)j : lane;
	return b->ref[lane];
#endif
}

static unsigned best_label(const ng_parser *m, const prs_state *s, int h, int d)
{
	if (h == s->n)
		return m->h.root_label;
	uint64_t keys[PRS_MAX_LFEATS];
	size_t nk = prs_lfeats(s, h, d, keys);
	for (size_t j = 0; j < nk; j++)
		__builtin_prefetch(&m->lt[prs_bucket(keys[j], m->h.lbuckets)]);
	uint32_t ref[PRS_MAX_LFEATS];
	for (size_t j = 0; j < nk; j++) {
		ref[j] = lref(m, keys[j]);
		__builtin_prefetch(m->pool + (ref[j] >> 8));
	}
	int32_t acc[NG_PARSER_MAX_LABELS] = {0};
	for (size_t j = 0; j < nk; j++) {
		const prs_lent *e = m->pool + (ref[j] >> 8);
		for (uint32_t c = ref[j] & 0xFF; c > 0; c--, e++)
			acc[e->lab] += e->w;
	}
	uint64_t allowed = m->h.lmask[d < h ? 0 : 1] & ~(1ull << m->h.root_label);
	if (!allowed)
		allowed = ~(1ull << m->h.root_label);
	unsigned best = m->h.root_label == 0 ? 1 : 0;
	int32_t bs = INT32_MIN;
	for (unsigned l = 0; l < m->h.nlabels; l++)
		if ((allowed >> l & 1) && acc[l] > bs) {
			bs = acc[l];
			best = l;
		}
	return best;
}

/* Transition scores: the sum of the rows of nk keys (hot loop: two per
** word). With SSE2 the 8 fingerprints of a bucket are compared at once and
** the matching lane's weights added through the comparison mask. */
static void tscore(const ng_parser *m, const uint64_t *keys, size_t nk, int32_t *acc)
{
	for (size_t j = 0; j < nk; j++)
		__builtin_prefetch(&m->tt[prs_bucket(keys[j], m->h.tbuckets)]);
#if defined(__SSE2__)
	__m128i a0 = _mm_setzero_si128(), a1 = a0, a2 = a0, one = _mm_set1_epi16(1);
	for (size_t j = 0; j < nk; j++) {
		const prs_tbucket *b = &m->tt[prs_bucket(keys[j], m->h.tbuckets)];
		__m128i f = _mm_loadu_si128((const __m128i *)b->fp);
		__m128i eq = _mm_cmpeq_epi16(f, _mm_set1_epi16((short)prs_fp16(keys[j])));
		a0 = _mm_add_epi32(a0, _mm_madd_epi16(_mm_and_si128(eq, _mm_loadu_si128(
						      (const __m128i *)b->w[0])), one));
		a1 = _mm_add_epi32(a1, _mm_madd_epi16(_mm_and_si128(eq, _mm_loadu_si128(
						      (const __m128i *)b->w[1])), one));
		a2 = _mm_add_epi32(a2, _mm_madd_epi16(_mm_and_si128(eq, _mm_loadu_si128(
						      (const __m128i *)b->w[2])), one));
	}
	int32_t v[3][4];
	_mm_storeu_si128((__m128i *)v[0], a0);
	_mm_storeu_si128((__m128i *)v[1], a1);
	_mm_storeu_si128((__m128i *)v[2], a2);
	for (int c = 0; c < PRS_NT; c++)
		acc[c] = v[c][0] + v[c][1] + v[c][2] + v[c][3];
#else
	for (int c = 0; c < PRS_NT; c++)
		acc[c] = 0;
	for (size_t j = 0; j < nk; j++) {
		const prs_tbucket *b = &m->tt[prs_bucket(keys[j], m->h.tbuckets)];
		uint16_t fp = prs_fp16(keys[j]);
		for (int l = 0; l < PRS_BUCKET; l++) {
			int32_t on = -(int32_t)(b->fp[l] == fp);
			for (int c = 0; c < PRS_NT; c++)
				acc[c] += b->w[c][l] & on;
		}
	}
#endif
}

/* The greedy parse of a state reset to its start. */
ng_status prs_parse_state(const ng_parser *m, prs_state *s)
{
	uint64_t keys[PRS_MAX_TFEATS];
	while (!prs_done(s)) {
		size_t nk = prs_tfeats(s, m->h.templates, keys);
		int32_t acc[PRS_NT];
		tscore(m, keys, nk, acc);
		int best = -1;
		for (int c = 0; c < PRS_NT; c++)
			if (prs_valid(s, c) && (best < 0 || acc[c] > acc[best]))
				best = c;
		if (best < 0)
			return NG_EINTERNAL;
		unsigned lab = 0;
		if (best != PRS_SHIFT) {
			int h, d;
			prs_arc(s, best, &h, &d);
			lab = best_label(m, s, h, d);
		}
		prs_apply(s, best, lab);
	}
	return NG_OK;
}

ng_status ng_parser_parse(const ng_parser *p, ng_arena *scratch, ng_syn_word *w, size_t n)
{
	if (!p || !scratch || (!w && n))
		return NG_EUSAGE;
	if (n == 0)
		return NG_OK;
	if (n > NG_PARSER_MAX_WORDS)
		return NG_ELIMIT;
	ng_arena_pos pos = ng_arena_mark(scratch);
	prs_state *s = prs_state_new(scratch, w, n);
	if (!s) {
		ng_arena_rewind(scratch, pos);
		return NG_ELIMIT;
	}
	ng_status st = prs_parse_state(p, s);
	if (st == NG_OK)
		for (size_t i = 0; i < n; i++) {
			int h = s->nd[i].head;
			w[i].head = (int16_t)(h == (int)n ? 0 : h + 1);
			w[i].deprel = s->nd[i].lab;
		}
	ng_arena_rewind(scratch, pos);
	return st;
}

void ng_parser_score_add(const ng_parser *p, const ng_ud_sent *gold, const ng_syn_word *w,
			 ng_parser_score *sc)
{
	for (size_t i = 0; i < gold->n; i++) {
		const ng_ud_word *g = &gold->words[i];
		sc->words++;
		if (g->head != w[i].head)
			continue;
		sc->uas++;
		const char *name = ng_parser_deprel(p, w[i].deprel);
		size_t a = strcspn(name, ":"), b = strcspn(g->deprel, ":");
		if (a == b && !strncmp(name, g->deprel, a))
			sc->las++;
		if (!strcmp(name, g->deprel))
			sc->las_full++;
	}
}
