/*
** reader.c -- input files to documents.
**
** A reader walks one path: a file, a directory (recursively, in name order,
** hidden entries skipped, each directory and file taken once by device and
** inode, so symlink loops end) or standard input ("-"). Each file is read as one
** article (text or HTML) or as JSON Lines, one article per line. Problems
** are per record: the reader reports "PATH:LINE:COL: what", skips that
** record and goes on with the next one. Every record is capped in size;
** an over-long JSON line is skipped without ever being held in memory.
** Web archives (WARC/ARC, plain or gzip) are read by io/warc.c, one
** document per HTML page.
*/
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/core.h"
#include "io/json.h"
#include "io/warc.h"

#define DEFAULT_MAX_RECORD ((size_t)16 << 20)
#define READ_CHUNK ((size_t)1 << 20)

struct ng_reader {
	char **paths;  /* files to read, in order */
	size_t n_paths, next_path;
	ng_input_format fmt;
	size_t max_record;

	/* the open file */
	FILE *f;
	const char *path;       /* current path ("-" for stdin) */
	ng_input_format cur_fmt;
	bool cur_done;          /* a whole-file record has been returned */
	int64_t line;           /* JSON Lines: number of the last line read */
	uint64_t file_off;      /* offset of buf[0] in the file */

	/* JSON Lines buffer: bytes [pos, len) are unread */
	char *buf;
	size_t len, pos, alloc;
	bool eof;

	/* files and directories already taken while walking, by (device, inode):
	** a symlink loop (self -> .) or a second link to a file is taken once */
	struct seen_id {
		uint64_t dev, ino;
	} *seen;
	size_t n_seen, cap_seen; /* open addressing; cap_seen is a power of two */

	uint64_t bytes;
	ng_warc *warc;          /* the open web archive, for NG_IN_WARC */
	ng_reader_counts counts; /* of the archives already closed */
	char err[1024];
};

static void set_err(ng_reader *r, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void set_err(ng_reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err, sizeof r->err, fmt, ap);
	va_end(ap);
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	if (a < b)
		return false;
	for (size_t i = 0; i < b; i++) {
		char c = s[a - b + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suf[i])
			return false;
	}
	return true;
}

static ng_input_format format_of(const char *path)
{
	if (has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson") || has_suffix(path, ".json"))
		return NG_IN_JSONL;
	if (has_suffix(path, ".html") || has_suffix(path, ".htm") || has_suffix(path, ".xhtml"))
		return NG_IN_HTML;
	if (has_suffix(path, ".warc") || has_suffix(path, ".warc.gz") || has_suffix(path, ".arc") ||
	    has_suffix(path, ".arc.gz"))
		return NG_IN_WARC;
	return NG_IN_AUTO;
}

static ng_status add_path(ng_reader *r, const char *p, size_t *cap)
{
	if (r->n_paths == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		char **np = ng_realloc(r->paths, nc * sizeof(char *));
		if (!np)
			return NG_ENOMEM;
		r->paths = np;
		*cap = nc;
	}
	if (!(r->paths[r->n_paths] = ng_strdup(p)))
		return NG_ENOMEM;
	r->n_paths++;
	return NG_OK;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Marks (dev, ino) as seen: NG_OK when it is new, NG_DONE when it was
** seen before, NG_ENOMEM. */
static ng_status seen_add(ng_reader *r, const struct stat *sb)
{
	if (2 * (r->n_seen + 1) > r->cap_seen) {
		size_t nc = r->cap_seen ? 2 * r->cap_seen : 256;
		struct seen_id *ns = ng_calloc(nc, sizeof *ns);
		if (!ns)
			return NG_ENOMEM;
		for (size_t i = 0; i < r->cap_seen; i++) {
			struct seen_id e = r->seen[i];
			if (!e.dev && !e.ino)
				continue;
			size_t h = (size_t)((e.ino * 0x9E3779B97F4A7C15u) ^ e.dev) & (nc - 1);
			while (ns[h].dev || ns[h].ino)
				h = (h + 1) & (nc - 1);
			ns[h] = e;
		}
		ng_free(r->seen);
		r->seen = ns;
		r->cap_seen = nc;
	}
	/* (0, 0) marks a free slot: no real file has both zero */
	struct seen_id k = {(uint64_t)sb->st_dev + 1, (uint64_t)sb->st_ino};
	size_t h = (size_t)((k.ino * 0x9E3779B97F4A7C15u) ^ k.dev) & (r->cap_seen - 1);
	while (r->seen[h].dev || r->seen[h].ino) {
		if (r->seen[h].dev == k.dev && r->seen[h].ino == k.ino)
			return NG_DONE;
		h = (h + 1) & (r->cap_seen - 1);
	}
	r->seen[h] = k;
	r->n_seen++;
	return NG_OK;
}

/* Adds the regular files under dir, sorted by name, recursing into
** subdirectories. A directory or file already taken (by device and inode:
** a symlink loop, a second link) is passed over; depth is bounded too. */
static ng_status walk(ng_reader *r, const char *dir, size_t *cap, int depth)
{
	if (depth > 64)
		return NG_OK;
	DIR *d = opendir(dir);
	if (!d) {
		set_err(r, "%s: cannot open directory: %s", dir, strerror(errno));
		return NG_EIO;
	}
	char **names = NULL;
	size_t n = 0, ncap = 0;
	ng_status st = NG_OK;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == ncap) {
			size_t nc = ncap ? ncap * 2 : 32;
			char **nn = ng_realloc(names, nc * sizeof(char *));
			if (!nn) {
				st = NG_ENOMEM;
				break;
			}
			names = nn;
			ncap = nc;
		}
		if (!(names[n] = ng_strdup(e->d_name))) {
			st = NG_ENOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (!st)
		qsort(names, n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < n && !st; i++) {
		size_t l = strlen(dir) + strlen(names[i]) + 2;
		char *p = ng_malloc(l);
		if (!p) {
			st = NG_ENOMEM;
			break;
		}
		snprintf(p, l, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", names[i]);
		struct stat sb;
		bool ok = stat(p, &sb) == 0 && (S_ISDIR(sb.st_mode) || S_ISREG(sb.st_mode));
		ng_status seen = ok ? seen_add(r, &sb) : NG_DONE;
		if (seen == NG_ENOMEM)
			st = NG_ENOMEM;
		else if (seen == NG_OK && S_ISDIR(sb.st_mode))
			st = walk(r, p, cap, depth + 1);
		else if (seen == NG_OK)
			st = add_path(r, p, cap);
		ng_free(p);
	}
	for (size_t i = 0; i < n; i++)
		ng_free(names[i]);
	ng_free(names);
	return st;
}

ng_reader *ng_reader_open(const char *path, ng_input_format fmt, size_t max_record, char *err,
			  size_t errlen)
{
	ng_reader *r = ng_calloc(1, sizeof(*r));
	if (!r) {
		if (err && errlen)
			snprintf(err, errlen, "out of memory");
		return NULL;
	}
	r->fmt = fmt;
	r->max_record = max_record ? max_record : DEFAULT_MAX_RECORD;
	size_t cap = 0;
	ng_status st;
	struct stat sb;
	if (!strcmp(path, "-")) {
		st = add_path(r, "-", &cap);
	} else if (stat(path, &sb) != 0) {
		set_err(r, "%s: %s", path, strerror(errno));
		st = NG_EIO;
	} else if (S_ISDIR(sb.st_mode)) {
		st = seen_add(r, &sb);
		if (st == NG_OK)
			st = walk(r, path, &cap, 0);
	} else {
		st = add_path(r, path, &cap);
	}
	if (st) {
		if (err && errlen)
			snprintf(err, errlen, "%s", r->err[0] ? r->err : ng_strerror(st));
		ng_reader_close(r);
		return NULL;
	}
	return r;
}

static void close_warc(ng_reader *r)
{
	if (!r->warc)
		return;
	ng_warc_counts c;
	ng_warc_counts_get(r->warc, &c);
	r->counts.records += c.records;
	r->counts.pages += c.pages;
	r->counts.skipped_type += c.skipped_type;
	r->counts.skipped_status += c.skipped_status;
	r->counts.skipped_media += c.skipped_media;
	r->counts.skipped_encoding += c.skipped_encoding;
	r->counts.errors += c.errors;
	r->bytes += ng_warc_bytes(r->warc);
	ng_warc_close(r->warc);
	r->warc = NULL;
}

void ng_reader_close(ng_reader *r)
{
	if (!r)
		return;
	close_warc(r);
	if (r->f && r->f != stdin)
		fclose(r->f);
	for (size_t i = 0; i < r->n_paths; i++)
		ng_free(r->paths[i]);
	ng_free(r->paths);
	ng_free(r->seen);
	ng_free(r->buf);
	ng_free(r);
}

const char *ng_reader_errmsg(const ng_reader *r)
{
	return r->err;
}

uint64_t ng_reader_bytes(const ng_reader *r)
{
	return r->bytes + (r->warc ? ng_warc_bytes(r->warc) : 0);
}

void ng_reader_counts_get(const ng_reader *r, ng_reader_counts *out)
{
	*out = r->counts;
	if (r->warc) {
		ng_warc_counts c;
		ng_warc_counts_get(r->warc, &c);
		out->records += c.records;
		out->pages += c.pages;
		out->skipped_type += c.skipped_type;
		out->skipped_status += c.skipped_status;
		out->skipped_media += c.skipped_media;
		out->skipped_encoding += c.skipped_encoding;
		out->errors += c.errors;
	}
}

static void close_current(ng_reader *r)
{
	close_warc(r);
	if (r->f && r->f != stdin)
		fclose(r->f);
	r->f = NULL;
	r->path = NULL;
	r->len = r->pos = 0;
	r->eof = false;
}

/* Refills the line buffer, keeping unread bytes. */
static ng_status fill(ng_reader *r)
{
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->file_off += r->pos;
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->alloc - r->len < READ_CHUNK) {
		size_t nc = r->alloc ? r->alloc * 2 : 2 * READ_CHUNK;
		while (nc - r->len < READ_CHUNK)
			nc *= 2;
		char *nb = ng_realloc(r->buf, nc);
		if (!nb)
			return NG_ENOMEM;
		r->buf = nb;
		r->alloc = nc;
	}
	size_t got = fread(r->buf + r->len, 1, READ_CHUNK, r->f);
	r->len += got;
	r->bytes += got;
	if (got < READ_CHUNK) {
		if (ferror(r->f)) {
			set_err(r, "%s: read error: %s", r->path, strerror(errno));
			return NG_EIO;
		}
		r->eof = true;
	}
	return NG_OK;
}

/* Next line into *line and *n (without the newline). NG_DONE at end of file;
** NG_ELIMIT for a line over the cap (it is consumed). */
static ng_status next_line(ng_reader *r, const char **line, size_t *n, uint64_t *off)
{
	size_t scanned = 0; /* bytes of the current line known to hold no LF */
	bool skipping = false;
	uint64_t skipped = 0;
	for (;;) {
		char *nl = r->len > r->pos + scanned
				   ? memchr(r->buf + r->pos + scanned, '\n', r->len - r->pos - scanned)
				   : NULL;
		if (nl || (r->eof && r->pos < r->len) || (r->eof && skipping)) {
			size_t end = nl ? (size_t)(nl - r->buf) : r->len;
			r->line++;
			*off = r->file_off + r->pos;
			*line = r->buf + r->pos;
			*n = end - r->pos;
			r->pos = nl ? end + 1 : end;
			if (skipping) {
				set_err(r, "%s:%lld: record of %llu bytes is over the limit of %zu bytes "
					   "(--max-bytes); skipped",
					r->path, (long long)r->line,
					(unsigned long long)(skipped + *n), r->max_record);
				return NG_ELIMIT;
			}
			if (*n > 0 && (*line)[*n - 1] == '\r')
				(*n)--;
			return NG_OK;
		}
		if (r->eof)
			return NG_DONE;
		scanned = r->len - r->pos;
		if (scanned > r->max_record) {
			/* drop what we have of this line and keep reading to its end */
			skipping = true;
			skipped += scanned;
			r->file_off += r->len;
			r->pos = r->len = 0;
			scanned = 0;
		}
		ng_status st = fill(r);
		if (st)
			return st;
	}
}

/* ---- JSON Lines records */

typedef struct rec_ctx {
	ng_doc *doc;
	const char *text, *html;
	size_t text_len, html_len;
	bool text_bad;
	const char *key_bad;
} rec_ctx;

static bool key_is(const ng_json_member *m, const char *k)
{
	return m->key_len == strlen(k) && !memcmp(m->key, k, m->key_len);
}

static ng_status on_member(void *ctx, const ng_json_member *m)
{
	rec_ctx *c = ctx;
	ng_doc *d = c->doc;
	const char **meta = NULL;
	if (key_is(m, "text")) {
		if (m->type != NG_JSON_STRING) {
			c->key_bad = "\"text\" is not a string";
			return NG_OK;
		}
		c->text = m->val;
		c->text_len = m->val_len;
		return NG_OK;
	}
	if (key_is(m, "html")) {
		if (m->type == NG_JSON_STRING) {
			c->html = m->val;
			c->html_len = m->val_len;
		}
		return NG_OK;
	}
	if (key_is(m, "id")) {
		if (m->type == NG_JSON_STRING || m->type == NG_JSON_NUMBER) {
			d->id = ng_doc_strndup(d, m->val, m->val_len);
			return d->id ? NG_OK : NG_ELIMIT;
		}
		return NG_OK;
	}
	if (key_is(m, "title"))
		meta = &d->title;
	else if (key_is(m, "date"))
		meta = &d->date;
	else if (key_is(m, "author"))
		meta = &d->author;
	else if (key_is(m, "site"))
		meta = &d->site;
	else if (key_is(m, "lang"))
		meta = &d->lang;
	else if (key_is(m, "url"))
		meta = &d->source_url;
	if (meta && m->type == NG_JSON_STRING)
		*meta = m->val; /* already a NUL-terminated copy in the arena */
	return NG_OK;
}

static ng_status read_jsonl(ng_reader *r, ng_doc *doc)
{
	for (;;) {
		const char *line;
		size_t n;
		uint64_t off;
		ng_status st = next_line(r, &line, &n, &off);
		if (st)
			return st;
		size_t k = 0;
		while (k < n && (line[k] == ' ' || line[k] == '\t'))
			k++;
		if (k == n)
			continue; /* blank lines separate nothing */
		ng_doc_reset(doc);
		rec_ctx c = {.doc = doc};
		size_t pos = 0;
		const char *msg = NULL;
		st = ng_json_parse_object(doc->arena, line, n, on_member, &c, &pos, &msg);
		if (st) {
			set_err(r, "%s:%lld:%zu: %s", r->path, (long long)r->line, pos + 1,
				st == NG_EPARSE ? msg : ng_strerror(st));
			return st == NG_ELIMIT ? NG_ELIMIT : NG_EPARSE;
		}
		if (c.key_bad || (!c.text && !c.html)) {
			set_err(r, "%s:%lld: %s; skipped", r->path, (long long)r->line,
				c.key_bad ? c.key_bad : "no \"text\" (or \"html\") member");
			return NG_EPARSE;
		}
		if (c.text) {
			doc->raw = c.text;
			doc->raw_len = c.text_len;
			doc->raw_kind = NG_RAW_TEXT;
		} else {
			doc->raw = c.html;
			doc->raw_len = c.html_len;
			doc->raw_kind = NG_RAW_HTML;
		}
		doc->source_path = ng_doc_strndup(doc, r->path, strlen(r->path));
		if (!doc->source_path)
			return NG_ELIMIT;
		doc->source_offset = (int64_t)off;
		doc->source_line = r->line;
		if (!doc->id) {
			char tmp[64];
			snprintf(tmp, sizeof tmp, ":%lld", (long long)r->line);
			size_t pl = strlen(r->path), tl = strlen(tmp);
			char *id = ng_arena_alloc(doc->arena, pl + tl + 1);
			if (!id)
				return NG_ELIMIT;
			memcpy(id, r->path, pl);
			memcpy(id + pl, tmp, tl + 1);
			doc->id = id;
		}
		doc->assigned = NG_F_RAW;
		return NG_OK;
	}
}

/* ---- web archives: one record per HTML page (io/warc.c) */

static ng_status read_warc(ng_reader *r, ng_doc *doc)
{
	if (!r->warc) {
		/* the reader takes over the bytes already peeked at */
		r->warc = ng_warc_open(r->f, r->path, r->max_record, r->buf ? r->buf + r->pos : NULL,
				       r->len - r->pos);
		if (!r->warc) {
			set_err(r, "%s: out of memory", r->path);
			return NG_ENOMEM;
		}
		r->pos = r->len;
	}
	ng_doc_reset(doc);
	ng_status st = ng_warc_next(r->warc, doc);
	if (st != NG_OK && st != NG_DONE) {
		const char *m = ng_warc_errmsg(r->warc);
		if (m[0])
			set_err(r, "%s", m);
		else
			set_err(r, "%s: %s", r->path, ng_strerror(st));
	}
	return st;
}

/* ---- whole-file records */

static ng_status read_whole(ng_reader *r, ng_doc *doc)
{
	ng_doc_reset(doc);
	r->cur_done = true;
	/* the unread part of the peek buffer, then the rest of the file */
	size_t have = r->len - r->pos;
	size_t cap = have + READ_CHUNK;
	char *p = ng_arena_alloc(doc->arena, cap + 1);
	if (!p)
		return NG_ELIMIT;
	if (have)
		memcpy(p, r->buf + r->pos, have);
	size_t n = have;
	r->pos = r->len;
	while (!r->eof) {
		if (cap - n < READ_CHUNK) {
			size_t nc = cap * 2;
			if (nc > r->max_record + READ_CHUNK)
				nc = r->max_record + READ_CHUNK;
			if (nc <= cap) {
				/* over the cap: count the rest without keeping it */
				uint64_t total = n;
				char tmp[65536];
				size_t got;
				while ((got = fread(tmp, 1, sizeof tmp, r->f)) > 0)
					total += got;
				r->bytes += total - n;
				r->eof = true;
				set_err(r, "%s: %llu bytes is over the limit of %zu bytes (--max-bytes); skipped",
					r->path, (unsigned long long)total, r->max_record);
				return NG_ELIMIT;
			}
			char *q = ng_arena_grow(doc->arena, p, cap + 1, nc + 1);
			if (!q)
				return NG_ELIMIT;
			p = q;
			cap = nc;
		}
		size_t got = fread(p + n, 1, cap - n, r->f);
		n += got;
		r->bytes += got;
		if (got == 0) {
			if (ferror(r->f)) {
				set_err(r, "%s: read error: %s", r->path, strerror(errno));
				return NG_EIO;
			}
			r->eof = true;
		}
	}
	if (n > r->max_record) {
		set_err(r, "%s: %zu bytes is over the limit of %zu bytes (--max-bytes); skipped", r->path, n,
			r->max_record);
		return NG_ELIMIT;
	}
	p[n] = '\0';
	if (n == 0) {
		set_err(r, "%s: empty file; skipped", r->path);
		return NG_EEMPTY;
	}
	doc->raw = p;
	doc->raw_len = n;
	doc->raw_kind = r->cur_fmt == NG_IN_HTML ? NG_RAW_HTML : NG_RAW_TEXT;
	doc->source_path = ng_doc_strndup(doc, r->path, strlen(r->path));
	if (!doc->source_path)
		return NG_ELIMIT;
	doc->id = doc->source_path;
	doc->assigned = NG_F_RAW;
	return NG_OK;
}

/* Opens the next path; decides its format (peeking when auto). */
static ng_status open_next(ng_reader *r)
{
	const char *p = r->paths[r->next_path++];
	r->path = p;
	r->line = 0;
	r->file_off = 0;
	r->cur_done = false;
	r->len = r->pos = 0;
	r->eof = false;
	if (!strcmp(p, "-")) {
		r->f = stdin;
	} else {
		r->f = fopen(p, "rb");
		if (!r->f) {
			set_err(r, "%s: %s", p, strerror(errno));
			return NG_EIO;
		}
	}
	r->cur_fmt = r->fmt != NG_IN_AUTO ? r->fmt : format_of(p);
	if (r->cur_fmt == NG_IN_AUTO) {
		ng_status st = fill(r);
		if (st)
			return st;
		size_t k = 0;
		if (r->len >= 3 && !memcmp(r->buf, "\xEF\xBB\xBF", 3))
			k = 3;
		while (k < r->len && (r->buf[k] == ' ' || r->buf[k] == '\n' || r->buf[k] == '\r' ||
				      r->buf[k] == '\t'))
			k++;
		if (ng_warc_sniff(r->buf, r->len))
			r->cur_fmt = NG_IN_WARC;
		else if (k < r->len && r->buf[k] == '{')
			r->cur_fmt = NG_IN_JSONL;
		else if (k < r->len && r->buf[k] == '<')
			r->cur_fmt = NG_IN_HTML;
		else
			r->cur_fmt = NG_IN_TEXT;
	}
	return NG_OK;
}

ng_status ng_reader_next(ng_reader *r, ng_doc *doc)
{
	for (;;) {
		if (!r->path) {
			if (r->next_path >= r->n_paths)
				return NG_DONE;
			ng_status st = open_next(r);
			if (st) {
				close_current(r);
				return st;
			}
		}
		ng_status st;
		if (r->cur_fmt == NG_IN_JSONL) {
			st = read_jsonl(r, doc);
		} else if (r->cur_fmt == NG_IN_WARC) {
			st = read_warc(r, doc);
		} else if (r->cur_done) {
			st = NG_DONE;
		} else {
			st = read_whole(r, doc);
		}
		if (st == NG_DONE || st == NG_EIO) {
			close_current(r);
			if (st == NG_EIO)
				return st;
			continue;
		}
		return st;
	}
}
