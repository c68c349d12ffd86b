/*
** test_parser.c -- the dependency parser: every parse is a tree (one word
** on the root, no cycle, heads in range) for random sentences, with a model
** of random weights built here and with the committed model; extreme
** sentences (5,000 words, only punctuation, one word, none, too many);
** truncated, corrupt and missing model files fail with a message; and the
** committed model's subjects and objects on a few simple sentences.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/core.h"
#include "stage/syntax/conllu.h"
#include "stage/syntax/parser_int.h"

#define MODEL NG_TEST_DIR "/../data/syntax/parser.model"

/* A model image with random weights: `rows` transition and relation rows. */
static void *random_image(unsigned seed, size_t rows, size_t *len)
{
	static const char *const names[] = {"root", "nsubj", "obj", "punct", "dep", "nsubj:pass"};
	prs_header h = {.format = PRS_FORMAT, .features = PRS_FEATURES, .templates = PRS_NTEMPLATES,
			.nlabels = 6, .root_label = 0, .tbuckets = 500, .lbuckets = 500,
			.ntrows = (uint32_t)rows, .nlrows = (uint32_t)rows, .npool = (uint32_t)rows,
			.tscale = 1000, .lscale = 1000, .lmask = {0x3e, 0x3e}};
	memcpy(h.magic, PRS_MAGIC, 8);
	prs_layout l;
	prs_layout_of(&h, &l);
	h.size = l.total;
	unsigned char *img = calloc(1, l.total);
	assert_non_null(img);
	for (unsigned k = 0; k < 6; k++)
		memcpy(img + l.labels + k * PRS_LABEL_BYTES, names[k], strlen(names[k]));
	prs_tbucket *tt = (prs_tbucket *)(img + l.ttab);
	prs_lbucket *lt = (prs_lbucket *)(img + l.ltab);
	prs_lent *pool = (prs_lent *)(img + l.pool);
	srand(seed);
	assert_true(rows <= 500 * PRS_BUCKET);
	for (size_t i = 0; i < rows; i++) { /* scattered as keys would be */
		size_t j = (size_t)rand() % 500, k = (size_t)rand() % 500;
		while (tt[j].fp[PRS_BUCKET - 1])
			j = (j + 1) % 500;
		while (lt[k].fp[PRS_BUCKET - 1])
			k = (k + 1) % 500;
		int lane = 0, ll = 0;
		while (tt[j].fp[lane])
			lane++;
		while (lt[k].fp[ll])
			ll++;
		tt[j].fp[lane] = (uint16_t)(rand() | 1);
		for (int c = 0; c < PRS_NT; c++)
			tt[j].w[c][lane] = (int16_t)(rand() % 2001 - 1000);
		lt[k].fp[ll] = (uint16_t)(rand() | 1);
		lt[k].ref[ll] = (uint32_t)(i << 8 | 1);
		pool[i] = (prs_lent){.lab = (uint8_t)(rand() % 6), .w = (int16_t)(rand() % 200)};
	}
	memcpy(img, &h, sizeof h);
	((prs_header *)img)->checksum = prs_checksum(img, l.total);
	*len = l.total;
	return img;
}

static void assert_tree(const ng_syn_word *w, size_t n, unsigned nlabels)
{
	size_t roots = 0;
	for (size_t i = 0; i < n; i++) {
		assert_true(w[i].head >= 0 && (size_t)w[i].head <= n);
		assert_true(w[i].head != (int)(i + 1));
		assert_true(w[i].deprel < nlabels);
		roots += w[i].head == 0;
		/* following heads from i reaches the root within n steps */
		size_t k = i + 1, steps = 0;
		while (k != 0 && steps <= n) {
			k = (size_t)w[k - 1].head;
			steps++;
		}
		assert_int_equal(k, 0);
	}
	assert_int_equal(roots, n ? 1 : 0);
}

static const char *const vocab[] = {"the", "man", "saw", "a", "dog", ",", ".", "and", "in", "Iran",
				    "said", "'s", "n't", "(", ")", "3", "very", "who", "to", "be"};

/* Fills w with n random words and tags. */
static void random_words(ng_syn_word *w, size_t n, unsigned *seed)
{
	for (size_t i = 0; i < n; i++) {
		*seed = *seed * 1103515245u + 12345u;
		const char *f = vocab[(*seed >> 16) % (sizeof vocab / sizeof vocab[0])];
		w[i] = (ng_syn_word){.form = f, .form_len = (uint32_t)strlen(f),
				     .upos = (uint8_t)((*seed >> 8) % NG_UPOS_COUNT),
				     .xpos = (uint8_t)((*seed >> 3) % NG_XPOS_COUNT)};
	}
}

static void check_random_sentences(const ng_parser *p)
{
	ng_arena *a = ng_arena_create(1 << 16, 1 << 26);
	assert_non_null(a);
	static ng_syn_word w[200];
	unsigned seed = 7;
	for (int round = 0; round < 300; round++) {
		size_t n = 1 + (size_t)(round * 37 % 199);
		random_words(w, n, &seed);
		size_t before = ng_arena_used(a);
		assert_int_equal(ng_parser_parse(p, a, w, n), NG_OK);
		assert_int_equal(ng_arena_used(a), before); /* scratch given back */
		assert_tree(w, n, ng_parser_n_deprels(p));
	}
	ng_arena_destroy(a);
}

/* Every template writes one key, and the keys differ between states. */
static void test_feature_count(void **st)
{
	(void)st;
	ng_arena *a = ng_arena_create(1 << 16, 1 << 24);
	ng_syn_word w[6];
	unsigned seed = 11;
	random_words(w, 6, &seed);
	prs_state *s = prs_state_new(a, w, 6);
	assert_non_null(s);
	uint64_t k1[PRS_MAX_TFEATS], k2[PRS_MAX_TFEATS], l[PRS_MAX_LFEATS];
	assert_int_equal(prs_tfeats(s, 0, k1), PRS_NTEMPLATES);
	assert_int_equal(prs_tfeats(s, 40, k1), 40);
	prs_apply(s, PRS_SHIFT, 0);
	prs_apply(s, PRS_SHIFT, 0);
	assert_int_equal(prs_tfeats(s, 0, k2), PRS_NTEMPLATES);
	assert_true(memcmp(k1 + 1, k2 + 1, 39 * sizeof k1[0]) != 0);
	assert_true(prs_lfeats(s, 2, 1, l) <= PRS_MAX_LFEATS);
	ng_arena_destroy(a);
}

static void test_random_model_trees(void **st)
{
	(void)st;
	for (unsigned seed = 1; seed <= 3; seed++) {
		size_t len;
		void *img = random_image(seed, 1500, &len);
		ng_parser *p = NULL;
		char err[256];
		assert_int_equal(ng_parser_from_bytes(img, len, &p, err, sizeof err), NG_OK);
		free(img);
		assert_string_equal(ng_parser_deprel(p, 5), "nsubj:pass");
		assert_string_equal(ng_parser_deprel(p, 99), "dep");
		assert_int_equal(ng_parser_deprel_id(p, "obj"), 2);
		check_random_sentences(p);
		ng_parser_free(p);
	}
}

static ng_parser *load_committed(void)
{
	if (access(MODEL, R_OK) != 0)
		return NULL;
	ng_parser *p = NULL;
	char err[256];
	ng_status s = ng_parser_load(MODEL, &p, err, sizeof err);
	if (s != NG_OK)
		fail_msg("%s", err);
	return p;
}

static void test_committed_trees(void **st)
{
	(void)st;
	ng_parser *p = load_committed();
	if (!p)
		skip();
	check_random_sentences(p);
	ng_parser_free(p);
}

static void test_extremes(void **st)
{
	(void)st;
	ng_parser *p = load_committed();
	size_t len = 0;
	void *img = NULL;
	if (!p) { /* still run the extremes through a random model */
		img = random_image(9, 1500, &len);
		assert_int_equal(ng_parser_from_bytes(img, len, &p, NULL, 0), NG_OK);
		free(img);
	}
	ng_arena *a = ng_arena_create(1 << 16, 1 << 26);
	enum { BIG = 5000 };
	ng_syn_word *w = calloc(NG_PARSER_MAX_WORDS + 1, sizeof *w);
	assert_non_null(w);
	unsigned seed = 3;
	random_words(w, BIG, &seed);
	assert_int_equal(ng_parser_parse(p, a, w, BIG), NG_OK);
	assert_tree(w, BIG, ng_parser_n_deprels(p));
	for (size_t i = 0; i < BIG; i++) /* a sentence of punctuation */
		w[i] = (ng_syn_word){.form = i % 2 ? "," : "!", .form_len = 1, .upos = NG_UPOS_PUNCT,
				     .xpos = (uint8_t)ng_xpos_id(i % 2 ? "," : ".")};
	assert_int_equal(ng_parser_parse(p, a, w, 300), NG_OK);
	assert_tree(w, 300, ng_parser_n_deprels(p));
	assert_int_equal(ng_parser_parse(p, a, w, BIG), NG_OK);
	assert_tree(w, BIG, ng_parser_n_deprels(p));
	w[0] = (ng_syn_word){.form = "Yes", .form_len = 3, .upos = NG_UPOS_INTJ,
			     .xpos = (uint8_t)ng_xpos_id("UH")};
	assert_int_equal(ng_parser_parse(p, a, w, 1), NG_OK);
	assert_int_equal(w[0].head, 0);
	assert_string_equal(ng_parser_deprel(p, w[0].deprel), "root");
	assert_int_equal(ng_parser_parse(p, a, w, 0), NG_OK);
	assert_int_equal(ng_parser_parse(p, a, w, NG_PARSER_MAX_WORDS + 1), NG_ELIMIT);
	assert_int_equal(ng_parser_parse(NULL, a, w, 1), NG_EUSAGE);
	/* an arena too small for the scratch arrays */
	ng_arena *tiny = ng_arena_create(1024, 4096);
	assert_int_equal(ng_parser_parse(p, tiny, w, BIG), NG_ELIMIT);
	ng_arena_destroy(tiny);
	free(w);
	ng_arena_destroy(a);
	ng_parser_free(p);
}

static void expect_load_error(const void *data, size_t len, const char *what)
{
	char path[] = "/tmp/ng_parser_testXXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	ng_parser *p = (ng_parser *)1;
	char err[256] = "";
	ng_status s = ng_parser_load(path, &p, err, sizeof err);
	unlink(path);
	assert_int_equal(s, NG_EPARSE);
	assert_null(p);
	if (!strstr(err, what) || !strstr(err, "parser model"))
		fail_msg("error \"%s\" does not say \"%s\"", err, what);
}

static void test_bad_files(void **st)
{
	(void)st;
	size_t len;
	unsigned char *img = random_image(5, 1500, &len);
	expect_load_error(img, len / 2, "truncated");
	expect_load_error(img, 40, "truncated");
	expect_load_error(img, len - 8, "truncated");
	img[len - 100] ^= 0x40;
	expect_load_error(img, len, "checksum");
	img[len - 100] ^= 0x40;
	memcpy(img, "NGNERM1\n", 8);
	expect_load_error(img, len, "bad magic");
	free(img);
	ng_parser *p = NULL;
	char err[256] = "";
	assert_int_equal(ng_parser_load("/nonexistent/parser.model", &p, err, sizeof err), NG_EIO);
	assert_non_null(strstr(err, "/nonexistent/parser.model"));
	assert_null(p);
	/* the committed model, cut short */
	FILE *f = fopen(MODEL, "rb");
	if (!f)
		return;
	unsigned char *buf = malloc(1 << 16);
	size_t got = fread(buf, 1, 1 << 16, f);
	fclose(f);
	expect_load_error(buf, got < 1000 ? got / 2 : 1000, "truncated");
	free(buf);
}

/* Parses "form/XPOS/UPOS ..." and returns the words (static storage). */
static size_t sentence(const char *text, ng_syn_word *w, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s", text);
	size_t n = 0;
	for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " ")) {
		char *x = strchr(tok, '/');
		char *u = x ? strchr(x + 1, '/') : NULL;
		assert_non_null(u);
		*x++ = 0;
		*u++ = 0;
		w[n] = (ng_syn_word){.form = tok, .form_len = (uint32_t)strlen(tok),
				     .xpos = (uint8_t)ng_xpos_id(x), .upos = (uint8_t)ng_upos_id(u)};
		n++;
	}
	return n;
}

/* Word `dep` (1-based) has head `head` with relation `rel`. */
static void expect_arc(const ng_parser *p, const ng_syn_word *w, int dep, int head, const char *rel)
{
	const ng_syn_word *d = &w[dep - 1];
	if (d->head != head || strcmp(ng_parser_deprel(p, d->deprel), rel))
		fail_msg("word %d (%.*s): head %d %s, expected %d %s", dep, (int)d->form_len, d->form,
			 d->head, ng_parser_deprel(p, d->deprel), head, rel);
}

static void test_committed_arcs(void **st)
{
	(void)st;
	ng_parser *p = load_committed();
	if (!p)
		skip();
	ng_arena *a = ng_arena_create(1 << 16, 1 << 24);
	ng_syn_word w[32];
	char buf[512];
	size_t n = sentence("Al-Nakhalah/NNP/PROPN ,/,/PUNCT for/IN/ADP his/PRP$/PRON part/NN/NOUN "
			    "congratulated/VBD/VERB Qalibaf/NNP/PROPN ././PUNCT", w, buf, sizeof buf);
	assert_int_equal(ng_parser_parse(p, a, w, n), NG_OK);
	expect_arc(p, w, 1, 6, "nsubj");
	expect_arc(p, w, 7, 6, "obj");
	expect_arc(p, w, 6, 0, "root");
	n = sentence("The/DT/DET man/NN/NOUN was/VBD/AUX arrested/VBN/VERB by/IN/ADP the/DT/DET "
		     "police/NN/NOUN ././PUNCT", w, buf, sizeof buf);
	assert_int_equal(ng_parser_parse(p, a, w, n), NG_OK);
	expect_arc(p, w, 2, 4, "nsubj:pass");
	expect_arc(p, w, 3, 4, "aux:pass");
	expect_arc(p, w, 7, 4, "obl:agent");
	n = sentence("Iran/NNP/PROPN 's/POS/PART foreign/JJ/ADJ minister/NN/NOUN said/VBD/VERB "
		     "the/DT/DET talks/NNS/NOUN would/MD/AUX resume/VB/VERB ././PUNCT", w, buf,
		     sizeof buf);
	assert_int_equal(ng_parser_parse(p, a, w, n), NG_OK);
	expect_arc(p, w, 1, 4, "nmod:poss");
	expect_arc(p, w, 4, 5, "nsubj");
	expect_arc(p, w, 9, 5, "ccomp");
	expect_arc(p, w, 7, 9, "nsubj");
	ng_arena_destroy(a);
	ng_parser_free(p);
}

/* A tiny treebank: "X saw Y ." / "X was seen by Y ." with varying names,
** and one non-projective tree (lifted in training). */
static char *tiny_treebank(size_t *len)
{
	static const char *const names[] = {"John", "Mary", "Ann", "Bob", "Iran", "Sue"};
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	assert_non_null(buf);
	for (int i = 0; i < 24; i++) {
		const char *x = names[i % 6], *y = names[(i + 1) % 6];
		if (i % 2 == 0)
			n += (size_t)snprintf(buf + n, cap - n,
					      "1\t%s\t_\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
					      "2\tsaw\tsee\tVERB\tVBD\t_\t0\troot\t_\t_\n"
					      "3\t%s\t_\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
					      "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n", x, y);
		else
			n += (size_t)snprintf(buf + n, cap - n,
					      "1\t%s\t_\tPROPN\tNNP\t_\t3\tnsubj:pass\t_\t_\n"
					      "2\twas\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_\n"
					      "3\tseen\tsee\tVERB\tVBN\t_\t0\troot\t_\t_\n"
					      "4\tby\tby\tADP\tIN\t_\t5\tcase\t_\t_\n"
					      "5\t%s\t_\tPROPN\tNNP\t_\t3\tobl:agent\t_\t_\n"
					      "6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n", x, y);
	}
	n += (size_t)snprintf(buf + n, cap - n,
			      "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n"
			      "2\thearing\thearing\tNOUN\tNN\t_\t4\tnsubj:pass\t_\t_\n"
			      "3\tis\tbe\tAUX\tVBZ\t_\t4\taux:pass\t_\t_\n"
			      "4\tscheduled\tschedule\tVERB\tVBN\t_\t0\troot\t_\t_\n"
			      "5\ton\ton\tADP\tIN\t_\t6\tcase\t_\t_\n"
			      "6\tissue\tissue\tNOUN\tNN\t_\t2\tnmod\t_\t_\n"
			      "7\ttoday\ttoday\tNOUN\tNN\t_\t4\tobl:tmod\t_\t_\n\n");
	*len = n;
	return buf;
}

static unsigned char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	unsigned char *b = malloc(1 << 24);
	*len = fread(b, 1, 1 << 24, f);
	fclose(f);
	return b;
}

/* Training learns the tiny treebank, writes a model that loads and parses
** it back, and gives the same bytes twice. */
static void test_train_tiny(void **st)
{
	(void)st;
	size_t len;
	char *text = tiny_treebank(&len);
	ng_ud_corpus *c = NULL;
	char err[256];
	assert_int_equal(ng_conllu_parse(text, len, "tiny", &c, err, sizeof err), NG_OK);
	ng_parser_train_opts o;
	ng_parser_train_defaults(&o);
	o.epochs = 4;
	char p1[] = "/tmp/ng_parser_trainXXXXXX", p2[] = "/tmp/ng_parser_trainXXXXXX";
	int f1 = mkstemp(p1), f2 = mkstemp(p2);
	assert_true(f1 >= 0 && f2 >= 0);
	close(f1);
	close(f2);
	assert_int_equal(ng_parser_train(c, c, &o, p1, NULL, err, sizeof err), NG_OK);
	assert_int_equal(ng_parser_train(c, c, &o, p2, NULL, err, sizeof err), NG_OK);
	size_t l1, l2;
	unsigned char *b1 = read_all(p1, &l1), *b2 = read_all(p2, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(b1, b2, l1);
	free(b1);
	free(b2);
	ng_parser *p = NULL;
	assert_int_equal(ng_parser_load(p1, &p, err, sizeof err), NG_OK);
	unlink(p1);
	unlink(p2);
	ng_arena *a = ng_arena_create(1 << 16, 1 << 24);
	ng_parser_score sc = {0};
	for (size_t i = 0; i + 1 < c->n; i++) { /* the projective ones */
		ng_syn_word *w = ng_syn_from_ud(&c->sents[i], a);
		assert_int_equal(ng_parser_parse(p, a, w, c->sents[i].n), NG_OK);
		assert_tree(w, c->sents[i].n, ng_parser_n_deprels(p));
		ng_parser_score_add(p, &c->sents[i], w, &sc);
	}
	assert_int_equal(sc.las_full, sc.words);
	ng_arena_destroy(a);
	ng_parser_free(p);
	ng_conllu_free(c);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feature_count),
		cmocka_unit_test(test_random_model_trees),
		cmocka_unit_test(test_committed_trees),
		cmocka_unit_test(test_extremes),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_committed_arcs),
		cmocka_unit_test(test_train_tiny),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
