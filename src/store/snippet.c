/*
** snippet.c -- search snippets whose cost is bounded (issue 29, item 6).
**
** FTS5's snippet() scores a window at every hit against every other hit:
** its time grows with the square of the hits in an article (a 256 KB
** article of one repeated word took 11.6 s, 512 KB 39 s). Two auxiliary
** functions keep it in bounds:
**   ng_hits(fts)        the hits in the row (xInstCount), so that the query
**                       calls snippet() only when they are few
**                       (NG_SNIPPET_MAX_HITS: at most ~1M score steps);
**   ng_snippet(fts, col, open, close, ellipsis, tokens)
**                       for the others: the window of `tokens` tokens
**                       around the first hit in `col`, found by tokenizing
**                       at most NG_SNIPPET_SCAN bytes of the text, with the
**                       hits inside it marked as snippet() marks them.
** Both add their work to the store's query counter (tests assert on it).
*/
#include <string.h>

#include "store/store_int.h"

#define NG_SNIPPET_SCAN ((int)1 << 20)

typedef struct tok_walk {
	int want_from, want_to; /* token range [from, to) to keep */
	int n;                  /* tokens seen */
	int start, end;         /* byte range of the kept tokens */
	int *tok_start, *tok_end; /* per kept token */
} tok_walk;

#define TOK_STOP 1000 /* not an SQLite code: the walk has what it needs */

static int tok_cb(void *ctx, int flags, const char *tok, int n, int start, int end)
{
	(void)tok;
	(void)n;
	tok_walk *w = ctx;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	int i = w->n++;
	if (i >= w->want_to)
		return TOK_STOP;
	if (i >= w->want_from) {
		if (w->start < 0)
			w->start = start;
		w->end = end;
		w->tok_start[i - w->want_from] = start;
		w->tok_end[i - w->want_from] = end;
	}
	return SQLITE_OK;
}

static ng_store *store_of(const Fts5ExtensionApi *api, Fts5Context *fc)
{
	return api->xUserData(fc);
}

static void hits_fn(const Fts5ExtensionApi *api, Fts5Context *fc, sqlite3_context *ctx, int argc,
		    sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	int n = 0;
	if (api->xInstCount(fc, &n) != SQLITE_OK) {
		sqlite3_result_error(ctx, "ng_hits: cannot count the hits", -1);
		return;
	}
	ng_store *s = store_of(api, fc);
	/* snippet() will score each hit against each: n * n steps */
	if (n <= NG_SNIPPET_MAX_HITS)
		s->query_work += (uint64_t)n * (uint64_t)n;
	sqlite3_result_int(ctx, n);
}

static void snippet_fn(const Fts5ExtensionApi *api, Fts5Context *fc, sqlite3_context *ctx,
		       int argc, sqlite3_value **argv)
{
	if (argc != 5) {
		sqlite3_result_error(ctx, "ng_snippet: five arguments", -1);
		return;
	}
	ng_store *s = store_of(api, fc);
	int col = sqlite3_value_int(argv[0]);
	const char *open = (const char *)sqlite3_value_text(argv[1]);
	const char *close = (const char *)sqlite3_value_text(argv[2]);
	const char *ell = (const char *)sqlite3_value_text(argv[3]);
	int ntok = sqlite3_value_int(argv[4]);
	if (!open || !close || !ell || ntok < 1 || ntok > 64) {
		sqlite3_result_error(ctx, "ng_snippet: bad arguments", -1);
		return;
	}
	const char *text;
	int len;
	int n_inst = 0, first = -1, ip, ic, io;
	if (api->xColumnText(fc, col, &text, &len) != SQLITE_OK || !text ||
	    api->xInstCount(fc, &n_inst) != SQLITE_OK) {
		sqlite3_result_error(ctx, "ng_snippet: cannot read the row", -1);
		return;
	}
	/* the first hit in the column (hits come in position order) */
	for (int i = 0; i < n_inst && first < 0; i++) {
		s->query_work++;
		if (api->xInst(fc, i, &ip, &ic, &io) == SQLITE_OK && ic == col)
			first = io;
	}
	int from = first > ntok / 2 ? first - ntok / 2 : 0;
	int starts[64], ends[64];
	tok_walk w = {from, from + ntok, 0, -1, 0, starts, ends};
	int scan = len < NG_SNIPPET_SCAN ? len : NG_SNIPPET_SCAN;
	int rc = api->xTokenize(fc, text, scan, &w, tok_cb);
	s->query_work += (uint64_t)w.n;
	if (rc != SQLITE_OK && rc != TOK_STOP) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	if (w.start < 0) { /* the hit lies past the bytes scanned: the text's start */
		w = (tok_walk){0, ntok, 0, -1, 0, starts, ends};
		(void)api->xTokenize(fc, text, scan, &w, tok_cb);
		s->query_work += (uint64_t)w.n;
		from = 0;
	}
	int kept = w.n - from < ntok ? w.n - from : ntok;
	if (w.start < 0 || kept <= 0) {
		sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
		return;
	}
	/* which kept tokens are hits */
	unsigned char hit[64] = {0};
	for (int i = 0; i < n_inst; i++) {
		s->query_work++;
		if (api->xInst(fc, i, &ip, &ic, &io) != SQLITE_OK || ic != col)
			continue;
		if (io >= from + kept)
			break;
		if (io >= from)
			hit[io - from] = 1;
	}
	ng_outbuf b = {.cap = (size_t)64 << 10};
	ng_status st = NG_OK;
	if (from > 0)
		st = ng_buf_append(&b, ell, strlen(ell));
	int at = starts[0];
	for (int k = 0; k < kept && st == NG_OK; k++) {
		st = ng_buf_append(&b, text + at, (size_t)(starts[k] - at));
		if (st == NG_OK && hit[k])
			st = ng_buf_append(&b, open, strlen(open));
		if (st == NG_OK)
			st = ng_buf_append(&b, text + starts[k], (size_t)(ends[k] - starts[k]));
		if (st == NG_OK && hit[k])
			st = ng_buf_append(&b, close, strlen(close));
		at = ends[k];
	}
	if (st == NG_OK && (w.n > from + kept || ends[kept - 1] < len))
		st = ng_buf_append(&b, ell, strlen(ell));
	if (st) {
		ng_outbuf_free(&b);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, b.data ? b.data : "", (int)b.len, SQLITE_TRANSIENT);
	ng_outbuf_free(&b);
}

ng_status ng_store_add_snippets(ng_store *s)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NG_EIO;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	(void)sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->iVersion < 2)
		return NG_EIO;
	if (api->xCreateFunction(api, "ng_hits", s, hits_fn, NULL) != SQLITE_OK ||
	    api->xCreateFunction(api, "ng_snippet", s, snippet_fn, NULL) != SQLITE_OK)
		return NG_EIO;
	return NG_OK;
}
