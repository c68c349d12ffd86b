/*
** tagger.h -- the part-of-speech tagger and lemmatizer of the syntax stage.
**
** One averaged perceptron predicts the pair (UPOS, XPOS) of every word
** greedily from left to right (the pairs seen in training are the classes,
** so the two tags always agree). Lemmas come from an exception list and
** suffix rules, both learned from the training treebank for each XPOS
** (docs/internals/syntax.md).
**
** The model is one read-only image (mmap-ed), loaded once and shared by
** threads: ng_tagger_tag() never writes to it.
*/
#ifndef NG_TAGGER_H
#define NG_TAGGER_H

#include <stdio.h>

#include "core/core.h"
#include "stage/syntax/conllu.h"
#include "stage/syntax/syntax.h"

typedef struct ng_tagger ng_tagger;

/* Loads and checks a model file (magic, version, size, checksum, every
** index in range). On failure returns NG_EIO / NG_EPARSE / NG_ENOMEM with a
** message "PATH: what" in err and *out NULL; never crashes on a corrupt
** file. Free with ng_tagger_free(). */
NG_WARN_UNUSED ng_status ng_tagger_load(const char *path, ng_tagger **out, char *err,
					size_t errlen);
/* The same from bytes in memory (copied). */
NG_WARN_UNUSED ng_status ng_tagger_from_bytes(const void *data, size_t len, ng_tagger **out,
					      char *err, size_t errlen);
/* NULL is a no-op. */
void ng_tagger_free(ng_tagger *t);

/* Tags one sentence of n words (form and form_len are read): sets upos,
** xpos and lemma of each. Lemmas point into the model or are allocated
** from `scratch` (so they live as long as it does). Returns NG_ELIMIT when
** the arena is exhausted. Thread-safe for a shared tagger. Time is linear
** in n; any n is accepted. */
NG_WARN_UNUSED ng_status ng_tagger_tag(const ng_tagger *t, ng_arena *scratch, ng_syn_word *w,
				       size_t n);

/* The lemma the model gives a word of this form and XPOS (the tagger's
** second half, for callers that have their own tags). NUL-terminated, in
** the model or in `scratch`; NULL when the arena is exhausted. */
const char *ng_tagger_lemma(const ng_tagger *t, ng_arena *scratch, const char *form, size_t len,
			    unsigned xpos);

typedef struct ng_tagger_train_opts {
	unsigned epochs;     /* training passes; the best on dev is kept (default 10) */
	unsigned min_count;  /* a feature must occur this often in train (default 1) */
	uint64_t seed;       /* the order of sentences in each pass (default 1) */
	float prune;         /* weights below this share of the largest are dropped (default 0.002) */
} ng_tagger_train_opts;

/* Trains the tagger on `train`, choosing the epoch on `dev` (may be NULL:
** the last epoch), and writes the model to out_path. The same inputs and
** options give the same bytes. Progress lines go to `log` (may be NULL).
** Not thread-safe with itself. */
NG_WARN_UNUSED ng_status ng_tagger_train(const ng_ud_corpus *train, const ng_ud_corpus *dev,
					 const ng_tagger_train_opts *opts, const char *out_path,
					 FILE *log, char *err, size_t errlen);

/* UPOS, XPOS and lemma accuracy of the tagger on a
** corpus with gold tags, in percent. Any pointer may be NULL. */
NG_WARN_UNUSED ng_status ng_tagger_eval(const ng_tagger *t, const ng_ud_corpus *c, double *upos,
					double *xpos, double *lemma);

/* ---- shared by tagger.c, tagger_train.c and lemma.c ---- */

/* Longest word looked at for prefixes, suffixes and shapes (bytes). */
#define NG_TG_MAX_FEATS 48

/* Per-word facts computed once per sentence. */
typedef struct ng_tg_word {
	uint64_t norm;      /* lowercase, digits as 0 */
	uint64_t exact;     /* the bytes as written */
	uint64_t shape;     /* collapsed shape: Xx, x-x, d.d */
	uint64_t pre[3];    /* lowercase prefixes of 1..3 bytes */
	uint64_t suf[4];    /* suffixes of 1..4 bytes */
	uint64_t amb;       /* the tags the dictionary gives the word (a hash) */
	uint32_t flags;
} ng_tg_word;

/* The tag dictionary (tagger_int.h); NULL slots: every word unknown. */
typedef struct ng_tg_dict {
	const struct ng_tg_dslot *slots;
	size_t mask;
} ng_tg_dict;

void ng_tg_words(const ng_syn_word *w, size_t n, const ng_tg_dict *dict, ng_tg_word *out);
/* The dictionary's UPOS bits of a normalized word hash; 0 when unknown. */
uint32_t ng_tg_dict_get(const ng_tg_dict *d, uint64_t norm);
/* Features per word, and how many of them read earlier classes. */
#define NG_TG_NFEATS 33
#define NG_TG_NHIST 6
/* The feature keys of word i given the classes of words before it
** (cls[j] for j < i; the class count stands for "before the sentence").
** Returns how many (NG_TG_NFEATS). */
size_t ng_tg_features(const ng_tg_word *tw, size_t n, size_t i, const uint8_t *cls,
		      unsigned nclass, uint64_t *keys);
/* The same in two parts: the keys that do not depend on classes, and the
** NG_TG_NHIST that do, each at its place in keys[]. */
void ng_tg_features_static(const ng_tg_word *tw, size_t n, size_t i, uint64_t *keys);
void ng_tg_features_history(const ng_tg_word *tw, size_t n, size_t i, const uint8_t *cls,
			    unsigned nclass, uint64_t *keys);

/* ---- the lemmatizer's tables (lemma.c) ---- */
typedef struct ng_lemma_builder ng_lemma_builder;
/* Learns rules and exceptions from a corpus; NULL when out of memory. */
ng_lemma_builder *ng_lemma_learn(const ng_ud_corpus *c);
/* Serialized tables (ng_malloc'ed) for the model image. */
NG_WARN_UNUSED ng_status ng_lemma_serialize(const ng_lemma_builder *b, void **out, size_t *len);
void ng_lemma_builder_free(ng_lemma_builder *b);

typedef struct ng_lemma_tables ng_lemma_tables;
/* Checks serialized tables (of len bytes, 8-byte aligned) and returns a
** view into them, allocated with ng_malloc; NULL when they are broken. */
ng_lemma_tables *ng_lemma_attach(const void *data, size_t len);
void ng_lemma_detach(ng_lemma_tables *t);
const char *ng_lemma_of(const ng_lemma_tables *t, ng_arena *a, const char *form, size_t len,
			unsigned xpos);

#endif
