/*
** options.c -- the coder's PETRARCH options and their PETR_config.ini reader.
**
** PETRARCH keeps its coding options in PETR_config.ini ("key = value" lines
** under [Options]). The coder honours the ones that make sense on text:
** require_dyad (events need a coded source and target), new_actor_length
** (an uncoded noun phrase of at most N words becomes an actor coded by its
** own text) and the comma_* bounds (comma-delimited clauses of that many
** words are removed before coding). Other keys (dictionary names, input
** files, interface options) belong to PETRARCH's driver and are ignored, so
** an existing PETR_config.ini can be passed as it is. Defaults are the
** coder's behaviour without the file (docs/internals/events.md).
*/
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core.h"
#include "stage/events/events.h"

#define NG_EV_OPT_LINE 1024 /* bytes of one config line (longer lines: error) */
#define NG_EV_OPT_MAXVAL 1000 /* a larger word count is surely a typo */

void ng_ev_opts_default(ng_ev_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->require_dyad = true;
	o->mood = true;
	/* clause removal is off (every max 0); PETRARCH's own defaults are
	** comma_min 2, comma_max 8, comma_bmin 0, comma_bmax 0, comma_emin 2,
	** comma_emax 8 */
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static bool parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	for (size_t k = 0; k < 4; k++) {
		if (!strcasecmp(v, yes[k])) {
			*out = true;
			return true;
		}
		if (!strcasecmp(v, no[k])) {
			*out = false;
			return true;
		}
	}
	return false;
}

static bool parse_count(const char *v, unsigned *out)
{
	if (!isdigit((unsigned char)*v))
		return false;
	errno = 0;
	char *end;
	unsigned long x = strtoul(v, &end, 10);
	if (errno || *end || x > NG_EV_OPT_MAXVAL)
		return false;
	*out = (unsigned)x;
	return true;
}

int ng_ev_opts_set(ng_ev_opts *o, const char *key, const char *value)
{
	static const struct {
		const char *key;
		size_t off;
	} counts[] = {
		{"new_actor_length", offsetof(ng_ev_opts, new_actor_length)},
		{"comma_min", offsetof(ng_ev_opts, comma_min)},
		{"comma_max", offsetof(ng_ev_opts, comma_max)},
		{"comma_bmin", offsetof(ng_ev_opts, comma_bmin)},
		{"comma_bmax", offsetof(ng_ev_opts, comma_bmax)},
		{"comma_emin", offsetof(ng_ev_opts, comma_emin)},
		{"comma_emax", offsetof(ng_ev_opts, comma_emax)},
	};
	if (!strcasecmp(key, "require_dyad"))
		return parse_bool(value, &o->require_dyad) ? 1 : -1;
	if (!strcasecmp(key, "code_mood"))
		return parse_bool(value, &o->mood) ? 1 : -1;
	for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++)
		if (!strcasecmp(key, counts[k].key))
			return parse_count(value, (unsigned *)((char *)o + counts[k].off)) ? 1 : -1;
	return 0;
}

ng_status ng_ev_opts_load(ng_ev_opts *o, const char *path, char *err, size_t errlen)
{
	ng_lines lr;
	ng_status st = ng_lines_open(&lr, path, 0, NULL, err, errlen);
	char *line;
	size_t len;
	while (st == NG_OK && (st = ng_lines_next(&lr, &line, &len)) == NG_OK) {
		if (len >= NG_EV_OPT_LINE) {
			st = ng_lines_fail(&lr, NG_EPARSE, "line too long");
			break;
		}
		char *s = trim(line);
		if (!*s || *s == '#' || *s == ';' || *s == '[')
			continue;
		char *eq = strchr(s, '=');
		if (!eq)
			eq = strchr(s, ':');
		if (!eq) {
			st = ng_lines_fail(&lr, NG_EPARSE, "expected key = value");
			break;
		}
		*eq = '\0';
		char *key = trim(s), *val = eq + 1;
		char *hash = strchr(val, '#'); /* a comment after the value */
		if (hash)
			*hash = '\0';
		val = trim(val);
		if (ng_ev_opts_set(o, key, val) < 0) {
			st = ng_lines_fail(&lr, NG_EPARSE, "bad value for %s: \"%s\"", key, val);
			break;
		}
	}
	ng_lines_close(&lr);
	return st == NG_DONE ? NG_OK : st;
}
