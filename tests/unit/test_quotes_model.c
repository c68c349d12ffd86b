/*
** test_quotes_model.c -- the leftover-cue model (src/stage/quotes/model.c)
** and the pass that uses it: the file format and its errors, feature hashes,
** a model of our own making deciding what the pass keeps, the training dump,
** what the committed model does with a sentence the rules leave, and where
** the stage finds its data.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/core.h"
#include "stage/quotes/quotes.h"
#include "ng_test.h"
#include "quotes_test.h"

static const char *const names[] = {"L", "LF", "P1"};

/* Writes `text` to a new file in a new directory; returns the directory
** (static buffer). */
static const char *write_dir(const char *file, const char *text)
{
	static char dir[256];
	snprintf(dir, sizeof dir, "/tmp/ng_test_model_XXXXXX");
	assert_non_null(mkdtemp(dir));
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return dir;
}

static void remove_dir(const char *dir, const char *const *files)
{
	char path[512];
	for (; *files; files++) {
		snprintf(path, sizeof path, "%s/%s", dir, *files);
		unlink(path);
	}
	rmdir(dir);
}

/* Loads `text` as a model; returns the status, the error in err. */
static ng_status load_text(const char *text, ng_cue_model **m, char *err, size_t errlen)
{
	const char *dir = write_dir("m.model", text);
	char path[512];
	snprintf(path, sizeof path, "%s/m.model", dir);
	ng_status st = ng_cue_model_load(path, names, 3, m, err, errlen);
	remove_dir(dir, (const char *const[]){"m.model", NULL});
	return st;
}

static uint64_t hash2(int name, const char *a, const char *b)
{
	uint64_t h = ng_cue_feat_mix(ng_cue_feat_name(name), ng_cue_feat_part(a, strlen(a)));
	if (b)
		h = ng_cue_feat_mix(h, ng_cue_feat_part(b, strlen(b)));
	return ng_cue_feat_end(h);
}

static void test_model_file(void **st)
{
	(void)st;
	char err[256];
	ng_cue_model *m = NULL;
	assert_int_equal(load_text("# a comment\n\nthreshold\t0.25\nbias\t-1.5\nL=say\t2\n"
				   "LF=say|2\t-0.5\r\nP1=the\t1e-3\n",
				   &m, err, sizeof err),
			 NG_OK);
	assert_true(ng_cue_model_threshold(m) == 0.25);
	assert_true(ng_cue_model_bias(m) == -1.5);
	assert_true(ng_cue_model_weight(m, hash2(0, "say", NULL)) == 2.0);
	assert_true(ng_cue_model_weight(m, hash2(1, "say", "2")) == -0.5);
	assert_true(ng_cue_model_weight(m, hash2(2, "the", NULL)) > 0.0009);
	/* unknown features weigh nothing; the name is part of the hash */
	assert_true(ng_cue_model_weight(m, hash2(0, "tell", NULL)) == 0.0);
	assert_true(ng_cue_model_weight(m, hash2(2, "say", NULL)) == 0.0);
	ng_cue_model_destroy(m);

	/* errors name the file and line */
	static const struct {
		const char *text, *want;
	} bad[] = {
		{"threshold\t0.4\nbias\t0\nL=say 2\n", ":3: expected 'feature<TAB>number'"},
		{"threshold\t0.4\nbias\tx\n", ":2: expected"},
		{"threshold\t0.4\nbias\t0\nL=say\tnan\n", ":3: expected"},
		{"threshold\t0.4\nbias\t0\nQ=say\t1\n", ":3: unknown feature name"},
		{"threshold\t0.4\nbias\t0\nsay\t1\n", ":3: unknown feature name"},
		{"threshold\t0.4\nbias\t0\nL=say\t1\nL=say\t2\n", ":4: feature given twice"},
		{"threshold\t0.4\nL=say\t1\n", "no 'bias' line"},
		{"bias\t0\n", "no 'threshold' line"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		m = NULL;
		err[0] = 0;
		assert_int_equal(load_text(bad[i].text, &m, err, sizeof err), NG_EPARSE);
		assert_null(m);
		if (!strstr(err, bad[i].want) || !strstr(err, "m.model"))
			fail_msg("case %zu: error '%s', want '%s'", i, err, bad[i].want);
	}
	assert_int_equal(ng_cue_model_load("/nonexistent/x.model", names, 3, &m, err, sizeof err),
			 NG_EIO);
	assert_non_null(strstr(err, "/nonexistent/x.model"));
}

/* The project's word lists (data/quotes/words.tsv) linked into dir. */
static void link_words(const char *dir)
{
	char src[512], dst[512];
	snprintf(src, sizeof src, "%s/../data/quotes/words.tsv", NG_TEST_DIR);
	snprintf(dst, sizeof dst, "%s/words.tsv", dir);
	assert_int_equal(symlink(src, dst), 0);
}

/* A data directory with the project's cue lexicon and the model `model`. */
static ng_cue_lex *lexicon_with(const char *model, const char **dir)
{
	*dir = write_dir("leftover.model", model);
	char src[512], dst[512], err[256];
	snprintf(src, sizeof src, "%s/../data/quotes/cue_verbs.tsv", NG_TEST_DIR);
	snprintf(dst, sizeof dst, "%s/cue_verbs.tsv", *dir);
	assert_int_equal(symlink(src, dst), 0);
	link_words(*dir);
	ng_cue_lex *lx = NULL;
	if (ng_quotes_load(dst, &lx, err, sizeof err) != NG_OK)
		fail_msg("%s", err);
	return lx;
}

static const char *const model_files[] = {"leftover.model", "cue_verbs.tsv", "words.tsv",
					   NULL};

/* The sentence's cue "praise" is no rule's (an infinitive after "went out of
** his way to"): only the leftover pass can make a record of it. */
static const char *const text = "The mayor spoke on Monday.\n\n"
				"Ana Ruiz went out of her way to praise the harbor plan.\n";

/* `t` through extract and segment (engine seg), then the finder with the
** lexicon and the model `model` (a data directory of its own, *dir) */
static ng_doc *find_with(ng_engine *seg, const char *model, const char *t, ng_cue_lex **lx,
			 const char **dir)
{
	*lx = lexicon_with(model, dir);
	ng_doc *d = ng_test_annotate(seg, t, NULL);
	assert_int_equal(ng_quotes_find(*lx, d), NG_OK);
	return d;
}

/* Frees what find_with() made (the records' cue strings are the lexicon's) */
static void done_with(ng_doc *d, ng_cue_lex *lx, const char *dir)
{
	ng_doc_destroy(d);
	ng_cue_lex_destroy(lx);
	remove_dir(dir, model_files);
}

static void test_model_decides(void **st)
{
	(void)st;
	char err[256];
	ng_config cfg = {.stages = "extract,segment"};
	ng_engine *seg = ng_engine_create(&cfg, err, sizeof err);
	assert_non_null(seg);
	const char *dir;

	/* a weight for L=praise above the threshold: kept, the sentence's
	** subject speaking (no subject before the cue) */
	ng_cue_lex *lx;
	ng_doc *d = find_with(seg, "threshold\t0.5\nbias\t-5\nL=praise\t10\n", text, &lx, &dir);
	const ng_quote *q = content(d, "the harbor plan");
	assert_string_equal(q->cue, "praise");
	assert_string_equal(span(d, q->speaker_start, q->speaker_end), "Ana Ruiz");
	assert_string_equal(span(d, q->cue_start, q->cue_end), "praise");
	assert_int_equal(q->kind, NG_QUOTE_INDIRECT);
	done_with(d, lx, dir);

	/* "It is hard to know ...": the sentence's subject is no speaker */
	d = find_with(seg, "threshold\t0.5\nbias\t-5\nL=know\t10\n",
		      "Aides met on Monday.\n\nIt is hard to know how the harbor plan will end.\n",
		      &lx, &dir);
	q = content(d, "how the harbor plan will end");
	assert_int_equal(q->speaker_start, -1);
	assert_int_equal(q->speaker, -1);
	done_with(d, lx, dir);

	/* one name as the content ("to endorse him"), and a passive, whose
	** subject does not speak (without the test, "Hale" would) */
	d = find_with(seg, "threshold\t0.5\nbias\t-5\nL=praise\t10\nL=deny\t10\n",
		      "The mayor spoke on Monday.\n\nAna Ruiz went out of her way to praise "
		      "Lopez.\n\nHale spoke at the harbor on Tuesday about rights that had "
		      "been denied to the fishermen.\n",
		      &lx, &dir);
	q = content(d, "Lopez");
	assert_string_equal(span(d, q->speaker_start, q->speaker_end), "Ana Ruiz");
	q = NULL;
	for (size_t i = 0; i < n_records(d); i++)
		if (!strcmp(span(d, record(d, i)->cue_start, record(d, i)->cue_end), "denied"))
			q = record(d, i);
	assert_non_null(q);
	assert_int_equal(q->speaker_start, -1);
	done_with(d, lx, dir);

	/* a participle opening the sentence: the subject after its clause
	** speaks, though it speaks the quotation too */
	d = find_with(seg, "threshold\t0.5\nbias\t-5\nL=praise\t10\n",
		      "The mayor spoke on Monday.\n\nPraising the harbor plan, Ana Ruiz said, "
		      "\"It will bring the boats back to the town.\"\n",
		      &lx, &dir);
	q = content(d, "the harbor plan");
	assert_string_equal(span(d, q->speaker_start, q->speaker_end), "Ana Ruiz");
	q = find(d, "\"It will bring");
	assert_non_null(q);
	assert_string_equal(span(d, q->speaker_start, q->speaker_end), "Ana Ruiz");
	done_with(d, lx, dir);

	/* below the threshold: no record */
	d = find_with(seg, "threshold\t0.5\nbias\t-5\nL=praise\t4\n", text, &lx, &dir);
	for (size_t i = 0; i < n_records(d); i++)
		assert_null(strstr(span(d, record(d, i)->start, record(d, i)->end), "harbor"));

	/* the dump: the candidate and its features, and no record of it */
	ng_doc_destroy(d);
	d = ng_test_annotate(seg, text, NULL);
	ng_outbuf dump = {.cap = 1 << 20};
	assert_int_equal(ng_quotes_find_dump(lx, d, &dump), NG_OK);
	assert_int_equal(ng_buf_append(&dump, "", 1), NG_OK);
	const char *p = strstr(text, "the harbor plan");
	char want[64];
	snprintf(want, sizeof want, "%zu\t%zu\tL=praise F=0 LF=praise|0 P1=to ", (size_t)(p - text),
		 (size_t)(p - text) + strlen("the harbor plan"));
	if (!strstr(dump.data, want))
		fail_msg("dump:\n%s\nwant a line with: %s", dump.data, want);
	assert_non_null(strstr(dump.data, " PK=to NK=det "));
	for (size_t i = 0; i < n_records(d); i++)
		assert_null(strstr(span(d, record(d, i)->start, record(d, i)->end), "harbor"));
	ng_outbuf_free(&dump);
	ng_doc_destroy(d);
	/* a dump too small: an error, nothing written past the cap */
	d = ng_test_annotate(seg, text, NULL);
	ng_outbuf small = {.cap = 16};
	assert_int_equal(ng_quotes_find_dump(lx, d, &small), NG_ELIMIT);
	assert_true(small.len <= 16);
	ng_outbuf_free(&small);
	ng_doc_destroy(d);
	ng_cue_lex_destroy(lx);
	remove_dir(dir, model_files);

	/* a directory without a model: the lexicon does not load */
	const char *tmp = write_dir("cue_verbs.tsv", "say\tspeech\tggt\tsay,says,said,saying\n");
	char path[512];
	snprintf(path, sizeof path, "%s/cue_verbs.tsv", tmp);
	link_words(tmp);
	lx = NULL;
	assert_int_equal(ng_quotes_load(path, &lx, err, sizeof err), NG_EIO);
	assert_null(lx);
	assert_non_null(strstr(err, "leftover.model"));
	remove_dir(tmp, (const char *const[]){"cue_verbs.tsv", "words.tsv", NULL});
	ng_engine_destroy(seg);
}

/* The committed model, through the engine: a cue the rules leave that the
** model takes (an infinitive after "inclined to"), with its subject, and
** one it makes no record of (quoted words: a direct quote's speaker is the
** quotation passes' business, not a guess). */
static void test_committed_model(void **st)
{
	(void)st;
	expect("The mayor spoke on Monday.\n\nAides were inclined to suggest that the harbor plan "
	       "should wait.\n",
	       "that the harbor plan should wait", "speech", "Aides");
	expect_none("The mayor spoke on Monday.\n\nAides were inclined to suggest that the "
		    "harbor plan \"should wait until May or June.\"\n",
		    "harbor");
}

/* Annotates `text` with an engine made while $NEWSGRAPH_DATA is `root`;
** returns whether a record's content is "the harbor plan". */
static int harbor_record(const char *root)
{
	char err[256];
	assert_int_equal(setenv("NEWSGRAPH_DATA", root, 1), 0);
	ng_config cfg = {.stages = "extract,segment,quotes"};
	ng_engine *e = ng_engine_create(&cfg, err, sizeof err);
	unsetenv("NEWSGRAPH_DATA");
	if (!e)
		fail_msg("%s", err);
	ng_doc *d = ng_test_annotate(e, text, NULL);
	int found = 0;
	for (size_t i = 0; i < n_records(d); i++)
		found |= !strcmp(span(d, record(d, i)->start, record(d, i)->end), "the harbor plan");
	ng_doc_destroy(d);
	ng_engine_destroy(e);
	return found;
}

/* The stage reads the data directory every stage reads (ng_data_dir(),
** which $NEWSGRAPH_DATA sets): there a model that keeps no candidate and
** one that keeps all of them decide whether the leftover record is made. */
static void test_data_dir(void **st)
{
	(void)st;
	char root[] = "/tmp/ng_test_data_XXXXXX", dir[64], src[512], tsv[128], model[128];
	assert_non_null(mkdtemp(root));
	snprintf(dir, sizeof dir, "%s/quotes", root);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(src, sizeof src, "%s/../data/quotes/cue_verbs.tsv", NG_TEST_DIR);
	snprintf(tsv, sizeof tsv, "%s/cue_verbs.tsv", dir);
	assert_int_equal(symlink(src, tsv), 0);
	link_words(dir);
	snprintf(model, sizeof model, "%s/leftover.model", dir);
	static const char *const models[2] = {"threshold\t0.5\nbias\t-10\n",
					      "threshold\t0.5\nbias\t10\n"};
	for (int keep = 0; keep < 2; keep++) {
		FILE *f = fopen(model, "w");
		assert_non_null(f);
		fputs(models[keep], f);
		fclose(f);
		assert_int_equal(harbor_record(root), keep);
	}
	unlink(model);
	unlink(tsv);
	char words[160];
	snprintf(words, sizeof words, "%s/words.tsv", dir);
	unlink(words);
	rmdir(dir);
	rmdir(root);
}

/* Loads `text` as the word lists; the status, the error in err. */
static ng_status words_text(const char *body, char *err, size_t errlen)
{
	const char *dir = write_dir("words.tsv", body);
	char path[512];
	snprintf(path, sizeof path, "%s/words.tsv", dir);
	ng_quote_words *w = NULL;
	ng_status st = ng_quote_words_load(path, &w, err, errlen);
	assert_true(st == NG_OK ? w != NULL : w == NULL);
	ng_quote_words_destroy(w);
	remove_dir(dir, (const char *const[]){"words.tsv", NULL});
	return st;
}

/* data/quotes/words.tsv loads; a broken line is an error naming the file
** and line, as is a list the finder reads that the file lacks. */
static void test_words_file(void **st)
{
	(void)st;
	char err[256], path[512];
	snprintf(path, sizeof path, "%s/../data/quotes/words.tsv", NG_TEST_DIR);
	ng_quote_words *w = NULL;
	assert_int_equal(ng_quote_words_load(path, &w, err, sizeof err), NG_OK);
	ng_quote_words_destroy(w);
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{"# lists\nlist\tno_such_list\ta b\n", "words.tsv:2: a list the finder does not know"},
		{"list\tbe\tis Was\n", "words.tsv:1: a word in capitals"},
		{"list\tbe\tis\nlist\tdays\tmonday\nlist\tbe\twas\n", "words.tsv:3: the lines of a list"},
		{"noun\tclaim\tclaim\tspeach\tt\n", "words.tsv:1: a noun line is"},
		{"phrase\tverb\tvote|votes\tfor\tvote\tstance\n"
		 "phrase\tverb\tcall|calls\tfor\tcall for\tspeech\n",
		 "words.tsv:2: phrasal verbs must be sorted"},
		{"phrase\tverb\tcall|talk\tfor\tcall for\tspeech\n", "words.tsv:1: the heads of a verb"},
		{"back\tfired\tfire back\tpast\tx\n", "words.tsv:1: a back line is"},
		{"glossary\tx\ty\n", "words.tsv:1: unknown line kind"},
		{"list\tbe\tis are\n", "the list pron_subj is missing"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = 0;
		assert_int_equal(words_text(bad[i].text, err, sizeof err), NG_EPARSE);
		if (!strstr(err, bad[i].msg))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err, bad[i].msg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_file),
		cmocka_unit_test(test_model_file),
		cmocka_unit_test(test_model_decides),
		cmocka_unit_test(test_committed_model),
		cmocka_unit_test(test_data_dir),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
