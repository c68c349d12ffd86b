/*
** segment.h -- tokenization and sentence segmentation of clean text.
*/
#ifndef NG_SEGMENT_H
#define NG_SEGMENT_H

#include "newsgraph/newsgraph.h"

typedef struct ng_segmentation {
	ng_token *tokens;
	size_t n_tokens;
	ng_span *sentences;
	uint32_t *sentence_tok; /* n_sentences + 1 entries */
	size_t n_sentences;
} ng_segmentation;

/* Tokenizes text[0..len) (valid UTF-8, LF line ends) and splits it into
** sentences, allocating from `a`. Thread-safe. Returns NG_ELIMIT when the
** arena cap is reached. */
NG_WARN_UNUSED ng_status ng_segment(ng_arena *a, const char *text, size_t len, ng_segmentation *out);

#endif
