/*
** doc.c -- the document: its arena, lifecycle and error list.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core.h"

#define DOC_FIRST_CHUNK (64u * 1024u)

ng_doc *ng_doc_create(size_t arena_cap)
{
	ng_doc *d = ng_calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->arena = ng_arena_create(DOC_FIRST_CHUNK, arena_cap);
	if (!d->arena) {
		ng_free(d);
		return NULL;
	}
	d->source_offset = -1;
	return d;
}

void ng_doc_reset(ng_doc *doc)
{
	if (!doc)
		return;
	ng_arena *a = doc->arena;
	ng_arena_reset(a);
	memset(doc, 0, sizeof(*doc));
	doc->arena = a;
	doc->source_offset = -1;
}

void ng_doc_destroy(ng_doc *doc)
{
	if (!doc)
		return;
	ng_arena_destroy(doc->arena);
	ng_free(doc);
}

char *ng_doc_strndup(ng_doc *doc, const char *s, size_t len)
{
	char *p = ng_arena_alloc(doc->arena, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

ng_status ng_doc_add_error(ng_doc *doc, ng_status code, int64_t offset, const char *stage,
			   const char *fmt, ...)
{
	if (doc->n_errors == doc->cap_errors) {
		/* 1,024 at most: enough said about one document */
		ng_status st = ng_arena_grow_array(doc->arena, &doc->errors, &doc->cap_errors,
						   doc->n_errors + 1, sizeof(ng_error), 4, 1024);
		if (st != NG_OK)
			return st == NG_ELIMIT && doc->n_errors < 1024 ? NG_ENOMEM : NG_ELIMIT;
	}
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (len < 0)
		len = 0;
	if ((size_t)len >= sizeof msg)
		len = sizeof msg - 1;
	ng_error *e = &doc->errors[doc->n_errors];
	e->code = code;
	e->offset = offset;
	e->stage = stage;
	e->message = ng_doc_strndup(doc, msg, (size_t)len);
	if (!e->message)
		return NG_ENOMEM;
	doc->n_errors++;
	return NG_OK;
}
