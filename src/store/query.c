/*
** query.c -- the questions `newsgraph query` asks a store; their rows go
** to the caller's callback as typed values.
**
** Each query is one SQL statement assembled from fixed fragments (which
** fragments depend only on which options are given) and run as a prepared
** statement with every user value bound as a parameter. User words are
** turned into FTS5 phrases ("word" with quotes doubled), so punctuation in
** a name cannot break the FTS5 syntax. Rows are handed over with SQLite's
** types (integer, real, text, null); ng_row_json() writes one as JSON.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "core/sort.h"
#include "io/json.h"
#include "store/store_int.h"

#define DEFAULT_LIMIT 20
#define MAX_LIMIT 1000000
#define MAX_SQL 4096
#define MAX_PARAMS 16

/* The next whitespace-separated word at or after *p: its start, its end in
** *p; NULL when there is none. The FTS5 phrases and ng_has_words() split
** the user's words here alike. */
static const char *next_word(const char **p)
{
	const char *c = *p;
	while (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r')
		c++;
	const char *w = c;
	while (*c && *c != ' ' && *c != '\t' && *c != '\n' && *c != '\r')
		c++;
	*p = c;
	return c == w ? NULL : w;
}

/* Appends `words` to `b` as FTS5 phrases, each behind `prefix` (a column
** filter like "speaker : " or ""), joined by spaces (AND). Returns the
** number of phrases. */
static int fts_phrases(ng_outbuf *b, const char *words, const char *prefix, ng_status *st)
{
	int n = 0;
	const char *p = words, *w;
	while (*st == NG_OK && (w = next_word(&p)) != NULL) {
		if (b->len)
			*st = ng_buf_append(b, " ", 1);
		if (*st == NG_OK && *prefix)
			*st = ng_buf_append(b, prefix, strlen(prefix));
		if (*st == NG_OK)
			*st = ng_buf_append(b, "\"", 1);
		for (const char *c = w; *st == NG_OK && c < p; c++)
			*st = ng_buf_append(b, *c == '"' ? "\"\"" : c, 1 + (*c == '"'));
		if (*st == NG_OK)
			*st = ng_buf_append(b, "\"", 1);
		n++;
	}
	return n;
}

/* ---- id sets
**
** The rowids an FTS5 match gives, read once into a sorted array and bound to
** the query as a pointer (sqlite3_bind_pointer), where ng_in_ids(set, id)
** and ng_ids_between(set, lo, hi) test membership by binary search. A walk
** over a date index then tests each row it passes without reading anything
** else, where `x IN (SELECT rowid FROM fts ...)` first builds a temporary
** B-tree of every match (53,720 for "Trump" on 100k articles: a malloc per
** id, half of the query's time). SQL outside this file cannot make such a
** pointer: there both functions return NULL. */
#define IDSET_TYPE "ng_idset"
#define IDSET_MAX ((size_t)1 << 22) /* ids (32 MB); more: the subquery plan */

typedef struct idset {
	sqlite3_int64 *id; /* ascending */
	size_t n, cap;
} idset;

static inline bool id_less(const sqlite3_int64 *a, const sqlite3_int64 *b)
{
	return *a < *b;
}
NG_SORT_DEFINE(sort_ids, sqlite3_int64, id_less)

/* True when the set holds an id from lo to hi. */
static bool idset_any(const idset *set, sqlite3_int64 lo, sqlite3_int64 hi)
{
	size_t a = 0, b = set->n;
	while (a < b) { /* the first id >= lo */
		size_t mid = a + (b - a) / 2;
		if (set->id[mid] < lo)
			a = mid + 1;
		else
			b = mid;
	}
	return a < set->n && set->id[a] <= hi;
}

/* ng_in_ids(set, id) and ng_ids_between(set, lo, hi) */
static void ids_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const idset *set = sqlite3_value_pointer(argv[0], IDSET_TYPE);
	if (!set || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_int64 lo = sqlite3_value_int64(argv[1]);
	sqlite3_int64 hi = argc > 2 ? sqlite3_value_int64(argv[argc - 1]) : lo;
	sqlite3_result_int(ctx, idset_any(set, lo, hi));
}

/* Adds v to the set, growing it up to IDSET_MAX (NG_ELIMIT past it). */
static ng_status idset_push(idset *set, sqlite3_int64 v)
{
	if (set->n == set->cap) {
		if (set->cap >= IDSET_MAX)
			return NG_ELIMIT;
		size_t cap = set->cap ? 2 * set->cap : 4096;
		sqlite3_int64 *p = ng_realloc(set->id, cap * sizeof *p);
		if (!p)
			return NG_ENOMEM;
		set->id = p;
		set->cap = cap;
	}
	set->id[set->n++] = v;
	return NG_OK;
}

/* Adds the article ids of a posting list (JSON [[article, mentions], ...]):
** the first number of each inner array. */
static ng_status idset_push_list(idset *set, const char *c)
{
	ng_status res = NG_OK;
	int depth = 0;
	for (; c && *c && res == NG_OK; c++) {
		if (*c == ']') {
			depth--;
		} else if (*c == '[' && ++depth == 2 && c[1] >= '0' && c[1] <= '9') {
			sqlite3_int64 v = 0;
			while (c[1] >= '0' && c[1] <= '9' && v < ((sqlite3_int64)1 << 58))
				v = v * 10 + (*++c - '0');
			res = idset_push(set, v);
		}
	}
	return res;
}

/* Runs `sql` (one parameter, `expr`) and reads into `set` the integer of
** each row, or with `lists` the article ids of each row's posting list;
** sorted, each once. NG_ELIMIT past IDSET_MAX (the caller falls back to a
** subquery). */
static ng_status idset_read(ng_store *s, idset *set, const char *sql, const char *expr,
			    bool lists)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return ng_store_sql_err(s, "preparing a look-up");
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	ng_status res = NG_OK;
	bool sorted = true;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t n = set->n;
		res = lists ? idset_push_list(set, (const char *)sqlite3_column_text(st, 0))
			    : idset_push(set, sqlite3_column_int64(st, 0));
		for (size_t i = n ? n : 1; i < set->n && sorted; i++)
			sorted = set->id[i - 1] < set->id[i];
		if (res)
			break;
	}
	if (res == NG_OK && rc != SQLITE_DONE) {
		ng_store_set_err(s, "bad search expression: %s", sqlite3_errmsg(s->db));
		res = NG_EIO;
	}
	sqlite3_finalize(st);
	if (res == NG_ENOMEM)
		ng_store_set_err(s, "out of memory");
	if (res == NG_OK && !sorted) { /* FTS5 gives rowids in order, several lists do not */
		sort_ids(set->id, set->n);
		size_t k = 1;
		for (size_t i = 1; i < set->n; i++)
			if (set->id[i] != set->id[k - 1])
				set->id[k++] = set->id[i];
		set->n = k;
	}
	return res;
}

/* The quote ids whose speaker matches `expr` (quotes_fts). */
static ng_status idset_read_speakers(ng_store *s, idset *set, const char *expr)
{
	return idset_read(s, set, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?1", expr,
			  false);
}

/* The article ids of the posting lists of the entities matching `expr`,
** parsed here: json_each() took ~1 us an entry, 20 ms for the 21,800
** articles of "Trump" on 100k articles. */
static ng_status idset_read_postings(ng_store *s, idset *set, const char *expr)
{
	return idset_read(s, set,
			  "SELECT articles FROM entity_postings WHERE entity_id IN"
			  " (SELECT rowid FROM entities_fts WHERE entities_fts MATCH ?1)",
			  expr, true);
}

/* A statement under construction: SQL text and the values to bind. */
typedef struct qbuild {
	char sql[MAX_SQL];
	size_t len;
	const char *params[MAX_PARAMS];
	const struct idset *sets[MAX_PARAMS]; /* bound as pointers when set */
	ng_outbuf owned[MAX_PARAMS]; /* FTS expressions we built */
	int n_owned;
	idset idsets[2]; /* id sets we read, bound through sets[] */
	int n_idsets;
	int n;
	long limit;
	bool overflow;
} qbuild;

static void sql_add(qbuild *q, const char *s)
{
	size_t l = strlen(s);
	if (q->len + l + 1 > sizeof q->sql) {
		q->overflow = true;
		return;
	}
	memcpy(q->sql + q->len, s, l + 1);
	q->len += l;
}

/* Adds a parameter and returns its number as "?N" text in `out`. */
static const char *param(qbuild *q, const char *value, char out[16])
{
	if (q->n >= MAX_PARAMS) {
		q->overflow = true;
		return "NULL";
	}
	q->params[q->n++] = value;
	snprintf(out, 16, "?%d", q->n);
	return out;
}

static void sql_param(qbuild *q, const char *before, const char *value, const char *after)
{
	char p[16];
	sql_add(q, before);
	sql_add(q, param(q, value, p));
	sql_add(q, after);
}

/* The same for an id set, bound as a pointer. */
static void sql_set(qbuild *q, const char *before, const idset *set, const char *after)
{
	char p[16];
	sql_add(q, before);
	const char *name = param(q, NULL, p);
	if (q->n > 0 && name == p)
		q->sets[q->n - 1] = set;
	sql_add(q, name);
	sql_add(q, after);
}

/* A new id set owned by `q`; NULL past the two it holds. */
static idset *new_idset(qbuild *q)
{
	if (q->n_idsets >= (int)(sizeof q->idsets / sizeof q->idsets[0]))
		return NULL;
	return &q->idsets[q->n_idsets++];
}

/* An FTS5 expression from `words` kept in q->owned; NULL when it has no words. */
static const char *fts_param(qbuild *q, const char *words, const char *prefix, ng_status *st)
{
	if (q->n_owned >= MAX_PARAMS) {
		q->overflow = true;
		return NULL;
	}
	ng_outbuf *b = &q->owned[q->n_owned++];
	b->cap = (size_t)1 << 16;
	int n = fts_phrases(b, words, prefix, st);
	if (*st == NG_OK)
		*st = ng_buf_append(b, "", 1); /* NUL */
	if (*st != NG_OK || n == 0)
		return NULL;
	return b->data;
}

static void qbuild_free(qbuild *q)
{
	for (int i = 0; i < MAX_PARAMS; i++)
		ng_outbuf_free(&q->owned[i]);
	for (int i = 0; i < q->n_idsets; i++)
		ng_free(q->idsets[i].id);
}

/* Runs the counting statement in `cq` (its params bound); -1 on error. */
static long prefetch_count(ng_store *s, qbuild *cq)
{
	sqlite3_stmt *st = NULL;
	long n = -1;
	if (cq->overflow || sqlite3_prepare_v2(s->db, cq->sql, (int)cq->len, &st, NULL) != SQLITE_OK)
		return -1;
	for (int i = 0; i < cq->n; i++)
		sqlite3_bind_text(st, i + 1, cq->params[i], -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Matches beyond which a filtered query walks a date-ordered index from the
** newest row and stops at the limit, instead of collecting every match and
** sorting: many matches make the walk short, few make the collection cheap. */
#define DENSE_MATCHES 2000
/* The same for articles whose quotes are then checked one by one
** (ng_has_words(), ~1 us each; some 10-20 quotes per article) */
#define SPARSE_ARTICLES 300

/* ---- rows */

/* One row as a JSON object into `b`. */
ng_status ng_row_json(const ng_row *row, ng_outbuf *b)
{
	if (!row || !b)
		return NG_EUSAGE;
	ng_status s = ng_buf_append(b, "{", 1);
	for (size_t i = 0; i < row->n && s == NG_OK; i++) {
		const char *name = row->names[i];
		const ng_value *v = &row->values[i];
		if (i)
			s = ng_buf_append(b, ",", 1);
		if (s == NG_OK)
			s = ng_json_str(b, name, strlen(name));
		if (s == NG_OK)
			s = ng_buf_append(b, ":", 1);
		if (s)
			break;
		switch (v->type) {
		case NG_VALUE_INT:
			s = ng_json_int(b, v->i);
			break;
		case NG_VALUE_REAL: {
			char num[40];
			int l = snprintf(num, sizeof num, "%.17g", v->r);
			s = ng_buf_append(b, num, (size_t)l);
			break;
		}
		case NG_VALUE_NULL:
			s = ng_buf_append(b, "null", 4);
			break;
		default:
			s = ng_json_str(b, v->text ? v->text : "", v->text ? v->len : 0);
			break;
		}
	}
	if (s == NG_OK)
		s = ng_buf_append(b, "}\n", 2);
	return s;
}

/* The current row of `st` as typed values (blobs as text). */
static void read_row(sqlite3_stmt *st, ng_value *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int c = (int)i;
		switch (sqlite3_column_type(st, c)) {
		case SQLITE_INTEGER:
			v[i] = (ng_value){.type = NG_VALUE_INT, .i = sqlite3_column_int64(st, c)};
			v[i].text = (const char *)sqlite3_column_text(st, c);
			v[i].len = (size_t)sqlite3_column_bytes(st, c);
			break;
		case SQLITE_FLOAT:
			v[i] = (ng_value){.type = NG_VALUE_REAL, .r = sqlite3_column_double(st, c)};
			break;
		case SQLITE_NULL:
			v[i] = (ng_value){.type = NG_VALUE_NULL};
			break;
		default:
			v[i] = (ng_value){.type = NG_VALUE_TEXT,
					  .text = (const char *)sqlite3_column_text(st, c)};
			v[i].len = (size_t)sqlite3_column_bytes(st, c);
			if (!v[i].text)
				v[i] = (ng_value){.type = NG_VALUE_NULL}; /* out of memory */
			break;
		}
	}
}

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

#define PROGRESS_EVERY 100 /* VM steps between two calls of the handler */

/* SQLite's progress handler: stops the query past its bounds. */
static int progress(void *ctx)
{
	ng_store *s = ctx;
	s->query_steps += PROGRESS_EVERY;
	if ((s->step_limit && s->query_steps + s->query_work > s->step_limit) ||
	    (s->ms_limit && now_ns() - s->query_start_ns > (int64_t)s->ms_limit * 1000000)) {
		s->query_stopped = true;
		return 1;
	}
	return 0;
}

static ng_status run_query(ng_store *s, qbuild *q, ng_row_fn fn, void *ctx, long *rows)
{
	if (q->overflow) {
		ng_store_set_err(s, "query too long");
		return NG_ELIMIT;
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, q->sql, (int)q->len, &st, NULL) != SQLITE_OK)
		return ng_store_sql_err(s, "preparing the query");
	for (int i = 0; i < q->n; i++) {
		if (q->sets[i])
			sqlite3_bind_pointer(st, i + 1, (void *)q->sets[i], IDSET_TYPE, NULL);
		else
			sqlite3_bind_text(st, i + 1, q->params[i], -1, SQLITE_STATIC);
	}
	ng_status res = NG_OK;
	size_t cols = (size_t)sqlite3_column_count(st);
	const char **names = ng_calloc(cols ? cols : 1, sizeof *names);
	ng_value *vals = ng_calloc(cols ? cols : 1, sizeof *vals);
	if (!names || !vals)
		res = NG_ENOMEM;
	ng_row row = {cols, names, vals};
	long n = 0;
	int rc = SQLITE_DONE;
	while (res == NG_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		/* names after the step: a statement re-prepared by its first
		** step (bound values choose its plan) frees the earlier ones */
		for (size_t i = 0; i < cols; i++)
			names[i] = sqlite3_column_name(st, (int)i) ? sqlite3_column_name(st, (int)i) : "";
		read_row(st, vals, cols);
		res = fn(ctx, &row);
		if (res && !s->errmsg[0])
			ng_store_set_err(s, "%s", res == NG_EIO ? "write error" : ng_strerror(res));
	}
	if (res == NG_OK && rc != SQLITE_DONE && s->query_stopped) {
		ng_store_set_err(s, "stopped after %llu steps and %.1f s, past the query's bound (%llu "
				    "steps, %u ms): ask a narrower question (more words, a date range, "
				    "a smaller --limit)",
				 (unsigned long long)(s->query_steps + s->query_work),
				 (double)(now_ns() - s->query_start_ns) / 1e9,
				 (unsigned long long)s->step_limit, s->ms_limit);
		res = NG_ELIMIT;
	} else if (res == NG_OK && rc != SQLITE_DONE) {
		const char *m = sqlite3_errmsg(s->db);
		if (strstr(m, "fts5") || strstr(m, "syntax"))
			ng_store_set_err(s, "bad search expression: %s", m);
		else
			ng_store_set_err(s, "running the query: %s", m);
		res = NG_EIO;
	}
	if (res == NG_ENOMEM)
		ng_store_set_err(s, "out of memory");
	/* exact, where the handler's count moves by PROGRESS_EVERY */
	s->query_steps = (uint64_t)sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 0);
	ng_free(names);
	ng_free(vals);
	sqlite3_finalize(st);
	if (rows)
		*rows = n;
	return res;
}

/* ---- the queries */

static ng_status q_search(ng_store *s, const ng_query *qq, qbuild *q)
{
	ng_status st = NG_OK;
	const char *expr = qq->text ? fts_param(q, qq->text, "", &st) : NULL;
	if (st)
		return st;
	if (!expr) {
		ng_store_set_err(s, "search needs some words to look for");
		return NG_EUSAGE;
	}
	q->n = 0;
	char p[16], lim[64];
	/* snippets for the page of results only (the ranking alone is cheap),
	** and snippet() only where its cost, the square of the hits, is small */
	const char *e = param(q, expr, p);
	snprintf(lim, sizeof lim, " ORDER BY rank LIMIT %ld)", qq->limit ? qq->limit : DEFAULT_LIMIT);
	sql_add(q, "SELECT a.id AS article, a.date, a.title,"
		   " CASE WHEN ng_hits(articles_fts) <= " QUOTE_ID_STR(NG_SNIPPET_MAX_HITS)
		   " THEN snippet(articles_fts, 1, '[', ']', '...', 10)"
		   " ELSE ng_snippet(articles_fts, 1, '[', ']', '...', 10) END AS snippet"
		   " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
		   " WHERE articles_fts MATCH ");
	sql_add(q, e);
	sql_add(q, " AND articles_fts.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ");
	sql_add(q, e);
	sql_add(q, lim);
	sql_add(q, " ORDER BY rank");
	return NG_OK;
}

/* ---- ng_has_words(text, words): the check behind `quotes --text` */

/* Folds `s` as FTS5's default tokenizer (unicode61) does: tokens are runs
** of letters, digits and private-use characters, case-folded, accents
** removed; each written to `b` with a space before and after (" a b "), so a
** phrase is a substring. NG_ELIMIT past the buffer's cap. */
static ng_status fold_tokens(ng_outbuf *b, const char *s, size_t n)
{
	/* ASCII bytes give at most two bytes each (a letter and a space) */
	ng_status st = ng_buf_reserve(b, 2 * n + 2);
	if (st)
		return st;
	char *o = b->data + b->len;
	*o++ = ' ';
	bool in_token = false;
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) { /* the common case, no table look-up */
			i++;
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c + 32);
			bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
			if (word)
				*o++ = (char)c;
			else if (in_token)
				*o++ = ' ';
			in_token = word;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(n - i), &cp);
		utf8proc_category_t cat = k > 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
		i += k > 0 ? (size_t)k : 1; /* not UTF-8: a separator */
		bool mark = cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
			    cat == UTF8PROC_CATEGORY_ME;
		if (mark && in_token)
			continue; /* a combining accent: removed, the token goes on */
		bool word = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
			    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
			    cat == UTF8PROC_CATEGORY_CO;
		if (!word) {
			if (in_token)
				*o++ = ' ';
			in_token = false;
			continue;
		}
		utf8proc_int32_t out[16];
		int last = 0;
		utf8proc_ssize_t m = utf8proc_decompose_char(
			cp, out, 16, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &last);
		if (m < 0 || m > 16)
			m = 0;
		/* room for this character's folding and what the rest may need */
		b->len = (size_t)(o - b->data);
		st = ng_buf_reserve(b, 4 * (size_t)m + 2 * (n - i) + 2);
		if (st)
			return st;
		o = b->data + b->len;
		for (utf8proc_ssize_t j = 0; j < m; j++)
			o += utf8proc_encode_char(out[j], (utf8proc_uint8_t *)o);
		in_token = true;
	}
	if (in_token)
		*o++ = ' ';
	b->len = (size_t)(o - b->data);
	return NG_OK;
}

/* True when every whitespace-separated word of `words` is in `text` as FTS5
** would find it (a word of several tokens, "al-Nakhalah", as a phrase). */
static void has_words_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	const char *words = (const char *)sqlite3_value_text(argv[1]);
	if (!text || !words) {
		sqlite3_result_null(ctx);
		return;
	}
	ng_outbuf t = {0}, w = {0};
	t.cap = w.cap = (size_t)1 << 26;
	ng_status st = fold_tokens(&t, text, (size_t)sqlite3_value_bytes(argv[0]));
	if (st == NG_OK)
		st = ng_buf_append(&t, "", 1);
	int found = 1;
	const char *p = words, *a;
	while (st == NG_OK && found && (a = next_word(&p)) != NULL) {
		w.len = 0;
		st = fold_tokens(&w, a, (size_t)(p - a));
		if (st == NG_OK && w.len > 1) { /* a word without tokens asks for nothing */
			st = ng_buf_append(&w, "", 1);
			found = st == NG_OK && strstr(t.data, w.data) != NULL;
		}
	}
	ng_outbuf_free(&t);
	ng_outbuf_free(&w);
	if (st == NG_ENOMEM)
		sqlite3_result_error_nomem(ctx);
	else if (st)
		sqlite3_result_error_toobig(ctx);
	else
		sqlite3_result_int(ctx, found);
}

ng_status ng_store_add_functions(sqlite3 *db)
{
	int f = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
	bool ok = sqlite3_create_function_v2(db, "ng_has_words", 2, f | SQLITE_INNOCUOUS, NULL,
					     has_words_fn, NULL, NULL, NULL) == SQLITE_OK &&
		  sqlite3_create_function_v2(db, "ng_in_ids", 2, f | SQLITE_DIRECTONLY, NULL,
					     ids_fn, NULL, NULL, NULL) == SQLITE_OK &&
		  sqlite3_create_function_v2(db, "ng_ids_between", 3, f | SQLITE_DIRECTONLY, NULL,
					     ids_fn, NULL, NULL, NULL) == SQLITE_OK;
	return ok ? NG_OK : NG_EIO;
}

/* Rows of an FTS5 table matching `expr`, counted up to DENSE_MATCHES;
** -1 when unknown. */
static long fts_count(ng_store *s, const char *fts, const char *expr)
{
	qbuild *cq = ng_calloc(1, sizeof *cq);
	if (!cq)
		return -1;
	char before[128], after[32];
	snprintf(before, sizeof before, "SELECT count(*) FROM (SELECT 1 FROM %s WHERE %s MATCH ",
		 fts, fts);
	snprintf(after, sizeof after, " LIMIT %d)", DENSE_MATCHES);
	sql_param(cq, before, expr, after);
	long n = prefetch_count(s, cq);
	ng_free(cq);
	return n;
}

/* The speaker's words are looked up in quotes_fts; the words said, in the
** articles that hold them (articles_fts: a quote's words are its article's
** words), each quote of which ng_has_words() then checks. */
static ng_status q_quotes(ng_store *s, const ng_query *qq, qbuild *q)
{
	ng_status st = NG_OK;
	const char *who = qq->speaker ? fts_param(q, qq->speaker, "", &st) : NULL;
	const char *said = qq->text && st == NG_OK ? fts_param(q, qq->text, "text : ", &st) : NULL;
	if (st)
		return st;
	if ((qq->speaker && !who) || (qq->text && !said)) {
		ng_store_set_err(s, "quotes: --speaker and --text need some words");
		return NG_EUSAGE;
	}
	if (qq->cue_class) {
		static const char *const classes[] = {"speech", "belief", "intention", "perception",
						      "stance", "evidence"};
		bool known = false;
		for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
			known = known || strcmp(qq->cue_class, classes[i]) == 0;
		if (!known) {
			ng_store_set_err(s, "no class '%s' (speech, belief, intention, "
					    "perception, stance, evidence)", qq->cue_class);
			return NG_EUSAGE;
		}
	}
	/* the speaker's quote ids, read once: their number chooses the plan,
	** and a speaker filter that does not drive is tested per article (any
	** id in its range) and per quote against them */
	idset *who_set = NULL;
	long n_who = -1;
	if (who) {
		who_set = new_idset(q);
		ng_status rs = who_set ? idset_read_speakers(s, who_set, who) : NG_ELIMIT;
		if (rs == NG_ELIMIT)
			who_set = NULL; /* too many: the subquery below */
		else if (rs)
			return rs;
		n_who = who_set ? (long)who_set->n : DENSE_MATCHES;
	}
	/* the rarer filter drives the query when it has few matches; with none
	** rare, the walk over the articles newest first is short */
	long n_said = said ? fts_count(s, "articles_fts", said) : -1;
	bool by_said = said && n_said >= 0 && n_said < SPARSE_ARTICLES &&
		       !(who && n_who < n_said);
	bool by_who = !by_said && who && n_who < DENSE_MATCHES;
	bool dense = !by_who && !by_said;
	if (by_who)
		who_set = NULL; /* the speaker's quotes drive: no test per row */
	static const char cols[] = "SELECT q.id AS quote, q.date, q.speaker, q.cue, q.cue_class AS class,"
				   " q.text AS quote_text, a.id AS article, a.title";
	sql_add(q, cols);
	/* an article's quotes are a rowid range: a quote's id is its article's
	** id * 65536 + its index. Walking articles, CROSS JOIN keeps them
	** outside (inside, each quote would scan them). */
	if (by_who)
		sql_add(q, " FROM quotes q JOIN articles a ON a.id = q.article_id");
	else
		sql_add(q, dense ? " FROM articles a INDEXED BY articles_date CROSS JOIN quotes q"
				 : " FROM articles a CROSS JOIN quotes q");
	if (!by_who)
		sql_add(q, " ON q.id BETWEEN " QUOTE_IDS_OF("a.id"));
	sql_add(q, " WHERE 1");
	/* a filter that does not drive the query is a check per row ('+': the
	** planner must not use it as a key, or it would try every match against
	** every article) */
	if (who_set) {
		sql_set(q, " AND ng_ids_between(", who_set,
			", " QUOTE_ID_FIRST("a.id") ", " QUOTE_ID_LAST("a.id") ")");
		sql_set(q, " AND ng_in_ids(", who_set, ", q.id)");
	} else if (who)
		sql_param(q, by_who ? " AND q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH "
				    : " AND +q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ",
			  who, ")");
	if (said) {
		/* driven by the speaker's few quotes, the check per quote is enough */
		if (!by_who)
			sql_param(q, by_said ? " AND a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts"
					       " MATCH "
					     : " AND +a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts"
					       " MATCH ",
				  said, ")");
		sql_param(q, " AND ng_has_words(q.text, ", qq->text, ")");
	}
	if (qq->cue_class)
		sql_param(q, dense ? " AND +q.cue_class = " : " AND q.cue_class = ", qq->cue_class, "");
	/* dense: the walk's own order (articles newest first, then each one's
	** quotes by id), so rows stream out; a second sort key would sort every
	** article of the newest date before the first row */
	sql_add(q, dense ? " ORDER BY a.date DESC" : " ORDER BY q.date DESC, q.id");
	return NG_OK;
}

/* An actor filter on events: by CAMEO code prefix, exact name, or an
** entity whose name holds all the words. */
/* An actor filter on events: by CAMEO code prefix, exact name, or an
** entity whose name holds all the words. `noindex` writes the columns as
** +e.x so the planner cannot drive the query from them. */
static ng_status actor_filter(qbuild *q, const char *side, const char *value, char *upper,
			      size_t upper_len, bool noindex, ng_status *st)
{
	size_t l = strlen(value);
	if (l + 2 > upper_len)
		return NG_ELIMIT;
	for (size_t i = 0; i < l; i++) {
		char c = value[i];
		/* codes are letters and digits; GLOB specials would be wildcards */
		upper[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32)
			   : (c == '*' || c == '?' || c == '[' || c == ']') ? '_' : c;
	}
	upper[l] = '*';
	upper[l + 1] = 0;
	const char *ents = fts_param(q, value, "", st);
	if (*st)
		return *st;
	const char *pl = noindex ? "+" : "";
	char buf[160];
	snprintf(buf, sizeof buf, " AND (%se.%s_code GLOB ", pl, side);
	sql_param(q, buf, upper, "");
	snprintf(buf, sizeof buf, " OR %se.%s_name = ", pl, side);
	sql_param(q, buf, value, " COLLATE NOCASE");
	if (ents) {
		snprintf(buf, sizeof buf, " OR %se.%s_entity_id IN (SELECT rowid FROM entities_fts"
					  " WHERE entities_fts MATCH ", pl, side);
		sql_param(q, buf, ents, ")");
	}
	sql_add(q, ")");
	return NG_OK;
}

/* Events one actor filter matches, up to DENSE_MATCHES (index-only). */
static long actor_count(ng_store *s, const char *side, const char *value, char *upper,
			ng_status *st)
{
	qbuild *cq = ng_calloc(1, sizeof *cq);
	if (!cq) {
		*st = NG_ENOMEM;
		return 0;
	}
	long n = 0;
	sql_add(cq, "SELECT count(*) FROM (SELECT 1 FROM events e WHERE 1");
	if (actor_filter(cq, side, value, upper, 256, false, st) != NG_OK) {
		if (*st == NG_OK)
			*st = NG_ELIMIT;
	} else {
		sql_add(cq, " LIMIT 2000)");
		n = prefetch_count(s, cq);
		if (n < 0)
			n = DENSE_MATCHES; /* unknown: treat as dense */
	}
	for (int i = 0; i < MAX_PARAMS; i++)
		ng_outbuf_free(&cq->owned[i]);
	ng_free(cq);
	return n;
}

static ng_status q_events(ng_store *s, const ng_query *qq, qbuild *q, char *src_up, char *tgt_up,
			  char *code_pat)
{
	ng_status st = NG_OK;
	if (qq->code) {
		size_t l = strlen(qq->code);
		if (l == 0 || l > 8 || strspn(qq->code, "0123456789") != l) {
			ng_store_set_err(s, "events: --code needs a CAMEO code of digits (04, 042, ...)");
			return NG_EUSAGE;
		}
		memcpy(code_pat, qq->code, l);
		code_pat[l] = '*';
		code_pat[l + 1] = 0;
	}
	/* The plan: from the sparser actor when one matches few events (the
	** other filters checked per row); else, with a code, the covering
	** events_code index over that code's range; else the covering
	** events_scan index from the newest event down. */
	long cs = DENSE_MATCHES, ct = DENSE_MATCHES;
	if (qq->source)
		cs = actor_count(s, "source", qq->source, src_up, &st);
	if (st == NG_OK && qq->target)
		ct = actor_count(s, "target", qq->target, tgt_up, &st);
	if (st)
		return st;
	int drive = 0; /* 1 source, 2 target, 0 an index by date or code */
	if (cs < DENSE_MATCHES || ct < DENSE_MATCHES)
		drive = cs <= ct ? 1 : 2;
	sql_add(q, "SELECT e.id AS event, e.date, e.source_name AS source, e.source_code,"
		   " e.cameo, e.plover, e.target_name AS target, e.target_code, e.goldstein,"
		   " CASE e.negated WHEN 1 THEN 'yes' ELSE '' END AS negated, e.article_id AS article,"
		   " CAST(substr(CAST(a.text AS BLOB), e.start + 1, e.end - e.start) AS TEXT) AS sentence"
		   " FROM events e");
	bool by_code = false;
	if (drive == 0 && qq->code) {
		/* a code range of moderate size is cheaper to read whole than a
		** walk by date that may find few matches */
		qbuild *cq = ng_calloc(1, sizeof *cq);
		if (!cq)
			return NG_ENOMEM;
		sql_param(cq, "SELECT count(*) FROM (SELECT 1 FROM events WHERE cameo GLOB ", code_pat,
			  " LIMIT 30000)");
		long n = prefetch_count(s, cq);
		by_code = n >= 0 && n < 30000;
		ng_free(cq);
	}
	if (drive == 0)
		sql_add(q, by_code ? " INDEXED BY events_code" : " INDEXED BY events_scan");
	sql_add(q, " JOIN articles a ON a.id = e.article_id WHERE 1");
	if (qq->source && actor_filter(q, "source", qq->source, src_up, 256, drive != 1, &st) != NG_OK)
		return st ? st : NG_ELIMIT;
	if (qq->target && actor_filter(q, "target", qq->target, tgt_up, 256, drive != 2, &st) != NG_OK)
		return st ? st : NG_ELIMIT;
	const char *pl = drive ? "+" : "";
	char buf[64];
	if (qq->code) {
		snprintf(buf, sizeof buf, " AND %se.cameo GLOB ", pl);
		sql_param(q, buf, code_pat, "");
	}
	if (qq->since) {
		snprintf(buf, sizeof buf, " AND %se.date >= ", pl);
		sql_param(q, buf, qq->since, "");
	}
	if (qq->until) {
		snprintf(buf, sizeof buf, " AND %se.date <= ", pl);
		sql_param(q, buf, qq->until, "");
	}
	sql_add(q, " ORDER BY e.date DESC");
	return NG_OK;
}

static ng_status q_entities(ng_store *s, const ng_query *qq, qbuild *q)
{
	static const char cols[] = "SELECT name, type, n_articles AS articles, n_mentions AS mentions"
				   " FROM entities WHERE n_mentions > 0";
	static const char order[] = " ORDER BY n_mentions DESC, n_articles DESC, name";
	if (!qq->type && !qq->text) {
		/* the top of each type from entities_type_top, merged: the store
		** keeps no index by count alone (one B-tree fewer to update for
		** each entity's counts at every commit) */
		char arm[512];
		long lim = qq->limit ? qq->limit : DEFAULT_LIMIT;
		sql_add(q, "SELECT name, type, articles, mentions FROM (");
		static const char *const types[] = {"PER", "ORG", "LOC", "MISC"};
		for (size_t i = 0; i < 4; i++) {
			snprintf(arm, sizeof arm, "%sSELECT * FROM (%s AND type = '%s'%s LIMIT %ld)",
				 i ? " UNION ALL " : "", cols, types[i], order, lim);
			sql_add(q, arm);
		}
		sql_add(q, ") ORDER BY mentions DESC, articles DESC, name");
		return NG_OK;
	}
	sql_add(q, cols);
	if (qq->type) {
		static const char *const types[] = {"PER", "ORG", "LOC", "MISC"};
		bool ok = false;
		for (size_t i = 0; i < 4; i++)
			ok |= strcmp(qq->type, types[i]) == 0;
		if (!ok) {
			ng_store_set_err(s, "entities: --type is one of PER, ORG, LOC, MISC");
			return NG_EUSAGE;
		}
		sql_param(q, " AND type = ", qq->type, "");
	}
	if (qq->text) {
		ng_status st = NG_OK;
		const char *e = fts_param(q, qq->text, "", &st);
		if (st)
			return st;
		if (e)
			sql_param(q, " AND id IN (SELECT rowid FROM entities_fts WHERE entities_fts MATCH ",
				  e, ")");
	}
	sql_add(q, order);
	return NG_OK;
}

static ng_status q_network(ng_store *s, const ng_query *qq, qbuild *q)
{
	ng_status st = NG_OK;
	const char *e = qq->person ? fts_param(q, qq->person, "", &st) : NULL;
	if (st)
		return st;
	if (!e) {
		ng_store_set_err(s, "network needs --person NAME");
		return NG_EUSAGE;
	}
	q->n = 0;
	char p[16];
	sql_add(q, "WITH p(id) AS (SELECT rowid FROM entities_fts WHERE entities_fts MATCH ");
	sql_add(q, param(q, e, p));
	sql_add(q, "), l(me, other, events, quotes, cooccur, articles) AS ("
		   "SELECT x, y, events, quotes, cooccur, articles FROM edges"
		   " WHERE x IN p AND articles > 0"
		   " UNION ALL SELECT y, x, events, quotes, cooccur, articles FROM edges"
		   " WHERE y IN p AND articles > 0)"
		   " SELECT pe.name AS person, o.name AS other, o.type, l.events, l.quotes,"
		   " l.cooccur, l.articles"
		   " FROM l JOIN entities o ON o.id = l.other JOIN entities pe ON pe.id = l.me"
		   " ORDER BY l.events + l.quotes DESC, l.cooccur DESC, l.articles DESC, other");
	return NG_OK;
}

/* Articles mentioning an entity whose name holds all the words, newest
** first. Few (entity, article) rows: read them from entity_articles, sum
** per article and sort. Many: walk articles by date from the newest and
** keep those among the matching ids (an id set), stopping at the limit. */
static ng_status q_articles(ng_store *s, const ng_query *qq, qbuild *q)
{
	ng_status st = NG_OK;
	const char *e = qq->entity ? fts_param(q, qq->entity, "", &st) : NULL;
	if (st)
		return st;
	if (!e) {
		ng_store_set_err(s, "articles needs --entity NAME");
		return NG_EUSAGE;
	}
	q->n = 0;
	char p[16];
	const char *ep = param(q, e, p);
	char ids[128];
	snprintf(ids, sizeof ids, "(SELECT rowid FROM entities_fts WHERE entities_fts MATCH %s)", ep);

	/* the matching articles' ids, parsed from the posting lists: many, the
	** walk of the articles newest first tests each one against them; few,
	** their rows are read, summed per article and sorted */
	idset *set = new_idset(q);
	st = set ? idset_read_postings(s, set, e) : NG_ENOMEM;
	if (st == NG_ELIMIT)
		set = NULL; /* too many to hold: the subquery below */
	else if (st)
		return st;
	bool dense = !set || set->n >= DENSE_MATCHES;

	if (dense) {
		/* the entity named most in the article, and the mentions of all,
		** from the article's own entities (entity_articles is keyed by
		** entity: by article it would read every matching list) */
		sql_add(q, "SELECT a.id AS article, a.date, a.title, a.url,"
			   " (SELECT n.name FROM article_entities x JOIN entities n ON n.id = x.entity_id"
			   " WHERE x.article_id = a.id AND x.entity_id IN ");
		sql_add(q, ids);
		sql_add(q, " GROUP BY x.entity_id ORDER BY sum(x.n_mentions) DESC, x.entity_id LIMIT 1)"
			   " AS entity,"
			   " (SELECT sum(x.n_mentions) FROM article_entities x"
			   " WHERE x.article_id = a.id AND x.entity_id IN ");
		sql_add(q, ids);
		sql_add(q, ") AS mentions FROM articles a INDEXED BY articles_date WHERE");
		if (set) {
			sql_set(q, " ng_in_ids(", set, ", a.id)");
		} else {
			sql_add(q, " a.id IN (SELECT article_id FROM entity_articles WHERE entity_id IN ");
			sql_add(q, ids);
			sql_add(q, ")");
		}
		if (qq->since)
			sql_param(q, " AND a.date >= ", qq->since, "");
		sql_add(q, " ORDER BY a.date DESC");
		return NG_OK;
	}
	/* max() picks the row the bare column `entity` comes from */
	sql_add(q, "SELECT a.id AS article, a.date, a.title, a.url, m.entity, m.mentions FROM"
		   " (SELECT x.article_id AS aid, n.name AS entity, max(x.n_mentions) AS top,"
		   " sum(x.n_mentions) AS mentions FROM entity_articles x"
		   " JOIN entities n ON n.id = x.entity_id WHERE x.entity_id IN ");
	sql_add(q, ids);
	sql_add(q, " GROUP BY x.article_id) AS m JOIN articles a ON a.id = m.aid");
	if (qq->since)
		sql_param(q, " WHERE a.date >= ", qq->since, "");
	sql_add(q, " ORDER BY a.date DESC");
	return NG_OK;
}

/* Whether `d` is a date YYYY-MM-DD that exists (leap years included). */
static bool valid_date(const char *d)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? d[i] != '-' : (d[i] < '0' || d[i] > '9'))
			return false;
	if (d[10])
		return false;
	int y = atoi(d), m = atoi(d + 5), day = atoi(d + 8);
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12 || day < 1 || day > days[m - 1])
		return false;
	return m != 2 || day < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* The query's dates are real YYYY-MM-DD dates: they are compared as text
** with the stored ones, so `2020-1-1` would silently match the wrong rows. */
static ng_status check_dates(ng_store *s, const ng_query *qq)
{
	const char *const v[2] = {qq->since, qq->until};
	static const char *const name[2] = {"--since", "--until"};
	for (int i = 0; i < 2; i++)
		if (v[i] && !valid_date(v[i])) {
			ng_store_set_err(s, "%s '%.40s': not a date; dates are YYYY-MM-DD, e.g. 2020-01-31",
					 name[i], v[i]);
			return NG_EUSAGE;
		}
	return NG_OK;
}

ng_status ng_store_query(ng_store *s, const ng_query *qq, ng_row_fn fn, void *ctx, long *rows)
{
	if (rows)
		*rows = 0;
	if (!s || !qq || !fn)
		return NG_EUSAGE;
	s->errmsg[0] = 0;
	if (qq->limit < 0 || qq->limit > MAX_LIMIT) {
		ng_store_set_err(s, "the limit must be from 1 to %d", MAX_LIMIT);
		return NG_EUSAGE;
	}
	ng_status dst = check_dates(s, qq);
	if (dst)
		return dst;
	s->query_steps = s->query_work = 0;
	s->query_stopped = false;
	s->query_start_ns = now_ns();
	sqlite3_progress_handler(s->db, PROGRESS_EVERY, progress, s);
	qbuild *q = ng_calloc(1, sizeof *q);
	if (!q)
		return NG_ENOMEM;
	char src_up[256], tgt_up[256], code_pat[16];
	ng_status st;
	switch (qq->kind) {
	case NG_QUERY_SEARCH:
		st = q_search(s, qq, q);
		break;
	case NG_QUERY_QUOTES:
		st = q_quotes(s, qq, q);
		break;
	case NG_QUERY_EVENTS:
		st = q_events(s, qq, q, src_up, tgt_up, code_pat);
		break;
	case NG_QUERY_ENTITIES:
		st = q_entities(s, qq, q);
		break;
	case NG_QUERY_NETWORK:
		st = q_network(s, qq, q);
		break;
	case NG_QUERY_ARTICLES:
		st = q_articles(s, qq, q);
		break;
	default:
		ng_store_set_err(s, "unknown query");
		st = NG_EUSAGE;
	}
	if (st == NG_ELIMIT && !s->errmsg[0])
		ng_store_set_err(s, "query arguments too long");
	if (st == NG_OK) {
		char lim[32];
		snprintf(lim, sizeof lim, " LIMIT %ld", qq->limit ? qq->limit : DEFAULT_LIMIT);
		sql_add(q, lim);
		st = run_query(s, q, fn, ctx, rows);
	}
	sqlite3_progress_handler(s->db, 0, NULL, NULL);
	qbuild_free(q);
	ng_free(q);
	return st;
}
