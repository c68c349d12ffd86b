/*
** tagger_int.h -- the tagger's model image layout, shared by the tagger
** (tagger.c) and its trainer (tagger_train.c). See tagger.c for the format.
*/
#ifndef NG_TAGGER_INT_H
#define NG_TAGGER_INT_H

#include "stage/syntax/tagger.h"

#define NG_TG_MAGIC "NGTAGM1\n"
#define NG_TG_FORMAT 2u
/* Most classes a model may have; a dense weight row holds this many. */
#define NG_TG_MAXC 128
/* A feature with more non-zero weights than this has a dense row. */
#define NG_TG_DENSE_MIN 12
#define NG_TG_FEATURES 1u /* bump when ng_tg_features() or ng_tg_words() change meaning */

typedef struct ng_tg_header {
	char magic[8];
	uint32_t format;
	uint32_t features;
	uint32_t nclass;
	uint32_t fslots_log2;
	uint32_t nrows;
	uint32_t nwts;
	uint32_t lemma_len;
	float scale;
	uint64_t size;
	uint64_t checksum;
	uint32_t dict_log2;   /* the tag dictionary's table size */
	uint32_t ndict;
	uint32_t ndense;      /* dense rows: int16[NG_TG_MAXC] each */
	uint32_t reserved;
} ng_tg_header;

typedef struct ng_tg_slot {
	uint32_t fp;
	uint32_t off_cnt; /* first weight << 8 | weight count, or dense row << 8 | 0 */
} ng_tg_slot;

/* The tag dictionary: a word's normalized hash -> the UPOS tags it had in
** training (bit per tag, at least 5% of its uses), for words seen twice or
** more. */
typedef struct ng_tg_dslot {
	uint64_t key;     /* ng_tg_word.norm | 1 (0 = empty) */
	uint32_t mask;
	uint32_t zero;
} ng_tg_dslot;

/* FNV-1a over the image, the checksum field counted as zeros. */
uint64_t ng_tg_checksum(const unsigned char *p, size_t n);
/* Offsets of the image's parts for a header. */
void ng_tg_layout(const ng_tg_header *h, size_t *o_cls, size_t *o_dict, size_t *o_fidx,
		  size_t *o_w, size_t *o_dense, size_t *o_lem, size_t *total);

#endif
