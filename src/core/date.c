/*
** date.c -- one date string to ISO 8601 (see date.h for the forms read and
** the day/month rule).
**
** The string is cut into tokens (numbers with their digit count, words,
** single punctuation marks); a small matcher takes, in order: an optional
** weekday, the date itself (numeric Y-M-D, numeric D/M/Y or M/D/Y, or with
** a month name before or after the day), then an optional time with an
** optional AM/PM and zone. Any token left over makes the whole string
** unreadable: a date field holds a date, not a sentence.
*/
#include "core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_TOK 24

typedef struct tok {
	char kind;      /* 'n' number, 'w' word, else the punctuation mark itself */
	int len;        /* bytes (digits for numbers) */
	long long v;    /* a number's value */
	const char *s;
} tok;

typedef struct cur {
	const tok *t;
	int n, i;
} cur;

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int mdays(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

bool ng_date_valid(int y, int m, int d)
{
	return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= mdays(y, m);
}

static int tokenize(const char *s, size_t n, tok *t, const char **why)
{
	int k = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			i++;
			continue;
		}
		if (k == MAX_TOK) {
			*why = "too many parts for a date";
			return -1;
		}
		t[k].s = s + i;
		if (isdigit(c)) {
			long long v = 0;
			size_t j = i;
			while (j < n && isdigit((unsigned char)s[j])) {
				if (j - i < 15)
					v = v * 10 + (s[j] - '0');
				j++;
			}
			t[k].kind = 'n';
			t[k].len = (int)(j - i);
			t[k].v = v;
			i = j;
		} else if (isalpha(c)) {
			size_t j = i;
			while (j < n && isalpha((unsigned char)s[j]))
				j++;
			t[k].kind = 'w';
			t[k].len = (int)(j - i);
			i = j;
		} else if (c < 0x80) {
			t[k].kind = (char)c;
			t[k].len = 1;
			i++;
		} else {
			*why = "not a date (non-ASCII characters)";
			return -1;
		}
		k++;
	}
	return k;
}

static bool word_is(const tok *t, const char *w)
{
	return t->kind == 'w' && (size_t)t->len == strlen(w) && !strncasecmp(t->s, w, (size_t)t->len);
}

static int month_of(const tok *t)
{
	static const char *const full[] = {"january", "february", "march",     "april",
					   "may",     "june",     "july",      "august",
					   "september", "october", "november", "december"};
	if (t->kind != 'w' || t->len < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		if (t->len == 3 && !strncasecmp(t->s, full[m], 3))
			return m + 1;
		if ((size_t)t->len == strlen(full[m]) && !strncasecmp(t->s, full[m], (size_t)t->len))
			return m + 1;
	}
	return word_is(t, "sept") ? 9 : 0;
}

static bool weekday(const tok *t)
{
	static const char *const d[] = {"monday", "tuesday", "wednesday", "thursday",
					"friday", "saturday", "sunday"};
	if (t->kind != 'w' || t->len < 3)
		return false;
	for (int i = 0; i < 7; i++)
		if ((t->len == 3 && !strncasecmp(t->s, d[i], 3)) ||
		    ((size_t)t->len == strlen(d[i]) && !strncasecmp(t->s, d[i], (size_t)t->len)) ||
		    (t->len == 4 && (!strncasecmp(t->s, "tues", 4) || !strncasecmp(t->s, "thur", 4))))
			return true;
	return false;
}

static const tok *peek(const cur *c, int ahead)
{
	return c->i + ahead < c->n ? &c->t[c->i + ahead] : NULL;
}

static bool eat(cur *c, char kind)
{
	const tok *t = peek(c, 0);
	if (t && t->kind == kind) {
		c->i++;
		return true;
	}
	return false;
}

static int year_of(const tok *t)
{
	if (t->len == 4)
		return (int)t->v;
	if (t->len == 2)
		return (int)(t->v < 69 ? 2000 + t->v : 1900 + t->v);
	return -1;
}

/* A day number, with an ordinal suffix (16th) taken too. */
static bool day_at(cur *c, int *d)
{
	const tok *t = peek(c, 0);
	if (!t || t->kind != 'n' || t->len > 2)
		return false;
	*d = (int)t->v;
	c->i++;
	const tok *s = peek(c, 0);
	if (s && (word_is(s, "st") || word_is(s, "nd") || word_is(s, "rd") || word_is(s, "th")) &&
	    s->s == t->s + t->len)
		c->i++;
	return true;
}

/* The time and zone after a date: [T|,|at] HH:MM[:SS[.frac]] [am|pm] [zone].
** *zone gets "Z", "+hh:mm" or "". Returns false when something is there
** that is not a time. */
static bool time_at(cur *c, int *hh, int *mi, int *ss, char *zone, const char **why)
{
	*hh = -1;
	*mi = *ss = 0;
	zone[0] = '\0';
	if (c->i >= c->n)
		return true;
	const tok *t = peek(c, 0);
	if (t->kind == 'w' && (word_is(t, "T") || word_is(t, "at")))
		c->i++;
	else if (t->kind == 'w' && t->len > 1 && (t->s[0] == 'T' || t->s[0] == 't'))
		return *why = "not a date", false;
	eat(c, ',');
	t = peek(c, 0);
	const tok *col = peek(c, 1), *m = peek(c, 2);
	if (!t || t->kind != 'n' || !col || col->kind != ':' || !m || m->kind != 'n' || m->len != 2 ||
	    t->len > 2) {
		*why = "not a date: unexpected words after it";
		return false;
	}
	*hh = (int)t->v;
	*mi = (int)m->v;
	c->i += 3;
	if (eat(c, ':')) {
		t = peek(c, 0);
		if (!t || t->kind != 'n' || t->len != 2)
			return *why = "a time with broken seconds", false;
		*ss = (int)t->v;
		c->i++;
		if (eat(c, '.') || eat(c, ',')) {
			if (!eat(c, 'n'))
				return *why = "a time with broken fractions of a second", false;
		}
	}
	t = peek(c, 0);
	if (t && (word_is(t, "am") || word_is(t, "pm") || word_is(t, "a") || word_is(t, "p"))) {
		bool pm = t->s[0] == 'p' || t->s[0] == 'P';
		c->i++;
		if (t->len == 1 && eat(c, '.') && !(word_is(peek(c, 0) ? peek(c, 0) : t, "m") && eat(c, 'w')))
			return *why = "a time with a broken a.m./p.m.", false;
		eat(c, '.');
		if (*hh < 1 || *hh > 12)
			return *why = "an hour out of range for a.m./p.m.", false;
		*hh = *hh % 12 + (pm ? 12 : 0);
	}
	t = peek(c, 0);
	if (!t)
		return true;
	static const struct {
		const char *name;
		const char *off;
	} zones[] = {{"Z", "Z"},	 {"UT", "Z"},	  {"UTC", "Z"},	   {"GMT", "Z"},
		     {"EST", "-05:00"}, {"EDT", "-04:00"}, {"CST", "-06:00"}, {"CDT", "-05:00"},
		     {"MST", "-07:00"}, {"MDT", "-06:00"}, {"PST", "-08:00"}, {"PDT", "-07:00"},
		     {"CET", "+01:00"}, {"CEST", "+02:00"}, {"BST", "+01:00"}};
	if (t->kind == 'w') {
		for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++)
			if (word_is(t, zones[z].name)) {
				snprintf(zone, 8, "%s", zones[z].off);
				c->i++;
				/* "GMT+02:00" */
				if (zones[z].off[0] == 'Z' && peek(c, 0) &&
				    (peek(c, 0)->kind == '+' || peek(c, 0)->kind == '-'))
					break;
				return true;
			}
		if (!zone[0])
			return *why = "not a date: an unknown time zone", false;
	}
	t = peek(c, 0);
	if (t && (t->kind == '+' || t->kind == '-')) {
		char sign = t->kind;
		c->i++;
		const tok *h = peek(c, 0);
		int zh, zm = 0;
		if (!h || h->kind != 'n')
			return *why = "a broken time zone offset", false;
		if (h->len == 4) {
			zh = (int)(h->v / 100);
			zm = (int)(h->v % 100);
			c->i++;
		} else if (h->len <= 2) {
			zh = (int)h->v;
			c->i++;
			if (eat(c, ':')) {
				const tok *mm = peek(c, 0);
				if (!mm || mm->kind != 'n' || mm->len != 2)
					return *why = "a broken time zone offset", false;
				zm = (int)mm->v;
				c->i++;
			}
		} else {
			return *why = "a broken time zone offset", false;
		}
		if (zh > 14 || zm > 59)
			return *why = "a time zone offset out of range", false;
		if (zh == 0 && zm == 0)
			snprintf(zone, 8, "Z");
		else
			snprintf(zone, 8, "%c%02u:%02u", sign, (unsigned)zh % 100u, (unsigned)zm % 100u);
	}
	return true;
}

/* The date part; y, m, d set. */
static bool date_part(cur *c, int order, int *y, int *m, int *d, const char **why)
{
	const tok *a = peek(c, 0);
	if (!a)
		return *why = "empty", false;
	if (weekday(a)) {
		c->i++;
		eat(c, ',');
		eat(c, '.');
		a = peek(c, 0);
		if (!a)
			return *why = "a weekday without a date", false;
	}
	int mon = month_of(a);
	if (mon) { /* June 16, 2021 */
		c->i++;
		eat(c, '.');
		if (!day_at(c, d))
			return *why = "a month name without a day", false;
		eat(c, ',');
		const tok *yt = peek(c, 0);
		if (!yt || yt->kind != 'n' || (*y = year_of(yt)) < 0)
			return *why = "a month and day without a year", false;
		c->i++;
		*m = mon;
		return true;
	}
	if (a->kind != 'n')
		return *why = "not a date", false;
	const tok *s1 = peek(c, 1);
	if (a->len <= 2 && s1 &&
	    (month_of(s1) || ((s1->kind == '.' || s1->kind == '-') && peek(c, 2) && month_of(peek(c, 2))))) {
		/* 16 June 2021, 16. Juni is not English: only English month names */
		day_at(c, d);
		eat(c, '.');
		eat(c, '-');
		*m = month_of(peek(c, 0));
		c->i++;
		eat(c, '.');
		eat(c, ',');
		eat(c, '-');
		const tok *yt = peek(c, 0);
		if (!yt || yt->kind != 'n' || (*y = year_of(yt)) < 0)
			return *why = "a day and month without a year", false;
		c->i++;
		return true;
	}
	const tok *b = peek(c, 2), *s2 = peek(c, 3), *e = peek(c, 4);
	char sep = s1 ? s1->kind : 0;
	if (!(sep == '-' || sep == '/' || sep == '.') || !b || b->kind != 'n' || !s2 ||
	    s2->kind != sep || !e || e->kind != 'n')
		return *why = "not a date", false;
	c->i += 5;
	if (a->len == 4) { /* 2021-06-16, 2021/06/16 */
		*y = (int)a->v;
		*m = (int)b->v;
		*d = (int)e->v;
		return true;
	}
	if (a->len > 2 || b->len > 2 || (*y = year_of(e)) < 0)
		return *why = "not a date", false;
	bool dmy = sep == '.' || a->v > 12 || (b->v <= 12 && order != NG_DATE_MDY);
	*d = (int)(dmy ? a->v : b->v);
	*m = (int)(dmy ? b->v : a->v);
	return true;
}

/* 1970-01-01 plus `days`. */
static void civil(long long days, int *y, int *m, int *d)
{
	/* H. Hinnant's days_from_civil inverse */
	days += 719468;
	long long era = (days >= 0 ? days : days - 146096) / 146097;
	long long doe = days - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long yy = yoe + era * 400;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

ng_status ng_date_iso(const char *s, size_t n, int order, char *out, const char **why)
{
	tok t[MAX_TOK];
	*why = "";
	out[0] = '\0';
	int k = s ? tokenize(s, n, t, why) : -1;
	if (k < 0)
		return NG_EPARSE;
	if (k == 0) {
		*why = "empty";
		return NG_EPARSE;
	}
	int y, m, d, hh = -1, mi = 0, ss = 0;
	char zone[8] = "";
	if (k == 1 && t[0].kind == 'n' && t[0].len != 4 && t[0].len != 8) {
		/* epoch seconds (9-10 digits: 1973-2286) or milliseconds (12-13) */
		long long v = t[0].v;
		if (t[0].len >= 12 && t[0].len <= 13)
			v /= 1000;
		else if (t[0].len < 9 || t[0].len > 10) {
			*why = "a number that is not a date (epoch seconds have 9-10 digits, milliseconds 12-13)";
			return NG_EPARSE;
		}
		civil(v / 86400, &y, &m, &d);
		long long r = v % 86400;
		snprintf(out, NG_DATE_MAX, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)y % 10000u,
			 (unsigned)m % 100u, (unsigned)d % 100u, (unsigned)(r / 3600) % 100u,
			 (unsigned)(r / 60 % 60), (unsigned)(r % 60));
		return NG_OK;
	}
	cur c = {t, k, 0};
	if (k == 1 && t[0].kind == 'n' && t[0].len == 8) { /* 20210616 */
		y = (int)(t[0].v / 10000);
		m = (int)(t[0].v / 100 % 100);
		d = (int)(t[0].v % 100);
		c.i = 1;
	} else if (!date_part(&c, order, &y, &m, &d, why)) {
		return NG_EPARSE;
	}
	/* RFC 2822 puts the time before nothing else; "2021-06-16T14:30" comes as a word "T14" */
	if (c.i < c.n && t[c.i].kind == 'w' && (t[c.i].s[0] == 'T' || t[c.i].s[0] == 't') &&
	    t[c.i].len == 1 && c.i + 1 < c.n && t[c.i + 1].kind == 'n')
		c.i++;
	if (c.i < c.n && !time_at(&c, &hh, &mi, &ss, zone, why))
		return NG_EPARSE;
	if (c.i < c.n) {
		*why = "not a date: unexpected words after it";
		return NG_EPARSE;
	}
	if (m < 1 || m > 12) {
		*why = "no such month";
		return NG_EPARSE;
	}
	if (y < 1000 || y > 9999) {
		*why = "a year out of range";
		return NG_EPARSE;
	}
	if (d < 1 || d > mdays(y, m)) {
		*why = "no such day in that month";
		return NG_EPARSE;
	}
	if (hh > 23 || mi > 59 || ss > 60) {
		*why = "no such time of day";
		return NG_EPARSE;
	}
	/* the modulos only tell the compiler the widths checked above */
	if (hh >= 0)
		snprintf(out, NG_DATE_MAX, "%04u-%02u-%02uT%02u:%02u:%02u%.7s", (unsigned)y % 10000u,
			 (unsigned)m % 100u, (unsigned)d % 100u, (unsigned)hh % 100u, (unsigned)mi % 100u,
			 (unsigned)ss % 100u, zone);
	else
		snprintf(out, NG_DATE_MAX, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
			 (unsigned)d % 100u);
	return NG_OK;
}
