/*
** test_coref.c -- the coref stage on documents whose entity tags are set by
** hand (tests/golden/coref-tagged/NAME.tags: "TYPE<TAB>surface" lines, every
** occurrence of the surface at token boundaries is tagged, longest first), so
** coreference is tested apart from the tagger:
**   - golden files: each NAME.txt there, tagged by NAME.tags, must give the
**     entities array in NAME.expected (one entity per line, as the JSON
**     writer prints it). NG_UPDATE_GOLDEN=1 rewrites them (review the diff).
**   - the shared seed article tagged by seed.tags: every person one entity
**     with its titles, each pronoun linked to the right person (skipped when
**     ../shared is absent).
**   - edge cases: no tags, tags that start with I-, title-only person spans,
**     tags across sentences, an exhausted arena.
*/
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "stage/coref/coref.h"
#include "ng_test.h"

#define TAGGED_DIR NG_TEST_DIR "/golden/coref-tagged"
#define DATA_DIR NG_TEST_DIR "/../data"

static ng_engine *eng;
static ng_coref_lex *lex;

static int setup(void **state)
{
	(void)state;
	char err[256];
	ng_config cfg = {.stages = "extract,segment"};
	eng = ng_engine_create(&cfg, err, sizeof err);
	lex = ng_coref_lex_load(DATA_DIR, err, sizeof err);
	if (!eng || !lex)
		fprintf(stderr, "setup: %s\n", err);
	return eng && lex ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	ng_engine_destroy(eng);
	ng_coref_lex_free(lex);
	return 0;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = 0;
	fclose(f);
	return s;
}

static ng_doc *make_doc(const char *text)
{
	ng_doc *d = ng_test_annotate(eng, text, NULL);
	d->ner_tags = ng_arena_alloc(d->arena, d->n_tokens + 1);
	assert_non_null(d->ner_tags);
	memset(d->ner_tags, 0, d->n_tokens + 1);
	return d;
}

static int type_of(const char *s)
{
	return !strcmp(s, "PER") ? NG_ENT_PER : !strcmp(s, "ORG") ? NG_ENT_ORG
	       : !strcmp(s, "LOC") ? NG_ENT_LOC : NG_ENT_MISC;
}

/* Tags every token-aligned occurrence of `surface` not yet tagged. */
static void tag_all(ng_doc *d, int type, const char *surface)
{
	size_t n = strlen(surface);
	for (const char *p = strstr(d->text, surface); p; p = strstr(p + 1, surface)) {
		size_t a = (size_t)(p - d->text), b = a + n;
		size_t i = 0, j;
		while (i < d->n_tokens && d->tokens[i].start < a)
			i++;
		if (i == d->n_tokens || d->tokens[i].start != a)
			continue;
		for (j = i; j < d->n_tokens && d->tokens[j].end < b; j++)
			;
		if (j == d->n_tokens || d->tokens[j].end != b)
			continue;
		bool free_ = true;
		for (size_t k = i; k <= j; k++)
			free_ &= d->ner_tags[k] == NG_NER_O;
		if (!free_)
			continue;
		for (size_t k = i; k <= j; k++)
			d->ner_tags[k] = (uint8_t)(1 + 2 * type + (k > i));
	}
}

typedef struct tagline {
	int type;
	char surface[200];
} tagline;

static int cmp_len(const void *a, const void *b)
{
	const tagline *x = a, *y = b;
	size_t lx = strlen(x->surface), ly = strlen(y->surface);
	return lx > ly ? -1 : lx < ly ? 1 : 0;
}

static void apply_tags(ng_doc *d, const char *tags_path)
{
	char *t = slurp(tags_path);
	assert_non_null(t);
	tagline lines[256];
	size_t n = 0;
	for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == '#' || !strchr(line, '\t'))
			continue;
		assert_true(n < 256);
		char *tab = strchr(line, '\t');
		*tab = 0;
		lines[n].type = type_of(line);
		snprintf(lines[n].surface, sizeof lines[n].surface, "%s", tab + 1);
		n++;
	}
	qsort(lines, n, sizeof lines[0], cmp_len);
	for (size_t i = 0; i < n; i++)
		tag_all(d, lines[i].type, lines[i].surface);
	free(t);
}

/* The entities array as the JSON writer prints it, one entity per line. */
static char *render_entities(const ng_doc *d)
{
	ng_outbuf b = {.cap = 1 << 24};
	assert_int_equal(ng_write_jsonl(d, 0, &b), NG_OK);
	assert_int_equal(ng_buf_append(&b, "", 1), NG_OK);
	const char *a = strstr(b.data, ",\"entities\":[");
	const char *e = strstr(b.data, "],\"quotes\":");
	assert_non_null(a);
	assert_non_null(e);
	a += strlen(",\"entities\":[");
	char *out = malloc((size_t)(e - a) * 2 + 4);
	size_t o = 0;
	for (const char *p = a; p < e; p++) {
		if (!strncmp(p, ",{\"id\":", 7)) {
			out[o++] = '\n';
			p++;
		}
		out[o++] = *p;
	}
	out[o++] = '\n';
	out[o] = 0;
	ng_outbuf_free(&b);
	return out;
}

static bool has_gazetteers(void)
{
	return ng_coref_lex_has_gazetteers(lex);
}

static void test_golden(void **state)
{
	(void)state;
	if (!has_gazetteers())
		skip(); /* affiliations need data/gazetteers (the ner work) */
	DIR *dir = opendir(TAGGED_DIR);
	assert_non_null(dir);
	struct dirent *de;
	int n = 0, fails = 0;
	bool update = getenv("NG_UPDATE_GOLDEN") != NULL;
	while ((de = readdir(dir))) {
		size_t l = strlen(de->d_name);
		if (l < 5 || strcmp(de->d_name + l - 4, ".txt"))
			continue;
		char base[512], path[600];
		snprintf(base, sizeof base, "%s/%.*s", TAGGED_DIR, (int)(l - 4), de->d_name);
		snprintf(path, sizeof path, "%s.txt", base);
		char *text = slurp(path);
		assert_non_null(text);
		ng_doc *d = make_doc(text);
		snprintf(path, sizeof path, "%s.tags", base);
		apply_tags(d, path);
		assert_int_equal(ng_coref_resolve(lex, d), NG_OK);
		char *got = render_entities(d);
		snprintf(path, sizeof path, "%s.expected", base);
		if (update) {
			FILE *f = fopen(path, "w");
			assert_non_null(f);
			fputs(got, f);
			fclose(f);
		} else {
			char *want = slurp(path);
			if (!want || strcmp(want, got)) {
				fprintf(stderr, "FAIL %s\n--- got:\n%s", path, got);
				fails++;
			}
			free(want);
		}
		n++;
		free(got);
		ng_doc_destroy(d);
		free(text);
	}
	closedir(dir);
	assert_true(n >= 3);
	assert_int_equal(fails, 0);
}

/* ---- the seed article */

static const ng_entity *entity_named(const ng_doc *d, const char *name)
{
	for (size_t i = 0; i < d->n_entities; i++)
		if (!strcmp(d->entities[i].name, name))
			return &d->entities[i];
	return NULL;
}

static const ng_entity *entity_at(const ng_doc *d, size_t start, int *kind)
{
	for (size_t i = 0; i < d->n_entities; i++)
		for (size_t k = 0; k < d->entities[i].n_mentions; k++)
			if (d->entities[i].mentions[k].start <= start &&
			    start < d->entities[i].mentions[k].end) {
				*kind = d->entities[i].mentions[k].kind;
				return &d->entities[i];
			}
	return NULL;
}

static bool has_title(const ng_entity *e, const char *t)
{
	for (size_t i = 0; i < e->n_titles; i++)
		if (!strcmp(e->titles[i], t))
			return true;
	return false;
}

/* Every token-aligned occurrence of word w must be a mention of an entity
** named want[k] (in order; NULL: no mention). */
static void check_word(const ng_doc *d, const char *w, const char *const *want, size_t n_want)
{
	size_t k = 0;
	for (size_t i = 0; i < d->n_tokens; i++) {
		const ng_token *t = &d->tokens[i];
		if (t->end - t->start != strlen(w) || memcmp(d->text + t->start, w, strlen(w)))
			continue;
		assert_true(k < n_want);
		int kind = -1;
		const ng_entity *e = entity_at(d, t->start, &kind);
		if (!want[k]) {
			assert_null(e);
		} else {
			if (!e || strcmp(e->name, want[k]))
				fail_msg("%s #%zu at %u: got %s, want %s", w, k, t->start,
					 e ? e->name : "(none)", want[k]);
		}
		k++;
	}
	assert_int_equal(k, n_want);
}

#define QALIBAF "Mohammad Baqer Qalibaf"
#define NAKHALAH "Ziyad al-Nakhalah"
#define HANIYEH "Ismail Haniyeh"

static void test_seed(void **state)
{
	(void)state;
	char *text = slurp(NG_SHARED_DIR "/data/samples/seed-article.txt");
	if (!text) {
		fprintf(stderr, "seed article not found under %s; skipped\n", NG_SHARED_DIR);
		skip();
	}
	if (!has_gazetteers()) {
		free(text);
		skip();
	}
	ng_doc *d = make_doc(text);
	apply_tags(d, TAGGED_DIR "/seed.tags");
	assert_int_equal(ng_coref_resolve(lex, d), NG_OK);
	if (getenv("NG_DUMP")) {
		char *r = render_entities(d);
		fputs(r, stderr);
		free(r);
	}

	const ng_entity *q = entity_named(d, QALIBAF);
	assert_non_null(q);
	assert_int_equal(q->type, NG_ENT_PER);
	assert_true(has_title(q, "Iranian Parliament Speaker"));
	assert_string_equal(q->affiliation, "Iran");
	assert_string_equal(q->country, "IRN");
	const ng_entity *n = entity_named(d, NAKHALAH);
	assert_non_null(n);
	assert_true(has_title(n, "Leader of Palestinian Islamic Jihad"));
	assert_string_equal(n->affiliation, "Palestinian Islamic Jihad");
	const ng_entity *h = entity_named(d, HANIYEH);
	assert_non_null(h);
	assert_true(has_title(h, "Head of the Palestinian Islamic Resistance Movement (Hamas)\u2019s "
				 "Political Bureau"));
	assert_string_equal(h->affiliation, "Palestinian Islamic Resistance Movement");
	const ng_entity *s = entity_named(d, "Soleimani");
	assert_non_null(s);
	assert_true(has_title(s, "Lt. Gen."));
	assert_int_equal(s->n_titles, 1);

	/* every surname, name and pronoun occurrence */
	static const char *const qal[] = {QALIBAF, QALIBAF, QALIBAF, QALIBAF, QALIBAF, QALIBAF,
					  QALIBAF, QALIBAF};
	check_word(d, "Qalibaf", qal, 8);
	static const char *const nak[] = {NAKHALAH};
	check_word(d, "Al-Nakhalah", nak, 1);
	static const char *const han[] = {HANIYEH, HANIYEH, HANIYEH};
	check_word(d, "Haniyeh", han, 3);
	static const char *const he_up[] = {QALIBAF, QALIBAF, HANIYEH};
	check_word(d, "He", he_up, 3);
	static const char *const he[] = {NAKHALAH, HANIYEH};
	check_word(d, "he", he, 2);
	static const char *const his[] = {NAKHALAH, QALIBAF, HANIYEH, QALIBAF};
	check_word(d, "his", his, 4);
	static const char *const speaker[] = {QALIBAF};
	check_word(d, "speaker", speaker, 1);

	/* organizations and places */
	const ng_entity *hamas = entity_named(d, "Palestinian Islamic Resistance Movement");
	assert_non_null(hamas);
	assert_int_equal(hamas->type, NG_ENT_ORG);
	static const char *const ham[] = {"Palestinian Islamic Resistance Movement",
					  "Palestinian Islamic Resistance Movement",
					  "Palestinian Islamic Resistance Movement"};
	check_word(d, "Hamas", ham, 3);
	const ng_entity *pij = entity_named(d, "Palestinian Islamic Jihad");
	assert_non_null(pij);
	assert_int_equal(pij->type, NG_ENT_ORG);
	const ng_entity *iran = entity_named(d, "Islamic Republic of Iran");
	assert_non_null(iran);
	assert_int_equal(iran->type, NG_ENT_LOC);
	assert_int_equal(iran->n_mentions, 3);
	assert_string_equal(iran->country, "IRN");
	const ng_entity *isr = entity_named(d, "Israel");
	assert_non_null(isr);
	assert_int_equal(isr->type, NG_ENT_LOC);
	const ng_entity *pal = entity_named(d, "Palestine");
	assert_non_null(pal);
	assert_int_equal(pal->type, NG_ENT_LOC);
	assert_string_equal(pal->country, "PSE");
	ng_doc_destroy(d);
	free(text);
}

/* ---- edge cases */

static void test_no_tags(void **state)
{
	(void)state;
	ng_doc *d = make_doc("He said she would come. Nobody was named.");
	assert_int_equal(ng_coref_resolve(lex, d), NG_OK);
	assert_int_equal(d->n_entities, 0);
	d->ner_tags = NULL;
	assert_int_equal(ng_coref_resolve(lex, d), NG_OK);
	assert_int_equal(d->n_entities, 0);
	assert_int_equal(ng_coref_resolve(NULL, d), NG_EUSAGE);
	ng_doc_destroy(d);
}

static void test_odd_tags(void **state)
{
	(void)state;
	/* I- without B-, a person span that is only a title, a span running
	** across a sentence end, out-of-range tag values */
	ng_doc *d = make_doc("Minister spoke. Then John Smith left. Smith said he was tired.");
	/* tokens: Minister spoke . Then John Smith left . Smith said he was tired . */
	assert_true(d->n_tokens >= 14);
	d->ner_tags[0] = NG_NER_B_PER;  /* "Minister" alone */
	d->ner_tags[2] = NG_NER_I_ORG;  /* "." */
	d->ner_tags[3] = NG_NER_I_ORG;  /* across the sentence end */
	d->ner_tags[4] = NG_NER_I_PER;  /* John: I- without B- */
	d->ner_tags[5] = NG_NER_I_PER;
	d->ner_tags[8] = NG_NER_B_PER;  /* Smith */
	d->ner_tags[12] = 200;          /* invalid */
	assert_int_equal(ng_coref_resolve(lex, d), NG_OK);
	const ng_entity *js = entity_named(d, "John Smith");
	assert_non_null(js);
	assert_int_equal(js->n_mentions, 3); /* John Smith, Smith, he */
	assert_int_equal(js->mentions[2].kind, NG_MENTION_PRONOUN);
	for (size_t i = 0; i < d->n_entities; i++)
		assert_string_not_equal(d->entities[i].name, "Minister");
	ng_doc_destroy(d);
}

static void test_titles_trimmed(void **state)
{
	(void)state;
	ng_doc *d = make_doc("President Joe Biden met Mr. Smith. The president thanked him.");
	d->ner_tags[0] = NG_NER_B_PER; /* the tagger swallowed the title */
	d->ner_tags[1] = NG_NER_I_PER;
	d->ner_tags[2] = NG_NER_I_PER;
	d->ner_tags[5] = NG_NER_B_PER; /* Smith */
	assert_int_equal(ng_coref_resolve(lex, d), NG_OK);
	const ng_entity *b = entity_named(d, "Joe Biden");
	assert_non_null(b);
	assert_int_equal(b->n_titles, 1);
	assert_string_equal(b->titles[0], "President");
	assert_int_equal(b->n_mentions, 2);
	assert_int_equal(b->mentions[1].kind, NG_MENTION_TITLE);
	const ng_entity *s = entity_named(d, "Smith");
	assert_non_null(s);
	assert_int_equal(s->n_titles, 0); /* Mr. is no title */
	assert_int_equal(s->n_mentions, 2); /* Smith, him */
	ng_doc_destroy(d);
}

static ng_doc *many_names(void)
{
	static char text[8192];
	size_t o = 0;
	for (int i = 0; i < 150; i++)
		o += (size_t)snprintf(text + o, sizeof text - o, "Anna Berg met Carl Dahl. She said he left. ");
	ng_doc *d = make_doc(text);
	for (size_t i = 0; i + 1 < d->n_tokens; i++)
		if (!memcmp(d->text + d->tokens[i].start, "Anna", 4) ||
		    !memcmp(d->text + d->tokens[i].start, "Carl", 4)) {
			d->ner_tags[i] = NG_NER_B_PER;
			d->ner_tags[i + 1] = NG_NER_I_PER;
		}
	return d;
}

static void test_alloc_failure(void **state)
{
	(void)state;
	ng_doc *d = many_names();
	assert_int_equal(ng_coref_resolve(lex, d), NG_OK);
	assert_int_equal(d->n_entities, 2);
	assert_int_equal(d->entities[0].n_mentions, 300); /* 150 names, 150 "She" */
	assert_string_equal(d->entities[1].name, "Carl Dahl");
	ng_doc_destroy(d);
	/* every allocation the stage makes may fail: it must say so, not crash */
	int failed = 0;
	for (uint64_t n = 1; n < 200; n++) {
		d = many_names();
		ng_alloc_fail_after(n);
		ng_status st = ng_coref_resolve(lex, d);
		ng_alloc_fail_after(0);
		ng_doc_destroy(d);
		if (st == NG_OK)
			break;
		assert_int_equal(st, NG_ENOMEM);
		failed++;
	}
	assert_true(failed > 0);
}

/* Random tag sequences over the golden texts: never a crash, always
** well-formed entities (ids in order, mentions inside the text, in order,
** not overlapping within an entity). Deterministic (fixed seed). */
static void test_random_tags(void **state)
{
	(void)state;
	static const char *const names[] = {"01-summit", "02-cairo", "03-lavrov", "04-muscat"};
	uint64_t x = 0x9e3779b97f4a7c15u;
	for (size_t f = 0; f < sizeof names / sizeof names[0]; f++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s.txt", TAGGED_DIR, names[f]);
		char *text = slurp(path);
		assert_non_null(text);
		for (int round = 0; round < 200; round++) {
			ng_doc *d = make_doc(text);
			for (size_t i = 0; i < d->n_tokens; i++) {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				/* mostly O, sometimes any tag value including invalid ones */
				d->ner_tags[i] = (x % 3) ? NG_NER_O : (uint8_t)((x >> 8) % (NG_NER_NTAGS + 2));
			}
			assert_int_equal(ng_coref_resolve(lex, d), NG_OK);
			for (size_t e = 0; e < d->n_entities; e++) {
				const ng_entity *en = &d->entities[e];
				assert_int_equal(en->id, e);
				assert_true(en->n_mentions > 0);
				assert_non_null(en->name);
				assert_true(en->type <= NG_ENT_MISC);
				for (size_t k = 0; k < en->n_mentions; k++) {
					const ng_mention *m = &en->mentions[k];
					assert_true(m->start < m->end && m->end <= d->text_len);
					assert_true(m->kind <= NG_MENTION_TITLE);
					if (k)
						assert_true(en->mentions[k - 1].end <= m->start);
				}
			}
			ng_doc_destroy(d);
		}
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_no_tags),
		cmocka_unit_test(test_odd_tags),
		cmocka_unit_test(test_titles_trimmed),
		cmocka_unit_test(test_alloc_failure),
		cmocka_unit_test(test_random_tags),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
