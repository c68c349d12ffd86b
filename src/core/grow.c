/*
** grow.c -- growable arrays with a cap: the one doubling rule behind every
** array that grows one element at a time, on the heap (ng_grow) or in an
** arena (ng_arena_grow_array).
**
** The capacity doubles from `first` until it holds `need` elements, and is
** clamped to `max`: asking for more than `max` is NG_ELIMIT, so no array
** grows without bound on hostile input. The array pointer is passed by
** address (a T ** as void *) and read and written with memcpy, so any
** element type fits without casts at the call sites. On failure the array
** and its capacity are unchanged.
*/
#include <stdint.h>
#include <string.h>

#include "core/core.h"

/* The new capacity for `need` elements, or 0 when over `max` or the size
** would overflow. */
static size_t new_cap(size_t cap, size_t need, size_t size, size_t first, size_t max)
{
	if (need > max || size == 0 || need > SIZE_MAX / size)
		return 0;
	size_t nc = cap ? cap : (first ? first : 1);
	while (nc < need)
		nc = nc > SIZE_MAX / 2 ? SIZE_MAX : nc * 2;
	if (nc > max)
		nc = max;
	if (nc > SIZE_MAX / size)
		nc = SIZE_MAX / size;
	return nc;
}

ng_status ng_grow(void *pp, size_t *cap, size_t need, size_t size, size_t first, size_t max)
{
	if (need <= *cap)
		return NG_OK;
	size_t nc = new_cap(*cap, need, size, first, max);
	if (!nc)
		return NG_ELIMIT;
	void *p;
	memcpy(&p, pp, sizeof p);
	void *q = ng_realloc(p, nc * size);
	if (!q)
		return NG_ENOMEM;
	memcpy(pp, &q, sizeof q);
	*cap = nc;
	return NG_OK;
}

ng_status ng_arena_grow_array(ng_arena *a, void *pp, size_t *cap, size_t need, size_t size,
			      size_t first, size_t max)
{
	if (need <= *cap)
		return NG_OK;
	size_t nc = new_cap(*cap, need, size, first, max);
	if (!nc)
		return NG_ELIMIT;
	void *p;
	memcpy(&p, pp, sizeof p);
	void *q = ng_arena_grow(a, p, *cap * size, nc * size);
	if (!q)
		return NG_ELIMIT;
	memcpy(pp, &q, sizeof q);
	*cap = nc;
	return NG_OK;
}
