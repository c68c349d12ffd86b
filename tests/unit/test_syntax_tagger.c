/*
** test_syntax_tagger.c -- the CoNLL-U reader on broken and extreme input,
** and the committed tagger model (data/syntax/tagger.model) on sentences
** whose tags and lemmas are not in doubt, on extreme sentences and on
** corrupt model files.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stage/syntax/conllu.h"
#include "stage/syntax/syntax.h"
#include "stage/syntax/tagger.h"

static char err[512];

static ng_status parse(const char *s, ng_ud_corpus **c)
{
	err[0] = 0;
	return ng_conllu_parse(s, strlen(s), "t.conllu", c, err, sizeof err);
}

#define W(id, form, head) id "\t" form "\t_\tX\tXX\t_\t" head "\tdep\t_\t_\n"

static void test_conllu_broken(void **state)
{
	(void)state;
	ng_ud_corpus *c = NULL;
	/* too few columns */
	assert_int_equal(parse("# sent_id = 1\n1\tThe\tthe\tDET\n", &c), NG_EPARSE);
	assert_null(c);
	assert_non_null(strstr(err, "t.conllu:2:"));
	assert_non_null(strstr(err, "columns"));
	/* too many */
	assert_int_equal(parse(W("1", "a", "0") "2\tb\t_\tX\tXX\t_\t1\tdep\t_\t_\textra\n", &c),
			 NG_EPARSE);
	assert_non_null(strstr(err, "t.conllu:2:"));
	/* IDs out of order */
	assert_int_equal(parse(W("1", "a", "0") W("3", "b", "1"), &c), NG_EPARSE);
	assert_non_null(strstr(err, "word ID \"3\""));
	assert_int_equal(parse(W("2", "a", "0"), &c), NG_EPARSE);
	/* heads: not a number, beyond the sentence, itself */
	assert_int_equal(parse(W("1", "a", "x"), &c), NG_EPARSE);
	assert_int_equal(parse(W("1", "a", "0") W("2", "b", "7") "\n", &c), NG_EPARSE);
	assert_non_null(strstr(err, "beyond"));
	assert_int_equal(parse(W("1", "a", "1"), &c), NG_EPARSE);
	/* a NUL byte inside a line */
	static const char nul[] = "1\ta\0b\t_\tX\tXX\t_\t0\troot\t_\t_\n";
	assert_int_equal(ng_conllu_parse(nul, sizeof nul - 1, "n.conllu", &c, err, sizeof err),
			 NG_EPARSE);
	assert_non_null(strstr(err, "n.conllu:1:"));
	assert_non_null(strstr(err, "NUL"));
	/* a comment inside a sentence */
	assert_int_equal(parse(W("1", "a", "0") "# x\n", &c), NG_EPARSE);
}

static void test_conllu_trees(void **state)
{
	(void)state;
	ng_ud_corpus *c = NULL;
	/* a cycle (1 <- 2 <- 1) with a root elsewhere reads, but is no tree */
	assert_int_equal(parse(W("1", "a", "2") W("2", "b", "1") W("3", "c", "0") "\n"
			       W("1", "a", "0") W("2", "b", "1") "\n"
			       W("1", "a", "0") W("2", "b", "0") "\n"
			       W("1", "a", "_") "\n", &c), NG_OK);
	assert_int_equal(c->n, 4);
	assert_false(ng_ud_is_tree(&c->sents[0]));
	assert_true(ng_ud_is_tree(&c->sents[1]));
	assert_false(ng_ud_is_tree(&c->sents[2])); /* two roots */
	assert_false(ng_ud_is_tree(&c->sents[3])); /* no head */
	assert_int_equal(c->sents[3].words[0].head, -1);
	ng_conllu_free(c);
}

static void test_conllu_roundtrip(void **state)
{
	(void)state;
	const char *in = "# sent_id = a\n# text = I don't.\n"
			 "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
			 "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
			 "2\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n"
			 "3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\tSpaceAfter=No\n"
			 "3.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n";
	ng_ud_corpus *c = NULL;
	/* word 3 hangs on 2, 1 on 3: reads; the empty node 3.1 is dropped */
	assert_int_equal(parse(in, &c), NG_OK);
	assert_int_equal(c->n, 1);
	assert_int_equal(c->sents[0].n, 3);
	assert_string_equal(c->sents[0].words[1].mwt, "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(ng_conllu_write_sent(f, &c->sents[0]), NG_OK);
	fclose(f);
	assert_non_null(strstr(buf, "2-3\tdon't\t"));
	assert_non_null(strstr(buf, "3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\tSpaceAfter=No\n\n"));
	assert_null(strstr(buf, "3.1"));
	free(buf);
	ng_conllu_free(c);
}

/* A sentence of n words "w1 w2 ..." hanging in a chain. */
static char *long_sentence(size_t n)
{
	size_t cap = n * 48 + 16, o = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	for (size_t i = 1; i <= n; i++)
		o += (size_t)snprintf(s + o, cap - o, "%zu\tw%zu\t_\tX\tXX\t_\t%zu\tdep\t_\t_\n", i,
				      i, i - 1);
	return s;
}

static void test_conllu_long(void **state)
{
	(void)state;
	char *s = long_sentence(5000);
	ng_ud_corpus *c = NULL;
	assert_int_equal(parse(s, &c), NG_OK);
	assert_int_equal(c->sents[0].n, 5000);
	assert_true(ng_ud_is_tree(&c->sents[0]));
	ng_conllu_free(c);
	free(s);
	/* over the cap: an error, not a crash */
	s = long_sentence(NG_CONLLU_MAX_WORDS + 1);
	assert_int_equal(parse(s, &c), NG_EPARSE);
	assert_non_null(strstr(err, "longer than"));
	free(s);
}

/* ---- the tagger */

static ng_tagger *load(void)
{
	ng_tagger *t = NULL;
	assert_int_equal(ng_tagger_load(NG_TEST_DIR "/../data/syntax/tagger.model", &t, err,
					 sizeof err), NG_OK);
	return t;
}

/* Words of a space-separated sentence (the text must outlive them). */
static ng_syn_word *words_of(ng_arena *a, const char *text, size_t *n)
{
	ng_syn_word *w = ng_arena_alloc(a, (strlen(text) + 1) * sizeof *w);
	assert_non_null(w);
	*n = 0;
	for (const char *p = text; *p;) {
		size_t l = strcspn(p, " ");
		if (l)
			w[(*n)++] = (ng_syn_word){.form = p, .form_len = (uint32_t)l,
						  .start = (uint32_t)(p - text),
						  .end = (uint32_t)(p - text + l)};
		p += l;
		p += *p == ' ';
	}
	return w;
}

static void expect(const ng_syn_word *w, const char *upos, const char *xpos, const char *lemma)
{
	if (strcmp(ng_upos_name(w->upos), upos) || strcmp(ng_xpos_name(w->xpos), xpos) ||
	    strcmp(w->lemma, lemma))
		fail_msg("%.*s: got %s %s %s, want %s %s %s", (int)w->form_len, w->form,
			 ng_upos_name(w->upos), ng_xpos_name(w->xpos), w->lemma, upos, xpos, lemma);
}

static void test_tagger_sentences(void **state)
{
	(void)state;
	ng_tagger *t = load();
	ng_arena *a = ng_arena_create(1 << 16, 1 << 26);
	size_t n;
	ng_syn_word *w = words_of(a, "The dogs ran quickly to the old houses .", &n);
	assert_int_equal(n, 9);
	assert_int_equal(ng_tagger_tag(t, a, w, n), NG_OK);
	expect(&w[0], "DET", "DT", "the");
	expect(&w[1], "NOUN", "NNS", "dog");
	expect(&w[2], "VERB", "VBD", "run");
	expect(&w[3], "ADV", "RB", "quickly");
	expect(&w[4], "ADP", "IN", "to");
	expect(&w[6], "ADJ", "JJ", "old");
	expect(&w[7], "NOUN", "NNS", "house");
	expect(&w[8], "PUNCT", ".", ".");
	w = words_of(a, "She did n't want to go , but Iran 's leaders were meeting .", &n);
	assert_int_equal(ng_tagger_tag(t, a, w, n), NG_OK);
	expect(&w[0], "PRON", "PRP", "she");
	expect(&w[1], "AUX", "VBD", "do");
	expect(&w[2], "PART", "RB", "not");
	expect(&w[3], "VERB", "VB", "want");
	expect(&w[4], "PART", "TO", "to");
	expect(&w[8], "PROPN", "NNP", "Iran");
	expect(&w[9], "PART", "POS", "'s");
	expect(&w[10], "NOUN", "NNS", "leader");
	expect(&w[11], "AUX", "VBD", "be");
	expect(&w[12], "VERB", "VBG", "meet");
	ng_arena_destroy(a);
	ng_tagger_free(t);
}

static void test_tagger_lemma_rules(void **state)
{
	(void)state;
	assert_int_equal(ng_xpos_id("NNP"), NG_XPOS_NNP);
	assert_int_equal(ng_xpos_id("NNPS"), NG_XPOS_NNPS);
	ng_tagger *t = load();
	ng_arena *a = ng_arena_create(1 << 16, 1 << 26);
	/* words not in the treebank: the suffix rules */
	assert_string_equal(ng_tagger_lemma(t, a, "Blorfed", 7, (unsigned)ng_xpos_id("VBD")),
			    "blorf");
	assert_string_equal(ng_tagger_lemma(t, a, "zimbries", 8, (unsigned)ng_xpos_id("NNS")),
			    "zimbry");
	assert_string_equal(ng_tagger_lemma(t, a, "Qalibaf", 7, (unsigned)ng_xpos_id("NNP")),
			    "Qalibaf");
	/* irregular forms: the exceptions */
	assert_string_equal(ng_tagger_lemma(t, a, "went", 4, (unsigned)ng_xpos_id("VBD")), "go");
	assert_string_equal(ng_tagger_lemma(t, a, "children", 8, (unsigned)ng_xpos_id("NNS")),
			    "child");
	ng_arena_destroy(a);
	ng_tagger_free(t);
}

static void test_tagger_extreme(void **state)
{
	(void)state;
	ng_tagger *t = load();
	ng_arena *a = ng_arena_create(1 << 16, 1 << 28);
	/* 5,000 words, and 3,000 punctuation marks: linear time, every word tagged */
	size_t len = 5000 * 6;
	char *text = malloc(len + 1);
	assert_non_null(text);
	for (size_t i = 0; i < 5000; i++)
		memcpy(text + i * 6, i % 2 ? "trees " : "green ", 6);
	text[len] = 0;
	size_t n;
	ng_syn_word *w = words_of(a, text, &n);
	assert_int_equal(n, 5000);
	assert_int_equal(ng_tagger_tag(t, a, w, n), NG_OK);
	for (size_t i = 0; i < n; i++)
		assert_true(w[i].upos < NG_UPOS_COUNT && w[i].lemma);
	char *punct = malloc(3000 * 2 + 1);
	assert_non_null(punct);
	for (size_t i = 0; i < 3000; i++)
		memcpy(punct + i * 2, &"! ? , . ; : ( ) "[(i % 8) * 2], 2);
	punct[6000] = 0;
	w = words_of(a, punct, &n);
	assert_int_equal(n, 3000);
	assert_int_equal(ng_tagger_tag(t, a, w, n), NG_OK);
	size_t np = 0;
	for (size_t i = 0; i < n; i++)
		np += w[i].upos == NG_UPOS_PUNCT;
	assert_true(np > n * 9 / 10);
	/* empty sentence and a word of zero bytes */
	assert_int_equal(ng_tagger_tag(t, a, NULL, 0), NG_OK);
	ng_syn_word e = {.form = "", .form_len = 0};
	assert_int_equal(ng_tagger_tag(t, a, &e, 1), NG_OK);
	assert_non_null(e.lemma);
	free(text);
	free(punct);
	ng_arena_destroy(a);
	ng_tagger_free(t);
}

static void test_tagger_corrupt(void **state)
{
	(void)state;
	FILE *f = fopen(NG_TEST_DIR "/../data/syntax/tagger.model", "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *img = malloc((size_t)len);
	assert_non_null(img);
	assert_int_equal(fread(img, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	ng_tagger *t = NULL;
	assert_int_equal(ng_tagger_from_bytes(img, (size_t)len, &t, err, sizeof err), NG_OK);
	ng_tagger_free(t);
	/* truncated, a flipped byte, garbage, nothing */
	assert_int_equal(ng_tagger_from_bytes(img, (size_t)len - 8, &t, err, sizeof err),
			 NG_EPARSE);
	assert_null(t);
	assert_non_null(strstr(err, "truncated"));
	img[len / 2] ^= 0x40;
	assert_int_equal(ng_tagger_from_bytes(img, (size_t)len, &t, err, sizeof err), NG_EPARSE);
	assert_non_null(strstr(err, "checksum"));
	memset(img, 'x', 100);
	assert_int_equal(ng_tagger_from_bytes(img, 100, &t, err, sizeof err), NG_EPARSE);
	assert_non_null(strstr(err, "magic"));
	assert_int_equal(ng_tagger_from_bytes(img, 0, &t, err, sizeof err), NG_EPARSE);
	assert_int_equal(ng_tagger_load("/nonexistent/tagger.model", &t, err, sizeof err), NG_EIO);
	assert_non_null(strstr(err, "/nonexistent/tagger.model"));
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conllu_broken),
		cmocka_unit_test(test_conllu_trees),
		cmocka_unit_test(test_conllu_roundtrip),
		cmocka_unit_test(test_conllu_long),
		cmocka_unit_test(test_tagger_sentences),
		cmocka_unit_test(test_tagger_lemma_rules),
		cmocka_unit_test(test_tagger_extreme),
		cmocka_unit_test(test_tagger_corrupt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
