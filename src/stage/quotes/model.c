/*
** model.c -- the leftover-cue model (data/quotes/leftover.model): a logistic
** regression over string features, read once at init, read-only afterwards.
**
** The file is text, one item per line, tab-separated:
**
**   # comment
**   threshold<TAB>0.40      keep a candidate whose probability is >= this
**   bias<TAB>-1.25          the intercept
**   L=say<TAB>0.53          a feature and its weight
**
** Features are looked up by a 64-bit hash (quotes.h: the index of the
** feature's name among the finder's names, mixed with its parts' hashes);
** the table keeps the hashes, not the strings. Two features with one hash
** would be an error of about one part in 2^64 per pair. A threshold above 1
** keeps nothing (tools/train_quotes_model.py, which writes the file, runs
** the stage so). docs/internals/quotes.md says what the features are.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "quotes.h"

#define MODEL_MAX_FILE (8u << 20) /* 8 MiB */
#define MODEL_MAX_FEATS (1u << 20)

typedef struct model_slot {
	uint64_t h; /* 0 = empty (a feature hashing to 0 is stored as 1) */
	float w;
} model_slot;

struct ng_cue_model {
	model_slot *slots;
	size_t mask;
	size_t n;
	double bias;
	double threshold;
};

/* The hash of feature [s, s+n) (see quotes.h); 0 when its name is none of
** names[0..nn). */
static uint64_t feat_hash(const char *s, size_t n, const char *const *names, int nn)
{
	const char *end = s + n, *eq = memchr(s, '=', n);
	if (!eq)
		return 0;
	int id = 0;
	size_t nl = (size_t)(eq - s);
	while (id < nn && !(strlen(names[id]) == nl && !memcmp(names[id], s, nl)))
		id++;
	if (id == nn)
		return 0;
	uint64_t h = ng_cue_feat_name(id);
	for (const char *p = eq + 1;;) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *pe = bar ? bar : end;
		h = ng_cue_feat_mix(h, ng_cue_feat_part(p, (size_t)(pe - p)));
		if (!bar)
			break;
		p = bar + 1;
	}
	return ng_cue_feat_end(h);
}

double ng_cue_model_weight(const ng_cue_model *m, uint64_t h)
{
	for (size_t i = h & m->mask;; i = (i + 1) & m->mask) {
		if (m->slots[i].h == h)
			return m->slots[i].w;
		if (!m->slots[i].h)
			return 0.0;
	}
}

double ng_cue_model_bias(const ng_cue_model *m)
{
	return m->bias;
}

double ng_cue_model_threshold(const ng_cue_model *m)
{
	return m->threshold;
}

void ng_cue_model_destroy(ng_cue_model *m)
{
	if (!m)
		return;
	ng_free(m->slots);
	ng_free(m);
}

/* Adds (h, w); a feature given twice is an error. */
static int model_put(ng_cue_model *m, uint64_t h, float w)
{
	size_t i = h & m->mask;
	for (; m->slots[i].h; i = (i + 1) & m->mask)
		if (m->slots[i].h == h)
			return -1;
	m->slots[i].h = h;
	m->slots[i].w = w;
	m->n++;
	return 0;
}

/* Reads a number that ends the line's field; 0 when it is no finite number. */
static int parse_num(const char *s, const char *end, double *out)
{
	char tmp[64];
	size_t n = (size_t)(end - s);
	if (!n || n >= sizeof tmp)
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = 0;
	char *e;
	errno = 0;
	double v = strtod(tmp, &e);
	if (e != tmp + n || errno || !isfinite(v))
		return 0;
	*out = v;
	return 1;
}

static ng_status model_parse(const char *buf, size_t len, const char *path,
			     const char *const *names, int nn, ng_cue_model *m, char *err,
			     size_t errlen)
{
	int have_bias = 0, have_thr = 0;
	size_t line = 0;
	for (const char *p = buf, *end = buf + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		line++;
		const char *tab = memchr(p, '\t', (size_t)(le - p));
		if (le > p && le[-1] == '\r')
			le--;
		if (p == le || *p == '#') {
			p = nl ? nl + 1 : end;
			continue;
		}
		double v;
		if (!tab || tab == p || !parse_num(tab + 1, le, &v)) {
			if (err && errlen)
				snprintf(err, errlen, "%s:%zu: expected 'feature<TAB>number'", path, line);
			return NG_EPARSE;
		}
		size_t kn = (size_t)(tab - p);
		if (kn == 9 && !memcmp(p, "threshold", 9)) {
			m->threshold = v;
			have_thr = 1;
		} else if (kn == 4 && !memcmp(p, "bias", 4)) {
			m->bias = v;
			have_bias = 1;
		} else {
			uint64_t h = feat_hash(p, kn, names, nn);
			const char *why = !h			      ? "unknown feature name"
					  : m->n + 1 > MODEL_MAX_FEATS ? "more than 1048576 features"
					  : model_put(m, h, (float)v)  ? "feature given twice"
								       : NULL;
			if (why) {
				if (err && errlen)
					snprintf(err, errlen, "%s:%zu: %s", path, line, why);
				return NG_EPARSE;
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (!have_bias || !have_thr) {
		if (err && errlen)
			snprintf(err, errlen, "%s: no '%s' line", path, have_bias ? "threshold" : "bias");
		return NG_EPARSE;
	}
	return NG_OK;
}

ng_status ng_cue_model_load(const char *path, const char *const *names, int nn,
			    ng_cue_model **out, char *err, size_t errlen)
{
	*out = NULL;
	char *buf;
	size_t n;
	ng_status st = ng_quotes_read_file(path, "leftover-cue model", MODEL_MAX_FILE, &buf, &n, err,
					   errlen);
	if (st != NG_OK)
		return st;
	/* table size: a power of two at least twice the lines */
	size_t lines = 1;
	for (size_t i = 0; i < n; i++)
		lines += buf[i] == '\n';
	size_t cap = 64;
	while (cap < 2 * lines)
		cap *= 2;
	ng_cue_model *m = ng_calloc(1, sizeof(*m));
	model_slot *slots = m ? ng_calloc(cap, sizeof(model_slot)) : NULL;
	if (!slots) {
		ng_free(m);
		ng_free(buf);
		return NG_ENOMEM;
	}
	m->slots = slots;
	m->mask = cap - 1;
	st = model_parse(buf, n, path, names, nn, m, err, errlen);
	ng_free(buf);
	if (st != NG_OK) {
		ng_cue_model_destroy(m);
		return st;
	}
	*out = m;
	return NG_OK;
}
