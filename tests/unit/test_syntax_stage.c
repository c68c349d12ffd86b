/*
** test_syntax_stage.c -- the syntax stage through the engine: tokens mapped
** to UD words (hyphens, clitics, "cannot"), spans that tile the tokens,
** tags on real sentences, extreme sentences in bounded time, the helper API
** for other stages, and the JSON and CoNLL-U writers.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "ng_test.h"
#include "stage/syntax/syntax_api.h"
#include "stage/syntax/tokmap.h"

static ng_engine *eng;

static int setup(void **state)
{
	(void)state;
	char err[512];
	ng_config cfg = {.stages = "extract,segment,syntax"};
	eng = ng_engine_create(&cfg, err, sizeof err);
	if (!eng)
		fprintf(stderr, "engine: %s\n", err);
	return eng ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	ng_engine_destroy(eng);
	return 0;
}

/* The words of a token as "a|-|b". */
static void split_is(const char *tok, unsigned kind, const char *want)
{
	ng_span p[NG_TOKMAP_MAX_PARTS];
	size_t n = ng_tokmap_split(tok, strlen(tok), kind, p, NG_TOKMAP_MAX_PARTS);
	char got[256] = "";
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		assert_true(p[i].start < p[i].end && p[i].end <= strlen(tok));
		assert_true(i == 0 ? p[i].start == 0 : p[i].start == p[i - 1].end);
		o += (size_t)snprintf(got + o, sizeof got - o, "%s%.*s", i ? "|" : "",
				      (int)(p[i].end - p[i].start), tok + p[i].start);
	}
	assert_int_equal(p[n - 1].end, strlen(tok));
	assert_string_equal(got, want);
}

static void test_tokmap_split(void **state)
{
	(void)state;
	split_is("al-Nakhalah", NG_TOK_WORD, "al|-|Nakhalah");
	split_is("well-known", NG_TOK_WORD, "well|-|known");
	split_is("state-of-the-art", NG_TOK_WORD, "state|-|of|-|the|-|art");
	split_is("e-mail", NG_TOK_WORD, "e-mail");
	split_is("Non-violent", NG_TOK_WORD, "Non-violent");
	split_is("co-workers", NG_TOK_WORD, "co-workers");
	split_is("cannot", NG_TOK_WORD, "can|not");
	split_is("Gonna", NG_TOK_WORD, "Gon|na");
	split_is("1990-91", NG_TOK_NUMBER, "1990-91");
	split_is("U.S.", NG_TOK_ABBREV, "U.S.");
	split_is("n't", NG_TOK_CLITIC, "n't");
	split_is("a--b", NG_TOK_WORD, "a|-|-|b");
	/* more parts than fit: whole */
	char many[200] = "";
	for (int i = 0; i < 40; i++)
		strcat(many, i ? "-x" : "x");
	split_is(many, NG_TOK_WORD, many);
}

static const char *upos(const ng_doc *d, size_t i)
{
	return d->words[i].upos;
}

static void test_stage_words(void **state)
{
	(void)state;
	const char *text = "Al-Nakhalah, for his part congratulated Qalibaf. "
			   "He cannot say it, but Iran\xe2\x80\x99s leaders don\xe2\x80\x99t agree.";
	ng_doc *d = ng_test_annotate(eng, text, NULL);
	assert_true(d->assigned & NG_F_SYNTAX);
	assert_int_equal(d->n_sentences, 2);
	assert_non_null(d->sentence_word);
	assert_int_equal(d->sentence_word[0], 0);
	assert_int_equal(d->sentence_word[2], d->n_words);
	/* the words tile their tokens */
	for (size_t t = 0, w = 0; t < d->n_tokens; t++) {
		assert_true(w < d->n_words);
		assert_int_equal(d->words[w].start, d->tokens[t].start);
		while (w + 1 < d->n_words && d->words[w + 1].token == t) {
			assert_int_equal(d->words[w + 1].start, d->words[w].end);
			w++;
		}
		assert_int_equal(d->words[w].token, t);
		assert_int_equal(d->words[w].end, d->tokens[t].end);
		w++;
	}
	/* Al - Nakhalah , for his part congratulated Qalibaf . */
	assert_int_equal(d->sentence_word[1], 10);
	assert_int_equal(d->words[1].end - d->words[1].start, 1);
	assert_string_equal(upos(d, 0), "PROPN");
	assert_string_equal(d->words[1].xpos, "HYPH");
	assert_string_equal(upos(d, 2), "PROPN");
	assert_string_equal(upos(d, 7), "VERB");
	assert_string_equal(d->words[7].lemma, "congratulate");
	assert_string_equal(upos(d, 8), "PROPN");
	/* He can not say it , but Iran ’s leaders do n’t agree . */
	size_t s = d->sentence_word[1];
	assert_string_equal(d->words[s + 1].lemma, "can");
	assert_string_equal(d->words[s + 2].lemma, "not");
	assert_string_equal(d->words[s + 8].xpos, "POS");
	assert_string_equal(d->words[s + 9].lemma, "leader");
	assert_string_equal(d->words[s + 10].lemma, "do");
	assert_string_equal(d->words[s + 11].lemma, "not");
	/* the helper API: token -> word, byte -> word, sentence of a word */
	assert_int_equal(ng_syn_word_of_token(d, d->words[s + 2].token), (int32_t)s + 1);
	assert_int_equal(ng_syn_word_at(d, d->words[2].start + 3), 2);
	assert_int_equal(ng_syn_sentence_of(d, (int32_t)s + 3), 1);
	assert_int_equal(ng_syn_sentence_of(d, 3), 0);
	assert_int_equal(ng_syn_word_of_token(d, 100000), -1);
	if (!ng_syn_has_trees(d)) {
		/* no parser model: no heads, no relations */
		for (size_t i = 0; i < d->n_words; i++)
			assert_true(d->words[i].head == -1 && !d->words[i].deprel);
		assert_int_equal(ng_syn_subject(d, 7), -1);
	}
	ng_doc_destroy(d);
}

static void test_stage_writers(void **state)
{
	(void)state;
	ng_doc *d = ng_test_annotate(eng, "The dogs barked.\n\nCats sleep.", NULL);
	ng_outbuf b = {NULL, 0, 0, 1 << 20};
	assert_int_equal(ng_write_jsonl(d, NG_W_SYNTAX, &b), NG_OK);
	assert_non_null(b.data);
	b.data[b.len - 1] = 0;
	assert_non_null(strstr(b.data, "\"words\":[{\"start\":0,\"end\":3,\"upos\":\"DET\","
				       "\"xpos\":\"DT\",\"lemma\":\"the\""));
	assert_non_null(strstr(b.data, "\"lemma\":\"dog\""));
	b.len = 0;
	assert_int_equal(ng_write_jsonl(d, 0, &b), NG_OK);
	b.data[b.len - 1] = 0;
	assert_null(strstr(b.data, "\"words\""));
	b.len = 0;
	assert_int_equal(ng_write_conllu(d, &b), NG_OK);
	assert_int_equal(ng_buf_append(&b, "", 1), NG_OK);
	assert_non_null(strstr(b.data, "# text = The dogs barked.\n1\tThe\tthe\tDET\tDT\t_\t"));
	assert_non_null(strstr(b.data, "2\tdogs\tdog\tNOUN\tNNS\t"));
	assert_non_null(strstr(b.data, "\tSpaceAfter=No\n4\t.\t"));
	assert_non_null(strstr(b.data, "\n\n# sent_id = "));
	assert_non_null(strstr(b.data, "# text = Cats sleep.\n1\tCats\tcat\t"));
	ng_outbuf_free(&b);
	ng_doc_destroy(d);
}

static void test_stage_extreme(void **state)
{
	(void)state;
	/* one sentence of 6,000 words, one of 3,000 marks, and hyphens galore */
	size_t n = 6000;
	char *text = malloc(n * 8 + 3000 * 2 + 64);
	assert_non_null(text);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		memcpy(text + o, i % 3 ? "word " : "a-b-c ", i % 3 ? 5 : 6);
		o += i % 3 ? 5 : 6;
	}
	memcpy(text + o, ".\n\n", 3);
	o += 3;
	for (size_t i = 0; i < 3000; i++)
		text[o++] = ",;:!?()-"[i % 8];
	text[o] = 0;
	ng_doc *d = ng_test_annotate(eng, text, NULL);
	assert_true(d->n_words > n);
	for (size_t i = 0; i < d->n_words; i++) {
		assert_non_null(d->words[i].lemma);
		assert_true(d->words[i].head < (int32_t)d->n_words);
	}
	ng_doc_destroy(d);
	free(text);
	/* a document without words */
	d = ng_doc_create(0);
	assert_non_null(d);
	ng_outbuf b = {NULL, 0, 0, 1 << 20};
	assert_int_equal(ng_write_conllu(d, &b), NG_OK);
	assert_int_equal(b.len, 0);
	assert_int_equal(ng_syn_word_at(d, 0), -1);
	assert_int_equal(ng_syn_subject(d, 0), -1);
	ng_outbuf_free(&b);
	ng_doc_destroy(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokmap_split),
		cmocka_unit_test(test_stage_words),
		cmocka_unit_test(test_stage_writers),
		cmocka_unit_test(test_stage_extreme),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
