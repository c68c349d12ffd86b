/*
** furniture.h -- site furniture around crawled plain text.
**
** Text scraped from a page often keeps the site's category breadcrumb above
** the headline ("IranMiddle East") and buttons or link labels below the
** article ("Back to top button", "Share", "Tags"). ng_furniture_trim()
** finds the headline, drops the short label lines before it, and drops
** trailing label lines after the last paragraph.
*/
#ifndef NG_EXTRACT_FURNITURE_H
#define NG_EXTRACT_FURNITURE_H

#include <stddef.h>

typedef struct ng_furniture {
	size_t body_start, body_end;   /* the article body: text[body_start..body_end) */
	size_t title_start, title_end; /* the headline, or both 0 */
	size_t author_start, author_end; /* a "By ..." line under it (without "By "), or both 0 */
	unsigned lines_before, lines_after; /* furniture lines dropped */
} ng_furniture;

/* Examines clean text t[0..n) (LF line ends). Never fails; when nothing
** looks like furniture the body is the whole text. `known_title` (or NULL)
** is a title the record already carries: a first line equal to it is taken
** as the headline. */
void ng_furniture_trim(const char *t, size_t n, const char *known_title, ng_furniture *out);

#endif
