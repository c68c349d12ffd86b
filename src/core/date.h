/*
** date.h -- dates as they come (RFC 3339, RFC 2822, "June 16, 2021",
** "16 June 2021", "16/06/2021", epoch seconds or milliseconds) to ISO 8601:
** "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" followed by "Z" or "+hh:mm" when
** the input gave a zone (epoch times are UTC: "Z"). Impossible dates
** ("2020-13-45", "2021-02-29") are refused, saying why.
**
** Day and month in all-numeric dates: a dot (16.06.2021) means day first; a
** first number over 12 means day first, a second one over 12 month first;
** otherwise `order` decides (NG_DATE_DMY, the default, or NG_DATE_MDY).
** Two-digit years are 1969-2068 (as POSIX strptime %y).
*/
#ifndef NG_DATE_H
#define NG_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "newsgraph/newsgraph.h"

enum { NG_DATE_DMY = 0, NG_DATE_MDY = 1 };

#define NG_DATE_MAX 32 /* bytes of the longest result, with its NUL */

/* Reads the whole of s[0..n) (surrounding spaces allowed) as one date. On
** success writes the ISO form to out (NG_DATE_MAX bytes) and returns NG_OK;
** else NG_EPARSE with *why (static text) saying what is wrong. */
NG_WARN_UNUSED ng_status ng_date_iso(const char *s, size_t n, int order, char *out,
				     const char **why);

/* True when y-m-d is a day of the Gregorian calendar (years 1000-9999). */
bool ng_date_valid(int y, int m, int d);

#endif
