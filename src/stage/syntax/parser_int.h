/*
** parser_int.h -- what the parser (parser.c) and its trainer
** (parser_train.c) share: the transition system's state, the feature
** templates and the layout of the model image.
**
** Arc-hybrid: a stack and a buffer of word indices 0..n-1 with the root
** (index n) last in the buffer, never shifted.
**   SHIFT  b0 onto the stack                     (b0 is not the root)
**   LEFT   s0 <- b0, pop s0                      (b0 the root: only when s0 is
**                                                 the last word on the stack)
**   RIGHT  s1 -> s0, pop s0
** Exactly n SHIFTs and n arcs; the last arc is the root's only one, so the
** result is always a tree with one root. Every dependent is complete (all
** its children attached) when it gets its head.
*/
#ifndef NG_PARSER_INT_H
#define NG_PARSER_INT_H

#include "stage/syntax/parser.h"

enum { PRS_SHIFT = 0, PRS_LEFT = 1, PRS_RIGHT = 2, PRS_NT = 3 /* transitions */ };

/* Most feature keys per decision. */
#define PRS_MAX_TFEATS 128
#define PRS_MAX_LFEATS 48
/* Feature templates of the transition classifier (all of them). */
#define PRS_NTEMPLATES 98
_Static_assert(PRS_NTEMPLATES <= PRS_MAX_TFEATS, "room for every template");
#define PRS_NOLAB 0xFFu

/* One word of the sentence during parsing (the root is node n). */
typedef struct prs_node {
	uint64_t wh;           /* hash of the lowercased form, digits as 0 */
	uint64_t lset, rset;   /* relations of its left / right children so far */
	int32_t head;          /* -1 until attached */
	int32_t lc1, lc2;      /* leftmost and second-leftmost child, or -1 */
	int32_t rc1, rc2;      /* rightmost and second-rightmost child */
	int32_t ld, rd;        /* leftmost and rightmost word of its subtree so far */
	uint16_t nl, nr;       /* numbers of left / right children (saturating) */
	uint8_t p, u;          /* XPOS, UPOS */
	uint8_t lab;           /* relation to its head, PRS_NOLAB until attached */
	uint8_t pad;
} prs_node;

typedef struct prs_state {
	prs_node *nd;     /* n + 1 nodes */
	int32_t *stack;
	uint16_t *cverb;  /* cverb[i]: verbs among words 0..i-1 (n + 1 counts) */
	uint16_t *cpunct; /* the same for punctuation */
	uint16_t *ccc;    /* the same for coordinating conjunctions */
	int n, sp, b;
} prs_state;

/* Sets up the state for w[0..n) with memory from `a` (NULL when exhausted). */
prs_state *prs_state_new(ng_arena *a, const ng_syn_word *w, size_t n);
void prs_state_reset(prs_state *s);
static inline int prs_done(const prs_state *s)
{
	return s->sp == 0 && s->b == s->n;
}
static inline int prs_valid(const prs_state *s, int t)
{
	switch (t) {
	case PRS_SHIFT: return s->b < s->n;
	case PRS_LEFT: return s->sp >= 1 && (s->b < s->n || s->sp == 1);
	case PRS_RIGHT: return s->sp >= 2;
	default: return 0;
	}
}
/* Head and dependent of an arc transition. */
static inline void prs_arc(const prs_state *s, int t, int *h, int *d)
{
	*d = s->stack[s->sp - 1];
	*h = t == PRS_LEFT ? s->b : s->stack[s->sp - 2];
}
/* Applies a valid transition; `lab` is the arc's relation. */
void prs_apply(prs_state *s, int t, unsigned lab);

/* Keys of the transition features (the first `ntpl` templates). */
size_t prs_tfeats(const prs_state *s, unsigned ntpl, uint64_t *keys);
/* Keys of the relation features of the arc h -> d. */
size_t prs_lfeats(const prs_state *s, int h, int d, uint64_t *keys);

/* ---- the model image ----
** header, relation names (PRS_LABEL_BYTES each, NUL-padded), transition
** table (prs_tbucket, tbuckets, 64-byte aligned), relation table
** (prs_lbucket, lbuckets), relation weight pool (prs_lent, npool). */
#define PRS_MAGIC "NGPARS1\n"
#define PRS_FORMAT 3u
#define PRS_FEATURES 4u /* bump when the feature functions change meaning */
#define PRS_LABEL_BYTES 32

typedef struct prs_header {
	char magic[8];
	uint32_t format;
	uint32_t features;
	uint32_t templates;    /* transition templates used */
	uint32_t nlabels;
	uint32_t root_label;
	uint32_t tbuckets, lbuckets;
	uint32_t ntrows, nlrows;  /* rows (lanes) used in each table */
	uint32_t npool;
	float tscale, lscale;  /* weight = stored / scale */
	uint32_t reserved;
	uint64_t lmask[2];     /* relations allowed leftward (dep < head), rightward */
	uint64_t size;
	uint64_t checksum;     /* FNV-1a of the image, this field as zeros */
} prs_header;

/* The transition table: buckets of 8 rows in one cache line, the 16-bit
** fingerprints first, then the weights class by class, so that a lookup
** compares all 8 fingerprints at once and adds the matching row without a
** branch. A key k lives in bucket prs_bucket(k) or nowhere: when more than 8
** rows fall into a bucket, the rows with the smallest weights are left out
** (the trainer sizes the table at about 4 rows a bucket: under 1% of rows). */
#define PRS_BUCKET 8
typedef struct prs_tbucket {
	uint16_t fp[PRS_BUCKET];           /* (k >> 48) | 1; 0 = empty lane */
	int16_t w[PRS_NT][PRS_BUCKET];
} prs_tbucket;

/* The relation table: buckets as for transitions; a row is a run of
** (relation, weight) pairs in the pool: ref = offset << 8 | count. ref[8]
** stays 0 (an empty run) so that a miss reads it without a branch. */
typedef struct prs_lbucket {
	uint16_t fp[PRS_BUCKET];
	uint32_t ref[PRS_BUCKET + 1];
	uint32_t pad[3];
} prs_lbucket;

typedef struct prs_lent {
	uint8_t lab;
	uint8_t pad;
	int16_t w;
} prs_lent;

/* Bucket of key k among nb (the low 32 bits scaled: no division). */
static inline size_t prs_bucket(uint64_t k, uint32_t nb)
{
	return (size_t)(((k & 0xffffffffull) * nb) >> 32);
}
static inline uint16_t prs_fp16(uint64_t k)
{
	return (uint16_t)((k >> 48) | 1u);
}

/* Byte offsets of the image's parts, and its size. */
typedef struct prs_layout {
	size_t labels, ttab, ltab, pool, total;
} prs_layout;
void prs_layout_of(const prs_header *h, prs_layout *l);
uint64_t prs_checksum(const unsigned char *p, size_t n);

/* Used by the trainer to parse dev with an image it just built. */
ng_status prs_parse_state(const ng_parser *p, prs_state *s);

#endif
