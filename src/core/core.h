/*
** core.h -- internal building blocks shared by every module: the allocation
** wrapper, the per-document arena, capped growable buffers and UTF-8 helpers.
** Nothing here is public API.
*/
#ifndef NG_CORE_H
#define NG_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "newsgraph/newsgraph.h"

/* ---- allocation wrapper: all heap memory goes through these, so tests can
** count allocations and make them fail. */
void *ng_malloc(size_t n);
void *ng_calloc(size_t n, size_t size);
void *ng_realloc(void *p, size_t n);
void ng_free(void *p);
char *ng_strdup(const char *s);

/* Test hook: make the allocation numbered `n` (counting from 1 after the
** call) and all later ones fail; 0 disables. Returns allocations so far. */
uint64_t ng_alloc_fail_after(uint64_t n);

/* ---- arena: bump allocation in chunks, reset keeps the first chunk. */
struct ng_arena;
ng_arena *ng_arena_create(size_t first_chunk, size_t cap);
void ng_arena_destroy(ng_arena *a);
void ng_arena_reset(ng_arena *a);
/* 16-byte aligned; NULL when the cap would be exceeded or malloc fails. */
void *ng_arena_alloc(ng_arena *a, size_t n);
/* Grows the most recent allocation `p` of `old` bytes to `n` bytes, in place
** when possible; returns the (possibly moved) pointer or NULL. */
void *ng_arena_grow(ng_arena *a, void *p, size_t old, size_t n);
size_t ng_arena_used(const ng_arena *a);
/* A position in an arena: ng_arena_rewind() frees what was allocated after
** it (timers run one stage over the same document again and again). */
typedef struct ng_arena_pos {
	const void *chunk;
	size_t used;
} ng_arena_pos;
ng_arena_pos ng_arena_mark(const ng_arena *a);
void ng_arena_rewind(ng_arena *a, ng_arena_pos pos);
/* Why the arena last refused an allocation since the previous call:
** NG_ELIMIT (its cap), NG_ENOMEM (malloc failed) or NG_OK (none); clears it.
** Stages report a refused allocation as NG_ELIMIT; the engine asks this to
** tell the caller which it was. */
ng_status ng_arena_failure(ng_arena *a);

/* ---- files (data_dir.c) */
/* True when `path` names a directory (NULL or "" do not). */
bool ng_is_dir(const char *path);

/* ---- data files read line by line (lines.c): the one reader of every word
** list, gazetteer, dictionary and table, with "WHO: PATH:LINE: what" errors
** and one cap on a line. */
#define NG_LINE_MAX 65536 /* longest line accepted, in bytes */
enum {
	NG_LINES_SKIP_BLANK = 1u << 0, /* pass over empty lines */
	NG_LINES_SKIP_HASH = 1u << 1   /* pass over lines whose first byte is '#' */
};
typedef struct ng_lines {
	FILE *f;
	const char *path;
	const char *who;       /* prefix of messages ("gazetteer"), or NULL */
	unsigned long lineno;  /* 1-based number of the line last read */
	unsigned flags;        /* NG_LINES_* */
	char *buf;
	size_t cap;
	char *err;
	size_t errlen;
} ng_lines;
/* Opens `path`; on failure NG_EIO with "WHO: PATH: reason" in err (which
** may be NULL). Close with ng_lines_close() in every case. */
NG_WARN_UNUSED ng_status ng_lines_open(ng_lines *r, const char *path, unsigned flags,
				       const char *who, char *err, size_t errlen);
/* The next line, without its line end, NUL-terminated and writable until the
** next call; *len (may be NULL) gets its length. NG_DONE at the end of the
** file; NG_ELIMIT for a line over NG_LINE_MAX bytes, NG_EIO, NG_ENOMEM, each
** with its message in err. */
NG_WARN_UNUSED ng_status ng_lines_next(ng_lines *r, char **line, size_t *len);
/* Writes "WHO: PATH:LINE: " and the message to err; returns st. */
ng_status ng_lines_fail(ng_lines *r, ng_status st, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
void ng_lines_close(ng_lines *r);

/* ---- growable arrays with a cap (grow.c). `pp` is the address of the array
** pointer (a T ** passed as void *) holding *cap elements of `size` bytes;
** makes room for `need` elements, the capacity doubling from `first` (when
** the array is empty) and clamped to `max` elements. NG_ELIMIT when `need`
** is over `max` (or, in an arena, over the arena's cap), NG_ENOMEM; on
** failure the array and *cap are unchanged. */
NG_WARN_UNUSED ng_status ng_grow(void *pp, size_t *cap, size_t need, size_t size, size_t first,
				 size_t max);
NG_WARN_UNUSED ng_status ng_arena_grow_array(ng_arena *a, void *pp, size_t *cap, size_t need,
					     size_t size, size_t first, size_t max);

/* ---- capped growable byte buffer (ng_outbuf is the public face). */
NG_WARN_UNUSED ng_status ng_buf_reserve(ng_outbuf *b, size_t extra);
NG_WARN_UNUSED ng_status ng_buf_append(ng_outbuf *b, const void *p, size_t n);

/* Fast appends after ng_buf_reserve() made room. */
static inline void ng_buf_put(ng_outbuf *b, const void *p, size_t n)
{
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

/* ---- UTF-8 */

/* Decodes one code point from s[0..n). Returns its length (1..4) and sets
** *cp, or returns 0 for an invalid or truncated sequence (overlongs,
** surrogates and values above U+10FFFF are invalid). */
size_t ng_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);

/* Length (at least 1) of the maximal invalid subpart of a UTF-8 sequence
** starting at s, the unit that repair replaces with one U+FFFD. */
size_t ng_utf8_invalid_len(const unsigned char *s, size_t n);

/* Encodes cp into out (at least 4 bytes); returns the length. */
size_t ng_utf8_encode(int32_t cp, char *out);

/* True when s[0..n) is valid UTF-8. */
bool ng_utf8_valid(const char *s, size_t n);

/* Copies s[0..n) into the arena as valid UTF-8: invalid sequences become
** U+FFFD. *n_bad (may be NULL) gets the number of replacements and
** *first_bad the offset of the first one (-1 if none). Returns a
** NUL-terminated string and its length in *out_len, or NULL on exhaustion. */
char *ng_utf8_repair(ng_arena *a, const char *s, size_t n, size_t *out_len,
		     size_t *n_bad, int64_t *first_bad);

/* ---- small shared helpers */

/* Returns the status of x from the calling function when it is not NG_OK. */
#define NG_TRY(x)                        \
	do {                             \
		ng_status ng_try_ = (x); \
		if (ng_try_ != NG_OK)    \
			return ng_try_;  \
	} while (0)

/* FNV-1a, 32 bits, over bytes as they are. */
static inline uint32_t ng_hash_fnv32(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* A 64-bit finalizer (splitmix64's): spreads every input bit over the
** output, for hashed feature and table keys. */
static inline uint64_t ng_hash_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

/* ---- fast scans: length of the leading run of s[0..n) made of printable
** ASCII (0x20..0x7E), eight bytes at a time. The JSON variant also stops
** at '"' and '\\'. */
#define NG_ONES 0x0101010101010101ull
#define NG_HIGHS 0x8080808080808080ull

static inline int ng_word_special(uint64_t w, bool json)
{
	uint64_t low = (w - NG_ONES * 0x20) & ~w;          /* a byte < 0x20 */
	uint64_t high = (w + NG_ONES) | w;                 /* a byte >= 0x7F */
	uint64_t hit = low | high;
	if (json) {
		uint64_t q = w ^ (NG_ONES * '"'), b = w ^ (NG_ONES * '\\');
		hit |= ((q - NG_ONES) & ~q) | ((b - NG_ONES) & ~b);
	}
	return (hit & NG_HIGHS) != 0;
}

static inline size_t ng_ascii_run(const unsigned char *s, size_t n, bool json)
{
	size_t i = 0;
	while (i + 8 <= n) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (ng_word_special(w, json))
			break;
		i += 8;
	}
	while (i < n && s[i] >= 0x20 && s[i] < 0x7F && !(json && (s[i] == '"' || s[i] == '\\')))
		i++;
	return i;
}

#endif
