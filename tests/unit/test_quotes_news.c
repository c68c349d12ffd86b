/*
** test_quotes_news.c -- the quotes stage on news from outside PolNeAR (issue
** 30): each sentence the issue quotes, in sentences of our own around it.
** What someone said goes to the quotes array; beliefs, intentions,
** perceptions, stances, evidence and headlines to the attributions; a
** determiner "Said", a noun use, a question or an order to the reader and a
** caption make no record; the speaker is the person named in an apposition,
** after a country and a title, in an interview's turn.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ng_test.h"
#include "quotes_test.h"

/* The record whose content is `text`, and which array holds it. */
static const ng_quote *in_array(const ng_doc *d, const char *text, int want_speech)
{
	const ng_quote *q = content(d, text);
	if (is_speech_record(d, q) != want_speech) {
		fprintf(stderr, "[%s] is in the %s array\n", text,
			want_speech ? "attributions" : "quotes");
		dump(d);
		fail();
	}
	return q;
}

/* No record of either array holds `word`. */
static void no_record_with(const ng_doc *d, const char *word)
{
	for (size_t i = 0; i < n_records(d); i++)
		if (strstr(span(d, record(d, i)->start, record(d, i)->end), word)) {
			dump(d);
			fail_msg("a record holds [%s]", word);
		}
}

/* "Godoy wanted to remain in the United States": an intention, no
** quotation; "Godoy said she wanted ..." is one. */
static void test_intention_is_attribution(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(eng, "Maria Godoy arrived in Texas in 2015. Godoy wanted to "
					  "remain in the United States.\n\nGodoy said she would "
					  "appeal the ruling.\n", NULL);
	const ng_quote *q = in_array(d, "to remain in the United States", 0);
	assert_string_equal(q->cue_class, "intention");
	q = in_array(d, "she would appeal the ruling", 1);
	assert_string_equal(q->cue_class, "speech");
	assert_string_equal(span(d, q->speaker_start, q->speaker_end), "Godoy");
	ng_doc_destroy(d);
}

/* "Said suspension had been set to last ...": a determiner, no verb. */
static void test_said_determiner(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(eng, "The league suspended the club in March. Said suspension "
					  "had been set to last until the end of the season.\n", NULL);
	no_record_with(d, "suspension had been set");
	ng_doc_destroy(d);
	/* "Said Dora Poe, who ..., "..."" stays a verb: test_quotes_speakers.c */
}

/* "A Walvis Bay businesswoman, Claudia Lofty-Eaton, says ...": the name
** in apposition speaks, not the town of the dateline. */
static void test_apposition_speaker(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(eng, "WALVIS BAY – A Walvis Bay businesswoman, Claudia "
					  "Lofty-Eaton, says the town needs a new harbour.\n", NULL);
	const ng_quote *q = in_array(d, "the town needs a new harbour", 1);
	assert_string_equal(span(d, q->speaker_start, q->speaker_end), "Claudia Lofty-Eaton");
	ng_doc_destroy(d);
	d = ng_test_annotate(eng, "The paper's editorial director, Rachel Giese, said the pleas "
				  "might bring some comfort.\n", NULL);
	q = in_array(d, "the pleas might bring some comfort", 1);
	assert_string_equal(span(d, q->speaker_start, q->speaker_end), "Rachel Giese");
	ng_doc_destroy(d);
	/* a name before its title: "Chris Wright, the Chief Technology Officer
	** of Red Hat said" */
	d = ng_test_annotate(eng, "In a blog post, Chris Wright, the Chief Technology Officer of "
				  "Red Hat said the company would change course.\n", NULL);
	q = in_array(d, "the company would change course", 1);
	assert_string_equal(span(d, q->speaker_start, q->speaker_end), "Chris Wright");
	ng_doc_destroy(d);
}

/* "Nigeria's President Bola Tinubu said": the person, not the country. */
static void test_country_title_name(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(eng, "Nigeria's President Bola Tinubu said the government "
					  "would raise fuel prices.\n", NULL);
	const ng_quote *q = in_array(d, "the government would raise fuel prices", 1);
	assert_string_equal(span(d, q->speaker_start, q->speaker_end), "Bola Tinubu");
	ng_doc_destroy(d);
}

/* "a speaker named in the same sentence comes out as none": the subject
** of the clause, past a time phrase and an appositive. */
static void test_speaker_same_sentence(void **st)
{
	(void)st;
	expect("On Thursday, Hatice Cengiz, fiancee of journalist Jamal Khashoggi, addressed "
	       "reporters in New York, calling for the killers of Khashoggi to be brought to "
	       "justice.\n",
	       "the killers of Khashoggi to be brought to justice", "speech", "Hatice Cengiz");
}

/* "a direct quotation's span is sometimes a place phrase": the quotation
** is the words in its marks, the place no content. */
static void test_place_phrase_no_content(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(eng, "Police arrested three men on Sunday. \"We are still "
					  "looking for two more people,\" police chief Hussein Omar "
					  "Khan told reporters at the Selangor police contingent "
					  "headquarters here on Monday.\n", NULL);
	const ng_quote *q = in_array(d, "\"We are still looking for two more people,\"", 1);
	assert_string_equal(span(d, q->speaker_start, q->speaker_end), "Hussein Omar Khan");
	no_record_with(d, "Selangor police contingent");
	ng_doc_destroy(d);
}

/* Interviews: "I" in an answer is the interviewee of the turn's tag (and
** of the paragraphs after it); the interviewer's tag "WN" speaks nothing. */
static void test_interview_turns(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(eng, "Wikinews interviewed the developer by email.\n\n((WN))  "
					  "Do you think the project will survive?\n\n((Perttu Ahola))"
					  "  It will. I said so last year.\n\nI said the forum would "
					  "stay open too.\n", NULL);
	const ng_quote *q = in_array(d, "so last year", 1);
	assert_string_equal(span(d, q->speaker_start, q->speaker_end), "Perttu Ahola");
	q = in_array(d, "the forum would stay open too", 1);
	assert_string_equal(span(d, q->speaker_start, q->speaker_end), "Perttu Ahola");
	for (size_t i = 0; i < n_records(d); i++) {
		const ng_quote *r = record(d, i);
		assert_string_not_equal(span(d, r->speaker_start, r->speaker_end), "WN");
		if (is_speech_record(d, r))
			assert_null(strstr(span(d, r->start, r->end), "project will survive"));
	}
	ng_doc_destroy(d);
}

/* Headlines, questions and orders to the reader, captions and noun uses
** make no quotation. */
static void test_not_quotations(void **st)
{
	(void)st;
	/* a title-case headline: an attribution, not a quotation */
	ng_doc *d = ng_test_annotate(eng, "Mayor Says Harbour Plan Will Go Ahead\n\nThe mayor of "
					  "Walvis Bay spoke to residents on Monday about the harbour "
					  "and the roads.\n", NULL);
	for (size_t i = 0; i < d->n_quotes; i++)
		assert_null(strstr(span(d, d->quotes[i].start, d->quotes[i].end), "Harbour Plan"));
	ng_doc_destroy(d);
	d = ng_test_annotate(eng, "Do you think the council should resign? Tell us in the "
				  "comments.\n", NULL);
	no_record_with(d, "us in the comments");
	no_record_with(d, "council should resign");
	ng_doc_destroy(d);
	d = ng_test_annotate(eng, "The council met on Monday.\n\nImage: The mayor speaks to "
				  "residents about the harbour plan.\n", NULL);
	no_record_with(d, "residents about the harbour plan");
	ng_doc_destroy(d);
	d = ng_test_annotate(eng, "Critics have a says-who attitude toward the ruling.\n", NULL);
	assert_int_equal(n_records(d), 0);
	ng_doc_destroy(d);
}

/* Records that are no quotation though their verb is one of saying go to
** the attributions: a passive with its subject ("was first confirmed"), a
** decree ("declared a day of mourning"), a topic ("discussed X with Y"),
** what the data say ("according to WHO data"). */
static void test_speech_verbs_not_quotes(void **st)
{
	(void)st;
	ng_doc *d = ng_test_annotate(eng, "The outbreak was first confirmed by the government on "
					  "October 16.\n\nMayor Piotr Jedlinski has declared tomorrow "
					  "a day of mourning.\n\nThe company discussed the plan with "
					  "the board.\n\nAccording to data from the World Health "
					  "Organisation, there were ten million cases in 2018.\n",
			     NULL);
	assert_int_equal(d->n_quotes, 0);
	assert_true(d->n_attributions >= 3);
	ng_doc_destroy(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intention_is_attribution),
		cmocka_unit_test(test_said_determiner),
		cmocka_unit_test(test_apposition_speaker),
		cmocka_unit_test(test_country_title_name),
		cmocka_unit_test(test_speaker_same_sentence),
		cmocka_unit_test(test_place_phrase_no_content),
		cmocka_unit_test(test_interview_turns),
		cmocka_unit_test(test_not_quotations),
		cmocka_unit_test(test_speech_verbs_not_quotes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
