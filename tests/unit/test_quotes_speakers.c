/*
** test_quotes_speakers.c -- speaker finding and direct-quote rules of the
** quotes stage added for issue 5's speaker-accuracy target, each on
** sentences of our own: capitalized cue forms inside names, speaking nouns
** that also modify ("official"), time phrases between a subject and its
** verb, trailing attributions whose verb is outside the lexicon
** ("snapped", "exhorted the host"), split-quote merging that stops at a
** sentence with its own cue, "it" for a thing named before, "went on to
** say", the phrasal cues "fired back", "shot back", "put it", quotes
** signed with a dash and a name, and quotes introduced by an inverted "Said
** X," or a verb with an adverbial phrase before the comma.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "ng_test.h"
#include "quotes_test.h"

/* "State" (a cue form: to state) inside a name is no verb; "official" ends
** a subject although it also modifies nouns; a time phrase sits between a
** subject and its verb. */
static void test_subject_words(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"\u201cWe were never consulted,\u201d former State trade envoy Lena Morris wrote to "
		"the board.\n\n"
		"At noon, a Transport Ministry official said, \u201cThe bridge stays closed until "
		"the inspection is over.\u201d\n\n"
		"Ortiz later Friday told the local paper: \u201cThe harbor will reopen in spring.\u201d"
		"\n\n"
		"The city\u2019s new treasurer less than two weeks ago said that the budget was "
		"balanced.\n",
		NULL);
	check(d, "\u201cWe were never consulted", NG_QUOTE_DIRECT, "Lena Morris", "write");
	check(d, "\u201cThe bridge stays closed", NG_QUOTE_DIRECT, "a Transport Ministry official",
	      "say");
	check(d, "\u201cThe harbor will reopen", NG_QUOTE_DIRECT, "Ortiz", "tell");
	check(d, "the budget was balanced", NG_QUOTE_INDIRECT, "The city\u2019s new treasurer",
	      "say");
	ng_doc_destroy(d);
}

/* A quotation ending with a comma, "?" or "!" and followed by "NP verb-ed"
** or "verb-ed NP" and the end of the clause is attributed, whatever the
** verb; without that shape an -ed word attributes nothing. */
static void test_any_verb(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"\u201cThe winters here are long and the summers are short,\u201d The harbor "
		"flooded.\n\n"
		"\u201cYou had your chance to fix the roads,\u201d Mayor Ruiz snapped. \u201cNow "
		"let me finish.\u201d\n\n"
		"\u201cWho is going to pay for the new stadium?\u201d Councilor Wu pressed.\n\n"
		"\u201cThis town deserves a real library,\u201d exhorted the evening\u2019s host, "
		"poet Ana Bell.\n\n"
		"\u201cThe parade will go ahead on Sunday,\u201d the sign read.\n\n"
		"\u201cWe have waited long enough for the new school to open,\u201d parents "
		"protested outside the town hall.\n\n"
		"\u201cThe mill closed in the spring and never reopened after the storm,\u201d the "
		"owner added later.\n\n"
		"\n",
		NULL);
	check(d, "\u201cYou had your chance", NG_QUOTE_DIRECT, "Mayor Ruiz", "snapped");
	check(d, "\u201cWho is going to pay", NG_QUOTE_DIRECT, "Councilor Wu", "pressed");
	check(d, "\u201cThis town deserves", NG_QUOTE_DIRECT, "the evening\u2019s host", "exhorted");
	check(d, "\u201cThe parade will go", NG_QUOTE_DIRECT, "the sign", "read");
	/* the lexicon's cue still wins */
	check(d, "\u201cThe mill closed", NG_QUOTE_DIRECT, "the owner", "add");
	/* "flooded" follows a new sentence's capitalized subject, not a comma
	** clause of attribution: the quote keeps no speaker and no cue */
	const ng_quote *q = check(d, "\u201cThe winters here", NG_QUOTE_DIRECT, NULL, NULL);
	assert_null(q->cue);
	ng_doc_destroy(d);
}

/* A quote after an attributed one in the same paragraph continues it,
** unless a sentence with its own cue comes in between: then that cue
** governs the quote (a mixed record). */
static void test_merge_stops_at_cue(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"\u201cI never liked the plan,\u201d Hale said. The senator said he rarely campaigns "
		"for others, \u201cexcept for people I know well. I do not know him.\u201d\n\n"
		"\u201cWe will rebuild,\u201d Hale said. \u201cAnd we will do it this year.\u201d\n",
		NULL);
	const ng_quote *q = check(d, "\u201cI never liked the plan,\u201d", NG_QUOTE_DIRECT,
				  "Hale", "say");
	assert_string_equal(span(d, q->start, q->end), "\u201cI never liked the plan,\u201d");
	check(d, "he rarely campaigns", NG_QUOTE_MIXED, "The senator", "say");
	q = check(d, "\u201cWe will rebuild,\u201d", NG_QUOTE_DIRECT, "Hale", "say");
	assert_string_equal(span(d, q->start, q->end),
			    "\u201cWe will rebuild,\u201d Hale said. \u201cAnd we will do it this "
			    "year.\u201d");
	ng_doc_destroy(d);
}

/* "it" as the subject of a cue stands for a thing named as a subject just
** before (a company, a statement), never for a person; "went on to say"
** has the subject of "went"; a noun phrase does not run over an auxiliary;
** a participle after a comma inside the closing mark still reports. */
static void test_it_and_phrases(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The bakery posted a long notice on its door on Friday. It added, \u201cWe will "
		"reopen when the ovens are repaired.\u201d\n\n"
		"Mayor Lena Ortiz spoke at the dock on Monday. She went on to say, \u201cThe "
		"budget is balanced and the roads will be fixed.\u201d\n\n"
		"The museum did not want to name \u201cthe donor,\u201d telling the local paper "
		"that the gift was \u201cgenerous beyond words.\u201d\n",
		NULL);
	check(d, "\u201cWe will reopen", NG_QUOTE_DIRECT, "The bakery", "add");
	check(d, "\u201cThe budget is balanced", NG_QUOTE_DIRECT, "Mayor Lena Ortiz", "say");
	check(d, "the local paper that the gift", NG_QUOTE_MIXED, "The museum", "tell");
	ng_doc_destroy(d);
}

/* "fired back", "shot back": a phrasal cue of two words, with or without
** quotation marks. */
static void test_back_cues(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"Councilor Wu fired back that the \"people of this district voted for me twice\" "
		"and would again.\n\n"
		"\u201cYou lost the vote,\u201d Mayor Ruiz shot back. \u201cGo home.\u201d\n",
		NULL);
	const ng_quote *q = check(d, "the \"people of this district", NG_QUOTE_MIXED,
				  "Councilor Wu", "fire back");
	assert_string_equal(span(d, q->cue_start, q->cue_end), "fired back");
	q = check(d, "\u201cYou lost the vote", NG_QUOTE_DIRECT, "Mayor Ruiz", "shoot back");
	assert_string_equal(span(d, q->cue_start, q->cue_end), "shot back");
	ng_doc_destroy(d);
}

/* A quotation signed with a dash and a name, in its paragraph or as the
** next paragraph, is that person's. */
static void test_dash_signature(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"Readers wrote to us after the debate.\n\n"
		"\u201cThe bridge should have been fixed years ago.\u201d \u2015 Ana Ruiz\n\n"
		"\"I voted for the levy twice and I would do it again.\"\n\n"
		"- Tom Bell, Dayton.\n\n"
		"\u201cNobody asked the farmers what they thought of it.\u201d\n\n"
		"- a reader\n",
		NULL);
	const ng_quote *q = check(d, "\u201cThe bridge should", NG_QUOTE_DIRECT, "Ana Ruiz", NULL);
	assert_null(q->cue);
	check(d, "\"I voted for the levy", NG_QUOTE_DIRECT, "Tom Bell", NULL);
	/* a lowercase phrase after the dash is no name */
	check(d, "\u201cNobody asked the farmers", NG_QUOTE_DIRECT, NULL, NULL);
	ng_doc_destroy(d);
}

/* Quotes introduced before the opening mark: an inverted "Said X, who
** ..., "..."", an adverbial phrase between the verb and the comma, a verb
** outside the lexicon after its subject ("interjected"), "as X put it". */
static void test_leading_more(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The museum reopened last year. Said Dora Poe, who grew up near the museum, "
		"\u201cWe were all so proud of it.\u201d\n\n"
		"Sen. Ron Jones said in an op-ed piece before the hearing, \u201cThe department "
		"failed to honor repeated requests.\u201d\n\n"
		"The host finished his joke. Silverman interjected, \u201cLadies and gentlemen, "
		"the band, everybody.\u201d\n\n"
		"As the paper\u2019s Dana Mills puts it, \"The council is unmoved, and the "
		"voters are uninspired.\"\n\n"
		"The storm passed at noon and the river crested, \u201ca sight nobody here had "
		"seen before the war.\u201d\n",
		NULL);
	check(d, "\u201cWe were all so proud", NG_QUOTE_DIRECT, "Dora Poe", "say");
	check(d, "\u201cThe department failed", NG_QUOTE_DIRECT, "Ron Jones", "say");
	check(d, "\u201cLadies and gentlemen", NG_QUOTE_DIRECT, "Silverman", "interjected");
	check(d, "\"The council is unmoved", NG_QUOTE_DIRECT, "Dana Mills", "put it");
	/* "crested" follows a coordinated clause, not the subject at the
	** clause start: no attribution */
	const ng_quote *q = find(d, "\u201ca sight nobody");
	assert_true(q == NULL || q->cue == NULL);
	ng_doc_destroy(d);
}

/* Subjects past introductory phrases without an introductory word (a
** time phrase, an -ing participle); "States" in "the United States" is no
** cue verb; a subject of two coordinated noun phrases; a noun-phrase
** subject before a participial modifier with a name in it. */
static void test_subjects_intro(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"Sunday morning, Mayor Ruiz criticized the plan and accused the council of a "
		"\"betrayal.\"\n\n"
		"Addressing members of the Ohio State Farm Bureau on Friday, Senator Hale described "
		"the harvest as \u201cthe best in a decade.\u201d\n\n"
		"Ruiz has long criticized the United States\u2019 trade policy.\n\n"
		"\"The port is a lifeline for the region,\" the former mayor and longtime harbor "
		"master told the council.\n\n"
		"Another engineer speaking to Reuters said, \u201cThe beams were never "
		"inspected after the flood.\u201d\n",
		NULL);
	check(d, "the council of a", NG_QUOTE_MIXED, "Mayor Ruiz", "accuse");
	check(d, "the harvest as", NG_QUOTE_MIXED, "Senator Hale", "describe");
	for (size_t i = 0; i < n_records(d); i++)
		assert_string_not_equal(record(d, i)->cue ? record(d, i)->cue : "", "state");
	check(d, "\"The port is a lifeline", NG_QUOTE_DIRECT,
	      "the former mayor and longtime harbor master", "tell");
	check(d, "\u201cThe beams were never", NG_QUOTE_DIRECT, "Another engineer", "say");
	ng_doc_destroy(d);
}

/* A base-form cue after a singular noun is a noun ("the reality show
** "Star Search"") and attributes no quote; after a plural it is a verb
** ("Polls show ..."). A participle after a document noun has the sentence's
** subject ("issued a statement saying ..."); a participle after a comma
** inside a closing mark ends the content before it. */
static void test_base_forms_and_participles(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"Sam Cole, a contestant on the reality TV show, \"Star Search,\" later ran for "
		"office.\n\n"
		"\"The race is tied,\" recent polls show.\n\n"
		"On Friday, the mayor issued a statement saying that the bridge was \"safe for "
		"every driver.\"\n\n"
		"Ruiz insisted that she has \u201cwon the district twice,\u201d claiming that "
		"turnout was at a record high.\n\n"
		"\u201cWe do not understand the delay in the audit,\u201d the two write.\n",
		NULL);
	const ng_quote *q = find(d, "\"Star Search");
	assert_true(q == NULL || q->cue == NULL || strcmp(q->cue, "show") != 0);
	check(d, "\"The race is tied", NG_QUOTE_DIRECT, "recent polls", "show");
	check(d, "the bridge was \"safe", NG_QUOTE_MIXED, "the mayor", "say");
	q = check(d, "she has \u201cwon", NG_QUOTE_MIXED, "Ruiz", "insist");
	assert_string_equal(span(d, q->start, q->end),
			    "she has \u201cwon the district twice,\u201d");
	check(d, "turnout was at a record high", NG_QUOTE_INDIRECT, "Ruiz", "claim");
	/* a base form after a plural quantifier standing for its noun */
	check(d, "\u201cWe do not understand", NG_QUOTE_DIRECT, "the two", "write");
	ng_doc_destroy(d);
}

/* Sources of direct quotes: "according to X" before or after the quote;
** "X told Y in a written statement, "..."" (a participle after a
** determiner is no cue); "X issued a statement, "..."" and a colon ending
** the paragraph before the quote; an abbreviation inside an appositive
** ("Hale, R-Ky., said"); a title with lowercase words before a name. */
static void test_sources(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The council met on Monday.\n\n"
		"\"Let me make it clear,\" Senate Majority Whip Dana Hale, R-Ky., said.\n\n"
		"According to the mayor\u2019s office, \u201cThe bridge will reopen in May.\u201d\n\n"
		"\u201cThe audit found no missing funds at all,\u201d according to the Ledger.\n\n"
		"Ruiz told the Ledger in a written statement, \u201cI will not run again, because "
		"the job is done.\u201d\n\n"
		"Immediately after the vote, Mayor Ruiz issued a statement, \u201cThe people have "
		"spoken and we will listen.\u201d\n\n"
		"Republican state senator Omar Diaz released the following statement:\n\n"
		"\u201cOur thoughts are with the families who lost their homes.\u201d\n",
		NULL);
	check(d, "\"Let me make it clear", NG_QUOTE_DIRECT, "Senate Majority Whip Dana Hale", "say");
	check(d, "\u201cThe bridge will reopen", NG_QUOTE_DIRECT, "the mayor\u2019s office",
	      "according to");
	check(d, "\u201cThe audit found", NG_QUOTE_DIRECT, "the Ledger", "according to");
	check(d, "\u201cI will not run again", NG_QUOTE_DIRECT, "Ruiz", "tell");
	check(d, "\u201cThe people have spoken", NG_QUOTE_DIRECT, "Mayor Ruiz", "statement");
	check(d, "\u201cOur thoughts are", NG_QUOTE_DIRECT, "Republican state senator Omar Diaz",
	      "statement");
	ng_doc_destroy(d);
}

/* ", adding later, "..."": the participle keeps the quote after it as a
** record of its own; "a report released last year found": the subject is
** the noun before the participle. */
static void test_adding_later(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The council met on Monday.\n\n"
		"\u201cWe cannot afford this,\u201d Ruiz said, adding later, \u201cThe harbor "
		"costs us a fortune every single year.\u201d\n\n"
		"A state study released last year found that the harbor lost money.\n",
		NULL);
	const ng_quote *q = check(d, "\u201cWe cannot afford this", NG_QUOTE_DIRECT, "Ruiz", "say");
	assert_string_equal(span(d, q->start, q->end), "\u201cWe cannot afford this,\u201d");
	check(d, "\u201cThe harbor costs", NG_QUOTE_DIRECT, "Ruiz", "add");
	check(d, "the harbor lost money", NG_QUOTE_INDIRECT, "A state study", "find");
	ng_doc_destroy(d);
}

/* "A reporter for the agency called": the phrase after "for" belongs to
** the subject; "he" with no named subject near takes a singular noun-phrase
** subject of the sentences before, never a plural one. */
static void test_noun_antecedents(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The crowd ran for cover. A reporter for the agency called it \"absolute chaos.\""
		"\n\n\"We saw people fall and debris flying everywhere,\" he said.\n\n"
		"Some of the neighbors watched from their porches.\n\n"
		"\"Nobody came to help us for an hour or more,\" he said.\n",
		NULL);
	check(d, "it \"absolute chaos", NG_QUOTE_MIXED, "A reporter for the agency", "call");
	check(d, "\"We saw people fall", NG_QUOTE_DIRECT, "A reporter", "say");
	check(d, "\"Nobody came to help", NG_QUOTE_DIRECT, NULL, "say");
	ng_doc_destroy(d);
}

/* A participle inside an introductory prepositional phrase is no cue ("In
** a message posted Friday, X said"); a trailing attribution after a nested
** quote closing with the outer one; a possessive name phrase stops at an
** auxiliary ("Ruiz's aide was asked"). */
static void test_intro_participle(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The feud cooled. In a message posted Friday, Ruiz said she had \"real "
		"disagreements\" with the council.\n\n"
		"\u201cThey praised what they called \u2018the comeback of the decade,\u2019\u201d "
		"the article read.\n\n"
		"When Ruiz\u2019s aide was asked about the vote, he laughed and said, \u201cWe will "
		"see about that.\u201d\n",
		NULL);
	check(d, "she had \"real", NG_QUOTE_MIXED, "Ruiz", "say");
	/* an -s form ending an introductory phrase is a plural noun */
	ng_doc *d2 = ng_test_annotate(eng,
				      "The debate ended. Despite the council attacks, Hale said that "
				      "she would stay in the \"race to the end.\"\n",
				      NULL);
	check(d2, "she would stay", NG_QUOTE_MIXED, "Hale", "say");
	assert_int_equal(n_records(d2), 1);
	ng_doc_destroy(d2);
	check(d, "\u201cThey praised", NG_QUOTE_DIRECT, "the article", "read");
	const ng_quote *q = find(d, "\u201cWe will see");
	assert_non_null(q);
	assert_string_not_equal(span(d, q->speaker_start, q->speaker_end), "Ruiz\u2019s aide was");
	ng_doc_destroy(d);
}

/* An introductory participle (", speaking to the paper on Monday, X said")
** has no content of its own; a lowercase -ly adverb sits between a subject
** and its verb ("then loudly asked"). */
static void test_intro_speaking(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The summit ended. Meanwhile, speaking to the Ledger on Monday, Ruiz said the "
		"harbor plan is \u201cdead\u201d and will not return.\n\n"
		"Council member Dana Hale, who was off-camera, then loudly asked, \u201cAre you "
		"sure?\u201d\n",
		NULL);
	check(d, "the harbor plan is", NG_QUOTE_MIXED, "Ruiz", "say");
	check(d, "\u201cAre you sure?\u201d", NG_QUOTE_DIRECT, "Dana Hale", "ask");
	ng_doc_destroy(d);
}

/* A quotation closed by a period ends its sentence: the next sentence's
** subject and verb introduce the quotation after them, not the one
** before ("X said, "...." He added, "...""). A question mark still lets a
** trailing attribution follow. */
static void test_period_closes(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"Ruiz said, \u201cThe harbor has never been this busy in forty years.\u201d He "
		"added, \u201cThe new cranes arrive in May and the berths will double.\u201d The "
		"board approved the plan.\n\n"
		"\u201cWho is going to pay for it?\u201d Hale asked.\n",
		NULL);
	check(d, "\u201cThe harbor has never", NG_QUOTE_DIRECT, "Ruiz", "say");
	const ng_quote *q = check(d, "\u201cThe new cranes", NG_QUOTE_DIRECT, "Ruiz", "add");
	assert_string_equal(span(d, q->subject_start, q->subject_end), "He");
	check(d, "\u201cWho is going to pay", NG_QUOTE_DIRECT, "Hale", "ask");
	ng_doc_destroy(d);
}

/* A headline, a dash and a name before a colon: the name speaks, not a
** cue word of the headline with the dash inside its adverbial phrase. */
static void test_headline_dash(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The polls were wrong again.\n\n"
		"Voters share blame in harbor poll miss - Dana Hale: \u201cPollsters are taking a "
		"lot of heat from the public.\u201d\n",
		NULL);
	check(d, "\u201cPollsters are taking", NG_QUOTE_DIRECT, "Dana Hale", "say");
	ng_doc_destroy(d);
}

/* Participles with subjects of their own (absolute constructions) end the
** content before them and report for that subject: ", Ruiz saying ...",
** "and Hale calling it ...", ", with Diaz noting ...". */
static void test_absolute_participles(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The talks ended early. Both sides issued a statement expressing hope, Ruiz saying "
		"she was \u201cvery encouraged\u201d and Hale calling it a \u201cgood day.\u201d\n\n"
		"The panel discussed the flood, with Diaz noting the cost of rebuilding \u201cevery "
		"single bridge\u201d in the county.\n",
		NULL);
	check(d, "she was \u201cvery encouraged\u201d", NG_QUOTE_MIXED, "Ruiz", "say");
	check(d, "it a \u201cgood day", NG_QUOTE_MIXED, "Hale", "call");
	check(d, "the cost of rebuilding", NG_QUOTE_MIXED, "Diaz", "note");
	ng_doc_destroy(d);
}

/* "..., X said in June 2012, citing ...": a short adverbial and a
** participle after the verb leave the content before the attribution. */
static void test_said_adverbial_participle(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"Hale met the mayor in January. The harbor \"has changed for the better,\" Hale said "
		"in June 2012, citing the new cranes.\n",
		NULL);
	check(d, "The harbor \"has changed", NG_QUOTE_MIXED, "Hale", "say");
	check(d, "the new cranes", NG_QUOTE_INDIRECT, "Hale", "cite");
	assert_null(find(d, "in June 2012"));
	ng_doc_destroy(d);
	/* after a question, "He answered, "..."" introduces the next quotation */
	d = ng_test_annotate(eng,
			     "The interview aired Friday. Hale was asked, \u201cWould you run again if "
			     "the council asked you?\u201d He answered, \u201cI have no idea. We are "
			     "old friends.\u201d\n",
			     NULL);
	const ng_quote *q = check(d, "\u201cI have no idea", NG_QUOTE_DIRECT, "Hale", "answered");
	(void)q;
	q = find(d, "\u201cWould you run");
	assert_true(q == NULL || q->cue == NULL || strcmp(q->cue, "answered") != 0);
	ng_doc_destroy(d);
}

/* A participle with an adverbial phrase before the comma introduces the
** quotation ("while adding on the budget, "..."") for the clause's subject. */
static void test_participle_adverbial(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The mayor spoke in May. In an interview, Ruiz called the plan \u201cpremature\u201d "
		"while adding on the harbor budget, \u201cI have no doubt the council will find the "
		"money for it.\u201d\n",
		NULL);
	check(d, "\u201cI have no doubt", NG_QUOTE_DIRECT, "Ruiz", "add");
	ng_doc_destroy(d);
}

/* "I said" outside quotation marks: the writer speaks, and the pronoun is
** the speaker span; a trailing attribution followed by ", according to Y"
** in its sentence is Y's (PolNeAR marks the outer source); "according
** to" in the next sentence changes nothing. */
static void test_narrator_outer_source(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The judge turned to me. \u201cYour Honor,\u201d I said, \u201cI would like to "
		"answer the question you raised.\u201d\n\n"
		"\u201cWhen does it stop?\u201d the judge said on Friday, according to the Ledger. "
		"\u201cThis case is about the right to know.\u201d\n\n"
		"\u201cWe will see what the council does,\u201d Hale said. According to the Ledger, "
		"the vote is on Friday.\n",
		NULL);
	const ng_quote *q = check(d, "\u201cYour Honor", NG_QUOTE_DIRECT, "I", "say");
	assert_int_equal(q->speaker, -1);
	check(d, "\u201cWhen does it stop", NG_QUOTE_DIRECT, "the Ledger", "according to");
	check(d, "\u201cWe will see", NG_QUOTE_DIRECT, "Hale", "say");
	ng_doc_destroy(d);
}

/* A content stops before a main clause with its own attribution ("Asked
** if he believed ..., Carson said ..."); ", adding, "..."" right after "X
** said" is X's; a possessor opening a clause belongs to its subject
** ("after CNBC's Dana Hale said"); "NP verb-ed and ..." after a quotation
** attributes; adjectives inside a phrase after an inverted cue ("said one
** New Hampshire Democrat"). */
static void test_main_clause_subjects(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The hearing went on. Asked by Starnes if he believed the harbor was safe, Carson "
		"said that he did not.\n\n"
		"Ruiz and Hale will meet next week, Spicer said, adding, \u201cThey need to sit down "
		"and talk.\u201d\n\n"
		"\u201cI never said that,\u201d Ruiz said, after CNBC\u2019s Dana Hale said the mayor "
		"had called the plan a \u201cdisaster.\u201d\n\n"
		"\u201cGo back to your seat,\u201d Ruiz barked and a guard escorted Hale out.\n\n"
		"\u201cIt will be as close as it was in the spring,\u201d said one New Hampshire "
		"Democrat.\n",
		NULL);
	check(d, "he did not", NG_QUOTE_INDIRECT, "Carson", "say");
	const ng_quote *q = find(d, "the harbor was safe");
	assert_non_null(q);
	assert_string_equal(span(d, q->start, q->end), "the harbor was safe");
	check(d, "\u201cThey need to sit", NG_QUOTE_DIRECT, "Spicer", "add");
	check(d, "the mayor had called", NG_QUOTE_MIXED, "CNBC\u2019s Dana Hale", "say");
	check(d, "\u201cGo back to your seat", NG_QUOTE_DIRECT, "Ruiz", "barked");
	check(d, "\u201cIt will be as close", NG_QUOTE_DIRECT, "one New Hampshire Democrat", "say");
	ng_doc_destroy(d);
}

/* "Ruiz said." after a quotation closed by a period attributes it; a
** quantifier alone opens a clause as its subject ("Some chanted",
** "Another tweeted"); "From the report:" and "- More from Hale:" give the
** source of the quotation after the colon; "X (D-Ill.), noting ..., said,"
** finds X behind the parenthesis. */
static void test_bare_and_from(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The harbor closed early.\n\n"
		"\u201cI hope you are able to find the missing money.\u201d Ruiz said.\n\n"
		"The fans cheered. Some chanted \u201cHarbor! Harbor! Harbor!\u201d\n\n"
		"Another tweeted, \u201cThe mayor thinks she is above the rules of the city.\u201d\n\n"
		"From the report: \u201cSamples with longer field periods produced more accurate "
		"results.\u201d\n\n"
		"What the vote means - More from Hale: \u201cThe partisanship of the city is a "
		"starting point.\u201d\n\n"
		"But Sen. Dana Hale (D-Ill.), noting the size of the crowd, said, \u201cLet me tell "
		"you, this is a big night.\u201d\n",
		NULL);
	check(d, "\u201cI hope you are able", NG_QUOTE_DIRECT, "Ruiz", "say");
	check(d, "\u201cHarbor!", NG_QUOTE_DIRECT, "Some", "chant");
	check(d, "\u201cThe mayor thinks", NG_QUOTE_DIRECT, "Another", "tweet");
	check(d, "\u201cSamples with longer", NG_QUOTE_DIRECT, "the report", "say");
	check(d, "\u201cThe partisanship", NG_QUOTE_DIRECT, "Hale", "say");
	check(d, "\u201cLet me tell you", NG_QUOTE_DIRECT, "Dana Hale", "say");
	ng_doc_destroy(d);
}

/* Between a subject and its verb: "in the past" (a time phrase) and a
** prepositional phrase with a possessive ("Ruiz in her budget speech
** called ..."); a number opening a subject ("47 percent said"). */
static void test_subject_gaps(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(
		eng,
		"The council met. Dana Hale has in the past described the harbor as "
		"\u201ca money pit for the city.\u201d\n\n"
		"The vote was close. Ruiz in her budget speech called the cranes \u201ca waste of "
		"money.\u201d\n",
		NULL);
	check(d, "the harbor as", NG_QUOTE_MIXED, "Dana Hale", "describe");
	check(d, "the cranes", NG_QUOTE_MIXED, "Ruiz", "call");
	ng_doc_destroy(d);
	/* a number opens a noun phrase subject ("47 percent said") */
	d = ng_test_annotate(eng,
			     "The poll was taken in May. Around that time, 47 percent said they "
			     "would vote for Ruiz.\n",
			     NULL);
	check(d, "they would vote", NG_QUOTE_INDIRECT, "47 percent", "say");
	ng_doc_destroy(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subject_words),
		cmocka_unit_test(test_any_verb),
		cmocka_unit_test(test_merge_stops_at_cue),
		cmocka_unit_test(test_it_and_phrases),
		cmocka_unit_test(test_back_cues),
		cmocka_unit_test(test_dash_signature),
		cmocka_unit_test(test_leading_more),
		cmocka_unit_test(test_subjects_intro),
		cmocka_unit_test(test_base_forms_and_participles),
		cmocka_unit_test(test_sources),
		cmocka_unit_test(test_adding_later),
		cmocka_unit_test(test_noun_antecedents),
		cmocka_unit_test(test_intro_participle),
		cmocka_unit_test(test_intro_speaking),
		cmocka_unit_test(test_period_closes),
		cmocka_unit_test(test_headline_dash),
		cmocka_unit_test(test_absolute_participles),
		cmocka_unit_test(test_said_adverbial_participle),
		cmocka_unit_test(test_participle_adverbial),
		cmocka_unit_test(test_narrator_outer_source),
		cmocka_unit_test(test_main_clause_subjects),
		cmocka_unit_test(test_bare_and_from),
		cmocka_unit_test(test_subject_gaps),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
