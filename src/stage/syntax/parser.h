/*
** parser.h -- the dependency parser: labelled Universal Dependencies trees
** over the words of one sentence (internal API).
**
** A greedy transition-based parser (arc-hybrid, the root at the end of the
** buffer so that every parse is one tree with one root) scored by an
** averaged perceptron over hashed features of the stack and buffer; the
** relation of each arc is chosen by a second averaged perceptron when the
** arc is made, with the dependent's whole subtree and the head's children
** so far in view. Training uses a dynamic oracle with error exploration
** (docs/internals/syntax.md, "Parser").
**
** The trained model is one read-only image, mmap-ed, shared by threads.
*/
#ifndef NG_PARSER_H
#define NG_PARSER_H

#include <stdio.h>

#include "core/core.h"
#include "stage/syntax/syntax.h"

/* Longest sentence parsed (words); heads are int16_t in ng_syn_word. */
#define NG_PARSER_MAX_WORDS 32767
/* Most relations a model may hold (deprel is a uint8_t and the per-word
** sets of child relations are 64-bit masks). */
#define NG_PARSER_MAX_LABELS 64

typedef struct ng_parser ng_parser;
struct ng_ud_corpus;
struct ng_ud_sent;

/* Loads and checks a model file (size, magic, version, checksum, every
** index in range). On failure returns NG_EIO/NG_EPARSE/NG_ENOMEM with a
** message "parser model PATH: what" in err and *out NULL; a truncated or
** corrupt file never crashes. The model is read-only afterwards. */
NG_WARN_UNUSED ng_status ng_parser_load(const char *path, ng_parser **out, char *err,
					size_t errlen);
/* The same from bytes in memory (copied). */
NG_WARN_UNUSED ng_status ng_parser_from_bytes(const void *data, size_t len, ng_parser **out,
					      char *err, size_t errlen);
/* NULL is ignored. */
void ng_parser_free(ng_parser *p);

/* Parses one sentence: reads form, upos and xpos of w[0..n), sets head
** (0 for the root, else 1..n) and deprel (an id for ng_parser_deprel) of
** every word. The result is always one tree with exactly one word attached
** to the root. 2n transitions; scratch memory (about 80 bytes a word) comes
** from `scratch` and is given back before returning. NG_ELIMIT when n >
** NG_PARSER_MAX_WORDS or the arena is exhausted, NG_EUSAGE for NULL
** arguments. n == 0 does nothing. Thread-safe for a shared model. */
NG_WARN_UNUSED ng_status ng_parser_parse(const ng_parser *p, ng_arena *scratch, ng_syn_word *w,
					 size_t n);

/* Name of relation `id` ("nsubj:pass"); "dep" for an id out of range. */
const char *ng_parser_deprel(const ng_parser *p, unsigned id);
/* Number of relations, and the id of a relation name (-1 when unknown). */
unsigned ng_parser_n_deprels(const ng_parser *p);
int ng_parser_deprel_id(const ng_parser *p, const char *name);

/* Training options; ng_parser_train_defaults() gives the committed model's. */
typedef struct ng_parser_train_opts {
	unsigned epochs;         /* passes over the training set (best on dev kept) */
	uint64_t seed;           /* shuffling and exploration */
	unsigned templates;      /* 0: all feature templates; else the first N */
	int static_oracle;       /* 1: follow the gold path only (no exploration) */
	double explore;          /* share of wrong predictions followed (dynamic) */
	unsigned prune;          /* rows whose largest quantized weight is below
				 ** this (of 32767) are left out of the image */
	int prune_scan;          /* 1: after the last epoch, log dev scores and
				 ** image sizes for several prune levels */
} ng_parser_train_opts;

void ng_parser_train_defaults(ng_parser_train_opts *o);

/* Trains on `train` (with the tags its UPOS and XPOS columns hold: gold, or
** predicted by the tagger for training on predicted tags), evaluates every
** epoch on `dev` (may be NULL: the last epoch is kept) and writes the model
** image of the best epoch by dev LAS to out_path. Deterministic: the same
** corpora and options give the same bytes. Progress lines go to `log` (may
** be NULL). */
NG_WARN_UNUSED ng_status ng_parser_train(const struct ng_ud_corpus *train,
					 const struct ng_ud_corpus *dev,
					 const ng_parser_train_opts *opts, const char *out_path,
					 FILE *log, char *err, size_t errlen);

/* Attachment scores of a parse against gold heads/relations, counted as
** the CoNLL 2018 scorer does (LAS on the relation before ':'). */
typedef struct ng_parser_score {
	size_t words, uas, las, las_full;
} ng_parser_score;
void ng_parser_score_add(const ng_parser *p, const struct ng_ud_sent *gold, const ng_syn_word *w,
			 ng_parser_score *sc);

#endif
