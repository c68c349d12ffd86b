/*
** test_date.c -- the date normaliser (src/core/date.c): every form the
** readers meet to its ISO 8601 form, the day/month rule and --date-order,
** epoch seconds and milliseconds, and impossible or unreadable dates refused
** with a reason.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"

static void ok(const char *in, int order, const char *want)
{
	char out[NG_DATE_MAX];
	const char *why = NULL;
	ng_status st = ng_date_iso(in, strlen(in), order, out, &why);
	if (st != NG_OK || strcmp(out, want)) {
		print_error("'%s' -> '%s' (%s), want '%s'\n", in, out, why, want);
		fail();
	}
}

static void bad(const char *in, const char *why_part)
{
	char out[NG_DATE_MAX];
	const char *why = NULL;
	ng_status st = ng_date_iso(in, strlen(in), NG_DATE_DMY, out, &why);
	if (st != NG_EPARSE || !why || !strstr(why, why_part)) {
		print_error("'%s' -> %d '%s' (%s), want refusal with '%s'\n", in, st, out,
			    why ? why : "", why_part);
		fail();
	}
}

static void iso_and_rfc3339(void **state)
{
	(void)state;
	ok("2021-06-16", 0, "2021-06-16");
	ok("  2021-06-16 ", 0, "2021-06-16");
	ok("2021/06/16", 0, "2021-06-16");
	ok("20210616", 0, "2021-06-16");
	ok("2021-06-16T14:30:00Z", 0, "2021-06-16T14:30:00Z");
	ok("2021-06-16T14:30:00.123+02:00", 0, "2021-06-16T14:30:00+02:00");
	ok("2021-06-16t14:30-0500", 0, "2021-06-16T14:30:00-05:00");
	ok("2021-06-16 14:30:05", 0, "2021-06-16T14:30:05");
	ok("2021-06-16T14:30:00+00:00", 0, "2021-06-16T14:30:00Z");
}

static void rfc2822(void **state)
{
	(void)state;
	ok("Wed, 16 Jun 2021 14:30:00 +0000", 0, "2021-06-16T14:30:00Z");
	ok("Wed, 16 Jun 2021 14:30:00 GMT", 0, "2021-06-16T14:30:00Z");
	ok("16 Jun 2021 09:05 EDT", 0, "2021-06-16T09:05:00-04:00");
	ok("Thu, 29 Feb 2024 23:59:60 -0800", 0, "2024-02-29T23:59:60-08:00");
}

static void month_names(void **state)
{
	(void)state;
	ok("June 16, 2021", 0, "2021-06-16");
	ok("Wednesday, June 16, 2021", 0, "2021-06-16");
	ok("Jun. 16 2021", 0, "2021-06-16");
	ok("June 16th, 2021", 0, "2021-06-16");
	ok("16 June 2021", 0, "2021-06-16");
}

static void month_names_time(void **state)
{
	(void)state;
	ok("June 16, 2021 2:30 PM", 0, "2021-06-16T14:30:00");
	ok("June 16, 2021 at 12:05 a.m.", 0, "2021-06-16T00:05:00");
	ok("16-Jun-2021", 0, "2021-06-16");
	ok("Sept 1, 2021", 0, "2021-09-01");
}

static void numeric_day_month(void **state)
{
	(void)state;
	ok("16/06/2021", NG_DATE_DMY, "2021-06-16"); /* 16 > 12: day first whatever the order */
	ok("16/06/2021", NG_DATE_MDY, "2021-06-16");
	ok("06/16/2021", NG_DATE_DMY, "2021-06-16"); /* 16 > 12: month first */
	ok("05/06/2021", NG_DATE_DMY, "2021-06-05"); /* ambiguous: the order decides */
	ok("05/06/2021", NG_DATE_MDY, "2021-05-06");
	ok("05.06.2021", NG_DATE_MDY, "2021-06-05"); /* dots: day first */
	ok("5/6/21", NG_DATE_DMY, "2021-06-05");
	ok("5/6/99", NG_DATE_DMY, "1999-06-05");
}

static void epoch(void **state)
{
	(void)state;
	ok("1623853800", 0, "2021-06-16T14:30:00Z");
	ok("1623853800123", 0, "2021-06-16T14:30:00Z");
	ok("951782400", 0, "2000-02-29T00:00:00Z");
}

static void refused(void **state)
{
	(void)state;
	bad("2020-13-45", "no such month");
	bad("2020-12-45", "no such day");
	bad("2021-02-29", "no such day");
	bad("1900-02-29", "no such day");
	bad("31/04/2021", "no such day");
	bad("2021-06-16T25:00", "no such time");
	bad("", "empty");
	bad("yesterday", "not a date");
	bad("June 2021", "without a day");
	bad("June 16", "without a year");
	bad("2021-06-16 and more words", "not a date");
	bad("12345", "epoch");
	bad("16 Juni 2021", "not a date");
	bad("2021-06-16T14:30:00+99:00", "out of range");
	bad("\xc3\xa9t\xc3\xa9 2021", "non-ASCII");
	bad("16th of", "not a date");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(iso_and_rfc3339),  cmocka_unit_test(rfc2822),
		cmocka_unit_test(month_names),      cmocka_unit_test(month_names_time),
		cmocka_unit_test(numeric_day_month), cmocka_unit_test(epoch),
		cmocka_unit_test(refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
