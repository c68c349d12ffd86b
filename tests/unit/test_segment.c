/*
** test_segment.c -- tokenizer and sentence splitter on the constructions
** news text is full of. Each case gives the input, the tokens joined by
** '|' and the sentences joined by " // ".
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "stage/segment/segment.h"

typedef struct tcase {
	const char *in;
	const char *tokens;    /* NULL: not checked */
	const char *sentences; /* NULL: not checked */
} tcase;

static const tcase cases[] = {
	/* titles and abbreviations never end a sentence */
	{"Lt. Gen. Qassem Soleimani was killed. Mr. Smith said so.",
	 "Lt.|Gen.|Qassem|Soleimani|was|killed|.|Mr.|Smith|said|so|.",
	 "Lt. Gen. Qassem Soleimani was killed. // Mr. Smith said so."},
	{"Dr. Jane Doe met Sen. John F. Kennedy Jr. in Washington.",
	 "Dr.|Jane|Doe|met|Sen.|John|F.|Kennedy|Jr.|in|Washington|.",
	 "Dr. Jane Doe met Sen. John F. Kennedy Jr. in Washington."},
	/* U.S. inside and at the end of a sentence */
	{"The U.S. Senate voted. It passed the U.S. The vote was close.",
	 "The|U.S.|Senate|voted|.|It|passed|the|U.S.|The|vote|was|close|.",
	 "The U.S. Senate voted. // It passed the U.S. // The vote was close."},
	{"Prices rose 3.5 percent to $1,200.50 at 10:30 a.m. on Monday.",
	 "Prices|rose|3.5|percent|to|$|1,200.50|at|10:30|a.m.|on|Monday|.",
	 "Prices rose 3.5 percent to $1,200.50 at 10:30 a.m. on Monday."},
	/* a sentence ends inside a quotation; the quotation stays whole */
	{"Qalibaf said, \xE2\x80\x9CIf it were not for the resistance, it would not have been "
	 "achieved.\xE2\x80\x9D He added more.",
	 NULL,
	 "Qalibaf said, \xE2\x80\x9CIf it were not for the resistance, it would not have been "
	 "achieved.\xE2\x80\x9D // He added more."},
	{"\"We will win,\" he said. \"Nobody doubts it.\" Then he left.",
	 "\"|We|will|win|,|\"|he|said|.|\"|Nobody|doubts|it|.|\"|Then|he|left|.",
	 "\"We will win,\" he said. // \"Nobody doubts it.\" // Then he left."},
	{"\xE2\x80\x9CWhy?\xE2\x80\x9D he asked. \xE2\x80\x9C" "Because!\xE2\x80\x9D she replied.",
	 NULL,
	 "\xE2\x80\x9CWhy?\xE2\x80\x9D he asked. // \xE2\x80\x9C" "Because!\xE2\x80\x9D she replied."},
	/* apostrophes and clitics */
	{"Israel's army and the Zionist regime\xE2\x80\x99s attempts didn't stop O'Brien.",
	 "Israel|'s|army|and|the|Zionist|regime|\xE2\x80\x99s|attempts|did|n't|stop|O'Brien|.", NULL},
	{"They're sure we've won; it's fine.", "They|'re|sure|we|'ve|won|;|it|'s|fine|.", NULL},
	{"the Movement (Hamas)\xE2\x80\x99s Political Bureau", "the|Movement|(|Hamas|)|\xE2\x80\x99s|Political|Bureau", NULL},
	/* hyphenated and Arabic-origin names */
	{"Ziyad al-Nakhalah spoke of al -Quds and the all-rounder.",
	 "Ziyad|al-Nakhalah|spoke|of|al|-|Quds|and|the|all-rounder|.", NULL},
	/* dashes, ellipses, parentheses */
	{"The vote \xE2\x80\x94 a close one \xE2\x80\x94 passed... Barely (by two votes).",
	 "The|vote|\xE2\x80\x94|a|close|one|\xE2\x80\x94|passed|...|Barely|(|by|two|votes|)|.",
	 "The vote \xE2\x80\x94 a close one \xE2\x80\x94 passed... // Barely (by two votes)."},
	{"He paused -- then spoke.", "He|paused|--|then|spoke|.", NULL},
	/* datelines */
	{"TEHRAN (Reuters) - Iran said on Monday it would respond. Officials agreed.",
	 "TEHRAN|(|Reuters|)|-|Iran|said|on|Monday|it|would|respond|.|Officials|agreed|.",
	 "TEHRAN (Reuters) - Iran said on Monday it would respond. // Officials agreed."},
	/* headline lines, paragraphs */
	{"Iranian Speaker Emphasizes Need for Resistance\n\nQalibaf spoke. He left.",
	 NULL, "Iranian Speaker Emphasizes Need for Resistance // Qalibaf spoke. // He left."},
	{"Headline Without Stop\nBody starts here. More.", NULL,
	 "Headline Without Stop // Body starts here. // More."},
	/* lowercase after a period: no boundary */
	{"Apples, pears, etc. are sold here. Done.", NULL,
	 "Apples, pears, etc. are sold here. // Done."},
	/* list numbers at line start */
	{"Results:\n1. Smith (U.S.) 10.1\n2. Jones (Kenya) 10.2", NULL,
	 "Results: // 1. Smith (U.S.) 10.1 // 2. Jones (Kenya) 10.2"},
	/* hard-wrapped text: single line breaks are spaces */
	{"The minister said that the\ngovernment would act on the\nproposal within the\nnext week, "
	 "and that it\nwould consult the parties.\nOthers disagreed with the\nplan entirely.",
	 NULL,
	 "The minister said that the\ngovernment would act on the\nproposal within the\nnext week, "
	 "and that it\nwould consult the parties. // Others disagreed with the\nplan entirely."},
	/* URLs and e-mail-like tokens */
	{"See https://example.com/a?b=1. Then stop.", "See|https://example.com/a?b=1|.|Then|stop|.",
	 "See https://example.com/a?b=1. // Then stop."},
	{"Visit example.com today.", "Visit|example.com|today|.", NULL},
	/* question and exclamation marks */
	{"Is it over? Yes! It is.", NULL, "Is it over? // Yes! // It is."},
	/* all-caps abbreviations in datelines */
	{"ST. LOUIS, Mo. - The company said.", "ST.|LOUIS|,|Mo.|-|The|company|said|.",
	 "ST. LOUIS, Mo. - The company said."},
	/* non-ASCII letters stay in words; NBSP is a space */
	{"Simon Li\xC4\x8D" "en met Jos\xC3\xA9\xC2\xA0" "Mar\xC3\xAD" "a.", "Simon|Li\xC4\x8D" "en|met|Jos\xC3\xA9|Mar\xC3\xAD" "a|.", NULL},
	/* a company suffix before an all-caps dateline */
	{"IPO filing by Homegate Hospitality Inc. WASHINGTON - The firm filed.", NULL,
	 "IPO filing by Homegate Hospitality Inc. // WASHINGTON - The firm filed."},
	/* no text */
	{"", "", ""},
	{"...", "...", "..."},
};

static void join_tokens(const char *text, const ng_segmentation *sg, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < sg->n_tokens; i++) {
		const ng_token *t = &sg->tokens[i];
		o += (size_t)snprintf(out + o, cap - o, "%s%.*s", i ? "|" : "", (int)(t->end - t->start),
				      text + t->start);
		assert_true(o < cap);
	}
}

static void join_sentences(const char *text, const ng_segmentation *sg, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < sg->n_sentences; i++) {
		const ng_span *s = &sg->sentences[i];
		o += (size_t)snprintf(out + o, cap - o, "%s%.*s", i ? " // " : "", (int)(s->end - s->start),
				      text + s->start);
		assert_true(o < cap);
	}
}

static void check_invariants(const char *text, size_t len, const ng_segmentation *sg)
{
	uint32_t prev_end = 0;
	for (size_t i = 0; i < sg->n_tokens; i++) {
		const ng_token *t = &sg->tokens[i];
		assert_true(t->start < t->end);
		assert_true(t->end <= len);
		assert_true(t->start >= prev_end);
		/* tokens begin and end on character boundaries */
		assert_true(((unsigned char)text[t->start] & 0xC0) != 0x80);
		assert_true(t->end == len || ((unsigned char)text[t->end] & 0xC0) != 0x80);
		prev_end = t->end;
	}
	/* sentences tile the tokens in order */
	assert_int_equal(sg->sentence_tok[sg->n_sentences], sg->n_tokens);
	for (size_t i = 0; i < sg->n_sentences; i++) {
		uint32_t a = sg->sentence_tok[i], b = sg->sentence_tok[i + 1];
		assert_true(a < b);
		assert_int_equal(sg->sentences[i].start, sg->tokens[a].start);
		assert_int_equal(sg->sentences[i].end, sg->tokens[b - 1].end);
		assert_true(sg->tokens[a].flags & NG_TF_SENT_START);
	}
}

static void test_cases(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_create(1 << 16, 0);
	char got[4096];
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		const tcase *c = &cases[k];
		ng_segmentation sg;
		assert_int_equal(ng_segment(a, c->in, strlen(c->in), &sg), NG_OK);
		check_invariants(c->in, strlen(c->in), &sg);
		if (c->tokens) {
			join_tokens(c->in, &sg, got, sizeof got);
			if (strcmp(got, c->tokens))
				fail_msg("case %zu tokens:\n got  %s\n want %s", k, got, c->tokens);
		}
		if (c->sentences) {
			join_sentences(c->in, &sg, got, sizeof got);
			if (strcmp(got, c->sentences))
				fail_msg("case %zu sentences:\n got  %s\n want %s", k, got, c->sentences);
		}
		ng_arena_reset(a);
	}
	ng_arena_destroy(a);
}

/* The quotation-mark tokens that open and that close; with width > 0, each
** mark must be that many bytes. */
static void count_quote_marks(const ng_segmentation *sg, int width, int *open, int *close)
{
	*open = *close = 0;
	for (size_t i = 0; i < sg->n_tokens; i++) {
		const ng_token *t = &sg->tokens[i];
		if (t->kind != NG_TOK_QUOTE)
			continue;
		if (width > 0)
			assert_int_equal(t->end - t->start, width);
		if (t->flags & NG_TF_QUOTE_OPEN)
			(*open)++;
		if (t->flags & NG_TF_QUOTE_CLOSE)
			(*close)++;
	}
}

static void test_quote_direction(void **state)
{
	(void)state;
	const char *in = "He said \"no\" and 'maybe' then \xE2\x80\x9Cyes\xE2\x80\x9D.";
	ng_arena *a = ng_arena_create(1 << 16, 0);
	ng_segmentation sg;
	assert_int_equal(ng_segment(a, in, strlen(in), &sg), NG_OK);
	int open, close;
	count_quote_marks(&sg, 0, &open, &close);
	assert_int_equal(open, 3);
	assert_int_equal(close, 3);
	ng_arena_destroy(a);
}

/* Two apostrophes are one double mark (The New York Times' ''...''): one
** token that opens, one that closes, and the sentence ends after said.'' */
static void test_two_apostrophes(void **state)
{
	(void)state;
	const char *in = "''We won,'' Mr. Reyes said. ''It was close.'' Then he left.";
	ng_arena *a = ng_arena_create(1 << 16, 0);
	ng_segmentation sg;
	assert_int_equal(ng_segment(a, in, strlen(in), &sg), NG_OK);
	int open, close;
	count_quote_marks(&sg, 2, &open, &close); /* each mark two bytes */
	assert_int_equal(open, 2);
	assert_int_equal(close, 2);
	assert_int_equal(sg.n_sentences, 3);
	ng_arena_destroy(a);
}

static void test_arena_cap(void **state)
{
	(void)state;
	/* a long text in a small arena fails cleanly with NG_ELIMIT */
	static char big[200000];
	for (size_t i = 0; i + 2 < sizeof big; i += 2) {
		big[i] = 'a';
		big[i + 1] = ' ';
	}
	big[sizeof big - 1] = '\0';
	ng_arena *a = ng_arena_create(4096, 64 * 1024);
	ng_segmentation sg;
	assert_int_equal(ng_segment(a, big, strlen(big), &sg), NG_ELIMIT);
	ng_arena_destroy(a);
}

static void test_flags(void **state)
{
	(void)state;
	const char *in = "NATO and Iran met\n\nIn 2020 they";
	ng_arena *a = ng_arena_create(1 << 16, 0);
	ng_segmentation sg;
	assert_int_equal(ng_segment(a, in, strlen(in), &sg), NG_OK);
	assert_true(sg.tokens[0].flags & NG_TF_ALL_UPPER);
	assert_true(sg.tokens[2].flags & NG_TF_UPPER_INITIAL);
	assert_false(sg.tokens[2].flags & NG_TF_ALL_UPPER);
	assert_true(sg.tokens[4].flags & NG_TF_PARA_BEFORE);
	assert_true(sg.tokens[5].flags & NG_TF_HAS_DIGIT);
	assert_int_equal(sg.tokens[5].kind, NG_TOK_NUMBER);
	ng_arena_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_quote_direction),
		cmocka_unit_test(test_two_apostrophes),
		cmocka_unit_test(test_arena_cap),
		cmocka_unit_test(test_flags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
