/*
** store.c -- opening and closing a newsgraph store, its error messages,
** the content hash that identifies an article, and row counts.
**
** Opening checks the file's schema version (schema.c) before anything is
** written: a file that is refused (someone else's database, another
** version) is left exactly as it was, journal mode included. A new file
** gets the WAL journal and the schema. A store opened read-only in a
** directory this process cannot write to (read-only media) is opened
** immutable, since WAL readers need to create the -shm file otherwise.
** Adding documents is add.c; the schema is schema.c.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_int.h"

void ng_store_set_err(ng_store *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
	va_end(ap);
}

ng_status ng_store_sql_err(ng_store *s, const char *what)
{
	int rc = sqlite3_errcode(s->db);
	s->sql_failed = true;
	ng_store_set_err(s, "%s: %s", what, sqlite3_errmsg(s->db));
	switch (rc & 0xff) {
	case SQLITE_NOMEM:
		return NG_ENOMEM;
	case SQLITE_FULL:
	case SQLITE_TOOBIG:
		return NG_ELIMIT;
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_RANGE:
		return NG_EINTERNAL;
	default:
		return NG_EIO;
	}
}

ng_status ng_store_exec(ng_store *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		ng_store_set_err(s, "%s", msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return NG_EIO;
	}
	return NG_OK;
}

const char *ng_store_errmsg(const ng_store *s)
{
	return s ? s->errmsg : "no store";
}

int64_t ng_store_int64(ng_store *s, const char *sql, int *ok)
{
	sqlite3_stmt *st = NULL;
	int64_t v = 0;
	*ok = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		*ok = 1;
	}
	if (sqlite3_finalize(st) != SQLITE_OK)
		*ok = 0;
	return v;
}

/* Whether the directory holding `path` can take new files (the -wal and
** -shm files of a WAL database). */
static bool dir_writable(const char *path)
{
	size_t n = strlen(path);
	char *dir = ng_malloc(n + 2);
	if (!dir)
		return true;
	memcpy(dir, path, n + 1);
	char *slash = strrchr(dir, '/');
	if (!slash)
		memcpy(dir, ".", 2);
	else if (slash == dir)
		dir[1] = 0;
	else
		*slash = 0;
	bool ok = access(dir, W_OK) == 0;
	ng_free(dir);
	return ok;
}

/* "file:PATH?immutable=1" with PATH percent-encoded (a URI filename), for
** a read-only store on storage this process cannot write; NULL when out of
** memory. */
static char *immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *u = ng_malloc(n * 3 + 32);
	if (!u)
		return NULL;
	char *o = u;
	memcpy(o, "file:", 5);
	o += 5;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	memcpy(o, "?immutable=1", 13);
	return u;
}

/* Opens the SQLite connection: read-write (creating the file when asked),
** read-only, or read-only immutable when the store's directory cannot be
** written and no -wal file holds changes not yet in the file. */
static int open_db(ng_store *s, const char *path, unsigned flags)
{
	int oflags = s->readonly ? SQLITE_OPEN_READONLY
				 : SQLITE_OPEN_READWRITE | ((flags & NG_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (s->readonly && !dir_writable(path)) {
		char wal[4096];
		struct stat wb;
		int l = snprintf(wal, sizeof wal, "%s-wal", path);
		bool pending = l > 0 && (size_t)l < sizeof wal && stat(wal, &wb) == 0 && wb.st_size > 0;
		char *uri = pending ? NULL : immutable_uri(path);
		if (uri) {
			int rc = sqlite3_open_v2(uri, &s->db, oflags | SQLITE_OPEN_URI, NULL);
			ng_free(uri);
			return rc;
		}
	}
	return sqlite3_open_v2(path, &s->db, oflags, NULL);
}

/* The connection's settings, then the schema: checked before anything is
** written, created on a new file. */
static ng_status setup(ng_store *s, const char *path)
{
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 10000);
	ng_status st = ng_store_add_functions(s->db);
	if (st == NG_OK)
		st = ng_store_add_snippets(s);
	if (st)
		ng_store_set_err(s, "cannot register SQL functions: %s", sqlite3_errmsg(s->db));
	if (st == NG_OK)
		st = ng_store_exec(s, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;"
				      "PRAGMA temp_store = MEMORY");
	bool fresh = false;
	if (st == NG_OK)
		st = ng_store_schema_check(s, path, &fresh);
	if (st == NG_OK && !s->readonly)
		st = ng_store_exec(s, "PRAGMA journal_mode = WAL");
	/* the writer re-reads its B-trees' upper pages at every batch: 32 MB.
	** A reader keeps SQLite's 2 MB, recycled: a query that reads 1,500
	** pages of the file (the OS caches it) took twice the time with 32 MB,
	** most of it in faulting in fresh memory for each page */
	if (st == NG_OK && !s->readonly)
		st = ng_store_exec(s, "PRAGMA cache_size = -32768");
	if (st == NG_OK && fresh)
		st = ng_store_schema_create(s, path);
	return st;
}

ng_store *ng_store_open(const char *path, unsigned flags, char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = 0;
	if (!path || !*path) {
		if (err)
			snprintf(err, errlen, "no database path given");
		return NULL;
	}
	struct stat sb;
	bool exists = stat(path, &sb) == 0;
	if (exists && S_ISDIR(sb.st_mode)) {
		if (err)
			snprintf(err, errlen, "%s: is a directory, not a database file", path);
		return NULL;
	}
	if (!exists && (!(flags & NG_STORE_CREATE) || (flags & NG_STORE_READONLY))) {
		if (err)
			snprintf(err, errlen, "%s: no such database", path);
		return NULL;
	}
	ng_store *s = ng_calloc(1, sizeof *s);
	if (!s) {
		if (err)
			snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	s->readonly = (flags & NG_STORE_READONLY) != 0;
	s->batch = 2048;
	s->step_limit = NG_QUERY_STEP_LIMIT;
	s->ms_limit = NG_QUERY_MS_LIMIT;
	/* SQLite's allocation counters take a global lock on every malloc; we
	** never read them. Only possible before SQLite initializes: later (a
	** host program opened a database first) this is refused and harmless. */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (open_db(s, path, flags) != SQLITE_OK) {
		if (err)
			snprintf(err, errlen, "%s: cannot open: %s", path,
				 s->db ? sqlite3_errmsg(s->db) : "out of memory");
		sqlite3_close(s->db);
		ng_free(s);
		return NULL;
	}
	ng_status st = setup(s, path);
	if (st) {
		if (err) {
			/* SQLite's own messages do not name the file */
			if (strncmp(s->errmsg, path, strlen(path)) == 0)
				snprintf(err, errlen, "%s", s->errmsg);
			else
				snprintf(err, errlen, "%s: %s", path, s->errmsg);
		}
		sqlite3_close(s->db);
		ng_free(s);
		return NULL;
	}
	return s;
}

ng_status ng_store_close(ng_store *s)
{
	if (!s)
		return NG_OK;
	ng_status st = ng_store_commit(s);
	ng_store_add_free(s);
	/* planner statistics (sampled: cheap even on big files) after changes */
	if (!s->readonly && s->changed && st == NG_OK)
		(void)sqlite3_exec(s->db, "PRAGMA analysis_limit = 400; ANALYZE", NULL, NULL, NULL);
	if (sqlite3_close(s->db) != SQLITE_OK && st == NG_OK)
		st = NG_EIO;
	ng_free(s->stages);
	ng_free(s);
	return st;
}

void ng_store_set_query_limit(ng_store *s, uint64_t steps, unsigned ms)
{
	if (s) {
		s->step_limit = steps;
		s->ms_limit = ms;
	}
}

unsigned ng_store_pending(const ng_store *s)
{
	return s && s->in_txn ? s->pending : 0;
}

void ng_store_set_batch(ng_store *s, unsigned batch)
{
	if (s)
		s->batch = batch ? batch : 1;
}

ng_status ng_store_set_stages(ng_store *s, const char *stages)
{
	if (!s)
		return NG_EUSAGE;
	char *copy = ng_strdup(stages ? stages : "");
	if (!copy)
		return NG_ENOMEM;
	ng_free(s->stages);
	s->stages = copy;
	return NG_OK;
}

void ng_store_doc_hash(const ng_doc *doc, char out[33])
{
	ng_sha256 c;
	unsigned char h[32];
	ng_sha256_init(&c);
	if (doc->source_url && *doc->source_url) {
		ng_sha256_update(&c, "url\n", 4);
		ng_sha256_update(&c, doc->source_url, strlen(doc->source_url));
		ng_sha256_update(&c, "\n", 1);
	}
	ng_sha256_update(&c, "text\n", 5);
	if (doc->text)
		ng_sha256_update(&c, doc->text, doc->text_len);
	ng_sha256_final(&c, h);
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[32] = 0;
}

ng_status ng_store_count(ng_store *s, ng_store_counts *c)
{
	if (!s || !c)
		return NG_EUSAGE;
	static const char *const tables[] = {"articles", "sentences", "entities", "mentions",
					     "quotes", "events", "links"};
	int64_t *out[] = {&c->articles, &c->sentences, &c->entities, &c->mentions,
			  &c->quotes, &c->events, &c->links};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[64];
		int ok;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
		*out[i] = ng_store_int64(s, sql, &ok);
		if (!ok)
			return ng_store_sql_err(s, "counting rows");
	}
	return NG_OK;
}
