/*
** conllu.c -- reads and writes CoNLL-U (see conllu.h).
**
** The file is read whole into the corpus's arena and cut in place: tabs and
** line ends become NULs, and the words' fields point into that copy.
*/
#include "stage/syntax/conllu.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

enum { NCOLS = 10 };

typedef struct parser {
	ng_ud_corpus *c;
	const char *name;
	char *err;
	size_t errlen;
	size_t line;
	/* the sentence being read, in growable scratch arrays */
	ng_ud_word *w;
	size_t nw, capw;
	const char **cm;
	size_t ncm, capcm;
	const char *pending_mwt;
	size_t first_line;
	/* finished sentences */
	ng_ud_sent *s;
	size_t ns, caps;
} parser;

static ng_status fail(parser *p, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static ng_status fail(parser *p, const char *fmt, ...)
{
	if (p->err && p->errlen) {
		int k = snprintf(p->err, p->errlen, "%s:%zu: ", p->name, p->line);
		if (k >= 0 && (size_t)k < p->errlen) {
			va_list ap;
			va_start(ap, fmt);
			vsnprintf(p->err + k, p->errlen - (size_t)k, fmt, ap);
			va_end(ap);
		}
	}
	return NG_EPARSE;
}

/* Grows *arr (elements of `size` bytes) to hold one more; NG_ENOMEM. */
static ng_status grow(void **arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return NG_OK;
	size_t nc = *cap ? *cap * 2 : 64;
	void *q = ng_realloc(*arr, nc * size);
	if (!q)
		return NG_ENOMEM;
	*arr = q;
	*cap = nc;
	return NG_OK;
}

/* Parses a decimal ID; -1 when s is not all digits (or too long). */
static long id_of(const char *s)
{
	long v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 1000000)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static ng_status end_sentence(parser *p)
{
	if (p->nw == 0) {
		if (p->ncm || p->pending_mwt)
			p->ncm = 0, p->pending_mwt = NULL;
		return NG_OK;
	}
	for (size_t i = 0; i < p->nw; i++) {
		if (p->w[i].head > (int)p->nw) {
			p->line = p->first_line + i;
			return fail(p, "head %d of word %zu is beyond the sentence's %zu words",
				    p->w[i].head, i + 1, p->nw);
		}
	}
	NG_TRY(grow((void **)&p->s, &p->caps, p->ns, sizeof *p->s));
	ng_ud_sent *s = &p->s[p->ns];
	s->words = ng_arena_alloc(p->c->arena, p->nw * sizeof *s->words);
	s->comments = p->ncm ? ng_arena_alloc(p->c->arena, p->ncm * sizeof *s->comments) : NULL;
	if (!s->words || (p->ncm && !s->comments))
		return NG_ENOMEM;
	memcpy(s->words, p->w, p->nw * sizeof *s->words);
	if (p->ncm)
		memcpy(s->comments, p->cm, p->ncm * sizeof *s->comments);
	s->n = p->nw;
	s->n_comments = p->ncm;
	s->line = p->first_line;
	p->c->n_words += p->nw;
	p->ns++;
	p->nw = p->ncm = 0;
	p->pending_mwt = NULL;
	return NG_OK;
}

static ng_status word_line(parser *p, char *line)
{
	char *col[NCOLS];
	size_t k = 0;
	char *q = line;
	col[k++] = q;
	for (; *q; q++) {
		if (*q == '\t') {
			if (k == NCOLS)
				return fail(p, "more than %d tab-separated columns", NCOLS);
			*q = '\0';
			col[k++] = q + 1;
		}
	}
	if (k != NCOLS)
		return fail(p, "%zu tab-separated columns, CoNLL-U has %d", k, NCOLS);
	if (strchr(col[0], '.'))
		return NG_OK; /* an empty node */
	if (strchr(col[0], '-')) {
		/* a multiword token: restore the line for writing back */
		for (size_t i = 1; i < NCOLS; i++)
			col[i][-1] = '\t';
		p->pending_mwt = line;
		return NG_OK;
	}
	long id = id_of(col[0]);
	if (id != (long)p->nw + 1)
		return fail(p, "word ID \"%s\" where %zu was expected", col[0], p->nw + 1);
	if (p->nw >= NG_CONLLU_MAX_WORDS)
		return fail(p, "sentence longer than %d words", NG_CONLLU_MAX_WORDS);
	long head = -1;
	if (strcmp(col[6], "_") != 0 && (head = id_of(col[6])) < 0)
		return fail(p, "head \"%s\" is not a word number", col[6]);
	if (head == id)
		return fail(p, "word %ld is its own head", id);
	if (p->nw == 0)
		p->first_line = p->line;
	NG_TRY(grow((void **)&p->w, &p->capw, p->nw, sizeof *p->w));
	p->w[p->nw++] = (ng_ud_word){ .form = col[1], .lemma = col[2], .upos = col[3],
				      .xpos = col[4], .feats = col[5], .head = (int)head,
				      .deprel = col[7], .deps = col[8], .misc = col[9],
				      .mwt = p->pending_mwt };
	p->pending_mwt = NULL;
	return NG_OK;
}

static ng_status parse_all(parser *p, char *data, size_t len)
{
	char *s = data, *end = data + len;
	while (s < end) {
		char *nl = memchr(s, '\n', (size_t)(end - s));
		char *e = nl ? nl : end;
		*e = '\0';
		p->line++;
		if (memchr(s, '\0', (size_t)(e - s)) != NULL)
			return fail(p, "NUL byte in line");
		if (e > s && e[-1] == '\r')
			e[-1] = '\0';
		if (*s == '\0') {
			NG_TRY(end_sentence(p));
		} else if (*s == '#') {
			if (p->nw)
				return fail(p, "comment line inside a sentence");
			NG_TRY(grow((void **)&p->cm, &p->capcm, p->ncm, sizeof *p->cm));
			p->cm[p->ncm++] = s;
		} else {
			NG_TRY(word_line(p, s));
		}
		s = e + 1;
	}
	return end_sentence(p);
}

ng_status ng_conllu_parse(const char *data, size_t len, const char *name, ng_ud_corpus **out,
			  char *err, size_t errlen)
{
	*out = NULL;
	if (len > NG_CONLLU_MAX_BYTES) {
		snprintf(err, errlen, "%s: larger than %zu bytes", name, NG_CONLLU_MAX_BYTES);
		return NG_ELIMIT;
	}
	ng_ud_corpus *c = ng_calloc(1, sizeof *c);
	if (!c || !(c->arena = ng_arena_create(len + len / 2 + 4096, 0))) {
		ng_free(c);
		snprintf(err, errlen, "%s: out of memory", name);
		return NG_ENOMEM;
	}
	char *copy = ng_arena_alloc(c->arena, len + 1);
	if (!copy) {
		ng_conllu_free(c);
		snprintf(err, errlen, "%s: out of memory", name);
		return NG_ENOMEM;
	}
	memcpy(copy, data, len);
	copy[len] = '\0';
	parser p = { .c = c, .name = name, .err = err, .errlen = errlen };
	ng_status st = parse_all(&p, copy, len);
	if (st == NG_OK && p.ns) {
		c->sents = ng_arena_alloc(c->arena, p.ns * sizeof *c->sents);
		if (!c->sents)
			st = NG_ENOMEM;
		else
			memcpy(c->sents, p.s, p.ns * sizeof *c->sents);
		c->n = p.ns;
	}
	ng_free(p.w);
	ng_free(p.cm);
	ng_free(p.s);
	if (st == NG_ENOMEM)
		snprintf(err, errlen, "%s: out of memory", name);
	if (st != NG_OK) {
		ng_conllu_free(c);
		return st;
	}
	c->path = name;
	*out = c;
	return NG_OK;
}

ng_status ng_conllu_read(const char *path, ng_ud_corpus **out, char *err, size_t errlen)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NG_EIO;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0;
	ng_status st = NG_OK;
	for (;;) {
		if (len == cap) {
			size_t nc = cap ? cap * 2 : 1 << 20;
			if (cap >= NG_CONLLU_MAX_BYTES) {
				snprintf(err, errlen, "%s: larger than %zu bytes", path,
					 NG_CONLLU_MAX_BYTES);
				st = NG_ELIMIT;
				break;
			}
			char *q = ng_realloc(buf, nc);
			if (!q) {
				snprintf(err, errlen, "%s: out of memory", path);
				st = NG_ENOMEM;
				break;
			}
			buf = q;
			cap = nc;
		}
		size_t k = fread(buf + len, 1, cap - len, f);
		len += k;
		if (k == 0) {
			if (ferror(f)) {
				snprintf(err, errlen, "%s: read error", path);
				st = NG_EIO;
			}
			break;
		}
	}
	fclose(f);
	if (st == NG_OK)
		st = ng_conllu_parse(buf, len, path, out, err, errlen);
	ng_free(buf);
	return st;
}

bool ng_ud_is_tree(const ng_ud_sent *s)
{
	size_t roots = 0;
	for (size_t i = 0; i < s->n; i++) {
		int h = s->words[i].head;
		if (h < 0 || h > (int)s->n)
			return false;
		if (h == 0)
			roots++;
	}
	if (roots != 1)
		return false;
	/* every word reaches the root within n steps */
	for (size_t i = 0; i < s->n; i++) {
		int h = (int)i + 1;
		size_t steps = 0;
		while (h != 0 && steps++ <= s->n)
			h = s->words[h - 1].head;
		if (h != 0)
			return false;
	}
	return true;
}

ng_status ng_conllu_write_sent(FILE *f, const ng_ud_sent *s)
{
	for (size_t i = 0; i < s->n_comments; i++)
		fprintf(f, "%s\n", s->comments[i]);
	for (size_t i = 0; i < s->n; i++) {
		const ng_ud_word *w = &s->words[i];
		if (w->mwt)
			fprintf(f, "%s\n", w->mwt);
		char head[16] = "_";
		if (w->head >= 0)
			snprintf(head, sizeof head, "%d", w->head);
		fprintf(f, "%zu\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i + 1, w->form,
			w->lemma ? w->lemma : "_", w->upos ? w->upos : "_", w->xpos ? w->xpos : "_",
			w->feats ? w->feats : "_", head, w->deprel ? w->deprel : "_",
			w->deps ? w->deps : "_", w->misc ? w->misc : "_");
	}
	fputc('\n', f);
	return ferror(f) ? NG_EIO : NG_OK;
}

void ng_conllu_free(ng_ud_corpus *c)
{
	if (!c)
		return;
	ng_arena_destroy(c->arena);
	ng_free(c);
}
