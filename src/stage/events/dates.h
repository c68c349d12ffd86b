/*
** dates.h -- the day an event happened, from its sentence (dates.c).
** Internal to src/stage/events/.
*/
#ifndef NG_EVENTS_DATES_H
#define NG_EVENTS_DATES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NG_EV_DATE_LEN 32 /* "YYYY-MM-DD" and its NUL, with room for any int */

/* The date the sentence text t[0..n) gives an event, resolved against the
** article's date (YYYYMMDD; 0 = unknown: false): written to out as
** YYYY-MM-DD, YYYY-MM or YYYY. `future`: the verb is future ("will meet on
** Wednesday" is the coming Wednesday). False when the sentence has none. */
bool ng_ev_sentence_date(const char *t, size_t n, uint32_t docdate, bool future, char *out);

#endif
