/*
** alloc.c -- the one allocation wrapper. Every heap allocation in newsgraph
** goes through ng_malloc() and friends so that tests can count allocations
** and inject failures (ng_alloc_fail_after).
*/
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

static _Atomic uint64_t alloc_count;
static _Atomic uint64_t fail_at; /* 0: never fail */

uint64_t ng_alloc_fail_after(uint64_t n)
{
	uint64_t c = atomic_load(&alloc_count);
	atomic_store(&fail_at, n ? c + n : 0);
	return c;
}

static int should_fail(void)
{
	uint64_t c = atomic_fetch_add(&alloc_count, 1) + 1;
	uint64_t f = atomic_load(&fail_at);
	return f != 0 && c >= f;
}

void *ng_malloc(size_t n)
{
	if (should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *ng_calloc(size_t n, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

void *ng_realloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
}

void ng_free(void *p)
{
	free(p);
}

char *ng_strdup(const char *s)
{
	size_t n = strlen(s);
	char *d = ng_malloc(n + 1);
	if (d)
		memcpy(d, s, n + 1);
	return d;
}
