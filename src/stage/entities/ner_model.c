/*
** ner_model.c -- the model image: building it from trained weights,
** loading and checking it, and tagging documents with it.
**
** The image is one little-endian block, read with mmap and never written:
**   header (64 bytes): magic "NGNERM1\n", format version, feature-set
**     version, tag count, log2 of the feature and cluster table sizes, row
**     count, weight scale, total size, FNV-1a checksum of the whole image
**     (this field counted as zeros), passes;
**   transitions: float[(NTAGS + 1) * NTAGS] (row 0: sentence start);
**   feature table: {uint32 fp, int16 w[NTAGS], int16 pad} per slot (fp 0 =
**     empty; 24 bytes, so one lookup touches one cache line at most);
**     weight = w / scale;
**   cluster index: {uint32 fp, uint16 fine, uint16 coarse} per slot.
** A feature key k lives at slot (k & mask) or after it (linear probing) with
** fp = (k >> 32) | 1. Loading checks sizes, the checksum, every row index
** and that each table has empty slots, so lookups always end.
*/
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stage/entities/ner.h"

#define NER_MAGIC "NGNERM1\n"
#define NER_FORMAT 2u
#define NER_FEATURES 1u /* bump when ng_ner_features() changes meaning */
#define NT NG_NER_NTAGS

typedef struct ner_header {
	char magic[8];
	uint32_t format;
	uint32_t features;
	uint32_t ntags;
	uint32_t fslots_log2;
	uint32_t nrows;
	uint32_t cslots_log2;
	uint32_t ncl;
	float scale;
	uint64_t size;
	uint64_t checksum;
	uint32_t passes;      /* 1, or 2: the document is tagged twice */
	uint32_t reserved;
} ner_header;

typedef struct ner_fslot {
	uint32_t fp;
	int16_t w[NT];
	int16_t pad;
} ner_fslot;

struct ng_ner_model {
	const unsigned char *image;
	size_t len;
	int mapped;          /* munmap vs ng_free */
	const float *trans;
	const ner_fslot *fidx;
	size_t fmask;
	size_t nrows;
	float inv_scale;
	unsigned passes;
	ng_ner_clusters cl;
};

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* FNV-1a over the whole image, the checksum field counted as zeros. */
static uint64_t checksum(const unsigned char *p, size_t n)
{
	const size_t at = offsetof(ner_header, checksum);
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (i >= at && i < at + 8 ? 0 : p[i])) * 0x100000001b3ull;
	return h;
}

static void layout(uint32_t flog, uint32_t nrows, uint32_t clog, size_t *o_trans, size_t *o_fidx,
		   size_t *o_rows, size_t *o_cl, size_t *total)
{
	*o_trans = sizeof(ner_header);
	*o_fidx = align8(*o_trans + sizeof(float) * (NT + 1) * NT);
	(void)nrows;
	*o_rows = align8(*o_fidx + sizeof(ner_fslot) * ((size_t)1 << flog));
	*o_cl = *o_rows;
	*total = align8(*o_cl + sizeof(ng_ner_cl_slot) * ((size_t)1 << clog));
}

ng_status ng_ner_image_build(const ng_ner_image_builder *b, void **image, size_t *len)
{
	*image = NULL;
	*len = 0;
	float maxw = 0;
	for (size_t i = 0; i < b->n * NT; i++)
		if (fabsf(b->w[i]) > maxw)
			maxw = fabsf(b->w[i]);
	float scale = maxw > 0 ? 32767.0f / maxw : 1.0f;
	/* keep features with a weight that survives quantization */
	size_t keep = 0;
	for (size_t i = 0; i < b->n; i++) {
		int any = 0;
		for (int t = 0; t < NT; t++)
			if (lrintf(b->w[i * NT + t] * scale) != 0)
				any = 1;
		keep += (size_t)any;
	}
	uint32_t flog = 4;
	while (((size_t)1 << flog) * 3 < keep * 4 + 4)
		flog++;
	/* the cluster table is copied as it is: its size fixes the slot rule */
	size_t ncl = b->clusters ? b->clusters->n : 0;
	uint32_t clog = 4;
	if (b->clusters && b->clusters->slots) {
		clog = 0;
		while (((size_t)1 << clog) < b->clusters->mask + 1)
			clog++;
		if (((size_t)1 << clog) != b->clusters->mask + 1 || clog < 4 || ncl >= b->clusters->mask)
			return NG_EINTERNAL;
	}
	size_t o_trans, o_fidx, o_rows, o_cl, total;
	layout(flog, (uint32_t)keep, clog, &o_trans, &o_fidx, &o_rows, &o_cl, &total);
	unsigned char *img = ng_calloc(1, total);
	if (!img)
		return NG_ENOMEM;
	ner_header *h = (ner_header *)img;
	memcpy(h->magic, NER_MAGIC, 8);
	h->format = NER_FORMAT;
	h->features = NER_FEATURES;
	h->ntags = NT;
	h->fslots_log2 = flog;
	h->nrows = (uint32_t)keep;
	h->cslots_log2 = clog;
	h->ncl = (uint32_t)ncl;
	h->scale = scale;
	h->size = total;
	h->passes = b->passes == 2 ? 2 : 1;
	memcpy(img + o_trans, b->trans, sizeof(float) * (NT + 1) * NT);
	ner_fslot *fidx = (ner_fslot *)(img + o_fidx);
	size_t fmask = ((size_t)1 << flog) - 1, r = 0;
	for (size_t i = 0; i < b->n; i++) {
		int16_t q[NT];
		int any = 0;
		for (int t = 0; t < NT; t++) {
			long v = lrintf(b->w[i * NT + t] * scale);
			q[t] = (int16_t)(v > 32767 ? 32767 : v < -32767 ? -32767 : v);
			any |= q[t] != 0;
		}
		if (!any)
			continue;
		uint64_t k = b->keys[i];
		size_t s = (size_t)k & fmask;
		while (fidx[s].fp)
			s = (s + 1) & fmask;
		fidx[s].fp = ng_ner_fp(k);
		memcpy(fidx[s].w, q, sizeof q);
		r++;
	}
	if (b->clusters && b->clusters->slots)
		memcpy(img + o_cl, b->clusters->slots, sizeof(ng_ner_cl_slot) << clog);
	h->checksum = checksum(img, total);
	*image = img;
	*len = total;
	return NG_OK;
}

static ng_status fail(char *err, size_t errlen, ng_status st, const char *what, const char *detail)
{
	if (err && errlen)
		snprintf(err, errlen, "NER model %s: %s", what, detail);
	return st;
}

/* Checks an image and fills the model's views into it. */
static ng_status attach(ng_ner_model *m, const char *what, char *err, size_t errlen)
{
	const unsigned char *img = m->image;
	if (m->len < sizeof(ner_header))
		return fail(err, errlen, NG_EPARSE, what, "file too short for a header (truncated?)");
	ner_header h;
	memcpy(&h, img, sizeof h);
	if (memcmp(h.magic, NER_MAGIC, 8))
		return fail(err, errlen, NG_EPARSE, what, "not a newsgraph NER model (bad magic)");
	if (h.format != NER_FORMAT)
		return fail(err, errlen, NG_EPARSE, what, "unsupported format version");
	if (h.features != NER_FEATURES)
		return fail(err, errlen, NG_EPARSE, what,
			    "trained with another feature set: retrain with newsgraph train-ner");
	if (h.ntags != NT || h.fslots_log2 < 4 || h.fslots_log2 > 28 || h.cslots_log2 < 4 ||
	    h.cslots_log2 > 28 || !(h.scale > 0) || h.nrows >= (1u << h.fslots_log2) ||
	    h.ncl >= (1u << h.cslots_log2) || h.passes < 1 || h.passes > 2)
		return fail(err, errlen, NG_EPARSE, what, "header values out of range");
	size_t o_trans, o_fidx, o_rows, o_cl, total;
	layout(h.fslots_log2, h.nrows, h.cslots_log2, &o_trans, &o_fidx, &o_rows, &o_cl, &total);
	if (h.size != total || m->len != total)
		return fail(err, errlen, NG_EPARSE, what, "size does not match its header (truncated?)");
	if (checksum(img, total) != h.checksum || h.reserved)
		return fail(err, errlen, NG_EPARSE, what, "checksum mismatch (corrupt file)");
	const ner_fslot *fidx = (const ner_fslot *)(img + o_fidx);
	size_t fslots = (size_t)1 << h.fslots_log2, used = 0;
	for (size_t i = 0; i < fslots; i++) {
		if (fidx[i].fp)
			used++;
	}
	if (used != h.nrows)
		return fail(err, errlen, NG_EPARSE, what, "feature table count mismatch");
	const ng_ner_cl_slot *cs = (const ng_ner_cl_slot *)(img + o_cl);
	size_t cslots = (size_t)1 << h.cslots_log2;
	used = 0;
	for (size_t i = 0; i < cslots; i++)
		used += cs[i].fp != 0;
	if (used != h.ncl)
		return fail(err, errlen, NG_EPARSE, what, "cluster table count mismatch");
	const float *tr = (const float *)(img + o_trans);
	for (int i = 0; i < (NT + 1) * NT; i++)
		if (!isfinite(tr[i]))
			return fail(err, errlen, NG_EPARSE, what, "transition weights not finite");
	m->trans = tr;
	m->fidx = fidx;
	m->fmask = fslots - 1;
	m->nrows = h.nrows;
	m->inv_scale = 1.0f / h.scale;
	m->passes = h.passes;
	m->cl.slots = cs;
	m->cl.mask = cslots - 1;
	m->cl.n = h.ncl;
	return NG_OK;
}

ng_status ng_ner_model_from_bytes(const void *data, size_t len, ng_ner_model **out, char *err,
				  size_t errlen)
{
	*out = NULL;
	ng_ner_model *m = ng_calloc(1, sizeof *m);
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
		ng_ner_model_free(m);
		return st;
	}
	*out = m;
	return NG_OK;
}

ng_status ng_ner_model_load(const char *path, ng_ner_model **out, char *err, size_t errlen)
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
	if (st.st_size < (off_t)sizeof(ner_header)) {
		close(fd);
		return fail(err, errlen, NG_EPARSE, path, "file too short for a header (truncated?)");
	}
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return fail(err, errlen, NG_EIO, path, strerror(errno));
	ng_ner_model *m = ng_calloc(1, sizeof *m);
	if (!m) {
		munmap(p, (size_t)st.st_size);
		return fail(err, errlen, NG_ENOMEM, path, "out of memory");
	}
	m->image = p;
	m->len = (size_t)st.st_size;
	m->mapped = 1;
	ng_status s = attach(m, path, err, errlen);
	if (s != NG_OK) {
		ng_ner_model_free(m);
		return s;
	}
	*out = m;
	return NG_OK;
}

void ng_ner_model_free(ng_ner_model *m)
{
	if (!m)
		return;
	if (m->mapped)
		munmap((void *)m->image, m->len);
	else
		ng_free((void *)m->image);
	ng_free(m);
}

const ng_ner_clusters *ng_ner_model_clusters(const ng_ner_model *m)
{
	return m ? &m->cl : NULL;
}

static inline const int16_t *row_of(const ng_ner_model *m, uint64_t k)
{
	uint32_t fp = ng_ner_fp(k);
	size_t s = (size_t)k & m->fmask;
	for (;;) {
		uint32_t f = m->fidx[s].fp;
		if (f == fp)
			return m->fidx[s].w;
		if (!f)
			return NULL;
		s = (s + 1) & m->fmask;
	}
}

/* Titles that open a person span are not part of the name ("Lt. Gen.
** Soleimani" -> "Soleimani"): CoNLL never includes them, and the tagger
** sometimes does for titles it has not seen. */
int ng_ner_is_title_word(const char *s, size_t n)
{
	static const char *const titles[] = {
		"mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "lt.", "col.", "maj.", "capt.", "sgt.",
		"adm.", "cmdr.", "gov.", "sen.", "rep.", "rev.", "gen", "lt", "col", "president",
		"minister", "speaker", "leader", "head", "chairman", "chief", "general", "lieutenant",
		"colonel", "commander", "secretary", "senator", "governor", "judge", "ambassador"};
	char buf[16];
	if (n >= sizeof buf)
		return 0;
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
	buf[n] = 0;
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (!strcmp(buf, titles[i]))
			return 1;
	return 0;
}

static void strip_titles(const ng_ner_input *in, uint8_t *tags)
{
	for (size_t i = 0; i < in->n; i++) {
		if (tags[i] != NG_NER_B_PER || !ng_ner_is_title_word(in->tok[i], in->len[i]))
			continue;
		tags[i] = NG_NER_O;
		if (i + 1 < in->n && tags[i + 1] == NG_NER_I_PER)
			tags[i + 1] = NG_NER_B_PER; /* the next token opens the name (or is checked next) */
	}
}

/* Document-level consistency: a word that ends a multi-word person name
** somewhere in the document (a surname) is a person wherever the tagger
** made it a one-word entity of another type. */
static void surname_consistency(const ng_ner_tokinfo *ti, size_t n, ng_ner_history *set,
				uint8_t *tags)
{
	int any = 0;
	for (size_t i = 1; i < n; i++) {
		if (tags[i] == NG_NER_I_PER && (i + 1 == n || tags[i + 1] != NG_NER_I_PER)) {
			ng_ner_history_put(set, ti[i].lower, 1);
			any = 1;
		}
		/* the given name of a name joined by a particle ("Qaboos" of "Qaboos
		** bin Said"): Arabic names are shortened to it */
		if (tags[i - 1] == NG_NER_B_PER && tags[i] == NG_NER_I_PER &&
		    (ti[i].gaz_word & (1u << NG_GAZ_PARTICLE) || (ti[i].flags & NG_NER_F_LOWER))) {
			ng_ner_history_put(set, ti[i - 1].lower, 1);
			any = 1;
		}
	}
	if (!any)
		return;
	for (size_t i = 0; i < n; i++) {
		uint8_t t = tags[i];
		if (!(t & 1) || t == NG_NER_B_PER || (i + 1 < n && tags[i + 1] == t + 1))
			continue;
		if (ng_ner_history_get(set, ti[i].lower) == 1)
			tags[i] = NG_NER_B_PER;
	}
}

ng_status ng_ner_tag(const ng_ner_model *m, const ng_gazetteer *gaz, const ng_ner_input *in,
		     ng_arena *a, uint8_t *tags)
{
	if (!m || !in || !tags)
		return NG_EUSAGE;
	if (!in->n)
		return NG_OK;
	ng_ner_tokinfo *ti = ng_arena_alloc(a, in->n * sizeof *ti);
	size_t hcap = 64;
	while (hcap < in->n * 2)
		hcap *= 2;
	uint64_t *hkeys = ng_arena_alloc(a, hcap * sizeof *hkeys);
	uint8_t *hval = ng_arena_alloc(a, hcap);
	float *em = ng_arena_alloc(a, NG_NER_MAX_SENT * NT * sizeof *em);
	void *work = ng_arena_alloc(a, NG_NER_MAX_SENT * NT * (sizeof(float) + 1));
	if (!ti || !hkeys || !hval || !em || !work)
		return NG_ELIMIT;
	memset(hkeys, 0, hcap * sizeof *hkeys);
	memset(hval, 0, hcap);
	ng_ner_history hist = {hkeys, hval, hcap - 1};
	ng_status st = ng_ner_tokinfo_fill(in, gaz, &m->cl, a, ti);
	if (st != NG_OK)
		return st;
	uint64_t keys[NG_NER_MAX_FEATS];
	for (unsigned pass = 0; pass < m->passes; pass++) {
		for (size_t k = 0; k < in->n_sent; k++) {
			size_t s0 = in->sent[k], e0 = in->sent[k + 1];
			for (size_t s = s0; s < e0; s += NG_NER_MAX_SENT) {
				size_t e = s + NG_NER_MAX_SENT < e0 ? s + NG_NER_MAX_SENT : e0;
				for (size_t i = s; i < e; i++) {
					size_t nk = ng_ner_features(ti, s, e, i, &hist, keys);
					for (size_t j = 0; j < nk; j++)
						__builtin_prefetch(&m->fidx[(size_t)keys[j] & m->fmask]);
					int32_t acc[NT] = {0};
					for (size_t j = 0; j < nk; j++) {
						const int16_t *r = row_of(m, keys[j]);
						if (r)
							for (int t = 0; t < NT; t++)
								acc[t] += r[t];
					}
					for (int t = 0; t < NT; t++)
						em[(i - s) * NT + t] = (float)acc[t] * m->inv_scale;
				}
				ng_ner_viterbi(em, m->trans, e - s, work, tags + s);
				ng_ner_history_add(&hist, ti, s, e, tags + s);
			}
		}
	}
	memset(hkeys, 0, hcap * sizeof *hkeys);
	strip_titles(in, tags);
	ng_ner_rules(gaz, in, tags);
	surname_consistency(ti, in->n, &hist, tags);
	return NG_OK;
}
