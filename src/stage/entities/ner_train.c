/*
** ner_train.c -- training the entity tagger, and the CoNLL-2003 tools
** around it (newsgraph train-ner, newsgraph tag-conll).
**
**   - CoNLL files: "-DOCSTART-" lines start documents, blank lines end
**     sentences, the first column is the token and the last the IOB tag
**     (IOB1 in CoNLL-2003; turned into BIO here).
**   - Word clusters: spherical k-means over the left/right context counts of
**     every word (case-folded) in unlabelled text plus the training text;
**     256 fine clusters, grouped again into 32 coarse ones. Cached in a
**     text file ("word fine coarse" lines).
**   - Training: an averaged perceptron; each sentence is decoded with the
**     current weights (Viterbi) and, if wrong, the gold path's features
**     gain and the predicted path's lose. Documents are visited in a
**     shuffled order, sentences in document order, so the history features
**     see the tagger's own earlier predictions, as they will at run time.
**     After every epoch the averaged weights are turned into a model image
**     and scored on the dev file; the best epoch is written.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stage/entities/ner.h"
#include "stage/segment/segment.h"

#define NT NG_NER_NTAGS

/* ---- CoNLL corpus ---- */
typedef struct conll {
	char *buf;          /* the file, tokens NUL-terminated in place */
	const char **tok;
	uint32_t *len;
	uint8_t *gold;
	size_t n, cap;
	uint32_t *sent;     /* sentence starts, plus n at the end */
	size_t n_sent, cap_sent;
	size_t *doc_sent;   /* first sentence of each document, plus n_sent */
	size_t n_doc, cap_doc;
} conll;

static void conll_free(conll *c)
{
	ng_free(c->buf);
	ng_free(c->tok);
	ng_free(c->len);
	ng_free(c->gold);
	ng_free(c->sent);
	ng_free(c->doc_sent);
	memset(c, 0, sizeof *c);
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	return ng_grow(p, cap, need, elem, 1024, SIZE_MAX) == NG_OK;
}

static int parse_tag(const char *s)
{
	static const char *const types[] = {"PER", "ORG", "LOC", "MISC"};
	if (!strcmp(s, "O"))
		return 0;
	if ((s[0] != 'B' && s[0] != 'I') || s[1] != '-')
		return -1;
	for (int t = 0; t < 4; t++)
		if (!strcmp(s + 2, types[t]))
			return 1 + 2 * t + (s[0] == 'I');
	return -1;
}

static char *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *b = ng_malloc(cap);
	while (b) {
		if (n + 1 >= cap && ng_grow(&b, &cap, cap + 1, 1, 0, SIZE_MAX) != NG_OK) {
			ng_free(b);
			b = NULL;
			break;
		}
		size_t r = fread(b + n, 1, cap - n - 1, f);
		n += r;
		if (!r)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (!b || bad) {
		ng_free(b);
		snprintf(err, errlen, "cannot read %s", path);
		return NULL;
	}
	b[n] = 0;
	*len = n;
	return b;
}

static ng_status conll_read(const char *path, conll *c, char *err, size_t errlen)
{
	memset(c, 0, sizeof *c);
	size_t len;
	c->buf = read_file(path, &len, err, errlen);
	if (!c->buf)
		return NG_EIO;
	char *p = c->buf;
	long lineno = 0;
	int in_sent = 0;
	while (*p) {
		char *nl = strchr(p, '\n');
		char *next = nl ? nl + 1 : p + strlen(p);
		if (nl)
			*nl = 0;
		lineno++;
		size_t l = strlen(p);
		if (l && p[l - 1] == '\r')
			p[--l] = 0;
		char *cols[8];
		int nc = 0;
		for (char *q = strtok(p, " \t"); q && nc < 8; q = strtok(NULL, " \t"))
			cols[nc++] = q;
		if (nc == 0 || !strcmp(cols[0], "-DOCSTART-")) {
			if (in_sent) {
				in_sent = 0;
			}
			if (nc && !grow((void **)&c->doc_sent, &c->cap_doc, c->n_doc + 2, sizeof(size_t)))
				goto oom;
			if (nc)
				c->doc_sent[c->n_doc++] = c->n_sent;
			p = next;
			continue;
		}
		int tag = parse_tag(cols[nc - 1]);
		if (nc < 2 || tag < 0) {
			snprintf(err, errlen, "%s:%ld: expected 'TOKEN ... TAG' with an IOB tag", path, lineno);
			conll_free(c);
			return NG_EPARSE;
		}
		if (!grow((void **)&c->tok, &c->cap, c->n + 1, sizeof(char *)))
			goto oom;
		size_t cap2 = c->cap;
		c->cap = 0;
		if (!grow((void **)&c->len, &c->cap, cap2, sizeof(uint32_t)))
			goto oom;
		c->cap = 0;
		if (!grow((void **)&c->gold, &c->cap, cap2, 1))
			goto oom;
		c->cap = cap2;
		if (!in_sent) {
			if (!grow((void **)&c->sent, &c->cap_sent, c->n_sent + 2, sizeof(uint32_t)))
				goto oom;
			if (!c->n_doc) {
				if (!grow((void **)&c->doc_sent, &c->cap_doc, 2, sizeof(size_t)))
					goto oom;
				c->doc_sent[c->n_doc++] = 0;
			}
			c->sent[c->n_sent++] = (uint32_t)c->n;
			in_sent = 1;
		}
		c->tok[c->n] = cols[0];
		c->len[c->n] = (uint32_t)strlen(cols[0]);
		c->gold[c->n] = (uint8_t)tag;
		c->n++;
		p = next;
		/* a blank line ends the sentence: peek */
		if (!*p || *p == '\n' || *p == '\r')
			in_sent = 0;
	}
	if (!grow((void **)&c->sent, &c->cap_sent, c->n_sent + 1, sizeof(uint32_t)) ||
	    !grow((void **)&c->doc_sent, &c->cap_doc, c->n_doc + 1, sizeof(size_t)))
		goto oom;
	c->sent[c->n_sent] = (uint32_t)c->n;
	/* drop empty documents (two DOCSTARTs in a row) */
	size_t w = 0;
	for (size_t d = 0; d < c->n_doc; d++) {
		size_t end = d + 1 < c->n_doc ? c->doc_sent[d + 1] : c->n_sent;
		if (end > c->doc_sent[d])
			c->doc_sent[w++] = c->doc_sent[d];
	}
	c->n_doc = w;
	c->doc_sent[c->n_doc] = c->n_sent;
	/* IOB1 -> BIO: an I- that does not continue the same type begins */
	for (size_t k = 0; k < c->n_sent; k++)
		for (size_t i = c->sent[k]; i < c->sent[k + 1]; i++) {
			uint8_t t = c->gold[i];
			if (t && !(t & 1)) {
				uint8_t prev = i > c->sent[k] ? c->gold[i - 1] : 0;
				if (!ng_ner_tag_allowed(prev, t))
					c->gold[i] = (uint8_t)(t - 1);
			}
		}
	if (!c->n) {
		snprintf(err, errlen, "%s: no tokens", path);
		conll_free(c);
		return NG_EEMPTY;
	}
	return NG_OK;
oom:
	snprintf(err, errlen, "out of memory reading %s", path);
	conll_free(c);
	return NG_ENOMEM;
}

/* Document d of a corpus as tagger input (sentence starts rebased). */
static void conll_doc(const conll *c, size_t d, ng_ner_input *in, uint32_t *sent_buf)
{
	size_t s0 = c->doc_sent[d], s1 = c->doc_sent[d + 1];
	size_t t0 = c->sent[s0];
	for (size_t k = s0; k <= s1; k++)
		sent_buf[k - s0] = c->sent[k] - (uint32_t)t0;
	in->tok = c->tok + t0;
	in->len = c->len + t0;
	in->n = c->sent[s1] - t0;
	in->sent = sent_buf;
	in->n_sent = s1 - s0;
}

/* ---- entity-level scoring (exact span and type) ---- */
typedef struct prf {
	size_t tp, pred, gold;
} prf;

static void spans_count(const uint8_t *g, const uint8_t *p, size_t n, prf *r)
{
	/* an entity: B-X followed by I-X*; both sequences are valid BIO */
	for (size_t i = 0; i < n; i++) {
		if (g[i] & 1)
			r->gold++;
		if (p[i] & 1) {
			r->pred++;
			if (g[i] == p[i]) {
				size_t j = i + 1;
				while (j < n && g[j] == p[i] + 1 && p[j] == p[i] + 1)
					j++;
				if ((j == n || g[j] != p[i] + 1) && (j == n || p[j] != p[i] + 1))
					r->tp++;
			}
		}
	}
}

static double f1(const prf *r)
{
	double p = r->pred ? (double)r->tp / (double)r->pred : 0;
	double q = r->gold ? (double)r->tp / (double)r->gold : 0;
	return p + q > 0 ? 2 * p * q / (p + q) : 0;
}

/* ---- word clusters ---- */
typedef struct wmap {
	uint64_t *keys;
	uint32_t *idx;
	size_t mask;
} wmap;

static uint32_t *wmap_slot(wmap *m, uint64_t k)
{
	size_t i = (size_t)k & m->mask;
	while (m->keys[i] && m->keys[i] != k)
		i = (i + 1) & m->mask;
	if (!m->keys[i]) {
		m->keys[i] = k;
		m->idx[i] = UINT32_MAX;
	}
	return &m->idx[i];
}

typedef struct vocab {
	wmap map;
	uint64_t *hash;
	uint32_t *count;
	uint32_t *str;     /* offset into chars */
	size_t n, cap;
	char *chars;
	size_t n_chars, cap_chars;
	uint32_t *seq;     /* corpus as word indices; UINT32_MAX = sentence break */
	size_t n_seq, cap_seq;
} vocab;

#define VOCAB_MAX (1u << 21)

static int vocab_add(vocab *v, const char *s, size_t len)
{
	char buf[96];
	if (len > 64)
		len = 64;
	size_t m = 0;
	for (size_t i = 0; i < len; i++)
		buf[m++] = s[i];
	uint64_t h = ng_ner_hash_lower(s, len);
	if (!h)
		h = 1;
	uint32_t *slot = wmap_slot(&v->map, h);
	if (*slot == UINT32_MAX) {
		if (v->n >= VOCAB_MAX / 2)
			return 1; /* table full: ignore new words */
		if (!grow((void **)&v->hash, &v->cap, v->n + 1, sizeof(uint64_t)))
			return 0;
		size_t c2 = v->cap;
		v->cap = 0;
		if (!grow((void **)&v->count, &v->cap, c2, sizeof(uint32_t)))
			return 0;
		v->cap = 0;
		if (!grow((void **)&v->str, &v->cap, c2, sizeof(uint32_t)))
			return 0;
		v->cap = c2;
		if (!grow((void **)&v->chars, &v->cap_chars, v->n_chars + m + 1, 1))
			return 0;
		/* store the case-folded spelling: lowercase ASCII is enough for the cache */
		for (size_t i = 0; i < m; i++)
			v->chars[v->n_chars + i] =
				(char)((buf[i] >= 'A' && buf[i] <= 'Z') ? buf[i] + 32 : buf[i]);
		v->chars[v->n_chars + m] = 0;
		v->str[v->n] = (uint32_t)v->n_chars;
		v->n_chars += m + 1;
		v->hash[v->n] = h;
		v->count[v->n] = 0;
		*slot = (uint32_t)v->n++;
	}
	v->count[*slot]++;
	if (!grow((void **)&v->seq, &v->cap_seq, v->n_seq + 1, sizeof(uint32_t)))
		return 0;
	v->seq[v->n_seq++] = *slot;
	return 1;
}

static int vocab_break(vocab *v)
{
	if (!grow((void **)&v->seq, &v->cap_seq, v->n_seq + 1, sizeof(uint32_t)))
		return 0;
	v->seq[v->n_seq++] = UINT32_MAX;
	return 1;
}

static void vocab_free(vocab *v)
{
	ng_free(v->map.keys);
	ng_free(v->map.idx);
	ng_free(v->hash);
	ng_free(v->count);
	ng_free(v->str);
	ng_free(v->chars);
	ng_free(v->seq);
}

/* Adds a text file, tokenized by our segmenter (invalid UTF-8 is repaired). */
static ng_status vocab_add_text(vocab *v, const char *path, char *err, size_t errlen)
{
	size_t len;
	char *raw = read_file(path, &len, err, errlen);
	if (!raw)
		return NG_EIO;
	ng_arena *a = ng_arena_create(1 << 20, (size_t)1 << 31);
	ng_status st = NG_ENOMEM;
	if (a) {
		size_t clen;
		char *txt = ng_utf8_repair(a, raw, len, &clen, NULL, NULL);
		ng_segmentation sg;
		if (txt && (st = ng_segment(a, txt, clen, &sg)) == NG_OK) {
			for (size_t k = 0; k < sg.n_sentences && st == NG_OK; k++) {
				for (uint32_t i = sg.sentence_tok[k]; i < sg.sentence_tok[k + 1]; i++)
					if (!vocab_add(v, txt + sg.tokens[i].start,
						       sg.tokens[i].end - sg.tokens[i].start))
						st = NG_ENOMEM;
				if (!vocab_break(v))
					st = NG_ENOMEM;
			}
		}
	}
	if (st != NG_OK)
		snprintf(err, errlen, "cannot tokenize %s: %s", path, ng_strerror(st));
	ng_arena_destroy(a);
	ng_free(raw);
	return st;
}

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static const uint32_t *g_counts;
static int cmp_idx_by_count(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (g_counts[x] != g_counts[y])
		return g_counts[x] > g_counts[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

#define CL_CTX 200      /* context words per side */
#define CL_DIM (2 * (CL_CTX + 4))
#define CL_FINE 256
#define CL_COARSE 32
#define CL_MIN_COUNT 3
#define CL_MAX_WORDS 30000

/* Spherical k-means of n unit rows of x (dim d) into k clusters. */
static void kmeans(const float *x, size_t n, size_t d, size_t k, unsigned iters, uint64_t seed,
		   float *cent, uint16_t *assign)
{
	/* initial centroids: rows spread over the frequency ranks */
	for (size_t c = 0; c < k; c++) {
		size_t r = (size_t)(rng_next(&seed) % n);
		memcpy(cent + c * d, x + r * d, d * sizeof(float));
	}
	for (unsigned it = 0; it < iters; it++) {
		for (size_t i = 0; i < n; i++) {
			const float *xi = x + i * d;
			float best = -2;
			size_t arg = 0;
			for (size_t c = 0; c < k; c++) {
				const float *cc = cent + c * d;
				float s = 0;
				for (size_t j = 0; j < d; j++)
					s += xi[j] * cc[j];
				if (s > best) {
					best = s;
					arg = c;
				}
			}
			assign[i] = (uint16_t)arg;
		}
		memset(cent, 0, k * d * sizeof(float));
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < d; j++)
				cent[assign[i] * d + j] += x[i * d + j];
		for (size_t c = 0; c < k; c++) {
			float nn = 0;
			for (size_t j = 0; j < d; j++)
				nn += cent[c * d + j] * cent[c * d + j];
			if (nn <= 0) { /* empty: restart at a random row */
				size_t r = (size_t)(rng_next(&seed) % n);
				memcpy(cent + c * d, x + r * d, d * sizeof(float));
				continue;
			}
			nn = 1.0f / sqrtf(nn);
			for (size_t j = 0; j < d; j++)
				cent[c * d + j] *= nn;
		}
	}
}

typedef struct cluster_list {
	char **word;
	uint16_t *fine, *coarse;
	size_t n;
} cluster_list;

static void cluster_list_free(cluster_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		ng_free(l->word[i]);
	ng_free(l->word);
	ng_free(l->fine);
	ng_free(l->coarse);
	memset(l, 0, sizeof *l);
}

static ng_status clusters_build(vocab *v, cluster_list *out, FILE *log, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	uint32_t *order = ng_malloc(v->n * sizeof *order);
	if (!order)
		goto oom;
	for (size_t i = 0; i < v->n; i++)
		order[i] = (uint32_t)i;
	g_counts = v->count;
	qsort(order, v->n, sizeof *order, cmp_idx_by_count);
	size_t nw = 0;
	while (nw < v->n && nw < CL_MAX_WORDS && v->count[order[nw]] >= CL_MIN_COUNT)
		nw++;
	int32_t *ctx = ng_malloc(v->n * sizeof *ctx);  /* word -> context id or -1 */
	int32_t *row = ng_malloc(v->n * sizeof *row);  /* word -> row or -1 */
	float *x = ng_calloc(nw * CL_DIM, sizeof *x);
	float *cent = ng_malloc(CL_FINE * CL_DIM * sizeof *cent);
	float *cent2 = ng_malloc(CL_COARSE * CL_DIM * sizeof *cent2);
	uint16_t *asg = ng_malloc((nw + 1) * sizeof *asg);
	uint16_t *asg2 = ng_malloc(CL_FINE * sizeof *asg2);
	if (!ctx || !row || !x || !cent || !cent2 || !asg || !asg2) {
		ng_free(ctx);
		ng_free(row);
		ng_free(x);
		ng_free(cent);
		ng_free(cent2);
		ng_free(asg);
		ng_free(asg2);
		ng_free(order);
		goto oom;
	}
	for (size_t i = 0; i < v->n; i++)
		ctx[i] = row[i] = -1;
	for (size_t i = 0; i < nw; i++) {
		row[order[i]] = (int32_t)i;
		if (i < CL_CTX)
			ctx[order[i]] = (int32_t)i;
	}
	/* context ids: frequent word, or a class of the rest */
#define CTX_OF(w)                                                                         \
	((w) == UINT32_MAX ? CL_CTX                                                        \
	 : ctx[w] >= 0     ? ctx[w]                                                        \
	 : (v->chars[v->str[w]] >= '0' && v->chars[v->str[w]] <= '9') ? CL_CTX + 1         \
	 : ((unsigned char)v->chars[v->str[w]] >= 0x80 || (v->chars[v->str[w]] >= 'a' &&   \
							   v->chars[v->str[w]] <= 'z'))      \
		 ? CL_CTX + 2                                                              \
		 : CL_CTX + 3)
	for (size_t t = 0; t < v->n_seq; t++) {
		uint32_t w = v->seq[t];
		if (w == UINT32_MAX || row[w] < 0)
			continue;
		uint32_t l = t ? v->seq[t - 1] : UINT32_MAX;
		uint32_t r = t + 1 < v->n_seq ? v->seq[t + 1] : UINT32_MAX;
		float *xr = x + (size_t)row[w] * CL_DIM;
		xr[CTX_OF(l)] += 1;
		xr[CL_CTX + 4 + CTX_OF(r)] += 1;
	}
#undef CTX_OF
	for (size_t i = 0; i < nw; i++) {
		float *xr = x + i * CL_DIM, nn = 0;
		for (size_t j = 0; j < CL_DIM; j++) {
			xr[j] = sqrtf(xr[j]);
			nn += xr[j] * xr[j];
		}
		nn = nn > 0 ? 1.0f / sqrtf(nn) : 0;
		for (size_t j = 0; j < CL_DIM; j++)
			xr[j] *= nn;
	}
	if (log)
		fprintf(log, "train-ner: clustering %zu words (%zu tokens of text)\n", nw, v->n_seq);
	kmeans(x, nw, CL_DIM, CL_FINE, 15, 0x9e3779b97f4a7c15ull, cent, asg);
	kmeans(cent, CL_FINE, CL_DIM, CL_COARSE, 20, 0x2545f4914f6cdd1dull, cent2, asg2);
	out->word = ng_calloc(nw, sizeof(char *));
	out->fine = ng_malloc(nw * sizeof(uint16_t));
	out->coarse = ng_malloc(nw * sizeof(uint16_t));
	ng_status st = NG_OK;
	if (!out->word || !out->fine || !out->coarse)
		st = NG_ENOMEM;
	for (size_t i = 0; i < nw && st == NG_OK; i++) {
		out->word[i] = ng_strdup(v->chars + v->str[order[i]]);
		if (!out->word[i])
			st = NG_ENOMEM;
		out->fine[i] = (uint16_t)(asg[i] + 1);
		out->coarse[i] = (uint16_t)(asg2[asg[i]] + 1);
		out->n = i + 1;
	}
	ng_free(ctx);
	ng_free(row);
	ng_free(x);
	ng_free(cent);
	ng_free(cent2);
	ng_free(asg);
	ng_free(asg2);
	ng_free(order);
	if (st != NG_OK) {
		cluster_list_free(out);
		goto oom;
	}
	return NG_OK;
oom:
	snprintf(err, errlen, "out of memory building word clusters");
	return NG_ENOMEM;
}

static ng_status clusters_save(const cluster_list *l, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		return NG_EIO;
	}
	fprintf(f, "# word clusters for the NER tagger: WORD FINE COARSE (newsgraph train-ner)\n");
	for (size_t i = 0; i < l->n; i++)
		fprintf(f, "%s\t%u\t%u\n", l->word[i], l->fine[i], l->coarse[i]);
	if (fclose(f)) {
		snprintf(err, errlen, "cannot write %s", path);
		return NG_EIO;
	}
	return NG_OK;
}

static ng_status clusters_load(const char *path, cluster_list *l, char *err, size_t errlen)
{
	memset(l, 0, sizeof *l);
	ng_lines lr;
	if (ng_lines_open(&lr, path, NG_LINES_SKIP_HASH, NULL, NULL, 0) != NG_OK) {
		ng_lines_close(&lr);
		return NG_EIO; /* no cache yet */
	}
	lr.err = err;
	lr.errlen = errlen;
	char *line;
	size_t cap = 0;
	ng_status st;
	while ((st = ng_lines_next(&lr, &line, NULL)) == NG_OK) {
		char *t1 = strchr(line, '\t');
		char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t1 || !t2) {
			st = ng_lines_fail(&lr, NG_EPARSE, "malformed line");
			break;
		}
		*t1 = 0;
		if (l->n == cap) {
			size_t c = cap;
			if (!grow((void **)&l->word, &c, cap + 1, sizeof(char *)) ||
			    !grow((void **)&l->fine, &cap, c, sizeof(uint16_t))) {
				st = NG_ENOMEM;
				break;
			}
			cap = 0;
			if (!grow((void **)&l->coarse, &cap, c, sizeof(uint16_t))) {
				st = NG_ENOMEM;
				break;
			}
			cap = c;
		}
		l->word[l->n] = ng_strdup(line);
		l->fine[l->n] = (uint16_t)atoi(t1 + 1);
		l->coarse[l->n] = (uint16_t)atoi(t2 + 1);
		if (!l->word[l->n]) {
			st = NG_ENOMEM;
			break;
		}
		l->n++;
	}
	ng_lines_close(&lr);
	if (st == NG_DONE)
		return NG_OK;
	cluster_list_free(l);
	return st;
}

/* The cluster table (image layout) of a list. */
static ng_ner_cl_slot *clusters_table(const cluster_list *l, ng_ner_clusters *cl)
{
	size_t cap = 16;
	while (cap < l->n * 2 + 2)
		cap *= 2;
	ng_ner_cl_slot *s = ng_calloc(cap, sizeof *s);
	if (!s)
		return NULL;
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		uint64_t h = ng_ner_hash_lower(l->word[i], strlen(l->word[i]));
		uint32_t fp = ng_ner_fp(h);
		size_t j = (size_t)h & (cap - 1);
		while (s[j].fp && s[j].fp != fp)
			j = (j + 1) & (cap - 1);
		if (!s[j].fp)
			n++;
		s[j].fp = fp;
		s[j].fine = l->fine[i];
		s[j].coarse = l->coarse[i];
	}
	cl->slots = s;
	cl->mask = cap - 1;
	cl->n = n;
	return s;
}

/* ---- perceptron weights ---- */
typedef struct weights {
	uint64_t *keys;
	uint32_t *idx;
	size_t mask, used;
	float *w;      /* n * NT */
	double *u;     /* n * NT: sum of c * update */
	size_t n, cap;
	float trans[(NT + 1) * NT];
	double utrans[(NT + 1) * NT];
} weights;

static int weights_init(weights *W, size_t slots)
{
	memset(W, 0, sizeof *W);
	W->keys = ng_calloc(slots, sizeof *W->keys);
	W->idx = ng_malloc(slots * sizeof *W->idx);
	W->mask = slots - 1;
	return W->keys && W->idx;
}

static void weights_free(weights *W)
{
	ng_free(W->keys);
	ng_free(W->idx);
	ng_free(W->w);
	ng_free(W->u);
}

static int64_t weights_find(const weights *W, uint64_t k)
{
	size_t i = (size_t)k & W->mask;
	while (W->keys[i]) {
		if (W->keys[i] == k)
			return W->idx[i];
		i = (i + 1) & W->mask;
	}
	return -1;
}

static int64_t weights_add(weights *W, uint64_t k)
{
	size_t i = (size_t)k & W->mask;
	while (W->keys[i]) {
		if (W->keys[i] == k)
			return W->idx[i];
		i = (i + 1) & W->mask;
	}
	if ((W->used + 1) * 4 > (W->mask + 1) * 3)
		return -1; /* full: the caller skips this feature */
	if (W->n == W->cap) {
		size_t c = W->cap;
		if (!grow((void **)&W->w, &c, W->n + 1, NT * sizeof(float)))
			return -2;
		c = W->cap;
		if (!grow((void **)&W->u, &c, W->n + 1, NT * sizeof(double)))
			return -2;
		W->cap = c;
	}
	memset(W->w + W->n * NT, 0, NT * sizeof(float));
	memset(W->u + W->n * NT, 0, NT * sizeof(double));
	W->keys[i] = k;
	W->idx[i] = (uint32_t)W->n;
	W->used++;
	return (int64_t)W->n++;
}

/* ---- training ---- */
typedef struct trainer {
	const ng_ner_train_cfg *cfg;
	const ng_gazetteer *gaz;
	ng_ner_clusters cl;
	conll train, dev;
	weights W;
	double c;        /* update clock */
	unsigned passes;
} trainer;

static ng_status build_image(trainer *T, void **img, size_t *len)
{
	weights *W = &T->W;
	uint64_t *keys = ng_malloc((W->n ? W->n : 1) * sizeof *keys);
	float *avg = ng_malloc((W->n ? W->n : 1) * NT * sizeof *avg);
	if (!keys || !avg) {
		ng_free(keys);
		ng_free(avg);
		return NG_ENOMEM;
	}
	for (size_t s = 0; s <= W->mask; s++)
		if (W->keys[s])
			keys[W->idx[s]] = W->keys[s];
	for (size_t i = 0; i < W->n * NT; i++)
		avg[i] = (float)(W->w[i] - W->u[i] / T->c);
	float tr[(NT + 1) * NT];
	for (int i = 0; i < (NT + 1) * NT; i++)
		tr[i] = (float)(W->trans[i] - W->utrans[i] / T->c);
	ng_ner_image_builder b = {keys, avg, W->n, tr, T->cl.slots ? &T->cl : NULL, T->passes};
	ng_status st = ng_ner_image_build(&b, img, len);
	ng_free(keys);
	ng_free(avg);
	return st;
}

/* Tags every document of a corpus with a model; fills pred. */
static ng_status tag_corpus(const ng_ner_model *m, const ng_gazetteer *gaz, const conll *c,
			    uint8_t *pred, double *seconds)
{
	ng_arena *a = ng_arena_create(1 << 20, (size_t)1 << 30);
	uint32_t *sb = ng_malloc((c->n_sent + 1) * sizeof *sb);
	if (!a || !sb) {
		ng_arena_destroy(a);
		ng_free(sb);
		return NG_ENOMEM;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	ng_status st = NG_OK;
	for (size_t d = 0; d < c->n_doc && st == NG_OK; d++) {
		ng_ner_input in;
		conll_doc(c, d, &in, sb);
		ng_arena_reset(a);
		st = ng_ner_tag(m, gaz, &in, a, pred + c->sent[c->doc_sent[d]]);
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
	if (seconds)
		*seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
	ng_arena_destroy(a);
	ng_free(sb);
	return st;
}

static ng_status train_epoch(trainer *T, uint64_t *seed, size_t *n_wrong)
{
	conll *c = &T->train;
	weights *W = &T->W;
	size_t *order = ng_malloc(c->n_doc * sizeof *order);
	ng_arena *a = ng_arena_create(1 << 20, (size_t)1 << 30);
	uint32_t *sb = ng_malloc((c->n_sent + 1) * sizeof *sb);
	uint64_t *keys = ng_malloc((size_t)NG_NER_MAX_SENT * NG_NER_MAX_FEATS * sizeof *keys);
	uint8_t *nk = ng_malloc(NG_NER_MAX_SENT);
	float *em = ng_malloc(NG_NER_MAX_SENT * NT * sizeof *em);
	void *work = ng_malloc(NG_NER_MAX_SENT * NT * (sizeof(float) + 1));
	uint8_t pred[NG_NER_MAX_SENT];
	ng_status st = NG_OK;
	if (!order || !a || !sb || !keys || !nk || !em || !work) {
		st = NG_ENOMEM;
		goto out;
	}
	for (size_t d = 0; d < c->n_doc; d++)
		order[d] = d;
	for (size_t d = c->n_doc; d > 1; d--) {
		size_t j = (size_t)(rng_next(seed) % d);
		size_t t = order[d - 1];
		order[d - 1] = order[j];
		order[j] = t;
	}
	*n_wrong = 0;
	for (size_t oi = 0; oi < c->n_doc && st == NG_OK; oi++) {
		size_t d = order[oi];
		ng_ner_input in;
		conll_doc(c, d, &in, sb);
		const uint8_t *gold = c->gold + c->sent[c->doc_sent[d]];
		ng_arena_reset(a);
		ng_ner_tokinfo *ti = ng_arena_alloc(a, in.n * sizeof *ti);
		size_t hcap = 64;
		while (hcap < in.n * 2)
			hcap *= 2;
		uint64_t *hk = ng_arena_alloc(a, hcap * sizeof *hk);
		uint8_t *hv = ng_arena_alloc(a, hcap);
		if (!ti || !hk || !hv) {
			st = NG_ENOMEM;
			break;
		}
		memset(hk, 0, hcap * sizeof *hk);
		memset(hv, 0, hcap);
		ng_ner_history hist = {hk, hv, hcap - 1};
		st = ng_ner_tokinfo_fill(&in, T->gaz, T->cl.slots ? &T->cl : NULL, a, ti);
		for (size_t si = 0; si < in.n_sent * T->passes && st == NG_OK; si++) {
			size_t k = si % in.n_sent;
			size_t s = in.sent[k], e = in.sent[k + 1];
			if (e - s > NG_NER_MAX_SENT)
				e = s + NG_NER_MAX_SENT; /* CoNLL has none this long */
			size_t n = e - s;
			for (size_t i = 0; i < n; i++) {
				uint64_t *kk = keys + i * NG_NER_MAX_FEATS;
				nk[i] = (uint8_t)ng_ner_features(ti, s, e, s + i, &hist, kk);
				float *sc = em + i * NT;
				memset(sc, 0, NT * sizeof(float));
				for (size_t j = 0; j < nk[i]; j++) {
					int64_t r = weights_find(W, kk[j]);
					if (r >= 0)
						for (int t = 0; t < NT; t++)
							sc[t] += W->w[(size_t)r * NT + t];
				}
			}
			ng_ner_viterbi(em, W->trans, n, work, pred);
			const uint8_t *g = gold + s;
			int wrong = memcmp(pred, g, n) != 0;
			if (wrong) {
				(*n_wrong)++;
				for (size_t i = 0; i < n; i++) {
					int gp = i ? g[i - 1] : -1, pp = i ? pred[i - 1] : -1;
					if (g[i] != pred[i] || gp != pp) {
						size_t gi = (size_t)(gp + 1) * NT + g[i];
						size_t pi = (size_t)(pp + 1) * NT + pred[i];
						W->trans[gi] += 1;
						W->utrans[gi] += T->c;
						W->trans[pi] -= 1;
						W->utrans[pi] -= T->c;
					}
					if (g[i] == pred[i])
						continue;
					const uint64_t *kk = keys + i * NG_NER_MAX_FEATS;
					for (size_t j = 0; j < nk[i]; j++) {
						int64_t r = weights_add(W, kk[j]);
						if (r == -2) {
							st = NG_ENOMEM;
							break;
						}
						if (r < 0)
							continue;
						float *w = W->w + (size_t)r * NT;
						double *u = W->u + (size_t)r * NT;
						w[g[i]] += 1;
						u[g[i]] += T->c;
						w[pred[i]] -= 1;
						u[pred[i]] -= T->c;
					}
				}
			}
			T->c += 1;
			ng_ner_history_add(&hist, ti, s, e, pred);
		}
	}
out:
	ng_free(order);
	ng_arena_destroy(a);
	ng_free(sb);
	ng_free(keys);
	ng_free(nk);
	ng_free(em);
	ng_free(work);
	return st;
}

static ng_status write_file(const char *path, const void *p, size_t n, char *err, size_t errlen)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		return NG_EIO;
	}
	int ok = fwrite(p, 1, n, f) == n;
	ok &= fclose(f) == 0;
	if (!ok || rename(tmp, path) != 0) {
		snprintf(err, errlen, "cannot write %s", path);
		remove(tmp);
		return NG_EIO;
	}
	return NG_OK;
}

static ng_status score_dev(trainer *T, const void *img, size_t len, prf *res, char *err,
			   size_t errlen)
{
	ng_ner_model *m;
	ng_status st = ng_ner_model_from_bytes(img, len, &m, err, errlen);
	if (st != NG_OK)
		return st;
	uint8_t *pred = ng_malloc(T->dev.n);
	if (!pred) {
		ng_ner_model_free(m);
		return NG_ENOMEM;
	}
	st = tag_corpus(m, T->gaz, &T->dev, pred, NULL);
	memset(res, 0, sizeof *res);
	if (st == NG_OK)
		for (size_t k = 0; k < T->dev.n_sent; k++)
			spans_count(T->dev.gold + T->dev.sent[k], pred + T->dev.sent[k],
				    T->dev.sent[k + 1] - T->dev.sent[k], res);
	ng_free(pred);
	ng_ner_model_free(m);
	return st;
}

static ng_status prepare_clusters(trainer *T, cluster_list *cl, char *err, size_t errlen)
{
	const ng_ner_train_cfg *cfg = T->cfg;
	memset(cl, 0, sizeof *cl);
	if (cfg->clusters_path && clusters_load(cfg->clusters_path, cl, err, errlen) == NG_OK) {
		if (cfg->log)
			fprintf(cfg->log, "train-ner: %zu word clusters from %s\n", cl->n,
				cfg->clusters_path);
		return NG_OK;
	}
	if (!cfg->unlabelled || !cfg->unlabelled[0]) {
		if (cfg->log)
			fprintf(cfg->log, "train-ner: no word clusters (no --unlabelled text)\n");
		return NG_OK;
	}
	vocab v;
	memset(&v, 0, sizeof v);
	size_t slots = VOCAB_MAX;
	v.map.keys = ng_calloc(slots, sizeof(uint64_t));
	v.map.idx = ng_malloc(slots * sizeof(uint32_t));
	v.map.mask = slots - 1;
	ng_status st = v.map.keys && v.map.idx ? NG_OK : NG_ENOMEM;
	/* the training text itself */
	for (size_t k = 0; k < T->train.n_sent && st == NG_OK; k++) {
		for (uint32_t i = T->train.sent[k]; i < T->train.sent[k + 1]; i++)
			if (!vocab_add(&v, T->train.tok[i], T->train.len[i]))
				st = NG_ENOMEM;
		if (!vocab_break(&v))
			st = NG_ENOMEM;
	}
	for (size_t i = 0; cfg->unlabelled[i] && st == NG_OK; i++)
		st = vocab_add_text(&v, cfg->unlabelled[i], err, errlen);
	if (st == NG_OK)
		st = clusters_build(&v, cl, cfg->log, err, errlen);
	else if (st == NG_ENOMEM)
		snprintf(err, errlen, "out of memory reading unlabelled text");
	vocab_free(&v);
	if (st == NG_OK && cfg->clusters_path)
		st = clusters_save(cl, cfg->clusters_path, err, errlen);
	return st;
}

ng_status ng_ner_train_run(const ng_ner_train_cfg *cfg, char *err, size_t errlen)
{
	trainer T;
	memset(&T, 0, sizeof T);
	T.cfg = cfg;
	T.c = 1;
	T.passes = cfg->passes == 2 ? 2 : 1;
	ng_gazetteer *gaz = NULL;
	cluster_list cl = {0};
	ng_ner_cl_slot *clslots = NULL;
	void *best_img = NULL;
	size_t best_len = 0;
	ng_status st = conll_read(cfg->train_path, &T.train, err, errlen);
	if (st == NG_OK && cfg->dev_path)
		st = conll_read(cfg->dev_path, &T.dev, err, errlen);
	if (st == NG_OK && cfg->gazetteer_dir)
		st = ng_gazetteer_load(cfg->gazetteer_dir, &gaz, err, errlen);
	T.gaz = gaz;
	if (st == NG_OK)
		st = prepare_clusters(&T, &cl, err, errlen);
	if (st == NG_OK && cl.n && !(clslots = clusters_table(&cl, &T.cl)))
		st = NG_ENOMEM;
	if (st == NG_OK && !weights_init(&T.W, (size_t)1 << 23))
		st = NG_ENOMEM;
	if (st == NG_OK && cfg->log)
		fprintf(cfg->log, "train-ner: %zu training tokens in %zu documents, %zu dev tokens, "
				  "%zu gazetteer names, %zu clustered words\n",
			T.train.n, T.train.n_doc, T.dev.n, ng_gazetteer_size(gaz), cl.n);
	uint64_t seed = 0x853c49e6748fea9bull;
	double best = -1;
	unsigned best_epoch = 0;
	for (unsigned ep = 1; st == NG_OK && ep <= cfg->epochs; ep++) {
		size_t wrong = 0;
		st = train_epoch(&T, &seed, &wrong);
		void *img = NULL;
		size_t len = 0;
		if (st == NG_OK)
			st = build_image(&T, &img, &len);
		if (st != NG_OK)
			break;
		double f = -1;
		prf r = {0};
		if (T.dev.n) {
			st = score_dev(&T, img, len, &r, err, errlen);
			f = f1(&r);
		}
		if (cfg->log)
			fprintf(cfg->log, "train-ner: epoch %u: %zu/%zu sentences wrong, %zu features, "
					  "model %.1f MB, dev F1 %.2f (P %.2f R %.2f)\n",
				ep, wrong, T.train.n_sent, T.W.n, (double)len / 1e6, 100 * f,
				r.pred ? 100.0 * (double)r.tp / (double)r.pred : 0,
				r.gold ? 100.0 * (double)r.tp / (double)r.gold : 0);
		if (st == NG_OK && (f > best || !T.dev.n)) {
			best = f;
			best_epoch = ep;
			ng_free(best_img);
			best_img = img;
			best_len = len;
		} else {
			ng_free(img);
		}
	}
	if (st == NG_OK && best_img) {
		st = write_file(cfg->model_path, best_img, best_len, err, errlen);
		if (st == NG_OK && cfg->log)
			fprintf(cfg->log, "train-ner: wrote %s (epoch %u, dev F1 %.2f, %zu bytes)\n",
				cfg->model_path, best_epoch, 100 * best, best_len);
	}
	if (st != NG_OK && err && !err[0])
		snprintf(err, errlen, "training failed: %s", ng_strerror(st));
	ng_free(best_img);
	ng_free(clslots);
	cluster_list_free(&cl);
	weights_free(&T.W);
	conll_free(&T.train);
	conll_free(&T.dev);
	ng_gazetteer_free(gaz);
	return st;
}

/* ---- tag-conll: CoNLL file in, "token gold pred" lines out ---- */
ng_status ng_ner_tag_conll_file(const ng_ner_model *m, const ng_gazetteer *gaz, const char *path,
				FILE *out, double *seconds, size_t *n_tokens, char *err,
				size_t errlen)
{
	static const char *const names[NT] = {"O",     "B-PER", "I-PER",  "B-ORG", "I-ORG",
					      "B-LOC", "I-LOC", "B-MISC", "I-MISC"};
	conll c;
	ng_status st = conll_read(path, &c, err, errlen);
	if (st != NG_OK)
		return st;
	uint8_t *pred = ng_malloc(c.n);
	if (!pred) {
		conll_free(&c);
		return NG_ENOMEM;
	}
	st = tag_corpus(m, gaz, &c, pred, seconds);
	if (n_tokens)
		*n_tokens = c.n;
	if (st == NG_OK && out) {
		for (size_t k = 0; k < c.n_sent; k++) {
			for (size_t i = c.sent[k]; i < c.sent[k + 1]; i++)
				fprintf(out, "%s %s %s\n", c.tok[i], names[c.gold[i]], names[pred[i]]);
			fputc('\n', out);
		}
	}
	if (st != NG_OK && err && !err[0])
		snprintf(err, errlen, "tagging failed: %s", ng_strerror(st));
	ng_free(pred);
	conll_free(&c);
	return st;
}
