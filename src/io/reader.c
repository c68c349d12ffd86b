/*
** reader.c -- input files to documents.
**
** A reader walks one path: a file, a directory (recursively, in name order,
** hidden entries skipped, each directory and file taken once by device and
** inode, so symlink loops end) or standard input ("-"). Each file is read as one
** article (text or HTML), as JSON Lines (one article per line), as JSON (one
** article object, an array of them, or objects one after another, however
** laid out) or as CSV/TSV with a header (io/csv.c). Any file may be gzip, zstd
** or bzip2 compressed and in UTF-8, UTF-16 or UTF-32 (io/instream.c).
** Problems are per record: the reader reports "PATH:LINE:COL: what", skips
** that record and goes on with the next one. Every record is capped in size;
** an over-long record is skipped without ever being held in memory.
** Web archives (WARC/ARC, plain or gzip) are read by io/warc.c, one
** document per HTML page.
**
** What a directory walk takes: files with an article extension (.txt .text
** .jsonl .ndjson .json .html .htm .xhtml .shtml .csv .tsv .warc .arc, each
** also under .gz .zst .bz2), files without an extension whose content is
** text, and files of other extensions whose content is an HTML page or a web
** archive. Passed over: binaries told by their magic bytes (images, PDF,
** archives, databases, media), README/LICENSE-style files, other text. An
** explicitly named file is always read, except a binary (an error).
*/
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/core.h"
#include "core/date.h"
#include "io/csv.h"
#include "io/instream.h"
#include "io/json.h"
#include "io/warc.h"

#define DEFAULT_MAX_RECORD ((size_t)16 << 20)
#define READ_CHUNK ((size_t)1 << 20)
#define PEEK ((size_t)64 << 10) /* raw bytes read to tell compression and archives */

/* How a path came to be read (decides what is done with a file that does
** not look like an article). */
enum {
	P_NAMED = 0, /* given by the caller: always read, a binary is an error */
	P_ARTICLE,   /* walked, an article extension (or an --include glob) */
	P_NOEXT,     /* walked, no extension: taken when its content is text */
	P_OTHER      /* walked, another extension: taken when it is HTML or an archive */
};

/* JSON (not JSON Lines) scanning: where we are in the file. */
enum { J_START = 0, J_ARRAY, J_SEQ, J_END };

struct ng_reader {
	char **paths;  /* files to read, in order */
	unsigned char *how; /* P_* for each path */
	size_t n_paths, next_path;
	ng_input_format fmt;
	size_t max_record;
	ng_reader_opts o;

	/* the open file */
	FILE *f;
	ng_instream *in;        /* its bytes as UTF-8 text (all but web archives) */
	const char *path;       /* current path ("-" for stdin) */
	ng_input_format cur_fmt;
	bool cur_done;          /* a whole-file record has been returned */
	bool cur_skip;          /* passed over (a binary in a walk ...): no records */
	bool html_bom;          /* whole-file HTML: keep a UTF-8 byte-order mark in front */
	char pending[512];      /* a decompression error to report after the last record */
	int jstate;             /* J_*, for NG_IN_JSON */
	uint64_t jn;            /* JSON: values read */
	ng_arena *head_arena;   /* CSV/TSV: the header row */
	ng_csv_row head;
	int col[NG_CSV_NFIELDS];
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

/* The length of a compression suffix at the end of `name` (.gz .zst .bz2
** and their long forms), or 0. */
static size_t zsuffix(const char *name)
{
	static const char *const z[] = {".gz", ".gzip", ".zst", ".zstd", ".bz2", ".bzip2"};
	for (size_t i = 0; i < sizeof z / sizeof z[0]; i++)
		if (has_suffix(name, z[i]))
			return strlen(z[i]);
	return 0;
}

/* The format a name says, looking through a compression suffix; NG_IN_AUTO
** when it says none. *ext gets the extension's start (or NULL: none). */
static ng_input_format format_of_ext(const char *path, const char **ext)
{
	static const struct {
		const char *ext;
		ng_input_format fmt;
	} e[] = {
		{".jsonl", NG_IN_JSONL}, {".ndjson", NG_IN_JSONL}, {".json", NG_IN_JSON},
		{".html", NG_IN_HTML},   {".htm", NG_IN_HTML},     {".xhtml", NG_IN_HTML},
		{".shtml", NG_IN_HTML},  {".csv", NG_IN_CSV},      {".tsv", NG_IN_TSV},
		{".tab", NG_IN_TSV},     {".txt", NG_IN_TEXT},     {".text", NG_IN_TEXT},
		{".warc", NG_IN_WARC},   {".arc", NG_IN_WARC},
	};
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t bl = strlen(base), zl = zsuffix(base);
	char tmp[256];
	if (bl - zl >= sizeof tmp)
		zl = 0, bl = sizeof tmp - 1;
	memcpy(tmp, base, bl - zl);
	tmp[bl - zl] = '\0';
	const char *dot = strrchr(tmp, '.');
	*ext = dot && dot != tmp ? base + (dot - tmp) : NULL;
	for (size_t i = 0; i < sizeof e / sizeof e[0]; i++)
		if (has_suffix(tmp, e[i].ext))
			return e[i].fmt;
	return NG_IN_AUTO;
}

static ng_input_format format_of(const char *path)
{
	const char *ext;
	return format_of_ext(path, &ext);
}

static ng_status add_path(ng_reader *r, const char *p, size_t *cap, unsigned char how)
{
	if (r->n_paths == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		char **np = ng_realloc(r->paths, nc * sizeof(char *));
		if (!np)
			return NG_ENOMEM;
		r->paths = np;
		unsigned char *nh = ng_realloc(r->how, nc);
		if (!nh)
			return NG_ENOMEM;
		r->how = nh;
		*cap = nc;
	}
	if (!(r->paths[r->n_paths] = ng_strdup(p)))
		return NG_ENOMEM;
	r->how[r->n_paths] = how;
	r->n_paths++;
	return NG_OK;
}

static void skip_file(ng_reader *r, const char *path, uint64_t *count, const char *why)
{
	(*count)++;
	if (r->o.on_skip)
		r->o.on_skip(r->o.skip_ctx, path, why);
}

static bool glob_any(const char *const *globs, const char *name, const char *rel)
{
	for (size_t i = 0; globs && globs[i]; i++)
		if (!fnmatch(globs[i], strchr(globs[i], '/') ? rel : name, 0))
			return true;
	return false;
}

/* README, LICENSE and their kin, with or without an extension. */
static bool doc_name(const char *name)
{
	static const char *const d[] = {"readme", "license", "licence", "copying", "changelog",
					"notice", "authors", "contributing", "makefile",
					"code_of_conduct"};
	size_t l = strcspn(name, ".");
	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
		if (strlen(d[i]) == l && !strncasecmp(name, d[i], l))
			return true;
	return false;
}

/* Decides what a walk does with a regular file: adds it (with how it is to
** be read) or counts it as skipped. `rel` is its path under the walk's root. */
static ng_status walk_file(ng_reader *r, const char *p, const char *name, const char *rel,
			   size_t *cap)
{
	if (glob_any(r->o.exclude, name, rel)) {
		skip_file(r, p, &r->counts.skipped_excluded, "excluded by --exclude");
		return NG_OK;
	}
	bool any_include = r->o.include && r->o.include[0];
	if (any_include) {
		if (glob_any(r->o.include, name, rel))
			return add_path(r, p, cap, P_ARTICLE);
		skip_file(r, p, &r->counts.skipped_excluded, "not matched by --include");
		return NG_OK;
	}
	if (doc_name(name)) {
		skip_file(r, p, &r->counts.skipped_other, "not an article: a README/LICENSE-style file");
		return NG_OK;
	}
	const char *ext;
	if (format_of_ext(name, &ext) != NG_IN_AUTO)
		return add_path(r, p, cap, P_ARTICLE);
	return add_path(r, p, cap, ext ? P_OTHER : P_NOEXT);
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
** a symlink loop, a second link) is passed over; depth is bounded too.
** `root_len` is the length of the walk's root in dir (for --include paths). */
static ng_status walk(ng_reader *r, const char *dir, size_t root_len, size_t *cap, int depth)
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
			st = walk(r, p, root_len, cap, depth + 1);
		else if (seen == NG_OK)
			st = walk_file(r, p, names[i], p + root_len + (p[root_len] == '/'), cap);
		ng_free(p);
	}
	for (size_t i = 0; i < n; i++)
		ng_free(names[i]);
	ng_free(names);
	return st;
}

ng_reader *ng_reader_open_opts(const char *path, const ng_reader_opts *o, char *err, size_t errlen)
{
	ng_reader *r = ng_calloc(1, sizeof(*r));
	if (!r) {
		if (err && errlen)
			snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (o)
		r->o = *o;
	r->fmt = r->o.fmt;
	r->max_record = r->o.max_record ? r->o.max_record : DEFAULT_MAX_RECORD;
	size_t cap = 0;
	ng_status st = NG_OK;
	struct stat sb;
	if (r->o.csv_columns && !ng_csv_spec_check(r->o.csv_columns, r->err, sizeof r->err)) {
		st = NG_EUSAGE;
	} else if (!strcmp(path, "-")) {
		st = add_path(r, "-", &cap, P_NAMED);
	} else if (stat(path, &sb) != 0) {
		set_err(r, "%s: %s", path, strerror(errno));
		st = NG_EIO;
	} else if (S_ISDIR(sb.st_mode)) {
		st = seen_add(r, &sb);
		if (st == NG_OK)
			st = walk(r, path, strlen(path), &cap, 0);
	} else {
		st = add_path(r, path, &cap, P_NAMED);
	}
	if (st) {
		if (err && errlen)
			snprintf(err, errlen, "%s", r->err[0] ? r->err : ng_strerror(st));
		ng_reader_close(r);
		return NULL;
	}
	return r;
}

ng_reader *ng_reader_open(const char *path, ng_input_format fmt, size_t max_record, char *err,
			  size_t errlen)
{
	ng_reader_opts o = {.fmt = fmt, .max_record = max_record};
	return ng_reader_open_opts(path, &o, err, errlen);
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

static void close_in(ng_reader *r)
{
	if (!r->in)
		return;
	r->bytes += ng_instream_raw_bytes(r->in);
	ng_instream_close(r->in);
	r->in = NULL;
}

void ng_reader_close(ng_reader *r)
{
	if (!r)
		return;
	close_warc(r);
	close_in(r);
	if (r->head_arena)
		ng_arena_destroy(r->head_arena);
	ng_free(r->how);
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
	return r->bytes + (r->warc ? ng_warc_bytes(r->warc) : 0) +
	       (r->in ? ng_instream_raw_bytes(r->in) : 0);
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
	close_in(r);
	if (r->f && r->f != stdin)
		fclose(r->f);
	r->f = NULL;
	r->path = NULL;
	r->len = r->pos = 0;
	r->eof = false;
	r->pending[0] = '\0';
}

/* Decoded bytes of the open file; 0 at its end. A decompression error ends
** the file early and is kept to be reported after its last record. */
static size_t src_read(ng_reader *r, void *p, size_t n)
{
	size_t got = ng_instream_read(r->in, p, n);
	if (got == 0 && ng_instream_error(r->in)[0] && !r->pending[0])
		snprintf(r->pending, sizeof r->pending, "%s: %s", r->path, ng_instream_error(r->in));
	return got;
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
	size_t got = 0, k;
	while (got < READ_CHUNK && (k = src_read(r, r->buf + r->len + got, READ_CHUNK - got)) > 0)
		got += k;
	r->len += got;
	if (got < READ_CHUNK)
		r->eof = true;
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
			if (*n > r->max_record) { /* a long line inside one read chunk */
				set_err(r, "%s:%lld: record of %zu bytes is over the limit of %zu bytes "
					   "(--max-bytes); skipped",
					r->path, (long long)r->line, *n, r->max_record);
				return NG_ELIMIT;
			}
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
	if (key_is(m, "date") && m->type == NG_JSON_NUMBER) {
		d->date = ng_doc_strndup(d, m->val, m->val_len); /* epoch seconds or milliseconds */
		return d->date ? NG_OK : NG_ELIMIT;
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

/* The record's date as ISO 8601; one that cannot be read moves to date_raw
** with a note in the record's errors. */
static ng_status norm_date(ng_reader *r, ng_doc *doc)
{
	if (!doc->date)
		return NG_OK;
	char iso[NG_DATE_MAX];
	const char *why;
	if (ng_date_iso(doc->date, strlen(doc->date), r->o.date_order, iso, &why) == NG_OK) {
		if (strcmp(iso, doc->date)) {
			char *c = ng_doc_strndup(doc, iso, strlen(iso));
			if (!c)
				return NG_ELIMIT;
			doc->date = c;
		}
		return NG_OK;
	}
	doc->date_raw = doc->date;
	doc->date = NULL;
	return ng_doc_add_error(doc, NG_EPARSE, -1, "reader",
				"date: '%.80s' is not a date we can read (%s); kept as date_raw",
				doc->date_raw, why);
}

/* "PATH:LINE" as the id of a record without one. */
static ng_status default_id(ng_reader *r, ng_doc *doc, int64_t line)
{
	if (doc->id)
		return NG_OK;
	char tmp[64];
	snprintf(tmp, sizeof tmp, ":%lld", (long long)line);
	size_t pl = strlen(r->path), tl = strlen(tmp);
	char *id = ng_arena_alloc(doc->arena, pl + tl + 1);
	if (!id)
		return NG_ELIMIT;
	memcpy(id, r->path, pl);
	memcpy(id + pl, tmp, tl + 1);
	doc->id = id;
	return NG_OK;
}

/* One JSON object `line[0..n)` (starting at file line `line`, byte `off`)
** into doc. */
static ng_status json_record(ng_reader *r, ng_doc *doc, const char *line, size_t n, int64_t line_no,
			     uint64_t off)
{
	ng_doc_reset(doc);
	rec_ctx c = {.doc = doc};
	size_t pos = 0;
	const char *msg = NULL;
	ng_status st = ng_json_parse_object(doc->arena, line, n, on_member, &c, &pos, &msg);
	if (st) {
		/* the line and column of the error inside a record that may span lines */
		int64_t ln = line_no;
		size_t col = pos + 1;
		for (size_t i = 0; i < pos && i < n; i++)
			if (line[i] == '\n')
				ln++, col = pos - i;
		set_err(r, "%s:%lld:%zu: %s; skipped", r->path, (long long)ln, col,
			msg ? msg : ng_strerror(st));
		return st == NG_ELIMIT ? NG_ELIMIT : NG_EPARSE;
	}
	if (c.key_bad || (!c.text && !c.html)) {
		set_err(r, "%s:%lld: %s; skipped", r->path, (long long)line_no,
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
	doc->source_line = line_no;
	if (default_id(r, doc, line_no) != NG_OK || norm_date(r, doc) != NG_OK)
		return NG_ELIMIT;
	doc->assigned = NG_F_RAW;
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
		return json_record(r, doc, line, n, r->line, off);
	}
}

/* ---- JSON: an object, an array of objects, or objects one after another */

/* Makes sure buf holds at least one unread byte; false at the end. */
static bool more(ng_reader *r, ng_status *st)
{
	if (r->pos < r->len)
		return true;
	if (r->eof)
		return false;
	*st = fill(r);
	return *st == NG_OK && r->pos < r->len;
}

/* Skips whitespace and the commas between values, counting lines. */
static ng_status json_skip_ws(ng_reader *r)
{
	ng_status st = NG_OK;
	while (more(r, &st)) {
		char c = r->buf[r->pos];
		if (c == '\n')
			r->line++;
		else if (c != ' ' && c != '\t' && c != '\r' && c != ',')
			return NG_OK;
		r->pos++;
	}
	return st;
}

/* The extent of the value starting at buf[pos]: an object or array to its
** matching bracket (strings and escapes respected), anything else to the
** next comma, bracket or whitespace. Returns NG_OK with the value at
** buf[pos..pos+*n), NG_ELIMIT after skipping one over the cap, NG_EPARSE when
** the file ends inside it. */
static ng_status json_value_extent(ng_reader *r, size_t *n, uint64_t *skipped)
{
	size_t i = 0;
	int depth = 0;
	bool in_str = false, esc = false, scalar = r->buf[r->pos] != '{' && r->buf[r->pos] != '[';
	*skipped = 0;
	for (;;) {
		while (r->pos + i < r->len) {
			char c = r->buf[r->pos + i];
			if (in_str) {
				if (esc)
					esc = false;
				else if (c == '\\')
					esc = true;
				else if (c == '"')
					in_str = false;
			} else if (c == '"') {
				in_str = true;
			} else if (scalar && (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' ||
					      c == '\t' || c == '\r')) {
				*n = i;
				return *skipped ? NG_ELIMIT : NG_OK;
			} else if (c == '{' || c == '[') {
				depth++;
			} else if ((c == '}' || c == ']') && --depth == 0 && !scalar) {
				*n = i + 1;
				return *skipped ? NG_ELIMIT : NG_OK;
			}
			i++;
		}
		if (r->eof) {
			*n = i;
			return scalar && !in_str && !*skipped ? NG_OK : NG_EPARSE;
		}
		if (i > r->max_record) {
			/* drop what we have of the value and keep scanning to its end */
			*skipped += i;
			r->file_off += r->len;
			r->pos = r->len = 0;
			i = 0;
		}
		ng_status st = fill(r);
		if (st)
			return st;
	}
}

static ng_status read_json(ng_reader *r, ng_doc *doc)
{
	for (;;) {
		if (r->jstate == J_END)
			return NG_DONE;
		ng_status st = json_skip_ws(r);
		if (st)
			return st;
		if (r->pos >= r->len) {
			if (r->jstate == J_ARRAY) {
				set_err(r, "%s:%lld: the JSON array is not closed at the end of the file",
					r->path, (long long)r->line + 1);
				r->jstate = J_END;
				return NG_EPARSE;
			}
			return NG_DONE;
		}
		char c = r->buf[r->pos];
		if (r->jstate == J_START && c == '[') {
			r->jstate = J_ARRAY;
			r->pos++;
			continue;
		}
		if (r->jstate == J_START)
			r->jstate = J_SEQ;
		if (c == ']' && r->jstate == J_ARRAY) {
			r->jstate = J_END;
			continue;
		}
		int64_t line = r->line + 1;
		uint64_t off = r->file_off + r->pos;
		size_t n = 0;
		uint64_t skipped = 0;
		st = json_value_extent(r, &n, &skipped);
		const char *v = r->buf + r->pos;
		for (size_t i = 0; i < n; i++)
			r->line += v[i] == '\n';
		r->pos += n;
		r->jn++;
		if (st == NG_OK && n > r->max_record) {
			skipped = n;
			n = 0;
			st = NG_ELIMIT;
		}
		if (st == NG_ELIMIT) {
			set_err(r, "%s:%lld: record of %llu bytes is over the limit of %zu bytes "
				   "(--max-bytes); skipped",
				r->path, (long long)line, (unsigned long long)(skipped + n), r->max_record);
			return NG_ELIMIT;
		}
		if (st == NG_EPARSE) {
			set_err(r, "%s:%lld: the JSON value that starts here is not closed at the end "
				   "of the file",
				r->path, (long long)line);
			r->jstate = J_END;
			return NG_EPARSE;
		}
		if (st)
			return st;
		if (v[0] != '{') {
			set_err(r, "%s:%lld: value %llu is not a JSON object (an article); skipped",
				r->path, (long long)line, (unsigned long long)r->jn);
			if (n == 0)
				r->pos++; /* a stray closing bracket: step over it */
			return NG_EPARSE;
		}
		return json_record(r, doc, v, n, line, off);
	}
}

/* ---- CSV and TSV: a header row, then one article a row (io/csv.c) */

/* The next row: NG_OK with buf[pos-*n .. pos) holding it, NG_DONE, NG_ELIMIT. */
static ng_status next_row(ng_reader *r, const char **row, size_t *n, uint64_t *off, int64_t *line)
{
	size_t at = 0;
	bool in_q = false;
	uint64_t skipped = 0;
	for (;;) {
		size_t end = ng_csv_row_end(r->buf + r->pos, r->len - r->pos, &at, &in_q);
		if (end || (r->eof && (r->pos < r->len || skipped))) {
			if (!end)
				end = r->len - r->pos;
			*row = r->buf + r->pos;
			*n = end;
			*off = r->file_off + r->pos;
			*line = r->line + 1;
			for (size_t i = 0; i < end; i++)
				r->line += (*row)[i] == '\n';
			r->pos += end;
			if (!skipped && end > r->max_record) { /* a long row inside one read chunk */
				skipped = end;
				end = 0;
			}
			if (skipped) {
				set_err(r, "%s:%lld: row of %llu bytes is over the limit of %zu bytes "
					   "(--max-bytes), or a quote is never closed; skipped",
					r->path, (long long)*line, (unsigned long long)(skipped + end),
					r->max_record);
				return NG_ELIMIT;
			}
			return NG_OK;
		}
		if (r->eof)
			return NG_DONE;
		if (at > r->max_record) {
			for (size_t i = 0; i < at; i++)
				r->line += r->buf[r->pos + i] == '\n';
			skipped += at;
			r->file_off += r->len;
			r->pos = r->len = 0;
			at = 0;
		}
		ng_status st = fill(r);
		if (st)
			return st;
	}
}

static const char **csv_meta(ng_doc *d, int field)
{
	switch (field) {
	case NG_CSV_TITLE: return &d->title;
	case NG_CSV_DATE: return &d->date;
	case NG_CSV_AUTHOR: return &d->author;
	case NG_CSV_SITE: return &d->site;
	case NG_CSV_LANG: return &d->lang;
	case NG_CSV_URL: return &d->source_url;
	default: return NULL;
	}
}

static ng_status read_csv(ng_reader *r, ng_doc *doc)
{
	char sep = r->cur_fmt == NG_IN_TSV ? '\t' : ',';
	for (;;) {
		const char *row;
		size_t n;
		uint64_t off;
		int64_t line;
		ng_status st = next_row(r, &row, &n, &off, &line);
		if (st)
			return st;
		size_t k = 0;
		while (k < n && (row[k] == ' ' || row[k] == '\t' || row[k] == '\r' || row[k] == '\n'))
			k++;
		if (k == n)
			continue;
		if (!r->head_arena) {
			char msg[400];
			r->head_arena = ng_arena_create(4096, (size_t)1 << 24);
			if (!r->head_arena)
				return NG_ENOMEM;
			if (ng_csv_split(r->head_arena, row, n, sep, &r->head) != NG_OK)
				return NG_ELIMIT;
			if (!ng_csv_map(&r->head, r->o.csv_columns, r->col, msg, sizeof msg)) {
				set_err(r, "%s:%lld: %s", r->path, (long long)line, msg);
				r->eof = true;
				r->pos = r->len;
				return NG_EIO; /* the whole file is unreadable */
			}
			continue;
		}
		ng_doc_reset(doc);
		ng_csv_row f;
		if (ng_csv_split(doc->arena, row, n, sep, &f) != NG_OK)
			return NG_ELIMIT;
		for (int k2 = 0; k2 < NG_CSV_NFIELDS; k2++) {
			int c = r->col[k2];
			if (c < 0 || (size_t)c >= f.n || (f.len[c] == 0 && k2 != NG_CSV_TEXT))
				continue;
			const char **m = csv_meta(doc, k2);
			if (m)
				*m = f.f[c];
			else if (k2 == NG_CSV_ID)
				doc->id = f.f[c];
			else if (k2 == NG_CSV_TEXT || (k2 == NG_CSV_HTML && !doc->raw)) {
				doc->raw = f.f[c];
				doc->raw_len = f.len[c];
				doc->raw_kind = k2 == NG_CSV_TEXT ? NG_RAW_TEXT : NG_RAW_HTML;
			}
		}
		if (!doc->raw) {
			set_err(r, "%s:%lld: the row has no %s column (%zu columns); skipped", r->path,
				(long long)line, r->col[NG_CSV_TEXT] >= 0 ? "text" : "html", f.n);
			return NG_EPARSE;
		}
		doc->source_path = ng_doc_strndup(doc, r->path, strlen(r->path));
		if (!doc->source_path || default_id(r, doc, line) != NG_OK)
			return NG_ELIMIT;
		doc->source_offset = (int64_t)off;
		doc->source_line = line;
		if (norm_date(r, doc) != NG_OK)
			return NG_ELIMIT;
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
	if (st == NG_OK && doc->date) {
		/* the crawl date is kept apart: the page's own date (the extract
		** stage reads it) is the article's */
		char iso[NG_DATE_MAX];
		const char *why;
		if (ng_date_iso(doc->date, strlen(doc->date), NG_DATE_DMY, iso, &why) == NG_OK)
			doc->crawled = ng_doc_strndup(doc, iso, strlen(iso));
		else
			doc->crawled = doc->date;
		doc->date = NULL;
		if (!doc->crawled)
			return NG_ELIMIT;
	}
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
	/* a byte-order mark in front of HTML converted to UTF-8, so that the
	** extract stage takes it as UTF-8 whatever its meta tag says */
	size_t bom = r->html_bom && r->cur_fmt == NG_IN_HTML ? 3 : 0;
	/* the unread part of the peek buffer, then the rest of the file */
	size_t have = r->len - r->pos;
	size_t cap = bom + have + READ_CHUNK;
	char *p = ng_arena_alloc(doc->arena, cap + 1);
	if (!p)
		return NG_ELIMIT;
	memcpy(p, "\xEF\xBB\xBF", bom);
	if (have)
		memcpy(p + bom, r->buf + r->pos, have);
	size_t n = bom + have;
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
				while ((got = src_read(r, tmp, sizeof tmp)) > 0)
					total += got;
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
		size_t got = src_read(r, p + n, cap - n);
		n += got;
		if (got == 0)
			r->eof = true;
	}
	if (n > r->max_record) {
		set_err(r, "%s: %zu bytes is over the limit of %zu bytes (--max-bytes); skipped", r->path, n,
			r->max_record);
		return NG_ELIMIT;
	}
	p[n] = '\0';
	if (n == bom) {
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

/* ---- opening a file: compression, encoding, binaries, format */

static bool looks_html(const char *b, size_t n)
{
	size_t m = n < 2048 ? n : 2048;
	for (size_t i = 0; i + 5 <= m; i++)
		if (b[i] == '<' && (!strncasecmp(b + i, "<html", 5) ||
				    (i + 9 <= m && !strncasecmp(b + i, "<!doctype", 9)) ||
				    (i + 5 <= m && !strncasecmp(b + i, "<head", 5)) ||
				    (i + 5 <= m && !strncasecmp(b + i, "<body", 5))))
			return true;
	return false;
}

/* Not text: NUL bytes, or many bytes that are not UTF-8, in the first 4 KiB. */
static bool looks_binary(const char *b, size_t n)
{
	size_t m = n < 4096 ? n : 4096, bad = 0;
	if (memchr(b, '\0', m))
		return true;
	for (size_t i = 0; i < m;) {
		int32_t cp;
		size_t l = (unsigned char)b[i] < 0x80 ? 1 : ng_utf8_decode((const unsigned char *)b + i, m - i, &cp);
		if (!l) {
			bad++;
			l = 1;
		}
		i += l;
	}
	return bad * 20 > m; /* more than 5%: not even text in a legacy charset */
}

/* JSON Lines or JSON: an object whose first line closes it is JSON Lines. */
static ng_input_format json_kind(const char *b, size_t n, size_t k)
{
	if (k < n && b[k] == '[')
		return NG_IN_JSON;
	const char *nl = memchr(b + k, '\n', n - k);
	size_t e = nl ? (size_t)(nl - b) : n;
	while (e > k && (b[e - 1] == ' ' || b[e - 1] == '\t' || b[e - 1] == '\r'))
		e--;
	return e > k && b[e - 1] == '}' ? NG_IN_JSONL : NG_IN_JSON;
}

/* Passes over the open file: counted (a walk) or an error (a named file). */
static ng_status pass_over(ng_reader *r, unsigned char how, bool binary, const char *why)
{
	r->cur_skip = true;
	if (how != P_NAMED) {
		skip_file(r, r->path, binary ? &r->counts.skipped_binary : &r->counts.skipped_other, why);
		return NG_OK;
	}
	set_err(r, "%s: %s, not an article; skipped", r->path, why);
	return NG_EPARSE;
}

/* Opens the next path; decides its format (peeking when auto). */
static ng_status open_next(ng_reader *r)
{
	unsigned char how = r->how[r->next_path];
	const char *p = r->paths[r->next_path++];
	r->path = p;
	r->line = 0;
	r->file_off = 0;
	r->cur_done = r->cur_skip = r->html_bom = false;
	r->len = r->pos = 0;
	r->eof = false;
	r->jstate = J_START;
	r->jn = 0;
	if (r->head_arena) {
		ng_arena_destroy(r->head_arena);
		r->head_arena = NULL;
	}
	if (!strcmp(p, "-")) {
		r->f = stdin;
	} else {
		r->f = fopen(p, "rb");
		if (!r->f) {
			set_err(r, "%s: %s", p, strerror(errno));
			return NG_EIO;
		}
	}
	if (!r->buf) {
		r->buf = ng_malloc(2 * READ_CHUNK);
		if (!r->buf)
			return NG_ENOMEM;
		r->alloc = 2 * READ_CHUNK;
	}
	/* the raw start: a web archive (plain or gzip) is io/warc.c's */
	r->len = fread(r->buf, 1, PEEK, r->f);
	if (r->len < PEEK && ferror(r->f)) {
		set_err(r, "%s: read error: %s", p, strerror(errno));
		return NG_EIO;
	}
	ng_input_format by_name = format_of(p);
	if (r->fmt == NG_IN_WARC ||
	    (r->fmt == NG_IN_AUTO && (by_name == NG_IN_WARC || ng_warc_sniff(r->buf, r->len)))) {
		r->cur_fmt = NG_IN_WARC;
		r->counts.files++;
		return NG_OK;
	}
	ng_zkind z = ng_zsniff(r->buf, r->len);
	r->in = ng_instream_open(r->f, z, r->buf, r->len);
	if (!r->in)
		return NG_ENOMEM;
	r->len = 0;
	ng_status st = fill(r);
	if (st)
		return st;
	size_t bom = 0;
	ng_textenc enc = ng_textenc_sniff(r->buf, r->len, &bom);
	if (enc != NG_ENC_UTF8) {
		if (!ng_instream_unread(r->in, r->buf, r->len, bom, enc))
			return NG_ENOMEM;
		r->len = 0;
		r->eof = false;
		if ((st = fill(r)) != NG_OK)
			return st;
		r->html_bom = true;
	} else if (bom) {
		r->pos = bom;
		r->html_bom = true;
	}
	const char *b = r->buf + r->pos;
	size_t n = r->len - r->pos;
	const char *magic = ng_binary_magic(b, n);
	if (magic)
		return pass_over(r, how, true, magic);
	if (z != NG_Z_NONE && ng_warc_sniff(b, n)) {
		set_err(r, "%s: a web archive compressed with %s is not read: decompress it, or "
			   "compress it with gzip",
			p, ng_zname(z));
		r->cur_skip = true;
		return NG_EPARSE;
	}
	size_t k = 0;
	while (k < n && (b[k] == ' ' || b[k] == '\n' || b[k] == '\r' || b[k] == '\t'))
		k++;
	if (how == P_NOEXT && looks_binary(b, n))
		return pass_over(r, how, true, "binary data");
	if (how == P_OTHER && !looks_html(b + k, n - k)) {
		const char *ext;
		char why[96];
		format_of_ext(p, &ext);
		snprintf(why, sizeof why, "not an article: unknown extension %.40s", ext ? ext : "");
		return pass_over(r, how, false, why);
	}
	r->cur_fmt = r->fmt != NG_IN_AUTO ? r->fmt : by_name;
	if (r->cur_fmt == NG_IN_JSON || r->cur_fmt == NG_IN_AUTO) {
		if (k < n && (b[k] == '{' || b[k] == '['))
			r->cur_fmt = json_kind(b, n, k);
		else if (r->cur_fmt == NG_IN_AUTO)
			r->cur_fmt = k < n && b[k] == '<' ? NG_IN_HTML : NG_IN_TEXT;
	}
	r->counts.files++;
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
		if (r->cur_skip) {
			st = NG_DONE;
		} else if (r->cur_fmt == NG_IN_JSONL) {
			st = read_jsonl(r, doc);
		} else if (r->cur_fmt == NG_IN_JSON) {
			st = read_json(r, doc);
		} else if (r->cur_fmt == NG_IN_CSV || r->cur_fmt == NG_IN_TSV) {
			st = read_csv(r, doc);
		} else if (r->cur_fmt == NG_IN_WARC) {
			st = read_warc(r, doc);
		} else if (r->cur_done) {
			st = NG_DONE;
		} else {
			st = read_whole(r, doc);
		}
		if (st == NG_DONE && r->pending[0]) {
			/* the records before a decompression error are in; now the error */
			set_err(r, "%s; the rest of the file is lost", r->pending);
			st = NG_EIO;
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
