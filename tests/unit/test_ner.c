/*
** test_ner.c -- the entity tagger: shapes and token facts, feature keys,
** the constrained Viterbi decoder (against exhaustive search), the
** gazetteer, the model image (a tiny hand-built model; corrupt and
** truncated files fail with a message, never a crash), and golden tagging
** of sentences written for this test and of the seed article (skipped when
** ../shared is absent).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <strings.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/core.h"
#include "model/gazetteer.h"
#include "pipeline/stage.h"
#include "stage/entities/ner.h"

#define DATA_DIR NG_TEST_DIR "/../data"

static void test_shape(void **st)
{
	(void)st;
	static const char *const cases[][2] = {
		{"Obama", "Xxx"}, {"IBM", "XX"}, {"I", "X"}, {"U.S.", "X.X."}, {"1996-08-22", "dd-dd-dd"},
		{"al-Nakhalah", "xx-Xxx"}, {"\xC3\x89lys\xC3\xA9" "e", "Xxx"}, {"McDonald's", "XxXxx'x"},
		{"", ""}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[32];
		ng_ner_shape(cases[i][0], strlen(cases[i][0]), buf, sizeof buf);
		assert_string_equal(buf, cases[i][1]);
	}
	char tiny[3];
	ng_ner_shape("Washington", 10, tiny, sizeof tiny);
	assert_string_equal(tiny, "Xx");
}

/* A document from space-separated tokens, sentences split at " | ". */
typedef struct tdoc {
	char buf[1024];
	const char *tok[128];
	uint32_t len[128];
	uint32_t sent[32];
	ng_ner_input in;
} tdoc;

static void tdoc_make(tdoc *d, const char *text)
{
	memset(d, 0, sizeof *d);
	snprintf(d->buf, sizeof d->buf, "%s", text);
	size_t n = 0, ns = 0;
	d->sent[ns++] = 0;
	for (char *p = strtok(d->buf, " "); p; p = strtok(NULL, " ")) {
		if (!strcmp(p, "|")) {
			d->sent[ns++] = (uint32_t)n;
			continue;
		}
		d->tok[n] = p;
		d->len[n++] = (uint32_t)strlen(p);
	}
	d->sent[ns] = (uint32_t)n;
	d->in = (ng_ner_input){d->tok, d->len, n, d->sent, ns};
}

static void test_tokinfo(void **st)
{
	(void)st;
	tdoc d;
	tdoc_make(&d, "JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT . | Japan beat Syria to win the cup . | "
		      "Syria lost .");
	ng_arena *a = ng_arena_create(1 << 16, 1 << 24);
	ng_ner_tokinfo ti[64];
	assert_int_equal(ng_ner_tokinfo_fill(&d.in, NULL, NULL, a, ti), NG_OK);
	/* the all-caps first sentence is a headline; the others are not */
	for (size_t i = 0; i < 10; i++)
		assert_true(ti[i].flags & NG_NER_F_HEADLINE);
	assert_false(ti[10].flags & NG_NER_F_HEADLINE);
	assert_true(ti[0].flags & NG_NER_F_SENTINIT);
	assert_true(ti[10].flags & NG_NER_F_SENTINIT);
	assert_false(ti[11].flags & NG_NER_F_SENTINIT);
	assert_true(ti[10].flags & NG_NER_F_CAP);
	assert_true(ti[0].flags & NG_NER_F_ALLCAPS);
	assert_true(ti[11].flags & NG_NER_F_LOWER);
	/* WIN: "win" appears in lowercase; Syria capitalized mid-sentence */
	assert_true(ti[3].flags & NG_NER_F_LOWER_IN_DOC);
	assert_false(ti[0].flags & NG_NER_F_LOWER_IN_DOC);
	assert_true(ti[12].flags & NG_NER_F_CAPMID_IN_DOC);  /* Syria (mid) */
	assert_true(ti[18].flags & NG_NER_F_CAPMID_IN_DOC);  /* Syria (initial, seen mid) */
	assert_false(ti[10].flags & NG_NER_F_CAPMID_IN_DOC); /* Japan only sentence-initial */
	/* case folding: JAPAN and Japan share the folded hash, not the word hash */
	assert_true(ti[0].lower == ti[10].lower);
	assert_true(ti[0].word != ti[10].word);
	/* punctuation has no letters */
	assert_false(ti[4].flags & NG_NER_F_ALPHA);
	ng_arena_destroy(a);
}

static int has_key(const uint64_t *k, size_t n, uint64_t x)
{
	for (size_t i = 0; i < n; i++)
		if (k[i] == x)
			return 1;
	return 0;
}

static void test_features(void **st)
{
	(void)st;
	tdoc a, b;
	tdoc_make(&a, "He met Angela Merkel in Berlin . | Merkel left .");
	tdoc_make(&b, "He met Angela Merkel at Berlin . | Merkel left .");
	ng_arena *ar = ng_arena_create(1 << 16, 1 << 24);
	ng_ner_tokinfo ta[16], tb[16];
	assert_int_equal(ng_ner_tokinfo_fill(&a.in, NULL, NULL, ar, ta), NG_OK);
	assert_int_equal(ng_ner_tokinfo_fill(&b.in, NULL, NULL, ar, tb), NG_OK);
	uint64_t ka[NG_NER_MAX_FEATS], kb[NG_NER_MAX_FEATS], kc[NG_NER_MAX_FEATS];
	/* "Angela" (index 2): +2 is in/at, so some keys differ, most do not */
	size_t na = ng_ner_features(ta, 0, 7, 2, NULL, ka);
	size_t nb = ng_ner_features(tb, 0, 7, 2, NULL, kb);
	assert_true(na > 20 && na <= NG_NER_MAX_FEATS);
	assert_int_equal(na, nb);
	size_t diff = 0;
	for (size_t i = 0; i < na; i++) {
		assert_true(ka[i] != 0);
		diff += !has_key(kb, nb, ka[i]);
	}
	assert_true(diff >= 1 && diff <= 3);
	/* "Merkel" (index 3): in/at is w+1 now: the bigram and w+1 keys differ */
	na = ng_ner_features(ta, 0, 7, 3, NULL, ka);
	nb = ng_ner_features(tb, 0, 7, 3, NULL, kb);
	diff = 0;
	for (size_t i = 0; i < na; i++)
		diff += !has_key(kb, nb, ka[i]);
	assert_true(diff >= 2);
	/* deterministic, and all keys of one token distinct */
	size_t nc = ng_ner_features(ta, 0, 7, 3, NULL, kc);
	assert_int_equal(nc, na);
	assert_memory_equal(ka, kc, na * sizeof ka[0]);
	for (size_t i = 0; i < na; i++)
		for (size_t j = i + 1; j < na; j++)
			assert_true(ka[i] != ka[j]);
	/* the history feature changes when the word was tagged before */
	size_t hcap = 64;
	uint64_t hk[64] = {0};
	uint8_t hv[64] = {0};
	ng_ner_history h = {hk, hv, hcap - 1};
	size_t n0 = ng_ner_features(ta, 7, 10, 7, &h, ka);
	uint8_t tags[7] = {0, 0, NG_NER_B_PER, NG_NER_I_PER, 0, NG_NER_B_LOC, 0};
	ng_ner_history_add(&h, ta, 0, 7, tags);
	assert_int_equal(ng_ner_history_get(&h, ta[3].lower), 1u << 0);  /* PER */
	assert_int_equal(ng_ner_history_get(&h, ta[5].lower), 1u << 2);  /* LOC */
	assert_int_equal(ng_ner_history_get(&h, ta[0].lower), 16);       /* He: O */
	size_t n1 = ng_ner_features(ta, 7, 10, 7, &h, kb);
	assert_int_equal(n0, n1);
	diff = 0;
	for (size_t i = 0; i < n0; i++)
		diff += !has_key(kb, n1, ka[i]);
	assert_true(diff >= 1);
	ng_arena_destroy(ar);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static float frand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (float)(rng % 2001) / 100.0f - 10.0f;
}

static void test_viterbi(void **st)
{
	(void)st;
	enum { NT = NG_NER_NTAGS, N = 4 };
	float em[N * NT], tr[(NT + 1) * NT];
	unsigned char work[N * NT * 5];
	uint8_t out[N];
	for (int round = 0; round < 50; round++) {
		for (int i = 0; i < N * NT; i++)
			em[i] = frand();
		for (int i = 0; i < (NT + 1) * NT; i++)
			tr[i] = frand() / 4;
		ng_ner_viterbi(em, tr, N, work, out);
		/* exhaustive search over all valid paths */
		float best = -1e30f;
		int bestp[N] = {0};
		int p[N];
		for (int code = 0; code < NT * NT * NT * NT; code++) {
			int c = code, ok = 1;
			for (int i = 0; i < N; i++) {
				p[i] = c % NT;
				c /= NT;
			}
			float s = 0;
			for (int i = 0; i < N && ok; i++) {
				int prev = i ? p[i - 1] : -1;
				if (!ng_ner_tag_allowed(prev, p[i]))
					ok = 0;
				s += em[i * NT + p[i]] + tr[(prev + 1) * NT + p[i]];
			}
			if (ok && s > best) {
				best = s;
				memcpy(bestp, p, sizeof p);
			}
		}
		for (int i = 0; i < N; i++)
			assert_int_equal(out[i], bestp[i]);
	}
	/* I-PER can never start a sentence or follow O or another type */
	assert_false(ng_ner_tag_allowed(-1, NG_NER_I_PER));
	assert_false(ng_ner_tag_allowed(NG_NER_O, NG_NER_I_PER));
	assert_false(ng_ner_tag_allowed(NG_NER_B_ORG, NG_NER_I_PER));
	assert_true(ng_ner_tag_allowed(NG_NER_B_PER, NG_NER_I_PER));
	assert_true(ng_ner_tag_allowed(NG_NER_I_PER, NG_NER_I_PER));
	assert_true(ng_ner_tag_allowed(NG_NER_I_LOC, NG_NER_B_LOC));
	/* a strong I-PER score at the start turns into the best valid path */
	memset(em, 0, sizeof em);
	memset(tr, 0, sizeof tr);
	em[0 * NT + NG_NER_I_PER] = 10;
	em[0 * NT + NG_NER_B_PER] = 1;
	em[1 * NT + NG_NER_I_PER] = 5;
	ng_ner_viterbi(em, tr, 2, work, out);
	assert_int_equal(out[0], NG_NER_B_PER);
	assert_int_equal(out[1], NG_NER_I_PER);
}

static void test_gazetteer(void **st)
{
	(void)st;
	char err[256] = "";
	ng_gazetteer *g = NULL;
	assert_int_equal(ng_gazetteer_load(DATA_DIR "/gazetteers", &g, err, sizeof err), NG_OK);
	assert_true(ng_gazetteer_size(g) > 5000);
	size_t n;
	const ng_gaz_entry *e = ng_gazetteer_lookup(g, "Islamic Republic of Iran", &n);
	assert_non_null(e);
	assert_int_equal(e[0].type, NG_ENT_LOC);
	assert_string_equal(e[0].country, "IRN");
	e = ng_gazetteer_lookup(g, "Iranian", &n);
	assert_non_null(e);
	assert_int_equal(e[0].cls, NG_GAZ_DEMONYM);
	assert_string_equal(e[0].country, "IRN");
	e = ng_gazetteer_lookup(g, "NATO", &n);
	assert_non_null(e);
	assert_int_equal(e[0].type, NG_ENT_ORG);
	e = ng_gazetteer_lookup(g, "Korea", &n);
	assert_non_null(e);
	assert_true(n >= 2); /* KOR and PRK */
	assert_null(ng_gazetteer_lookup(g, "Qalibaf", &n));
	assert_int_equal(n, 0);
	/* longest match by tokens, case-insensitive */
	const char *toks[] = {"UNITED", "STATES", "of", "America", "said"};
	uint32_t lens[] = {6, 6, 2, 7, 4};
	assert_int_equal(ng_gazetteer_match(g, toks, lens, 5, &e, &n), 4);
	assert_string_equal(e[0].country, "USA");
	assert_int_equal(ng_gazetteer_match(g, toks, lens, 2, &e, &n), 2);
	assert_int_equal(ng_gazetteer_match(g, toks + 2, lens + 2, 3, &e, &n), 0);
	assert_null(e);
	ng_gazetteer_free(g);

	/* a malformed list is an error with the file and line */
	char dir[] = "/tmp/ng_gaz_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/bad.txt", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("# comment\nParis\tLOC\tFRA\tcity\nBerlin\tPLACE\tDEU\tcity\n", f);
	fclose(f);
	assert_int_equal(ng_gazetteer_load(dir, &g, err, sizeof err), NG_EPARSE);
	assert_null(g);
	assert_non_null(strstr(err, "bad.txt:3"));
	remove(path);
	assert_int_equal(ng_gazetteer_load(dir, &g, err, sizeof err), NG_EEMPTY);
	rmdir(dir);
	assert_int_equal(ng_gazetteer_load("/nonexistent/dir", &g, err, sizeof err), NG_EIO);
}

/* A two-feature model built by hand: the word "paris" votes B-LOC. */
static void *tiny_model(size_t *len)
{
	enum { NT = NG_NER_NTAGS };
	tdoc d;
	tdoc_make(&d, "Paris");
	ng_arena *a = ng_arena_create(1 << 12, 1 << 20);
	ng_ner_tokinfo ti[1];
	assert_int_equal(ng_ner_tokinfo_fill(&d.in, NULL, NULL, a, ti), NG_OK);
	uint64_t keys[NG_NER_MAX_FEATS];
	size_t nk = ng_ner_features(ti, 0, 1, 0, NULL, keys);
	assert_true(nk > 2);
	float w[2 * NT] = {0};
	w[NG_NER_B_LOC] = 3;           /* feature 0 is the bias ... */
	w[NT + NG_NER_B_LOC] = 2;      /* ... and 1 the word */
	w[NT + NG_NER_O] = 1;
	float tr[(NT + 1) * NT] = {0};
	ng_ner_image_builder b = {keys, w, 2, tr, NULL, 1};
	void *img;
	assert_int_equal(ng_ner_image_build(&b, &img, len), NG_OK);
	ng_arena_destroy(a);
	return img;
}

static void test_model_image(void **st)
{
	(void)st;
	size_t len;
	unsigned char *img = tiny_model(&len);
	char err[256];
	ng_ner_model *m = NULL;
	assert_int_equal(ng_ner_model_from_bytes(img, len, &m, err, sizeof err), NG_OK);
	tdoc d;
	tdoc_make(&d, "Paris | Paris Paris");
	uint8_t tags[3];
	ng_arena *a = ng_arena_create(1 << 16, 1 << 26);
	assert_int_equal(ng_ner_tag(m, NULL, &d.in, a, tags), NG_OK);
	assert_int_equal(tags[0], NG_NER_B_LOC);
	assert_int_equal(tags[1], NG_NER_B_LOC);
	assert_int_equal(tags[2], NG_NER_B_LOC);
	ng_ner_model_free(m);

	/* every truncation fails cleanly */
	size_t cuts[] = {0, 1, 8, 63, 64, 65, len / 2, len - 8, len - 1};
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		err[0] = 0;
		m = (ng_ner_model *)1;
		assert_int_equal(ng_ner_model_from_bytes(img, cuts[i], &m, err, sizeof err), NG_EPARSE);
		assert_null(m);
		assert_true(strlen(err) > 10);
	}
	/* a flipped byte anywhere fails (checksum or header check) */
	for (size_t pos = 0; pos < len; pos += len / 97 + 1) {
		img[pos] ^= 0x5a;
		assert_int_equal(ng_ner_model_from_bytes(img, len, &m, err, sizeof err), NG_EPARSE);
		assert_null(m);
		img[pos] ^= 0x5a;
	}
	img[0] = 'X';
	assert_int_equal(ng_ner_model_from_bytes(img, len, &m, err, sizeof err), NG_EPARSE);
	assert_non_null(strstr(err, "magic"));
	img[0] = 'N';

	/* the same from files: truncated, empty, missing */
	char path[] = "/tmp/ng_ner_model_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, img, len / 2), (ssize_t)(len / 2));
	close(fd);
	assert_int_equal(ng_ner_model_load(path, &m, err, sizeof err), NG_EPARSE);
	assert_non_null(strstr(err, "truncated"));
	assert_null(m);
	fd = open(path, O_WRONLY | O_TRUNC);
	close(fd);
	assert_int_equal(ng_ner_model_load(path, &m, err, sizeof err), NG_EPARSE);
	remove(path);
	assert_int_equal(ng_ner_model_load(path, &m, err, sizeof err), NG_EIO);
	assert_null(m);
	ng_free(img);
	(void)a;
	ng_arena_destroy(a);
}

/* The committed model loads and passes its own checks. */
static void test_committed_model(void **st)
{
	(void)st;
	char err[256];
	ng_ner_model *m = NULL;
	assert_int_equal(ng_ner_model_load(DATA_DIR "/ner.model", &m, err, sizeof err), NG_OK);
	assert_true(ng_ner_model_clusters(m)->n > 1000);
	ng_ner_model_free(m);
}

/* Tags text through extract, segment, entities; returns "TYPE:text|..." */
static void tag_text(const ng_engine *e, const char *text, char *out, size_t cap)
{
	static const char *const tn[] = {"PER", "ORG", "LOC", "MISC"};
	ng_doc *d = ng_doc_create(0);
	assert_non_null(d);
	d->raw = text;
	d->raw_len = strlen(text);
	d->assigned = NG_F_RAW;
	assert_int_equal(ng_engine_annotate(e, d), NG_OK);
	assert_non_null(d->ner_tags);
	size_t o = 0;
	out[0] = 0;
	for (size_t i = 0; i < d->n_tokens; i++) {
		int t = d->ner_tags[i];
		assert_true(t < NG_NER_NTAGS);
		assert_true(ng_ner_tag_allowed(i ? d->ner_tags[i - 1] : -1, t) ||
			    (i && d->ner_tags[i - 1] == t)); /* sentence starts are B- or O */
		if (!(t & 1))
			continue;
		size_t j = i + 1;
		while (j < d->n_tokens && d->ner_tags[j] == t + 1)
			j++;
		o += (size_t)snprintf(out + o, cap - o, "%s%s:%.*s", o ? "|" : "", tn[(t - 1) / 2],
				      (int)(d->tokens[j - 1].end - d->tokens[i].start),
				      d->text + d->tokens[i].start);
		if (o >= cap)
			o = cap - 1;
	}
	ng_doc_destroy(d);
}

static void test_golden(void **st)
{
	(void)st;
	static const char *const cases[][2] = {
		{"German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on "
		 "Tuesday.",
		 "MISC:German|PER:Angela Merkel|MISC:French|PER:Emmanuel Macron|LOC:Berlin"},
		{"The European Union and NATO said on Monday that Russia must withdraw its troops.",
		 "ORG:European Union|ORG:NATO|LOC:Russia"},
		{"Shares of Microsoft rose 3 percent in New York after the company reported higher "
		 "profits.",
		 "ORG:Microsoft|LOC:New York"},
		{"The World Health Organization warned that the outbreak in Brazil was spreading.",
		 "ORG:World Health Organization|LOC:Brazil"},
		/* titles stay outside the name */
		{"President Barack Obama spoke to Gen. David Petraeus in Kabul on Friday.",
		 "PER:Barack Obama|PER:David Petraeus|LOC:Kabul"},
		{"Nothing here is a name: the weather was fine and prices rose.", ""},
	};
	char err[256];
	ng_config cfg = {.stages = "extract,segment,entities"};
	ng_engine *e = ng_engine_create(&cfg, err, sizeof err);
	assert_non_null(e);
	char out[1024];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tag_text(e, cases[i][0], out, sizeof out);
		if (strcmp(out, cases[i][1]))
			fprintf(stderr, "case %zu: got '%s'\n", i, out);
		assert_string_equal(out, cases[i][1]);
	}
	ng_engine_destroy(e);
}

/* News from everywhere (issue 23): titles without a period, names with
** particles, organisations and places of Asia, Africa and the Middle East. */
static void test_world(void **st)
{
	(void)st;
	static const char *const cases[][2] = {
		{"Mr Albanese said the talks would go on.", "PER:Albanese"},
		{"Qatar's Emir Tamim bin Hamad Al Thani arrived on Sunday.",
		 "LOC:Qatar|PER:Tamim bin Hamad Al Thani"},
		{"Egyptian President Abdel Fattah el-Sisi opened the summit.",
		 "MISC:Egyptian|PER:Abdel Fattah el-Sisi"},
		{"Nigeria's President Bola Tinubu said the deal was fair.",
		 "LOC:Nigeria|PER:Bola Tinubu"},
		{"Hezbollah said it had fired rockets at the base.", "ORG:Hezbollah"},
		{"Heavy rain fell on Gujarat and Zhengzhou, and flights from Delhi were cancelled.",
		 "LOC:Gujarat|LOC:Zhengzhou|LOC:Delhi"},
		{"The ship sailed from Abu Dhabi to Bandar Abbas on Friday.",
		 "LOC:Abu Dhabi|LOC:Bandar Abbas"},
		{"Al Jazeera and Xinhua reported the explosion.", "ORG:Al Jazeera|ORG:Xinhua"},
		{"King Salman bin Abdulaziz Al Saud received Sheikh Mohammed bin Zayed.",
		 "PER:Salman bin Abdulaziz Al Saud|PER:Mohammed bin Zayed"},
		{"Grand Ayatollah Ali al-Sistani issued a statement.", "PER:Ali al-Sistani"},
	};
	char err[256];
	ng_config cfg = {.stages = "extract,segment,entities"};
	ng_engine *e = ng_engine_create(&cfg, err, sizeof err);
	assert_non_null(e);
	char out[1024];
	int fails = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tag_text(e, cases[i][0], out, sizeof out);
		if (strcmp(out, cases[i][1])) {
			fprintf(stderr, "world case %zu: got '%s', want '%s'\n", i, out, cases[i][1]);
			fails++;
		}
	}
	assert_int_equal(fails, 0);
	ng_engine_destroy(e);
}

/* The rules after tagging, on tags set by hand (no model): titles leave
** names, particles join them, known organisations and places get their type. */
static void test_rules(void **st)
{
	(void)st;
	char err[256];
	ng_gazetteer *g = NULL;
	assert_int_equal(ng_gazetteer_load(DATA_DIR "/gazetteers", &g, err, sizeof err), NG_OK);
	enum { O = NG_NER_O, BP = NG_NER_B_PER, IP = NG_NER_I_PER, BO = NG_NER_B_ORG,
	       IO = NG_NER_I_ORG, BL = NG_NER_B_LOC, IL = NG_NER_I_LOC, BM = NG_NER_B_MISC };
	static const struct {
		const char *text;
		uint8_t in[12], want[12];
	} cases[] = {
		/* a title opening another type's span: the rest is a person */
		{"Mr Albanese spoke", {BO, IO, O}, {O, BP, O}},
		/* a span that is only a title is no entity */
		{"the Sultan died", {O, BM, O}, {O, O, O}},
		/* a title before a short non-person span makes it a person */
		{"Sultan Qaboos died", {O, BO, O}, {O, BP, O}},
		/* but not before a building's name: that is a place */
		{"Sultan Qaboos Grand Mosque", {O, BO, IO, IO}, {O, BL, IL, IL}},
		/* ambiguous titles do not retype: General Motors */
		{"General Motors rose", {O, BO, O}, {O, BO, O}},
		/* particles join the parts of one name */
		{"Haitham bin Tariq Al Said", {BP, O, BP, IP, IP}, {BP, IP, IP, IP, IP}},
		{"Qaboos bin Said ruled", {BO, O, O, O}, {BP, IP, IP, O}},
		{"Tamim bin Hamad Al Thani", {BP, O, BP, BL, IL}, {BP, IP, IP, IP, IP}},
		{"Abdel Fattah el-Sisi said", {BP, IP, O, O}, {BP, IP, IP, O}},
		/* "de" joins only after a person */
		{"Banco de Brasil", {BO, O, BL}, {BO, O, BL}},
		/* "Leader of" leaves the organisation */
		{"Leader of Palestinian Islamic Jihad", {BO, IO, IO, IO, IO}, {O, O, BO, IO, IO}},
		/* known organisations, tagged or not; a maker before a model is not one */
		{"Hezbollah said", {O, O}, {BO, O}},
		{"the Taliban attacked", {O, BM, O}, {O, BO, O}},
		{"a Boeing 707 crashed", {O, BM, O, O}, {O, BM, O, O}},
		/* airports are places; a nationality and its parliament one body */
		{"Payam International Airport", {BO, IO, IO}, {BL, IL, IL}},
		{"the Iranian Parliament voted", {O, BM, O, O}, {O, BO, IO, O}},
		/* an article split off by a stray space */
		{"liberate al - Quds", {O, O, O, BL}, {O, BL, IL, IL}},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		tdoc d;
		tdoc_make(&d, cases[c].text);
		uint8_t tags[12];
		memcpy(tags, cases[c].in, d.in.n);
		ng_ner_rules(g, &d.in, tags);
		for (size_t i = 0; i < d.in.n; i++)
			if (tags[i] != cases[c].want[i]) {
				fprintf(stderr, "rules case '%s': token %zu tag %d, want %d\n",
					cases[c].text, i, tags[i], cases[c].want[i]);
				fail();
			}
		for (size_t i = 0; i < d.in.n; i++)
			assert_true(ng_ner_tag_allowed(i ? tags[i - 1] : -1, tags[i]));
	}
	ng_gazetteer_free(g);
}

static void test_seed_article(void **st)
{
	(void)st;
	FILE *f = fopen(NG_SHARED_DIR "/data/samples/seed-article.txt", "rb");
	if (!f) {
		fprintf(stderr, "skipped: %s/data/samples/seed-article.txt not present\n", NG_SHARED_DIR);
		skip();
	}
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	char err[256];
	ng_config cfg = {.stages = "extract,segment,entities"};
	ng_engine *e = ng_engine_create(&cfg, err, sizeof err);
	assert_non_null(e);
	ng_doc *d = ng_doc_create(0);
	d->raw = buf;
	d->raw_len = n;
	d->assigned = NG_F_RAW;
	assert_int_equal(ng_engine_annotate(e, d), NG_OK);
	static const struct {
		const char *word;
		int type;
	} want[] = {{"Qalibaf", NG_ENT_PER},   {"al-Nakhalah", NG_ENT_PER}, {"Haniyeh", NG_ENT_PER},
		    {"Soleimani", NG_ENT_PER}, {"Hamas", NG_ENT_ORG},       {"Iran", NG_ENT_LOC}};
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
		size_t seen = 0;
		for (size_t i = 0; i < d->n_tokens; i++) {
			const ng_token *t = &d->tokens[i];
			size_t l = strlen(want[k].word);
			if (t->end - t->start != l || strncasecmp(d->text + t->start, want[k].word, l))
				continue;
			seen++;
			int tag = d->ner_tags[i];
			if (!tag || (tag - 1) / 2 != want[k].type)
				fprintf(stderr, "%s at %u: tag %d\n", want[k].word, t->start, tag);
			assert_true(tag && (tag - 1) / 2 == want[k].type);
		}
		assert_true(seen > 0);
	}
	/* titles are not swallowed into the names ("Lt. Gen. Soleimani", "Head of") */
	static const char *const titles[] = {"Lt.", "Gen.", "Head", "Leader", "Speaker"};
	for (size_t k = 0; k < sizeof titles / sizeof titles[0]; k++)
		for (size_t i = 0; i < d->n_tokens; i++) {
			const ng_token *t = &d->tokens[i];
			size_t l = strlen(titles[k]);
			if (t->end - t->start == l && !strncmp(d->text + t->start, titles[k], l))
				assert_false(d->ner_tags[i] == NG_NER_B_PER || d->ner_tags[i] == NG_NER_I_PER);
		}
	ng_doc_destroy(d);
	ng_engine_destroy(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shape),       cmocka_unit_test(test_tokinfo),
		cmocka_unit_test(test_features),    cmocka_unit_test(test_viterbi),
		cmocka_unit_test(test_gazetteer),   cmocka_unit_test(test_model_image),
		cmocka_unit_test(test_committed_model), cmocka_unit_test(test_golden),
		cmocka_unit_test(test_world),       cmocka_unit_test(test_rules),
		cmocka_unit_test(test_seed_article),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
