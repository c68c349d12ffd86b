/*
** lines.c -- data files read one line at a time: the one reader behind every
** loader of word lists, gazetteers, dictionaries and tables.
**
** A line is handed over without its line end (LF, CRLF), NUL-terminated in
** a buffer of the reader's that the caller may modify until the next call.
** Blank lines and lines whose first byte is '#' are skipped on request. A
** line longer than NG_LINE_MAX bytes is an error, not two lines. Errors read
** "WHO: PATH:LINE: what" (ng_lines_fail() for the caller's own), written to
** the caller's err buffer.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"

#if defined(__GNUC__)
__attribute__((format(printf, 3, 0)))
#endif
static void vmsg(const ng_lines *r, bool with_line, const char *fmt, va_list ap)
{
	if (!r->err || !r->errlen)
		return;
	int n;
	if (with_line)
		n = snprintf(r->err, r->errlen, "%s%s%s:%lu: ", r->who ? r->who : "",
			     r->who ? ": " : "", r->path, r->lineno);
	else
		n = snprintf(r->err, r->errlen, "%s%s%s: ", r->who ? r->who : "", r->who ? ": " : "",
			     r->path);
	if (n >= 0 && (size_t)n < r->errlen)
		vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
}

ng_status ng_lines_fail(ng_lines *r, ng_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(r, true, fmt, ap);
	va_end(ap);
	return st;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static ng_status fail_file(ng_lines *r, ng_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(r, false, fmt, ap);
	va_end(ap);
	return st;
}

ng_status ng_lines_open(ng_lines *r, const char *path, unsigned flags, const char *who, char *err,
			size_t errlen)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	r->flags = flags;
	r->who = who;
	r->err = err;
	r->errlen = errlen;
	if (err && errlen)
		err[0] = '\0';
	r->f = fopen(path, "rb");
	if (!r->f)
		return fail_file(r, NG_EIO, "%s", strerror(errno));
	return NG_OK;
}

/* Reads one physical line into r->buf (line end removed); NG_DONE at the
** end of the file. */
static ng_status read_line(ng_lines *r, size_t *len)
{
	size_t n = 0;
	for (;;) {
		if (r->cap - n < 2) {
			if (r->cap >= NG_LINE_MAX + 2)
				return ng_lines_fail(r, NG_ELIMIT, "line longer than %d bytes", NG_LINE_MAX);
			size_t nc = r->cap ? r->cap * 2 : 256;
			if (nc > NG_LINE_MAX + 2)
				nc = NG_LINE_MAX + 2;
			char *nb = ng_realloc(r->buf, nc);
			if (!nb)
				return ng_lines_fail(r, NG_ENOMEM, "out of memory");
			r->buf = nb;
			r->cap = nc;
		}
		if (!fgets(r->buf + n, (int)(r->cap - n), r->f)) {
			if (ferror(r->f))
				return ng_lines_fail(r, NG_EIO, "read error");
			if (!n)
				return NG_DONE;
			break; /* a last line without its line end */
		}
		n += strlen(r->buf + n);
		if (n && r->buf[n - 1] == '\n')
			break;
		if (feof(r->f))
			break;
	}
	while (n && (r->buf[n - 1] == '\n' || r->buf[n - 1] == '\r'))
		r->buf[--n] = '\0';
	*len = n;
	return NG_OK;
}

ng_status ng_lines_next(ng_lines *r, char **line, size_t *len)
{
	for (;;) {
		size_t n = 0;
		r->lineno++;
		ng_status st = read_line(r, &n);
		if (st != NG_OK)
			return st;
		if ((r->flags & NG_LINES_SKIP_BLANK) && n == 0)
			continue;
		if ((r->flags & NG_LINES_SKIP_HASH) && r->buf[0] == '#')
			continue;
		*line = r->buf;
		if (len)
			*len = n;
		return NG_OK;
	}
}

void ng_lines_close(ng_lines *r)
{
	if (r->f)
		fclose(r->f);
	ng_free(r->buf);
	r->f = NULL;
	r->buf = NULL;
	r->cap = 0;
}
