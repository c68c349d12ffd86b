/*
** buf.c -- capped growable byte buffers (the public ng_outbuf). Every buffer
** has a hard cap; growing past it fails with NG_ELIMIT and leaves the buffer
** as it was.
*/
#include <string.h>

#include "core.h"

ng_status ng_buf_reserve(ng_outbuf *b, size_t extra)
{
	if (b->alloc - b->len >= extra)
		return NG_OK;
	size_t need = b->len + extra;
	if (need < b->len || (b->cap && need > b->cap))
		return NG_ELIMIT;
	size_t n = b->alloc ? b->alloc : 4096;
	while (n < need)
		n = n * 2 < n ? need : n * 2;
	if (b->cap && n > b->cap)
		n = b->cap;
	char *p = ng_realloc(b->data, n);
	if (!p)
		return NG_ENOMEM;
	b->data = p;
	b->alloc = n;
	return NG_OK;
}

ng_status ng_buf_append(ng_outbuf *b, const void *p, size_t n)
{
	if (n == 0)
		return NG_OK; /* memcpy with a NULL buffer is undefined even for 0 bytes */
	ng_status s = ng_buf_reserve(b, n);
	if (s)
		return s;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return NG_OK;
}

void ng_outbuf_free(ng_outbuf *b)
{
	if (!b)
		return;
	ng_free(b->data);
	b->data = NULL;
	b->len = b->alloc = 0;
}
