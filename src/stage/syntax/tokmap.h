/*
** tokmap.h -- the segmenter's tokens mapped to UD words (tokmap.c).
*/
#ifndef NG_TOKMAP_H
#define NG_TOKMAP_H

#include "stage/syntax/syntax.h"

/* Most words one token becomes (a token that would give more stays whole). */
#define NG_TOKMAP_MAX_PARTS 32

/* Splits a token s[0..len) of kind `kind` (ng_token_kind) into word spans
** relative to s (at most cap); returns how many (at least 1 when cap > 0). */
size_t ng_tokmap_split(const char *s, size_t len, unsigned kind, ng_span *parts, size_t cap);

typedef struct ng_tokmap {
	ng_syn_word *words;   /* n words: span, form (text or a normalized copy) */
	uint32_t *word_tok;   /* the token of each word */
	uint32_t *sent_word;  /* first word of each sentence, n_sentences + 1 entries */
	size_t n;
} ng_tokmap;

/* The words of a segmented document, allocated from `a`. NG_ELIMIT when
** the arena is exhausted. */
NG_WARN_UNUSED ng_status ng_tokmap_doc(const ng_doc *doc, ng_arena *a, ng_tokmap *out);

#endif
