/*
** arena.c -- the per-document arena. Stages allocate from it and never free;
** ng_arena_reset() releases every chunk but the first after the document is
** written, so a steady stream of documents allocates almost nothing;
** ng_arena_mark()/ng_arena_rewind() free back to a position. Every
** arena has a byte cap: a hostile document fails with NG_ELIMIT instead of
** exhausting the process.
*/
#include <stdalign.h>
#include <string.h>

#include "core.h"

#define ALIGN 16u
#define CHUNK_GROWTH_MAX ((size_t)4 << 20)

typedef struct chunk {
	struct chunk *next;
	size_t size; /* usable bytes in data */
	size_t used;
	alignas(ALIGN) unsigned char data[];
} chunk;

struct ng_arena {
	chunk *head;  /* chunk being filled */
	chunk *first; /* kept across resets */
	size_t cap;   /* bound on the sum of chunk sizes */
	size_t total; /* sum of chunk sizes */
	void *last;   /* most recent allocation, for ng_arena_grow */
	ng_status failure; /* why the last refused allocation was refused */
};

static chunk *chunk_new(size_t size)
{
	chunk *c = ng_malloc(sizeof(chunk) + size);
	if (!c)
		return NULL;
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

ng_arena *ng_arena_create(size_t first_chunk, size_t cap)
{
	ng_arena *a = ng_calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	if (first_chunk < 4096)
		first_chunk = 4096;
	a->cap = cap ? cap : ((size_t)1 << 30);
	if (first_chunk > a->cap)
		first_chunk = a->cap;
	a->first = a->head = chunk_new(first_chunk);
	if (!a->first) {
		ng_free(a);
		return NULL;
	}
	a->total = first_chunk;
	return a;
}

void ng_arena_destroy(ng_arena *a)
{
	if (!a)
		return;
	chunk *c = a->head;
	while (c) {
		chunk *n = c->next;
		ng_free(c);
		c = n;
	}
	ng_free(a);
}

void ng_arena_reset(ng_arena *a)
{
	if (!a)
		return;
	chunk *c = a->head;
	while (c && c != a->first) {
		chunk *n = c->next;
		ng_free(c);
		c = n;
	}
	a->head = a->first;
	a->first->used = 0;
	a->total = a->first->size;
	a->last = NULL;
}

void *ng_arena_alloc(ng_arena *a, size_t n)
{
	size_t need = (n + (ALIGN - 1)) & ~(size_t)(ALIGN - 1);
	if (need < n)
		return NULL;
	chunk *h = a->head;
	if (h->size - h->used < need) {
		/* chunks double up to CHUNK_GROWTH_MAX; a larger request gets a
		** chunk of its own size, so that one 13 MB page does not make
		** the next 128-byte request take 32 MB */
		size_t size = h->size < CHUNK_GROWTH_MAX ? h->size * 2 : CHUNK_GROWTH_MAX;
		if (size < need)
			size = need;
		if (a->total + size > a->cap || a->total + size < a->total) {
			if (a->total + need > a->cap || a->total + need < a->total) {
				a->failure = NG_ELIMIT;
				return NULL;
			}
			size = need;
		}
		chunk *c = chunk_new(size);
		if (!c && size > need) /* short of memory: only what is asked */
			c = chunk_new(size = need);
		if (!c) {
			a->failure = NG_ENOMEM;
			return NULL;
		}
		c->next = h;
		a->head = h = c;
		a->total += size;
	}
	void *p = h->data + h->used;
	h->used += need;
	a->last = p;
	return p;
}

void *ng_arena_grow(ng_arena *a, void *p, size_t old, size_t n)
{
	if (!p)
		return ng_arena_alloc(a, n);
	if (n <= old)
		return p;
	chunk *h = a->head;
	if (p == a->last) {
		size_t off = (size_t)((unsigned char *)p - h->data);
		size_t need = (n + (ALIGN - 1)) & ~(size_t)(ALIGN - 1);
		if (need >= n && off + need <= h->size) {
			h->used = off + need;
			return p;
		}
	}
	void *q = ng_arena_alloc(a, n);
	if (q)
		memcpy(q, p, old);
	return q;
}

size_t ng_arena_used(const ng_arena *a)
{
	size_t u = 0;
	for (const chunk *c = a->head; c; c = c->next)
		u += c->used;
	return u;
}

ng_arena_pos ng_arena_mark(const ng_arena *a)
{
	ng_arena_pos pos = {a->head, a->head->used};
	return pos;
}

void ng_arena_rewind(ng_arena *a, ng_arena_pos pos)
{
	chunk *c = a->head;
	while (c && c != pos.chunk && c != a->first) {
		chunk *n = c->next;
		a->total -= c->size;
		ng_free(c);
		c = n;
	}
	a->head = c;
	if (c != pos.chunk) { /* not a position of this arena: start over */
		ng_arena_reset(a);
		return;
	}
	if (pos.used <= c->used)
		c->used = pos.used;
	a->last = NULL;
}

ng_status ng_arena_failure(ng_arena *a)
{
	ng_status st = a->failure;
	a->failure = NG_OK;
	return st;
}
