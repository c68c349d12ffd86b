/*
** gdelt_write.c -- a document's events as GDELT 2.0-style event rows.
**
** One tab-separated line per event with the 61 columns of the GDELT 2.0
** event table, in GDELT's order. Filled: GlobalEventID (document id, '#',
** event number), Day/MonthYear/Year/FractionDate (from the document date),
** Actor1/2 Code, Name (the actor's text, uppercased), CountryCode (the first
** three letters of a country code), KnownGroupCode (IGO/NGO/... codes),
** Type1Code (the agent after the country), IsRootEvent (1 in the first
** sentence), EventCode, EventBaseCode, EventRootCode, QuadClass,
** GoldsteinScale, NumMentions/NumSources/NumArticles (1), DATEADDED and
** SOURCEURL (the URL, else the source path or id). AvgTone and the
** geography columns are left empty (Geo_Type 0). Tabs and line breaks
** inside values become spaces. Negated and hypothetical events are left out
** unless NG_GDELT_ALL is given (ng_event_counts); the event number in the id
** is the event's index in the document either way.
*/
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"

static ng_status put(ng_outbuf *b, const char *s, size_t n, bool upper)
{
	NG_TRY(ng_buf_reserve(b, n));
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\t' || c == '\n' || c == '\r')
			c = ' ';
		b->data[b->len++] = upper ? (char)toupper((unsigned char)c) : c;
	}
	return NG_OK;
}

static ng_status col(ng_outbuf *b, const char *s)
{
	NG_TRY(ng_buf_append(b, "\t", 1));
	return s ? put(b, s, strlen(s), false) : NG_OK;
}

/* Codes that start with a group, not a country. */
static bool group_prefix(const char *c)
{
	static const char *const g[] = {"IGO", "NGO", "NGM", "IMG", "MNC", "UIS", "UAF", "---", NULL};
	for (size_t i = 0; g[i]; i++)
		if (!strncmp(c, g[i], 3))
			return true;
	return false;
}

static ng_status actor_cols(const ng_doc *d, ng_outbuf *b, const ng_actor *a)
{
	const char *c = a->code ? a->code : "";
	char country[4] = "", group[4] = "", type[4] = "";
	size_t n = strlen(c);
	if (n >= 3) {
		if (group_prefix(c)) {
			if (n >= 6 && strncmp(c, "---", 3))
				snprintf(group, sizeof group, "%.3s", c + 3);
			else if (strncmp(c, "---", 3))
				snprintf(group, sizeof group, "%.3s", c);
			if (!strncmp(c, "---", 3) && n >= 6)
				snprintf(type, sizeof type, "%.3s", c + 3);
		} else {
			snprintf(country, sizeof country, "%.3s", c);
			if (n >= 6)
				snprintf(type, sizeof type, "%.3s", c + 3);
		}
	}
	NG_TRY(col(b, c));
	NG_TRY(ng_buf_append(b, "\t", 1));
	if (a->start >= 0 && a->end > a->start && (size_t)a->end <= d->text_len)
		NG_TRY(put(b, d->text + a->start, (size_t)(a->end - a->start), true));
	NG_TRY(col(b, country));
	NG_TRY(col(b, group));
	NG_TRY(col(b, ""));   /* EthnicCode */
	NG_TRY(col(b, ""));   /* Religion1Code */
	NG_TRY(col(b, ""));   /* Religion2Code */
	NG_TRY(col(b, type)); /* Type1Code */
	NG_TRY(col(b, ""));
	return col(b, "");
}

static ng_status geo_cols(ng_outbuf *b)
{
	NG_TRY(col(b, "0"));
	for (int i = 0; i < 7; i++)
		NG_TRY(col(b, ""));
	return NG_OK;
}

/* YYYYMMDD of a date written YYYY-MM-DD (or YYYYMMDD, YYYY/MM/DD), else "". */
static void day_of(const char *date, char day[9])
{
	size_t k = 0;
	day[0] = '\0';
	if (!date)
		return;
	for (const char *p = date; *p && k < 8; p++)
		if (isdigit((unsigned char)*p))
			day[k++] = *p;
		else if (*p != '-' && *p != '/')
			break;
	day[k == 8 ? 8 : 0] = '\0';
}

/* Day, MonthYear, Year, FractionDate of a YYYYMMDD day ("" when unknown). */
static void day_cols(const char *day, char monthyear[7], char year[5], char frac[16])
{
	monthyear[0] = year[0] = frac[0] = '\0';
	if (!day[0])
		return;
	int y, m, dd;
	sscanf(day, "%4d%2d%2d", &y, &m, &dd);
	snprintf(monthyear, 7, "%.6s", day);
	snprintf(year, 5, "%.4s", day);
	snprintf(frac, 16, "%.4f", y + ((m - 1) * 30.4375 + dd) / 365.25);
}

ng_status ng_write_gdelt_flags(const ng_doc *d, ng_outbuf *b, unsigned flags)
{
	size_t old = b->len;
	char doc_day[9], added[15] = "";
	day_of(d->date, doc_day);
	if (doc_day[0])
		snprintf(added, sizeof added, "%s000000", doc_day);
	const char *url = d->source_url ? d->source_url : d->source_path ? d->source_path : d->id;
	for (size_t i = 0; i < d->n_events; i++) {
		const ng_event *e = &d->events[i];
		if (!(flags & NG_GDELT_ALL) && !ng_event_counts(e))
			continue;
		/* the day the event happened: its sentence's when it names one */
		char day[9], monthyear[7], year[5], frac[16];
		day_of(e->date && strlen(e->date) == 10 ? e->date : d->date, day);
		day_cols(day, monthyear, year, frac);
		ng_status st;
		char num[32], base[4] = "", root[3] = "", quad[4], gold[16];
		snprintf(num, sizeof num, "#%zu", i + 1);
		if (e->cameo) {
			snprintf(base, sizeof base, "%.3s", e->cameo);
			snprintf(root, sizeof root, "%.2s", e->cameo);
		}
		snprintf(quad, sizeof quad, "%d", e->quad_class);
		snprintf(gold, sizeof gold, "%.1f", e->goldstein);
		if ((st = put(b, d->id ? d->id : "", d->id ? strlen(d->id) : 0, false)) != NG_OK ||
		    (st = ng_buf_append(b, num, strlen(num))) != NG_OK || (st = col(b, day)) != NG_OK ||
		    (st = col(b, monthyear)) != NG_OK || (st = col(b, year)) != NG_OK ||
		    (st = col(b, frac)) != NG_OK || (st = actor_cols(d, b, &e->source)) != NG_OK ||
		    (st = actor_cols(d, b, &e->target)) != NG_OK ||
		    (st = col(b, e->sentence == 0 ? "1" : "0")) != NG_OK || (st = col(b, e->cameo)) != NG_OK ||
		    (st = col(b, base)) != NG_OK || (st = col(b, root)) != NG_OK ||
		    (st = col(b, quad)) != NG_OK || (st = col(b, gold)) != NG_OK ||
		    (st = col(b, "1")) != NG_OK || (st = col(b, "1")) != NG_OK ||
		    (st = col(b, "1")) != NG_OK || (st = col(b, "")) != NG_OK ||
		    (st = geo_cols(b)) != NG_OK || (st = geo_cols(b)) != NG_OK ||
		    (st = geo_cols(b)) != NG_OK || (st = col(b, added)) != NG_OK ||
		    (st = col(b, url)) != NG_OK || (st = ng_buf_append(b, "\n", 1)) != NG_OK) {
			b->len = old;
			return st;
		}
	}
	return NG_OK;
}

ng_status ng_write_gdelt(const ng_doc *d, ng_outbuf *b)
{
	return ng_write_gdelt_flags(d, b, 0);
}
