/*
** html_parsers.c -- parse-only speed of the Debian-packaged HTML parsers on
** the WCXB dev pages (the numbers in docs/internals/extract.md). Not built
** by CMake (gumbo is not a dependency); build and run by hand:
**   apt-get install libgumbo-dev libxml2-dev libmodest-dev zlib1g-dev
**   cc -O2 -o /tmp/html_parsers bench/html_parsers.c \
**      $(pkg-config --cflags --libs libxml-2.0 gumbo zlib) -lmodest
**   /tmp/html_parsers xml|xmlstrip|gumbo|modest [N_PAGES]
** Each page is decompressed into memory first; the timed loop builds the DOM
** and frees it. "xmlstrip" removes <script>/<style> bodies before libxml2.
*/
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zlib.h>

#include <gumbo.h>
#include <libxml/HTMLparser.h>
#include <myhtml/api.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef struct buf {
	char *p;
	size_t n;
} buf;

static buf read_gz(const char *f)
{
	gzFile g = gzopen(f, "rb");
	buf b = {0, 0};
	size_t cap = 0;
	for (;;) {
		if (b.n + 65536 > cap) {
			cap = cap * 2 + 65536;
			b.p = realloc(b.p, cap);
		}
		int r = gzread(g, b.p + b.n, 65536);
		if (r <= 0)
			break;
		b.n += (size_t)r;
	}
	gzclose(g);
	return b;
}

/* Copies in[0..n) to out without the bodies of <script> and <style>. */
static size_t strip(const char *in, size_t n, char *out)
{
	size_t o = 0, i = 0;
	while (i < n) {
		const char *lt = memchr(in + i, '<', n - i);
		if (!lt) {
			memcpy(out + o, in + i, n - i);
			o += n - i;
			break;
		}
		size_t k = (size_t)(lt - in);
		memcpy(out + o, in + i, k - i);
		o += k - i;
		i = k;
		const char *end_tag = NULL;
		if (n - i > 7 && !strncasecmp(in + i + 1, "script", 6))
			end_tag = "</script";
		else if (n - i > 6 && !strncasecmp(in + i + 1, "style", 5))
			end_tag = "</style";
		if (end_tag) {
			const char *gt = memchr(in + i, '>', n - i);
			if (!gt)
				break;
			size_t e = (size_t)(gt - in) + 1;
			memcpy(out + o, in + i, e - i);
			o += e - i;
			i = e;
			size_t tl = strlen(end_tag);
			while (i < n) {
				const char *q = memchr(in + i, '<', n - i);
				if (!q) {
					i = n;
					break;
				}
				i = (size_t)(q - in);
				if (n - i >= tl && !strncasecmp(in + i, end_tag, tl))
					break;
				i++;
			}
			continue;
		}
		out[o++] = in[i++];
	}
	return o;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: html_parsers xml|xmlstrip|gumbo|modest [N]\n");
		return 2;
	}
	const char *dir = getenv("WCXB_HTML") ? getenv("WCXB_HTML") : "../shared/data/extract/wcxb/dev/html";
	char pat[4096];
	snprintf(pat, sizeof pat, "%s/*.html.gz", dir);
	glob_t g;
	if (glob(pat, 0, NULL, &g) != 0) {
		fprintf(stderr, "no pages under %s\n", dir);
		return 1;
	}
	size_t n = g.gl_pathc;
	if (argc > 2 && (size_t)atoi(argv[2]) < n)
		n = (size_t)atoi(argv[2]);
	buf *pages = malloc(n * sizeof *pages);
	size_t total = 0, maxlen = 0;
	for (size_t i = 0; i < n; i++) {
		pages[i] = read_gz(g.gl_pathv[i]);
		total += pages[i].n;
		if (pages[i].n > maxlen)
			maxlen = pages[i].n;
	}
	char *tmp = malloc(maxlen + 1);
	const char *w = argv[1];
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
		   HTML_PARSE_COMPACT;
	double t0 = now();
	for (size_t i = 0; i < n; i++) {
		const char *p = pages[i].p;
		size_t len = pages[i].n;
		if (!strcmp(w, "xml")) {
			xmlFreeDoc(htmlReadMemory(p, (int)len, NULL, "utf-8", opts));
		} else if (!strcmp(w, "xmlstrip")) {
			size_t m = strip(p, len, tmp);
			xmlFreeDoc(htmlReadMemory(tmp, (int)m, NULL, "utf-8", opts));
		} else if (!strcmp(w, "gumbo")) {
			GumboOutput *o = gumbo_parse_with_options(&kGumboDefaultOptions, p, len);
			gumbo_destroy_output(&kGumboDefaultOptions, o);
		} else if (!strcmp(w, "modest")) {
			myhtml_t *mh = myhtml_create();
			myhtml_init(mh, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0);
			myhtml_tree_t *tree = myhtml_tree_create();
			myhtml_tree_init(tree, mh);
			myhtml_parse(tree, MyENCODING_UTF_8, p, len);
			myhtml_tree_destroy(tree);
			myhtml_destroy(mh);
		} else {
			fprintf(stderr, "unknown parser %s\n", w);
			return 2;
		}
	}
	double t = now() - t0;
	printf("%-9s %zu pages, %.1f MB: %.1f MB/s, %.1f pages/s (CPU time, one core)\n", w, n, total / 1e6,
	       total / 1e6 / t, n / t);
	return 0;
}
