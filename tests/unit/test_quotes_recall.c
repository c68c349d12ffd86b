/*
** test_quotes_recall.c -- attributions the quotes stage used to miss (PolNeAR
** train misses, each pattern shown in a sentence of our own): each rule with
** a sentence it finds and, where the rule could overreach, one it leaves.
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

/* "..., donors said.": a short phrase between the content's comma and a
** sentence-final cue speaks, though it is no noun phrase np_left() knows */
static void test_bare_trailing_subject(void **st)
{
	(void)st;
	expect("The ferry will stop running in the winter, islanders said.\n",
	       "The ferry will stop running in the winter", "speech", "islanders");
	expect("The plant could close within a year, people close to the owner say.\n",
	       "The plant could close within a year", "speech", "people close to the owner");
	/* a word after the cue: not a trailing attribution */
	expect_none("The ferry stopped, islanders said nothing about it.\n", "The ferry stopped");
}

/* a quotation opened inside reported speech runs on past its sentence:
** the content runs to the closing mark */
static void test_quote_runs_on(void **st)
{
	(void)st;
	expect("The council met late.\n\nIda Voss said the pier \"will not open in May. "
	       "We have no money for the rails.\" The meeting ended.\n",
	       "the pier \"will not open in May. We have no money for the rails.\"", "speech",
	       "Ida Voss");
}

/* reported speech and the quote that follows it in its paragraph are one
** content; a quote in the next paragraph is a record of its own */
static void test_quote_after_reported(void **st)
{
	(void)st;
	expect("The town voted on the pier.\n\nIda Voss says the pier should stay open. "
	       "\"It is the only place the children can fish.\"\n",
	       "the pier should stay open. \"It is the only place the children can fish.\"",
	       "speech", "Ida Voss");
	/* and a second quote after the first */
	expect("The town voted on the pier.\n\nIda Voss says the pier should stay open. "
	       "\"It is the only place the children can fish.\" \"We will not give it up.\"\n",
	       "the pier should stay open. \"It is the only place the children can fish.\" "
	       "\"We will not give it up.\"",
	       "speech", "Ida Voss");
	expect_contents("The town voted on the pier.\n\nIda Voss says the pier should "
			"stay open.\n\n\"It is the only place the children can fish.\"\n",
			"the pier should stay open",
			"\"It is the only place the children can fish.\"");
}

/* "One of his aides, X, said": an appositive after a subject with "of"
** and no comma before it: the whole phrase is the subject */
static void test_of_phrase_appositive(void **st)
{
	(void)st;
	expect("One of her lawyers, Ann Kohl, told reporters that the appeal would be filed soon.\n",
	       "the appeal would be filed soon", "speech", "One of her lawyers");
	expect("Critics of the harbor plan, however, say it would push rents higher.\n",
	       "it would push rents higher", "speech", "Critics of the harbor plan");
	/* another preposition: a verb may precede it, the phrase is no subject */
	expect("The mayor met officials in Dayton, Ohio, said the board members.\n",
	       "The mayor met officials in Dayton, Ohio", "speech", "the board members");
}

/* "X and Y have both argued that ...": a quantifier floating between the
** subject and its verb */
static void test_floating_quantifier(void **st)
{
	(void)st;
	expect("Mayor Ann Kohl and Governor Tom Reyes have both argued that the bridge is unsafe.\n",
	       "the bridge is unsafe", "speech", "Tom Reyes");
	expect("The two mayors each said the ferry would run again in May.\n",
	       "the ferry would run again in May", "speech", "two mayors");
}

/* "X, whose ... (20 words or more) ..., said ...": a long relative clause
** between the subject and its verb */
static void test_long_relative_clause(void **st)
{
	(void)st;
	expect("The union, which has fought the city over pensions and wages for the better part of "
	       "the last two decades in the state courts, said the deal was fair.\n",
	       "the deal was fair", "speech", "The union");
	expect("Reyes, whose tuition at the state college was paid by the county because he served "
	       "four years on its volunteer fire brigade, said he would like to teach.\n",
	       "he would like to teach", "speech", "Reyes");
}

/* "... remember that social scientists say ...": a bare plural without a
** determiner after "that" or a clause opener is a subject */
static void test_bare_plural_subject(void **st)
{
	(void)st;
	expect("The race went on after it emerged that track stewards said the course was dry.\n",
	       "the course was dry", "speech", "track stewards");
	expect("The vote was delayed because tenants said the notice came too late.\n",
	       "the notice came too late", "speech", "tenants");
}

/* a one-name content ends before ", <participle cue>", which gets its own
** record ("endorsed Ruiz, calling her ...") */
static void test_name_then_participle(void **st)
{
	(void)st;
	expect_contents("The dock workers met on Friday.\n\nThe union endorsed Ruiz, "
			"calling her a fighter for the docks.\n",
			"Ruiz", "her a fighter for the docks");
}

/* "..., she said in a radio interview with ...", "..., Hale told The Ledger on
** Friday.": after a verb of saying, whom, where or when it was said (longer
** than five tokens, or an addressee of "tell") leaves the content before */
static void test_said_where(void **st)
{
	(void)st;
	expect("The bridge will be repaired by spring, the mayor said in a radio interview "
	       "with a local station.\n",
	       "The bridge will be repaired by spring", "speech", "the mayor");
	expect("The bridge will be repaired by spring, Hale told reporters.\n",
	       "The bridge will be repaired by spring", "speech", "Hale");
	expect("The bridge will be repaired by spring, Hale told The Morning Ledger on Friday.\n",
	       "The bridge will be repaired by spring", "speech", "Hale");
	/* a phrase after other cues is their content */
	expect_none("After the vote, the council pointed to the budget shortfall in its annual "
		    "report to the state.\n",
		    "After the vote");
	/* a clause after the cue: no trailing attribution */
	expect_none("The bridge is safe, he said in a speech before he left for the capital.\n",
		    "The bridge is safe");
}

/* "groups backing X": a stance participle right after its noun, which
** holds the stance */
static void test_stance_after_noun(void **st)
{
	(void)st;
	expect("Farmers gave money to a fund supporting the dam project.\n",
	       "the dam project", "stance", "a fund");
	expect("Most of the cash went to local groups opposing Mayor Lund.\n",
	       "Mayor Lund", "stance", "groups");
	/* a noun with its preposition, a particle: no stance */
	expect_none("The club has financial backing from two banks.\n", "from two banks");
	expect_none("He kept backing down on the toll plan.\n", "down on the toll plan");
}

/* A content ends where a second attribution of its own opens; both are
** records (PolNeAR's contents do not overlap). */
static void test_second_attribution(void **st)
{
	(void)st;
	/* two coordinated participles */
	expect_contents("Ortiz opened his campaign on the pier, calling the tolls a "
			"scandal and vowing to cut them in half.\n",
			"the tolls a scandal", "to cut them in half");
	/* a clause whose subject opens with a determiner */
	expect_contents("Though Hale has described herself as a moderate, the Morning Ledger "
			"reported that she has moved to the left.\n",
			"herself as a moderate", "she has moved to the left");
	/* a subject with a parenthesis */
	expect_contents("The council praised the new ferry schedule, Senator Ann Hale (D-Ore.) "
			"said the ferries are too slow.\n",
			"the new ferry schedule", NULL);
	/* the main verb after a relative clause: "X, who backed Y, said he ..." */
	expect_contents("Sosa, a harbor pilot who backed Mayor Lund in 2012, said he would not "
			"vote for her again.\n",
			"Mayor Lund in 2012", "he would not vote for her again");
	/* a progressive with its own subject */
	expect_contents("Lund promised to rebuild the pier, and Mayor Hale is promising to "
			"lower the tolls.\n",
			"to rebuild the pier", "to lower the tolls");
	/* a relative clause after a comma, with an auxiliary and an adverb */
	expect_contents("The senator praised the pastor Franklin Hale, who has publicly vowed "
			"to close the pier.\n",
			"the pastor Franklin Hale", "to close the pier");
}

/* "..., said Ms. Gil, with ...": a name after ", said" and before a comma
** speaks the words before it, though a clause's subject stands earlier */
static void test_inverted_before_comma(void **st)
{
	(void)st;
	expect("The club is hardly formal, but it has attracted a loyal following, said Ms. Gil, "
	       "with games on the pier every week.\n",
	       "The club is hardly formal, but it has attracted a loyal following", "speech",
	       "Ms. Gil");
	/* "X, a lawyer, criticized Y": an apposition, no inversion */
	expect("Mukasey, the former attorney general, criticized the mayor's email use.\n",
	       "the mayor's email use", "speech", "Mukasey");
}

/* "and"/"but" before a belief, intention or stance verb does not cut:
** PolNeAR keeps "said she X but supports Y" as one content */
static void test_coordinated_stance(void **st)
{
	(void)st;
	expect("Nance said she would like the mayor to explain the plan but supports "
	       "her candidacy.\n",
	       "she would like the mayor to explain the plan but supports her candidacy", "speech",
	       "Nance");
	/* a verb of saying after "and" still cuts */
	expect_contents("Hale called the plan a disgrace and said the council should "
			"start again.\n",
			"the plan a disgrace", "the council should start again");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bare_trailing_subject),
		cmocka_unit_test(test_quote_runs_on),
		cmocka_unit_test(test_quote_after_reported),
		cmocka_unit_test(test_name_then_participle),
		cmocka_unit_test(test_of_phrase_appositive),
		cmocka_unit_test(test_floating_quantifier),
		cmocka_unit_test(test_long_relative_clause),
		cmocka_unit_test(test_bare_plural_subject),
		cmocka_unit_test(test_said_where),
		cmocka_unit_test(test_stance_after_noun),
		cmocka_unit_test(test_second_attribution),
		cmocka_unit_test(test_coordinated_stance),
		cmocka_unit_test(test_inverted_before_comma),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
