/*
** ner.h -- the statistical entity tagger (internal API).
**
** An averaged perceptron over hashed features with a first-order Viterbi
** decoder over BIO tags (NG_NER_*; I-X may only follow B-X or I-X). The
** features of a token are its word, shape, affixes, word clusters,
** gazetteer matches and capitalization, the same for the words around it,
** and document-level evidence: whether the word appears elsewhere in the
** document in lowercase or capitalized mid-sentence, and what the tagger
** made of it earlier in the document (docs/internals/ner.md).
**
** The trained model is one read-only image (ng_ner_model), mmap-ed and
** shared by threads. Tagging takes a document as token strings with
** sentence starts, so the same code serves CoNLL files and the pipeline.
*/
#ifndef NG_NER_H
#define NG_NER_H

#include <stdio.h>

#include "core/core.h"
#include "model/gazetteer.h"

/* Longer sentences are tagged in pieces of this many tokens. */
#define NG_NER_MAX_SENT 256
/* Features per token (upper bound). */
#define NG_NER_MAX_FEATS 64

/* A document as the tagger sees it. */
typedef struct ng_ner_input {
	const char *const *tok;  /* token bytes (not NUL-terminated) */
	const uint32_t *len;
	size_t n;
	const uint32_t *sent;    /* sentence start indices; sent[n_sent] == n */
	size_t n_sent;
} ng_ner_input;

typedef struct ng_ner_model ng_ner_model;

/* Loads and checks a model file (size, magic, version, checksum, every
** index in range). On failure returns NG_EPARSE/NG_EIO/NG_ENOMEM with a
** message in err and *out NULL; never crashes on a corrupt file. */
NG_WARN_UNUSED ng_status ng_ner_model_load(const char *path, ng_ner_model **out, char *err,
					   size_t errlen);
/* The same from bytes in memory (copied). */
NG_WARN_UNUSED ng_status ng_ner_model_from_bytes(const void *data, size_t len, ng_ner_model **out,
						 char *err, size_t errlen);
void ng_ner_model_free(ng_ner_model *m);

/* Tags a document: tags[i] gets an NG_NER_* value for every token.
** Scratch memory comes from `a`. `gaz` may be NULL (no gazetteer
** features). Thread-safe for a shared model and gazetteer. */
NG_WARN_UNUSED ng_status ng_ner_tag(const ng_ner_model *m, const ng_gazetteer *gaz,
				    const ng_ner_input *in, ng_arena *a, uint8_t *tags);

/* ---- pieces shared by the tagger, the trainer and the tests ---- */

/* Per-token facts computed once per document. */
typedef struct ng_ner_tokinfo {
	uint64_t word;      /* exact bytes */
	uint64_t lower;     /* case-folded */
	uint64_t shape;     /* collapsed shape: Xx, XX, d, Xx-Xx, X.X. */
	uint64_t pre[4];    /* case-folded prefixes of 1..4 characters */
	uint64_t suf[4];    /* suffixes */
	uint16_t c_fine;    /* word cluster (0: unknown word) */
	uint16_t c_coarse;
	uint8_t gaz;        /* 0, or 1 + 2 * class + (0: first token, 1: inside) */
	uint8_t gaz_type;   /* 0, or 1 + entity type of the gazetteer match */
	uint16_t flags;     /* NG_NER_F_* */
	uint16_t gaz_word;  /* bit per ng_gaz_class of the token alone as a name */
} ng_ner_tokinfo;

enum {
	NG_NER_F_CAP = 1u << 0,       /* first letter uppercase */
	NG_NER_F_ALLCAPS = 1u << 1,   /* all letters uppercase */
	NG_NER_F_DIGIT = 1u << 2,
	NG_NER_F_ALPHA = 1u << 3,     /* has a letter */
	NG_NER_F_SENTINIT = 1u << 4,  /* first word of its sentence */
	NG_NER_F_HEADLINE = 1u << 5,  /* in an all-caps sentence */
	NG_NER_F_LOWER_IN_DOC = 1u << 6,  /* the word appears in lowercase in the document */
	NG_NER_F_CAPMID_IN_DOC = 1u << 7, /* ... or capitalized mid-sentence */
	NG_NER_F_LOWER = 1u << 8      /* all letters lowercase */
};

/* Word clusters: case-folded word hash -> (fine, coarse) cluster ids, an
** open-addressing table (slot = hash & mask, fp = high 32 bits | 1, 0 =
** empty) laid out as in the model image. */
typedef struct ng_ner_cl_slot {
	uint32_t fp;
	uint16_t fine;
	uint16_t coarse;
} ng_ner_cl_slot;
typedef struct ng_ner_clusters {
	const ng_ner_cl_slot *slots;
	size_t mask;
	size_t n;
} ng_ner_clusters;
static inline uint32_t ng_ner_fp(uint64_t h)
{
	return (uint32_t)(h >> 32) | 1u;
}

/* Hash of a token's case-folded bytes (the same as the gazetteer's). */
uint64_t ng_ner_hash_lower(const char *s, size_t n);
/* The collapsed shape of a token into buf (at most cap-1 bytes + NUL). */
size_t ng_ner_shape(const char *s, size_t n, char *buf, size_t cap);
/* Token facts for a whole document. `gaz` and `cl` may be NULL; scratch
** memory from `a` (NG_ELIMIT when it is exhausted). */
NG_WARN_UNUSED ng_status ng_ner_tokinfo_fill(const ng_ner_input *in, const ng_gazetteer *gaz,
					     const ng_ner_clusters *cl, ng_arena *a,
					     ng_ner_tokinfo *ti);
/* Cluster ids of a case-folded word hash; 0 when unknown. */
void ng_ner_clusters_get(const ng_ner_clusters *cl, uint64_t h, uint16_t *fine, uint16_t *coarse);

/* Document-level memory of earlier predictions: case-folded word -> the
** entity type it was last tagged with. */
typedef struct ng_ner_history {
	uint64_t *keys;
	uint8_t *val;     /* 1 + entity type, or 0 for O */
	size_t mask;
} ng_ner_history;
uint8_t ng_ner_history_get(const ng_ner_history *h, uint64_t key);
void ng_ner_history_put(ng_ner_history *h, uint64_t key, uint8_t v);
/* Records the tags of sentence [s, e) into the history. */
void ng_ner_history_add(ng_ner_history *h, const ng_ner_tokinfo *ti, size_t s, size_t e,
			const uint8_t *tags);

/* The feature keys of token i of sentence [s, e); returns how many. */
size_t ng_ner_features(const ng_ner_tokinfo *ti, size_t s, size_t e, size_t i,
		       const ng_ner_history *hist, uint64_t *keys);

/* Viterbi over n tokens with emission scores em[i * NG_NER_NTAGS + t]
** and transitions trans[(prev + 1) * NG_NER_NTAGS + t] (row 0: sentence
** start); BIO constraints are hard. `work` holds at least
** n * NG_NER_NTAGS * (sizeof(float) + 1) bytes. */
void ng_ner_viterbi(const float *em, const float *trans, size_t n, void *work, uint8_t *out);
/* True when tag `t` may follow `prev` (-1: sentence start). */
int ng_ner_tag_allowed(int prev, int t);

/* Rules after tagging (ner_rules.c): titles out of names, names joined
** over particles (bin, al, de), by the gazetteer's title and particle
** classes. `g` may be NULL (no rules). */
void ng_ner_rules(const ng_gazetteer *g, const ng_ner_input *in, uint8_t *tags);
/* True for the office words and abbreviations that open a person span the
** tagger made ("Gen.", "President", "Leader"; ner_model.c). */
int ng_ner_is_title_word(const char *s, size_t n);

/* ---- model image (ner_model.c) ---- */
typedef struct ng_ner_image_builder {
	const uint64_t *keys;    /* n feature keys */
	const float *w;          /* n * NG_NER_NTAGS averaged weights */
	size_t n;
	const float *trans;      /* (NG_NER_NTAGS + 1) * NG_NER_NTAGS */
	const ng_ner_clusters *clusters;
	unsigned passes;         /* 1 or 2 */
} ng_ner_image_builder;
/* Builds a model image in memory (ng_malloc'ed) from trained weights. */
NG_WARN_UNUSED ng_status ng_ner_image_build(const ng_ner_image_builder *b, void **image,
					    size_t *len);
const ng_ner_clusters *ng_ner_model_clusters(const ng_ner_model *m);

/* ---- training and CoNLL tools (ner_train.c) ---- */
typedef ng_ner_train_opts ng_ner_train_cfg;
NG_WARN_UNUSED ng_status ng_ner_train_run(const ng_ner_train_cfg *cfg, char *err, size_t errlen);
/* Tags a CoNLL file, writing "token gold pred" lines (blank between
** sentences) to out (may be NULL); the tagging time and token count. */
NG_WARN_UNUSED ng_status ng_ner_tag_conll_file(const ng_ner_model *m, const ng_gazetteer *gaz,
					       const char *path, FILE *out, double *seconds,
					       size_t *n_tokens, char *err, size_t errlen);

#endif
