/*
** test_quotes_precision.c -- words around a cue that make its record no
** attribution (the quotes stage's not_attribution() and the noun cues'
** "the support of X"): each rule with a sentence it drops and one it keeps.
** Every sentence here is our own.
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

/* "Do you support X?" opening a paragraph asks the reader */
static void test_reader_question(void **st)
{
	(void)st;
	expect_none("The fire season starts early this year.\n\n"
		    "Do you support Mayor Quill? Share this page with your friends.\n",
		    "Mayor Quill");
	expect("The fire season starts early this year.\n\nMost farmers support Mayor Quill.\n",
	       "Mayor Quill", "stance", "Most farmers");
}

/* "X reported from Y" says where the reporter was */
static void test_reported_from(void **st)
{
	(void)st;
	expect_none("The storm closed two ports.\n\nLena Ortiz reported from Nairobi.\n", "Nairobi");
	expect("The storm closed two ports.\n\nLena Ortiz reported that the ports would reopen.\n",
	       "the ports would reopen", "speech", "Lena Ortiz");
}

/* phrasal verbs: "showed up", "signed up", "adding to" */
static void test_particles(void **st)
{
	(void)st;
	expect_none("Thousands of voters showed up to hear the governor speak.\n\n"
		    "More volunteers signed up for the second shift.\n",
		    "up ");
	expect_none("The mayor is adding to her lead in the suburbs after the debate.\n", "her lead");
	expect("The mayor is adding that the suburbs will get a new bus line.\n",
	       "the suburbs will get a new bus line", "speech", "The mayor");
}

/* "X said in a statement.": only where the words were said */
static void test_adverbial_content(void **st)
{
	(void)st;
	expect_none("The town council met on Tuesday. Its members want to build a new pier. "
		    "Ines Harlan said in a statement.\n",
		    "in a statement");
	expect_none("The pier closed in March. Repairs will cost more than planned, the port "
		    "authority reported last week.\n",
		    "last week");
	/* a clause after the phrase is the content */
	expect("Harlan said on Monday that the pier would reopen in June.\n",
	       "on Monday that the pier would reopen in June", "speech", "Harlan");
}

/* "..., a spokesman told The Harbor Gazette.": whom it was said to */
static void test_addressee_only(void **st)
{
	(void)st;
	expect_none("The pier will reopen in June, a port spokesman told The Harbor Gazette.\n",
		    "Harbor Gazette");
	expect("The harbor master told Channel Four that the pier would reopen in June.\n",
	       "the pier would reopen in June", "speech", "The harbor master");
}

/* "appeared on a talk show": showed up, did not seem */
static void test_appeared_at(void **st)
{
	(void)st;
	expect_none("Last week the senator appeared on a morning talk show in Denver.\n",
		    "talk show");
	expect("The senator appeared to reject the new budget plan.\n",
	       "to reject the new budget plan", "belief", "The senator");
}

/* "won the support of X": X gives the support, it is not its content */
static void test_the_noun_of(void **st)
{
	(void)st;
	expect_none("The coach won the support of the younger players.\n", "younger players");
	expect_none("Her plan drew the full support of the city council.\n", "city council");
	expect("The senator voiced support for the ferry plan.\n", "the ferry plan", "stance", "");
	/* "in support of X": X is supported */
	expect("The union marched in support of the striking nurses.\n", "the striking nurses",
	       "stance", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_question),
		cmocka_unit_test(test_reported_from),
		cmocka_unit_test(test_particles),
		cmocka_unit_test(test_adverbial_content),
		cmocka_unit_test(test_addressee_only),
		cmocka_unit_test(test_appeared_at),
		cmocka_unit_test(test_the_noun_of),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
