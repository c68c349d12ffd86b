/*
** dates.c -- the day an event happened, when its sentence says it.
**
** News dates events relative to the article: "on Wednesday", "yesterday",
** "last month", "on July 31", "in March". The event's date is the article's
** unless its sentence holds one of these; then it is resolved against the
** article's date (YYYYMMDD) and marked as coming from the sentence. The
** rules (what a reader of a news report takes them to mean):
**
**  - today / yesterday / tomorrow: the article's day, the day before, after;
**  - a weekday ("on Wednesday", "Wednesday's attack"): the latest such day
**    before the article's day (a report tells what happened), the next one
**    when the verb is future ("will meet on Wednesday"); the article's own
**    weekday is that day;
**  - "last week" / "last month" / "last year": the week (its Monday), month
**    or year before, written to the precision known: 2019-08, 2018;
**  - "this week", "this month", "this year": the article's;
**  - a month and day ("July 31", "31 July"): that day in the article's year,
**    or the year before when that would be more than a month after the
**    article; a month alone ("in March") the same, to the month;
**  - a year alone ("in 2011"): that year.
**
** Not read: times of day, ranges, "two days ago", "next Monday" (future by
** tense only), dates of other events ("since the 2003 war" is a year, and
** taken; a sentence with two dates takes the first).
*/
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "stage/events/dates.h"

static const char *const wdays[7] = {"monday", "tuesday", "wednesday", "thursday",
				     "friday", "saturday", "sunday"};
static const char *const months[12] = {"january", "february", "march", "april", "may", "june",
				       "july", "august", "september", "october", "november",
				       "december"};

/* Days from 1970-01-01 (proleptic Gregorian; Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The word at text[i..] equals w (lowercase), case-insensitively, and is whole. */
static bool word_at(const char *t, size_t n, size_t i, const char *w)
{
	size_t k = strlen(w);
	if (i + k > n || (i > 0 && isalnum((unsigned char)t[i - 1])))
		return false;
	for (size_t j = 0; j < k; j++)
		if (tolower((unsigned char)t[i + j]) != w[j])
			return false;
	return i + k == n || !isalnum((unsigned char)t[i + k]);
}

static int number_at(const char *t, size_t n, size_t i, size_t *len)
{
	int v = 0;
	size_t j = i;
	while (j < n && j - i < 4 && isdigit((unsigned char)t[j]))
		v = v * 10 + (t[j++] - '0');
	if (j == i || (j < n && isdigit((unsigned char)t[j])) || (i > 0 && isalnum((unsigned char)t[i - 1])))
		return -1;
	/* 31st, 2nd */
	if (j + 1 < n && isalpha((unsigned char)t[j]) && isalpha((unsigned char)t[j + 1]) &&
	    (j + 2 == n || !isalpha((unsigned char)t[j + 2])))
		j += 2;
	*len = j - i;
	return v;
}

static void put(char *out, int y, int m, int d)
{
	if (d)
		snprintf(out, NG_EV_DATE_LEN, "%04d-%02d-%02d", y, m, d);
	else if (m)
		snprintf(out, NG_EV_DATE_LEN, "%04d-%02d", y, m);
	else
		snprintf(out, NG_EV_DATE_LEN, "%04d", y);
}

bool ng_ev_sentence_date(const char *t, size_t n, uint32_t docdate, bool future, char *out)
{
	if (!docdate)
		return false;
	int dy = (int)(docdate / 10000), dm = (int)(docdate / 100 % 100), dd = (int)(docdate % 100);
	if (dm < 1 || dm > 12 || dd < 1 || dd > 31)
		return false;
	long today = days_from_civil(dy, dm, dd);
	int wd = (int)((today % 7 + 7 + 3) % 7); /* 1970-01-01 was a Thursday (3) */
	for (size_t i = 0; i < n; i++) {
		if (!isalnum((unsigned char)t[i]) || (i > 0 && isalnum((unsigned char)t[i - 1])))
			continue;
		int y, m, d;
		if (word_at(t, n, i, "today") || word_at(t, n, i, "yesterday") ||
		    word_at(t, n, i, "tomorrow")) {
			long z = today + (t[i + 1] == 'e' || t[i + 1] == 'E' ? -1
					  : (t[i] == 't' || t[i] == 'T') && (t[i + 2] == 'm' || t[i + 2] == 'M') ? 1
					  : 0);
			civil_from_days(z, &y, &m, &d);
			put(out, y, m, d);
			return true;
		}
		for (int k = 0; k < 7; k++)
			if (isupper((unsigned char)t[i]) && word_at(t, n, i, wdays[k])) {
				int back = (wd - k + 7) % 7;
				long z = future ? today + (back ? 7 - back : 0) : today - back;
				civil_from_days(z, &y, &m, &d);
				put(out, y, m, d);
				return true;
			}
		if (word_at(t, n, i, "last") || word_at(t, n, i, "this")) {
			bool last = t[i] == 'l' || t[i] == 'L';
			size_t j = i + 4;
			while (j < n && t[j] == ' ')
				j++;
			if (word_at(t, n, j, "week")) {
				long z = today - wd - (last ? 7 : 0);
				civil_from_days(z, &y, &m, &d);
				put(out, y, m, d);
				return true;
			}
			if (word_at(t, n, j, "month")) {
				y = dy;
				m = dm - last;
				if (!m) {
					m = 12;
					y--;
				}
				put(out, y, m, 0);
				return true;
			}
			if (word_at(t, n, j, "year")) {
				put(out, dy - last, 0, 0);
				return true;
			}
		}
		for (int k = 0; k < 12; k++)
			if (isupper((unsigned char)t[i]) && word_at(t, n, i, months[k]) &&
			    (k != 4 || (i + 4 < n && t[i + 4] == ' ' && isdigit((unsigned char)t[i + 5])))) {
				/* "July 31", "July 31, 2019", "in March" */
				size_t j = i + strlen(months[k]), len = 0;
				while (j < n && t[j] == ' ')
					j++;
				int day = number_at(t, n, j, &len);
				if (day > 31 || day == 0)
					day = -1;
				int year = -1;
				if (day > 0) {
					size_t q = j + len;
					while (q < n && (t[q] == ',' || t[q] == ' '))
						q++;
					size_t l2;
					year = number_at(t, n, q, &l2);
				} else {
					size_t l2;
					year = number_at(t, n, j, &l2);
				}
				if (year < 1000 || year > 2999) {
					year = dy;
					if (days_from_civil(year, k + 1, day > 0 ? day : 1) > today + 31)
						year--;
				}
				put(out, year, k + 1, day > 0 ? day : 0);
				return true;
			}
		/* "31 July": a day before a month */
		size_t len;
		int day = number_at(t, n, i, &len);
		if (day >= 1 && day <= 31 && i + len + 1 < n && t[i + len] == ' ')
			for (int k = 0; k < 12; k++)
				if (isupper((unsigned char)t[i + len + 1]) &&
				    word_at(t, n, i + len + 1, months[k])) {
					int year = dy;
					if (days_from_civil(year, k + 1, day) > today + 31)
						year--;
					put(out, year, k + 1, day);
					return true;
				}
		/* "in 2011": a year after "in" */
		if (day >= 1900 && day <= 2099 && len == 4 && i >= 3 && word_at(t, n, i - 3, "in")) {
			put(out, day, 0, 0);
			return true;
		}
	}
	return false;
}
