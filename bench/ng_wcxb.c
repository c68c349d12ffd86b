/*
** ng_wcxb.c -- runs the extract stage over WCXB pages for bench/extract.sh.
**
** usage: ng_wcxb WCXB_SPLIT_DIR OUT.json
** Reads every html/NNNN.html.gz of the split (and the page URL from
** ground-truth/NNNN.json when present: a crawler knows it), decompresses
** them into memory, then times `extract` alone on one core (thread CPU
** time) and writes
** OUT.json in the form score_wcxb.py reads ({"NNNN": {"articleBody",
** "headline", "author", "datePublished"}}) and OUT.timing.json with
** pages/s and MB/s.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "core/core.h"
#include "io/json.h"

/* CPU time of this thread: pages per CPU second is the per-core speed, and
** it does not depend on what else runs on the machine. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct page {
	char id[64];
	char *html;
	size_t len;
	char *url;
} page;

static char *read_gz(const char *path, size_t *len)
{
	gzFile g = gzopen(path, "rb");
	if (!g)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap);
	for (;;) {
		if (n + 65536 > cap) {
			cap *= 2;
			b = realloc(b, cap);
		}
		int r = gzread(g, b + n, 65536);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	gzclose(g);
	*len = n;
	return b;
}

/* The "url" string of a ground-truth file (no escapes expected in URLs). */
static char *gt_url(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char buf[8192];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strstr(buf, "\"url\"");
	if (!p || !(p = strchr(p + 5, '"')))
		return NULL;
	char *e = strchr(p + 1, '"');
	if (!e || e == p + 1)
		return NULL;
	*e = '\0';
	return strdup(p + 1);
}

static void must(ng_status st)
{
	if (st) {
		fprintf(stderr, "ng_wcxb: output: %s\n", ng_strerror(st));
		exit(1);
	}
}

static int cmp(const void *a, const void *b)
{
	return strcmp(((const page *)a)->id, ((const page *)b)->id);
}

static void put_field(ng_outbuf *o, const char *key, const char *v, bool *first)
{
	if (!v)
		return;
	must(ng_buf_append(o, *first ? "\"" : ",\"", *first ? 1 : 2));
	must(ng_buf_append(o, key, strlen(key)));
	must(ng_buf_append(o, "\":", 2));
	must(ng_json_str(o, v, strlen(v)));
	*first = false;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: ng_wcxb WCXB_SPLIT_DIR OUT.json\n");
		return 2;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/html", argv[1]);
	DIR *d = opendir(path);
	if (!d) {
		perror(path);
		return 1;
	}
	size_t n = 0, cap = 2048;
	page *pages = calloc(cap, sizeof *pages);
	struct dirent *de;
	size_t bytes = 0;
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		if (l < 9 || strcmp(de->d_name + l - 8, ".html.gz") != 0 || l - 8 >= sizeof pages[0].id)
			continue;
		if (n == cap)
			pages = realloc(pages, (cap *= 2) * sizeof *pages);
		page *p = &pages[n];
		memset(p, 0, sizeof *p);
		memcpy(p->id, de->d_name, l - 8);
		snprintf(path, sizeof path, "%s/html/%s", argv[1], de->d_name);
		p->html = read_gz(path, &p->len);
		if (!p->html)
			continue;
		snprintf(path, sizeof path, "%s/ground-truth/%s.json", argv[1], p->id);
		p->url = gt_url(path);
		bytes += p->len;
		n++;
	}
	closedir(d);
	qsort(pages, n, sizeof *pages, cmp);

	char err[256];
	ng_config cfg = {.stages = "extract"};
	ng_engine *eng = ng_engine_create(&cfg, err, sizeof err);
	if (!eng) {
		fprintf(stderr, "ng_wcxb: %s\n", err);
		return 1;
	}
	ng_outbuf out = {.cap = (size_t)1 << 31};
	must(ng_buf_append(&out, "{\n", 2));
	ng_doc *doc = ng_doc_create(0);
	double busy = 0;
	size_t failed = 0;
	for (size_t i = 0; i < n; i++) {
		ng_doc_reset(doc);
		doc->id = pages[i].id;
		doc->raw = pages[i].html;
		doc->raw_len = pages[i].len;
		doc->raw_kind = NG_RAW_HTML;
		doc->source_url = pages[i].url;
		doc->assigned = NG_F_RAW;
		double t0 = now();
		ng_status st = ng_engine_annotate(eng, doc);
		busy += now() - t0;
		if (st && st != NG_EEMPTY) {
			failed++;
			fprintf(stderr, "ng_wcxb: %s: %s\n", pages[i].id, ng_strerror(st));
		}
		if (i)
			must(ng_buf_append(&out, ",\n", 2));
		must(ng_json_str(&out, pages[i].id, strlen(pages[i].id)));
		must(ng_buf_append(&out, ": {", 3));
		bool first = true;
		put_field(&out, "articleBody", doc->text ? doc->text : "", &first);
		put_field(&out, "headline", doc->title, &first);
		put_field(&out, "author", doc->author, &first);
		put_field(&out, "datePublished", doc->date, &first);
		put_field(&out, "site", doc->site, &first);
		put_field(&out, "lang", doc->lang, &first);
		put_field(&out, "url", doc->source_url, &first);
		must(ng_buf_append(&out, "}", 1));
	}
	must(ng_buf_append(&out, "\n}\n", 3));
	FILE *f = fopen(argv[2], "wb");
	if (!f || fwrite(out.data, 1, out.len, f) != out.len || fclose(f)) {
		perror(argv[2]);
		return 1;
	}
	snprintf(path, sizeof path, "%.*s.timing.json",
		 (int)(strlen(argv[2]) > 5 ? strlen(argv[2]) - 5 : strlen(argv[2])), argv[2]);
	f = fopen(path, "wb");
	if (f) {
		fprintf(f, "{\"pages\": %zu, \"seconds\": %.3f, \"pages_per_s\": %.1f, \"mb_per_s\": %.1f}\n", n,
			busy, n / busy, bytes / 1e6 / busy);
		fclose(f);
	}
	printf("ng_wcxb: %zu pages, %.1f MB, %.2f CPU s on one core: %.1f pages/s, %.1f MB/s, %zu failed\n", n,
	       bytes / 1e6, busy, n / busy, bytes / 1e6 / busy, failed);
	ng_doc_destroy(doc);
	ng_engine_destroy(eng);
	ng_outbuf_free(&out);
	for (size_t i = 0; i < n; i++) {
		free(pages[i].html);
		free(pages[i].url);
	}
	free(pages);
	return 0;
}
