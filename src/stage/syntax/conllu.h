/*
** conllu.h -- CoNLL-U files (Universal Dependencies): read into sentences
** for training and scoring the syntax stage, and written back.
**
** Only syntactic words are kept as words (lines whose ID is an integer).
** A multiword-token line ("1-2  don't") is kept as text on the first word it
** covers, so that a file written back holds it again; empty nodes ("8.1")
** are dropped, as the CoNLL 2018 scorer ignores them. Every string lives in
** the corpus's arena.
*/
#ifndef NG_CONLLU_H
#define NG_CONLLU_H

#include <stdio.h>

#include "core/core.h"

typedef struct ng_ud_word {
	const char *form;
	const char *lemma;   /* "_" when the file gives none */
	const char *upos;
	const char *xpos;
	const char *feats;
	const char *deprel;  /* full relation, subtype included ("nsubj:pass") */
	const char *deps;
	const char *misc;
	int head;            /* 0 for the root, 1..n, or -1 when the file gives "_" */
	const char *mwt;     /* the multiword-token line that starts here, or NULL */
} ng_ud_word;

typedef struct ng_ud_sent {
	ng_ud_word *words;
	size_t n;
	const char **comments; /* "# sent_id = ..." lines, without the newline */
	size_t n_comments;
	size_t line;           /* 1-based line of its first word, for messages */
} ng_ud_sent;

typedef struct ng_ud_corpus {
	ng_arena *arena;
	ng_ud_sent *sents;
	size_t n;
	size_t n_words;
	const char *path;
} ng_ud_corpus;

/* Largest CoNLL-U file read (bytes) and longest sentence (words). */
#define NG_CONLLU_MAX_BYTES ((size_t)1 << 30)
#define NG_CONLLU_MAX_WORDS 10000

/* Reads `path`. A line with other than ten tab-separated columns, an ID out
** of sequence, a head that is not a number in 0..n or "_", or a sentence
** over NG_CONLLU_MAX_WORDS is an error "PATH:LINE: what" in `err`; the
** corpus is not returned. Returns NG_OK and *out, or an error status. */
NG_WARN_UNUSED ng_status ng_conllu_read(const char *path, ng_ud_corpus **out, char *err,
					size_t errlen);

/* Parses CoNLL-U held in memory (`name` is used in messages). */
NG_WARN_UNUSED ng_status ng_conllu_parse(const char *data, size_t len, const char *name,
					 ng_ud_corpus **out, char *err, size_t errlen);

/* True when every head is given and the heads form one tree rooted at 0
** (no cycle, exactly one word attached to the root is not required: UD
** allows one only, and this checks that too). */
bool ng_ud_is_tree(const ng_ud_sent *s);

/* Writes one sentence (comments, multiword lines, words, a blank line).
** Returns NG_EIO when the stream fails. */
NG_WARN_UNUSED ng_status ng_conllu_write_sent(FILE *f, const ng_ud_sent *s);

void ng_conllu_free(ng_ud_corpus *c);

#endif
