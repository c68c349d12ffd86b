/*
** test_quotes_cover.c -- the quotes stage's coverage of attributions beyond
** speech (issue 5's "all attributions" as PolNeAR marks them): beliefs,
** intentions, perceptions, support and opposition, polls, and the cue class
** each record carries (ng_quote.cue_class, "cue_class" in JSON), so that
** users who track who *said* what can keep the "speech" records only. Every
** sentence here is our own; the lexicon's optional class field is tested on
** good and broken input.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "stage/quotes/quotes.h"
#include "ng_test.h"
#include "quotes_test.h"

/* ---- classes from the cue verb */

static void test_verb_classes(void **st)
{
	(void)st;
	expect("Officials said the bridge would reopen in May.", "the bridge would reopen in May",
	       "speech", "Officials");
	expect("The mayor believes that the harbor tunnel is safe.", "the harbor tunnel is safe",
	       "belief", "The mayor");
	expect("Ms. Okafor fears the vote will be delayed again.", "the vote will be delayed again",
	       "belief", "Ms. Okafor");
	expect("Councilman Reyes wants to rebuild the old library.", "to rebuild the old library",
	       "intention", "Councilman Reyes");
	expect("The governor intends to veto the budget bill.", "to veto the budget bill",
	       "intention", "The governor");
	expect("Dr. Lindqvist realized that the samples had been switched.",
	       "the samples had been switched", "perception", "Dr. Lindqvist");
	/* a negated cue: "has not endorsed" */
	expect("Senator Alvarado has not endorsed the new tax plan.", "the new tax plan", "stance",
	       "Senator Alvarado");
	/* the subject makes it evidence: a poll, a study */
	expect("The poll found that most voters distrust both parties.",
	       "most voters distrust both parties", "evidence", "The poll");
	expect("The survey shows that rents rose faster than wages.", "rents rose faster than wages",
	       "evidence", "The survey");
	/* not cues here: an infinitive, a noun after a possessive */
	expect_none("She drove to Tacoma to see the new stadium.", "stadium");
	expect_none("Their plans for the weekend were cancelled.", "weekend");
}

/* ---- attributions without a verb and its subject */

static void test_beyond_verbs(void **st)
{
	(void)st;
	/* an expectation nobody is named for; the content takes the subject in */
	expect("The senator is widely expected to announce her candidacy on Friday.",
	       "The senator is widely expected to announce her candidacy on Friday", "belief", "");
	/* a report nobody is named for: the clause around "reportedly" */
	expect("In total, the hackers have reportedly reached more than 100 officials.",
	       "the hackers have reportedly reached more than 100 officials", "speech", "");
	expect_none("Lund reportedly said the pier was unsafe.", "Lund reportedly");
	/* the question before the answer */
	expect("Asked whether the plant would close, the manager said nothing.",
	       "whether the plant would close", "speech", "");
	expect("Asked by a reporter about the delay, Ms. Ruiz shrugged.", "the delay", "speech",
	       "a reporter");
	expect("The coach was asked whether the stadium would be ready.",
	       "whether the stadium would be ready", "speech", "");
	expect("The coach smiled when asked about the new stadium, then left.", "the new stadium",
	       "speech", "");
	/* "made it clear" */
	expect("Mayor Diaz made it clear that the budget would not grow.",
	       "the budget would not grow", "speech", "Mayor Diaz");
	/* nouns that take a clause, an infinitive or an object */
	expect("Nothing came of the union's claim that the contract was never signed.",
	       "the contract was never signed", "speech", "the union");
	expect("Residents gathered to protest the council's plans to widen the bridge.",
	       "to widen the bridge", "intention", "the council");
	expect("Hundreds rallied in support of the school levy.", "the school levy", "stance", "");
	expect_none("The claim that was filed on Monday is still pending.", "was filed");
	/* a particle joins the cue: "talked about", "voted against" */
	expect("Senator Park talked about the drought in the valley.", "the drought in the valley",
	       "speech", "Senator Park");
	expect("Rep. Lee voted against the pipeline bill.", "the pipeline bill", "stance",
	       "Rep. Lee");
	expect_none("The two teams talked for an hour before the game.", "an hour");
	/* an -s form after a number or before "of" is a plural noun */
	expect_none("Voters in 30 states with early primaries went to the polls.", "early primaries");
	expect_none("The senator carried the states of Ohio and Iowa.", "Ohio");
	/* a cue infinitive after "continued to", "declined to" */
	expect("Governor Haas continued to insist that the dam was sound.", "the dam was sound",
	       "speech", "Governor Haas");
	/* a participle after "is", or after "by" */
	expect("Party elders are openly questioning whether the rules still work.",
	       "whether the rules still work", "speech", "Party elders");
	expect("The mayor ended the meeting by praising the volunteers who cleaned the park.",
	       "the volunteers who cleaned the park", "speech", "The mayor");
	/* a cue whose subject the verb passes do not find: the clause after it */
	expect("Nearly one in four said the county should raise taxes.",
	       "the county should raise taxes", "speech", "Nearly one in four");
	/* nouns with an object: "complaints about" */
	expect("The audit fueled complaints about the grant program.", "the grant program",
	       "speech", "");
	/* a headline "Name: words" */
	expect("Dana Whitfield: Our town deserves a new hospital.\n\nThe board met on Monday.",
	       "Our town deserves a new hospital", "speech", "Dana Whitfield");
	expect_none("Update: The coastal road has reopened.\n\nCrews worked all night.",
		    "coastal road");
}

/* ---- contents end where an attribution of their own begins */

/* nouns whose object after one preposition is the content; with no owner
** before the noun, the sentence's subject speaks */
static void test_noun_preps(void **st)
{
	(void)st;
	expect("Mayor Dana Hale opened the meeting with a call for calm on the streets.",
	       "calm on the streets", "speech", "Dana Hale");
	expect("Ruiz has long been in favor of a higher minimum wage.", "a higher minimum wage",
	       "stance", "Ruiz");
	expect("The governor's proposal for a toll road surprised the council.",
	       "a toll road surprised the council", "intention", "The governor");
	expect("Senator Ana Ruiz spoke last. Her critique of the budget drew applause.",
	       "the budget drew applause", "speech", "Senator Ana Ruiz");
	expect("Ruiz made no mention of the strike.", "the strike", "speech", "Ruiz");
	/* a coordinated noun phrase goes on the content, a clause does not */
	expect("Ruiz's opposition to the harbor tax as well as the new tolls, which the council "
	       "passed, cost her votes.",
	       "the harbor tax as well as the new tolls", "stance", "Ruiz");
	expect("Ruiz made no mention of the strike or the new contract.",
	       "the strike or the new contract", "speech", "Ruiz");
	expect("Ruiz made no mention of the strike and the union said nothing.", "the strike",
	       "speech", "Ruiz");
	/* only the prepositions each noun takes: "a call to arms" is none */
	expect_none("Dana Hale answered the call to arms.", "arms");
	expect_none("He read the opinion piece.", "piece");
}

/* "X seemed irritated": the content takes the subject in, no speaker */
static void test_seeming(void **st)
{
	(void)st;
	expect("Mayor Hale seemed irritated by the question.",
	       "Mayor Hale seemed irritated by the question", "belief", "");
	expect("The old alliance between the two ports appears to be alive and well.",
	       "The old alliance between the two ports appears to be alive and well", "belief", "");
	/* a chain to another cue: that verb's record, its subject the speaker */
	expect_none("Ruiz appeared to suggest that the vote was rigged.", "Ruiz appeared");
	/* showed up, not seemed */
	expect_none("Ruiz appeared on the evening news.", "Ruiz appeared");
}

/* an attribution set off by commas inside the sentence it reports: the
** content is both parts */
static void test_medial(void **st)
{
	(void)st;
	expect("The museum, Mayor Hale said, would make visitors face hard truths.",
	       "The museum, Mayor Hale said, would make visitors face hard truths", "speech",
	       "Mayor Hale");
	expect("That is why, Hale argued, the council should wait.",
	       "That is why, Hale argued, the council should wait", "speech", "Hale");
	/* where and how it was said is no part of it */
	expect_none("Lund could not find a single taker, Hale said, on condition of anonymity.",
		    "condition");
}

/* a title-case headline: its first cue verb after the opening words, or
** ", X Says." closing it */
static void test_title_case_headlines(void **st)
{
	(void)st;
	expect("Retired General Reveals \u2018Demoralizing\u2019 Experience Of Serving Under Hale.\n\n"
	       "The general spoke on Monday.",
	       "\u2018Demoralizing\u2019 Experience Of Serving Under Hale", "speech", "Retired General");
	expect("Hale Hid Health Problems From Public, Former White House Doctor Says.\n\n"
	       "The doctor spoke on Monday.",
	       "Hale Hid Health Problems From Public", "speech", "White House Doctor");
	/* no cue verb: no record */
	expect_none("Examining the Record of the Harbor Board.\n\nThe board met on Monday.",
		    "Record");
}

static void test_own_clause(void **st)
{
	(void)st;
	/* ", which he believes ...": the relative clause has its own attribution */
	expect("Hale criticized the council for closing the bridge, which he believes will hurt "
	       "the town.",
	       "the council for closing the bridge", "speech", "Hale");
	expect_none("Hale criticized the council for closing the bridge, which he believes will "
		    "hurt the town.",
		    "bridge, which");
	/* ", while X verb-ed ...": two records, the first ends at the comma */
	expect("Ms. Ortiz criticized the council for the long delay, while residents praised the "
	       "new bridge.",
	       "the council for the long delay", "speech", "Ms. Ortiz");
	expect("Ms. Ortiz criticized the council for the long delay, while residents praised the "
	       "new bridge.",
	       "the new bridge", "speech", "residents");
	/* "..., and he warned ...": a coordinated clause with its own subject */
	expect("Mayor Ruiz said the plan would fail, and he warned that taxes would rise.",
	       "the plan would fail", "speech", "Mayor Ruiz");
	/* "... before claiming that ...": a participle after a subordinator */
	expect("The senator praised the ruling on Twitter before claiming that the court had "
	       "been fair.",
	       "the ruling on Twitter", "speech", "The senator");
	/* a content opening with a subordinate clause goes on after its comma */
	expect("Lawyers argued that although the driver admitted his mistake, he was not at fault.",
	       "although the driver admitted his mistake, he was not at fault", "speech",
	       "Lawyers");
	/* a clause inside quotation marks is the speaker's own words */
	expect("The report found that \"most families, the authors wrote, cannot pay.\"",
	       "\"most families, the authors wrote, cannot pay.\"", "evidence", "The report");
	/* a cue after a comma that ends an appositive too long for the subject
	** search: the clause after it, the sentence's subject speaks */
	expect("Dana Ruiz, who left the county board last month after a long fight with the "
	       "mayor and two of his closest aides over the future of the old harbor and its "
	       "ferry, said the audit of the ferry accounts had been rushed by the county.",
	       "the audit of the ferry accounts had been rushed by the county", "speech",
	       "Dana Ruiz");
	/* ... but not an inverted speaker after the comma */
	expect("The budget is far too small for the county, said Ruiz, an aide to the mayor.",
	       "The budget is far too small for the county", "speech", "Ruiz");
	/* a name alone is the object of a cue ("endorsed Garcia") */
	expect("Senator Park endorsed Garcia.", "Garcia", "stance", "Senator Park");
	expect("Instead, Mayor Hale repeatedly talked about Garcia.", "Garcia", "speech",
	       "Mayor Hale");
	/* "focused on X", "critical of X" */
	expect("The mayor focused on the budget shortfall.", "the budget shortfall", "speech",
	       "The mayor");
	expect("Senator Park is critical of the new tax plan.", "the new tax plan", "stance", "");
	/* a share of people opens a clause of its own ("..., and three-fourths
	** say ...", "..., while about 4 in 10 want ..."), the share speaking */
	expect("Most residents see the toll as a burden, and three-fourths say the county "
	       "should drop it.",
	       "the toll as a burden", "perception", "Most residents");
	expect("Most residents see the toll as a burden, and three-fourths say the county "
	       "should drop it.",
	       "the county should drop it", "speech", "three-fourths");
	expect("Half the riders said the buses were late, while about 4 in 10 want a new route.",
	       "a new route", "intention", "about 4 in 10");
	expect("Some 30% of the riders said the fares were fair, and 55% said the buses were "
	       "clean.",
	       "the buses were clean", "speech", "55%");
	/* ... not "percentage points" */
	expect("Ruiz said turnout was up about 19 percentage points from last year.",
	       "turnout was up about 19 percentage points from last year", "speech", "Ruiz");
	/* "... who said ...": a relative clause with "say" attributes for the
	** phrase before "who", the content around it ends there */
	expect("Most riders said the fares were too high, compared with 20 percent who said "
	       "they were fair.",
	       "the fares were too high, compared with 20 percent", "speech", "Most riders");
	expect("Most riders said the fares were too high, compared with 20 percent who said "
	       "they were fair.",
	       "they were fair", "speech", "20 percent");
	/* nouns that end a noun phrase: "a conference call", "percentage points",
	** "Editor's note:" */
	expect_none("The campaign held a conference call with reporters on Monday.",
		    "with reporters");
	expect_none("Ruiz led by 10 percentage points among older voters.", "older voters");
	expect_none("Editor's note: The mayor is a longtime donor to the paper.", "donor");
	/* ... after a preposition the phrase is no subject */
	expect("People close to the talks say the deal is near.", "the deal is near", "speech",
	       "the talks");
	/* "states" is a noun: "swing states" */
	expect_none("Ohio is one of the swing states in presidential elections.",
		    "in presidential elections");
}

/* ---- an attribution between the two parts of a split quotation */

static void test_split_quote_gap(void **st)
{
	(void)st;
	/* the quotation is one record from its first mark to its last; the
	** words between the parts hold an attribution of their own */
	const char *t = "\"We will fix the bridge this year,\" said Mayor Hale, who noted that the "
			"county had promised the money. \"The work starts in May.\"";
	expect(t, "the county had promised the money", "speech", "Mayor Hale");
	expect(t,
	       "\"We will fix the bridge this year,\" said Mayor Hale, who noted that the county "
	       "had promised the money. \"The work starts in May.\"",
	       "speech", "Mayor Hale");
	/* ", referring to X": the particle belongs to the cue */
	expect("\"We will fix it this year,\" Hale said, referring to the old ferry crossing. "
	       "\"The work starts in May.\"",
	       "the old ferry crossing", "speech", "Hale");
}

/* ---- headlines: "Name: words" on the first line */

static void test_headlines(void **st)
{
	(void)st;
	/* the name speaks the whole line, even where a verb inside it has a
	** subject and an object ("tax plan threatens the harbor towns") */
	expect("Senator Hale: Lane's tax plan threatens the harbor towns.\n\n"
	       "The senator spoke for an hour on Tuesday to a small crowd.",
	       "Lane's tax plan threatens the harbor towns", "speech", "Senator Hale");
	/* the words may open with a quotation mark */
	expect("Mayor Ruiz: \u2018No Room\u2019 For New Tolls On The Bridge.\n\n"
	       "The mayor spoke for an hour on Tuesday to a small crowd.",
	       "\u2018No Room\u2019 For New Tolls On The Bridge", "speech", "Mayor Ruiz");
	/* a name holding a verb leaves the line to the verb passes */
	expect("Ruiz Endorses Hale: The Harbor Needs A New Bridge.\n\n"
	       "The mayor spoke for an hour on Tuesday to a small crowd.",
	       "Hale: The Harbor Needs A New Bridge", "stance", "Ruiz");
	/* a turn of a transcript runs over its paragraph */
	expect("The mayor spoke for an hour on Tuesday to a small crowd.\n\n"
	       "KELLER: The bridge is closed. We need a new one, and soon.\n\n"
	       "Q: When does the work start?",
	       "The bridge is closed. We need a new one, and soon", "speech", "KELLER");
	/* credit lines and lists of names are no attributions */
	expect_none("The mayor spoke for an hour on Tuesday to a small crowd.\n\n"
		    "Contributing: Dana Hale and Ana Ruiz.",
		    "Dana Hale");
	expect_none("The mayor spoke for an hour on Tuesday to a small crowd.\n\n"
		    "Ohio: Dana Hale, Ana Ruiz, Tom Bell, Lee Park, Sam Okafor.",
		    "Ana Ruiz");
	/* a label is no speaker */
	expect("Wow: Ruiz Just Praised The Harbor Plan In Front Of Everyone.\n\n"
	       "The mayor spoke for an hour on Tuesday to a small crowd.",
	       "The Harbor Plan In Front Of Everyone", "speech", "Ruiz");
}

/* ---- the JSON field */

static void test_json(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(eng, "Mr. Haddad believes the market will recover soon.", NULL);
	ng_outbuf b = {.cap = 1 << 20};
	assert_int_equal(ng_write_jsonl(d, 0, &b), NG_OK);
	assert_int_equal(ng_buf_append(&b, "", 1), NG_OK);
	assert_non_null(strstr(b.data, "\"cue\":\"believe\",\"cue_class\":\"belief\""));
	ng_outbuf_free(&b);
	/* records from elsewhere (a store made before the field) without the
	** NG_F_CUE_CLASS bit: no key, whatever the field holds */
	d->assigned &= ~(unsigned)NG_F_CUE_CLASS;
	ng_outbuf c = {.cap = 1 << 20};
	assert_int_equal(ng_write_jsonl(d, 0, &c), NG_OK);
	assert_int_equal(ng_buf_append(&c, "", 1), NG_OK);
	assert_non_null(strstr(c.data, "\"cue\":\"believe\",\"cue_start\""));
	assert_null(strstr(c.data, "cue_class"));
	ng_outbuf_free(&c);
	ng_doc_destroy(d);
}

/* ---- the lexicon's class field */

static void test_lexicon_class(void **st)
{
	(void)st;
	char err[128];
	ng_cue_lex *lx = NULL;
	const char *ok = "say\tspeech\tggt\tsay,says,said\n"
			 "believe\tspeech\town\tbelieve,believes,believed\tbelief\n"
			 "endorse\tobject\town\tendorse,endorsed\tstance\n";
	assert_int_equal(ng_cue_lex_parse(ok, strlen(ok), &lx, err, sizeof err), NG_OK);
	ng_cue_word w;
	assert_true(ng_cue_lex_word(lx, "said", 4, &w));
	assert_int_equal(w.cls, NG_CLS_SPEECH);
	assert_true(ng_cue_lex_word(lx, "Believed", 8, &w));
	assert_int_equal(w.cls, NG_CLS_BELIEF);
	assert_true(ng_cue_lex_word(lx, "endorsed", 8, &w));
	assert_int_equal(w.cls, NG_CLS_STANCE);
	assert_int_equal(w.frame, NG_CUE_OBJECT);
	ng_cue_lex_destroy(lx);
	const char *bad = "say\tspeech\tggt\tsay,said\tgossip\n";
	lx = NULL;
	assert_int_equal(ng_cue_lex_parse(bad, strlen(bad), &lx, err, sizeof err), NG_EPARSE);
	assert_null(lx);
	assert_non_null(strstr(err, "class"));
	assert_string_equal(ng_cue_class_name(NG_CLS_EVIDENCE), "evidence");
	assert_string_equal(ng_cue_class_name(-1), "speech");
	assert_string_equal(ng_cue_class_name(NG_CLS_COUNT), "speech");
}

/* ---- the look-up key: every length, ASCII case only, bytes around A-Z */

/* A lexicon of one lemma, "say" (forms say, said), for the look-up tests. */
static ng_cue_lex *say_lexicon(void)
{
	char err[128];
	ng_cue_lex *lx = NULL;
	const char *one = "say\tspeech\tggt\tsay,said\n";
	assert_int_equal(ng_cue_lex_parse(one, strlen(one), &lx, err, sizeof err), NG_OK);
	return lx;
}

static void test_lexicon_keys(void **st)
{
	(void)st;
	ng_cue_lex *lx = say_lexicon();
	/* words of 2..23 bytes, lowercase, each with its uppercase twin found
	** and a twin one byte off (at the first, middle or last byte) not found */
	const char *alpha = "qwertyuiopasdfghjklzxcvbnm";
	for (size_t n = 2; n <= 23; n++) {
		char w[32], up[32], off[32];
		for (size_t i = 0; i < n; i++) {
			w[i] = alpha[(i * 7 + n) % 26];
			up[i] = i % 2 ? (char)(w[i] - 32) : w[i];
		}
		w[n] = up[n] = 0;
		assert_int_equal(ng_cue_lex_add_class(lx, w, NG_WC_ADJ), NG_OK);
		ng_cue_word cw;
		assert_true(ng_cue_lex_word(lx, up, n, &cw));
		assert_int_equal(cw.wclass, NG_WC_ADJ);
		size_t at[3] = {0, n / 2, n - 1};
		for (int k = 0; k < 3; k++) {
			memcpy(off, w, n + 1);
			off[at[k]] = (char)(off[at[k]] == 'q' ? 'r' : 'q');
			assert_false(ng_cue_lex_word(lx, off, n, &cw));
		}
		/* its prefix one byte shorter is no word of the lexicon */
		assert_false(ng_cue_lex_word(lx, up, n - 1, &cw));
	}
	/* only A-Z fold: '@' and '[' (next to 'A' and 'Z') and UTF-8 bytes stay */
	assert_int_equal(ng_cue_lex_add_class(lx, "@[x", NG_WC_TIME), NG_OK);
	assert_int_equal(ng_cue_lex_add_class(lx, "\xc3\x89t\xc3\xa9", NG_WC_TIME), NG_OK);
	ng_cue_word cw;
	assert_true(ng_cue_lex_word(lx, "@[X", 3, &cw));
	assert_false(ng_cue_lex_word(lx, "`{x", 3, &cw));
	assert_true(ng_cue_lex_word(lx, "\xc3\x89T\xc3\xa9", 5, &cw));
	assert_false(ng_cue_lex_word(lx, "\xc3\xa9t\xc3\xa9", 5, &cw));
	/* the per-document look-up agrees, and gives cues to word tokens only */
	const char *text = "SAID Etc. said @[x";
	ng_token t[4] = {{0, 4, NG_TOK_WORD, 0}, {5, 9, NG_TOK_ABBREV, 0},
			 {10, 14, NG_TOK_CLITIC, 0}, {15, 18, NG_TOK_PUNCT, 0}};
	uint32_t wc[4];
	int16_t cue[4];
	const char *lem[4];
	int32_t hits[4];
	assert_int_equal(ng_cue_lex_tokens(lx, text, strlen(text), t, 4, wc, cue, lem, hits), 2);
	assert_int_equal(hits[0], 0); /* the word and the clitic are found */
	assert_int_equal(hits[1], 2);
	assert_true(cue[0] >= 0);
	assert_string_equal(lem[0], "say");
	assert_int_equal(cue[0] % 8, NG_FORM_PAST);
	assert_int_equal(cue[1], -1);
	assert_int_equal(cue[2], -1); /* a clitic is never a cue, but has its classes */
	assert_null(lem[2]);
	assert_int_equal(wc[2], 0);
	assert_int_equal(wc[3], 0);   /* punctuation is not looked up */
	ng_cue_lex_destroy(lx);
}

/* ---- the per-document look-up agrees with the word look-up: thousands of
** forms (so that slots collide), words one byte off, eight-byte words whose
** first eight bytes begin a longer form, words at the text's very end */

static void test_lexicon_tokens_agree(void **st)
{
	(void)st;
	ng_cue_lex *lx = say_lexicon();
	enum { N_FORMS = 3000, N_WORDS = 2 * N_FORMS + 6 };
	static char words[N_WORDS][24];
	uint32_t seed = 12345;
	for (int i = 0; i < N_FORMS; i++) {
		size_t n = 1 + (size_t)i % 20; /* 1..20 bytes */
		for (size_t k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			words[i][k] = (char)('a' + (seed >> 16) % 26);
		}
		words[i][n] = 0;
		/* a class of its own: bits 0..14 and 20..30 by index */
		uint32_t bit = 1u << (i % 15);
		assert_int_equal(ng_cue_lex_add_class(lx, words[i], bit), NG_OK);
		/* its twin: uppercase at odd bytes, or one byte off */
		memcpy(words[N_FORMS + i], words[i], n + 1);
		if (i % 2)
			for (size_t k = 1; k < n; k += 2)
				words[N_FORMS + i][k] = (char)(words[i][k] - 32);
		else
			words[N_FORMS + i][n - 1] = words[i][n - 1] == 'z' ? 'y' : 'z';
	}
	/* "headlong" (8 bytes) and "internationaliza" (16) are no forms, the
	** longer words they begin are; "Said" ends the text */
	assert_int_equal(ng_cue_lex_add_class(lx, "headlonger", NG_WC_ADJ), NG_OK);
	assert_int_equal(ng_cue_lex_add_class(lx, "internationalization", NG_WC_DOC), NG_OK);
	strcpy(words[2 * N_FORMS], "headlong");
	strcpy(words[2 * N_FORMS + 1], "HeadLonger");
	strcpy(words[2 * N_FORMS + 2], "internationaliza");
	strcpy(words[2 * N_FORMS + 3], "InternationaliZation");
	strcpy(words[2 * N_FORMS + 4], "said");
	strcpy(words[2 * N_FORMS + 5], "Said");
	size_t cap = (size_t)N_WORDS * 25 + 1;
	char *text = malloc(cap);
	ng_token *t = malloc(sizeof(ng_token) * N_WORDS);
	uint32_t *wc = malloc(sizeof(uint32_t) * N_WORDS);
	int16_t *cue = malloc(sizeof(int16_t) * N_WORDS);
	const char **lem = malloc(sizeof(char *) * N_WORDS);
	int32_t *hits = malloc(sizeof(int32_t) * N_WORDS);
	assert_non_null(text);
	assert_non_null(t);
	assert_non_null(wc);
	assert_non_null(cue);
	assert_non_null(lem);
	assert_non_null(hits);
	size_t len = 0;
	for (int i = 0; i < N_WORDS; i++) {
		size_t n = strlen(words[i]);
		t[i] = (ng_token){(uint32_t)len, (uint32_t)(len + n), NG_TOK_WORD, 0};
		memcpy(text + len, words[i], n);
		len += n;
		text[len++] = ' ';
	}
	len--; /* the last word ends the text */
	text[len] = 0;
	size_t n_hits = ng_cue_lex_tokens(lx, text, len, t, N_WORDS, wc, cue, lem, hits);
	size_t found = 0;
	for (int i = 0; i < N_WORDS; i++) {
		ng_cue_word cw;
		int known = ng_cue_lex_word(lx, words[i], strlen(words[i]), &cw);
		if (known) {
			assert_true(found < n_hits);
			assert_int_equal(hits[found], i);
			found++;
			assert_int_equal(wc[i], cw.wclass);
			assert_int_equal(cue[i] >= 0, cw.is_cue);
		} else {
			assert_int_equal(wc[i], 0);
			assert_int_equal(cue[i], -1);
			assert_null(lem[i]);
		}
		if (i < N_FORMS)
			assert_true(known); /* every form is found */
	}
	assert_int_equal(found, n_hits);
	assert_int_equal(wc[2 * N_FORMS], 0);             /* headlong */
	assert_int_equal(wc[2 * N_FORMS + 1], NG_WC_ADJ); /* HeadLonger */
	assert_int_equal(wc[2 * N_FORMS + 2], 0);         /* internationaliza */
	assert_int_equal(wc[2 * N_FORMS + 3], NG_WC_DOC); /* InternationaliZation */
	assert_string_equal(lem[2 * N_FORMS + 5], "say"); /* Said, at the end */
	free(text);
	free(t);
	free(wc);
	free(cue);
	free(lem);
	free(hits);
	ng_cue_lex_destroy(lx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verb_classes),
		cmocka_unit_test(test_beyond_verbs),
		cmocka_unit_test(test_noun_preps),
		cmocka_unit_test(test_seeming),
		cmocka_unit_test(test_title_case_headlines),
		cmocka_unit_test(test_medial),
		cmocka_unit_test(test_own_clause),
		cmocka_unit_test(test_split_quote_gap),
		cmocka_unit_test(test_headlines),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_lexicon_class),
		cmocka_unit_test(test_lexicon_tokens_agree),
		cmocka_unit_test(test_lexicon_keys),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
