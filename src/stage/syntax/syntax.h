/*
** syntax.h -- the types the syntax stage's parts share: the tag sets and
** one word as the tagger and the parser see it.
**
** The tagger (tagger.c) fills upos, xpos and lemma; the parser (parser.c)
** fills head and deprel. Words are UD words: the token mapping (tokmap.c)
** splits or joins the segmenter's tokens so that the models see the
** tokenization they were trained on, and keeps each word's byte span.
*/
#ifndef NG_SYNTAX_H
#define NG_SYNTAX_H

#include "core/core.h"

/* Universal POS tags (UD v2), in this order everywhere (models store ids). */
typedef enum ng_upos {
	NG_UPOS_ADJ = 0, NG_UPOS_ADP, NG_UPOS_ADV, NG_UPOS_AUX, NG_UPOS_CCONJ, NG_UPOS_DET,
	NG_UPOS_INTJ, NG_UPOS_NOUN, NG_UPOS_NUM, NG_UPOS_PART, NG_UPOS_PRON, NG_UPOS_PROPN,
	NG_UPOS_PUNCT, NG_UPOS_SCONJ, NG_UPOS_SYM, NG_UPOS_VERB, NG_UPOS_X, NG_UPOS_COUNT
} ng_upos;

/* Name of a UPOS id ("NOUN"); "X" for an id out of range. */
const char *ng_upos_name(unsigned id);
/* Id of a UPOS name, or -1. */
int ng_upos_id(const char *name);

/* Penn Treebank tags as English UD treebanks use them (XPOS), in this
** order everywhere; "XX" (the last) stands for any tag not in the list. */
enum { NG_XPOS_COUNT = 51 };
/* Ids of the XPOS tags code tests for (their places in tags.c's list). */
enum { NG_XPOS_NNP = 3, NG_XPOS_NNPS = 33 };
const char *ng_xpos_name(unsigned id);
/* Id of an XPOS tag; the id of "XX" for a tag not in the list. */
int ng_xpos_id(const char *name);

/* One word of a sentence. Strings are not NUL-terminated: (ptr, len). */
typedef struct ng_syn_word {
	const char *form;   /* the word as written (into the document text, or a
			    ** normalised copy for a split clitic: "n't") */
	uint32_t form_len;
	uint32_t start;     /* byte span in the document text */
	uint32_t end;
	uint8_t upos;       /* ng_upos */
	uint8_t xpos;       /* XPOS id (ng_xpos_name) */
	uint8_t deprel;     /* index into the parser model's relation list */
	uint8_t flags;
	int16_t head;       /* 0 for the root, else 1-based word index in the sentence */
	const char *lemma;  /* NUL-terminated, in the document arena or the model */
} ng_syn_word;

struct ng_ud_sent;
/* The words of a CoNLL-U sentence with its gold tags and tree (form and
** lemma point into the corpus; start/end are the byte offsets the words
** would have in their forms joined by single spaces). Allocated from `a`;
** NULL when out of memory. Unknown tags map to X / XX, a "_" head to 0. */
ng_syn_word *ng_syn_from_ud(const struct ng_ud_sent *s, ng_arena *a);

#endif
