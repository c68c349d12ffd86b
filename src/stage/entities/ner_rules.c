/*
** ner_rules.c -- document-level rules applied after the tagger
** (docs/internals/ner.md): titles out of names, names joined over their
** particles, and one type for a name within a document.
**
** Titles and particles come from the gazetteer (classes `title` and
** `particle`: data/gazetteers/titles*.txt, particles.txt), so a list can
** grow without code. Every rule only moves span boundaries or types; the
** tag sequence stays valid BIO.
*/
#include <string.h>

#include "stage/entities/ner.h"

/* B-X of type t (0 PER, 1 ORG, 2 LOC, 3 MISC) and its I-X */
#define B_OF(t) ((uint8_t)(1 + 2 * (t)))
#define TYPE_OF(tag) (((tag) - 1) / 2)

static int tok_is(const ng_ner_input *in, size_t i, const char *w)
{
	size_t n = strlen(w);
	return in->len[i] == n && !memcmp(in->tok[i], w, n);
}

/* A capitalized word with a lowercase letter or a period ("Sheikh", "Mr."; not
** "MAJOR" of an all-caps headline). */
static int title_case(const ng_ner_input *in, size_t i)
{
	unsigned char c = (unsigned char)in->tok[i][0];
	if (!(c >= 'A' && c <= 'Z'))
		return 0;
	for (size_t k = 1; k < in->len[i]; k++) {
		unsigned char d = (unsigned char)in->tok[i][k];
		if ((d >= 'a' && d <= 'z') || d == '.')
			return 1;
	}
	return 0;
}

static int cap_word(const ng_ner_input *in, size_t i)
{
	unsigned char c = (unsigned char)in->tok[i][0];
	return (c >= 'A' && c <= 'Z') || c >= 0xc3; /* Latin capital, or any non-ASCII letter */
}

/* Length of the gazetteer name of class `cls` that starts at token i and
** ends before `end` (0: none). */
static size_t gaz_class_at(const ng_gazetteer *g, const ng_ner_input *in, size_t i, size_t end,
			   int cls)
{
	const ng_gaz_entry *e;
	size_t ne;
	size_t n = ng_gazetteer_match(g, in->tok + i, in->len + i, end - i, &e, &ne);
	for (size_t k = 0; k < ne; k++)
		if (e[k].cls == cls)
			return n;
	/* a one-word title inside a longer name ("King" of "King Fahd") */
	if (n > 1) {
		n = ng_gazetteer_match(g, in->tok + i, in->len + i, 1, &e, &ne);
		for (size_t k = 0; k < ne; k++)
			if (e[k].cls == cls)
				return n;
	}
	return 0;
}

/* Words that end the name of a place or body, not of a person: a title
** before them does not make a person ("King Fahd International Airport"). */
static int place_head(const ng_ner_input *in, size_t i)
{
	static const char *const heads[] = {
		"Airport", "Mosque", "Cathedral", "Church", "Temple", "Hospital", "University",
		"College", "School", "Stadium", "Street", "Road", "Avenue", "Bridge", "Palace",
		"Museum", "Foundation", "Institute", "Center", "Centre", "Party", "Council",
		"Army", "Force", "Forces", "Guard", "Bank", "Company", "Corporation", "Group",
		"Ministry", "Office", "Agency", "Department", "Square", "Park", "Hall", "Award",
		"Prize", "Cup", "Trophy", "Motors", "Hotel", "Port", "Canal", "Dam", "Province"};
	for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++)
		if (tok_is(in, i, heads[k]))
			return 1;
	return 0;
}

/* Titles that are also common parts of other names ("General Motors",
** "Major League", "Private Eye"): they make the next span a person only
** when it is one already. */
static int weak_title(const ng_ner_input *in, size_t i)
{
	static const char *const weak[] = {"General", "Major", "Private", "Chief", "Justice",
					   "Father", "Lord", "Lady", "Don", "Captain", "Marshal",
					   "Commander", "Guru", "Lama", "Oba", "Tun", "Sri"};
	for (size_t k = 0; k < sizeof weak / sizeof weak[0]; k++)
		if (tok_is(in, i, weak[k]))
			return 1;
	return 0;
}

static size_t span_end(const uint8_t *tags, size_t n, size_t a)
{
	size_t b = a + 1;
	while (b < n && tags[b] == tags[a] + 1)
		b++;
	return b;
}

static void set_span(uint8_t *tags, size_t a, size_t b, int type)
{
	for (size_t i = a; i < b; i++)
		tags[i] = (uint8_t)(B_OF(type) + (i > a));
}

/* Titles: a span that opens with titles loses them, and what is left is a
** person ("Grand Ayatollah Mousa Zanjani" ORG -> PER "Mousa Zanjani"); a
** span that is only a title is no entity ("Sultan" MISC); a title just
** before a short non-person span makes it a person ("Sultan Qaboos").
** All within a sentence [s, e). */
static void titles(const ng_gazetteer *g, const ng_ner_input *in, size_t s, size_t e,
		   uint8_t *tags)
{
	for (size_t i = s; i < e; i++) {
		if (!tags[i] || !(tags[i] & 1)) {
			/* an O-tagged title before a span */
			size_t tl;
			/* (a span must open within three words: most words skip the look-up) */
			if (tags[i] == NG_NER_O && title_case(in, i) &&
			    ((i + 1 < e && tags[i + 1] & 1) || (i + 2 < e && tags[i + 2] & 1) ||
			     (i + 3 < e && tags[i + 3] & 1)) &&
			    (tl = gaz_class_at(g, in, i, e, NG_GAZ_TITLE)) && i + tl < e &&
			    (tags[i + tl] & 1) && tags[i + tl] != NG_NER_B_PER && !weak_title(in, i)) {
				size_t a = i + tl, b = span_end(tags, e, a);
				if (b - a <= 3 && !place_head(in, b - 1) && TYPE_OF(tags[a]) != NG_ENT_LOC)
					set_span(tags, a, b, NG_ENT_PER);
			}
			continue;
		}
		size_t a = i, b = span_end(tags, e, a);
		int type = TYPE_OF(tags[a]);
		size_t t = a, tl;
		while (t < b && title_case(in, t) && (tl = gaz_class_at(g, in, t, b, NG_GAZ_TITLE)))
			t += tl;
		if (t == a && b - a > 2 && title_case(in, a) && tok_is(in, a + 1, "of") &&
		    ng_ner_is_title_word(in->tok[a], in->len[a]))
			t = a + 1; /* "Leader of ...", "Head of ..." */
		/* "Leader of Palestinian Islamic Jihad" as one span: the title and "of"
		** go, the organisation or place stays */
		if (t > a && t + 1 < b && type != NG_ENT_PER && tok_is(in, t, "of")) {
			size_t r = t + 1 + (t + 2 < b && tok_is(in, t + 1, "the"));
			if (cap_word(in, r)) {
				for (size_t k = a; k < r; k++)
					tags[k] = NG_NER_O;
				set_span(tags, r, b, type);
				i = b - 1;
				continue;
			}
		}
		/* a person keeps a lone title as a name ("King" the surname); another
		** type loses its titles only when they cannot be part of its name */
		int ok = t > a && !place_head(in, b - 1) &&
			 (type == NG_ENT_PER ? t < b
					     : type != NG_ENT_LOC && !weak_title(in, a) &&
						   (t == b || cap_word(in, t)));
		if (ok) {
			for (size_t k = a; k < t; k++)
				tags[k] = NG_NER_O;
			if (t < b)
				set_span(tags, t, b, NG_ENT_PER);
		}
		i = b - 1;
	}
}

/* Particles: "Haitham bin Tariq Al Said", "Qaboos bin Said", "Arnel dela
** Vega" are one person. A person span followed by particles and a
** capitalized word takes them in, with the span that follows; bin, ibn,
** bint (unambiguous) also turn a preceding non-person span into a person. */
static int particle_at(const ng_gazetteer *g, const ng_ner_input *in, size_t i)
{
	return gaz_class_at(g, in, i, i + 1, NG_GAZ_PARTICLE) != 0;
}

/* "el-Sisi", "al-Muhandis", "bin-Salman": a particle, a hyphen and a capital. */
static int hyphen_particle(const ng_gazetteer *g, const ng_ner_input *in, size_t i)
{
	const char *t = in->tok[i];
	size_t n = in->len[i];
	const char *h = memchr(t, '-', n < 6 ? n : 6);
	if (!h || h == t || (size_t)(h - t) + 1 >= n || !(h[1] >= 'A' && h[1] <= 'Z'))
		return 0;
	const ng_gaz_entry *e;
	size_t ne;
	uint32_t pl = (uint32_t)(h - t);
	if (!ng_gazetteer_match(g, &t, &pl, 1, &e, &ne))
		return 0;
	for (size_t k = 0; k < ne; k++)
		if (e[k].cls == NG_GAZ_PARTICLE)
			return 1;
	return 0;
}

static void particles(const ng_gazetteer *g, const ng_ner_input *in, size_t s, size_t e,
		      uint8_t *tags)
{
	size_t i = s;
	while (i < e) {
		if (!(tags[i] & 1)) {
			i++;
			continue;
		}
		size_t a = i, b = span_end(tags, e, a), p = b, c;
		/* "al -Quds", "al - Quds": the article split off by a stray space */
		if (a >= s + 2 && tags[a - 1] == NG_NER_O && tags[a - 2] == NG_NER_O &&
		    tok_is(in, a - 1, "-") && particle_at(g, in, a - 2) && !cap_word(in, a - 2)) {
			set_span(tags, a - 2, b, TYPE_OF(tags[a]));
			i = a - 2;
			continue;
		}
		if (TYPE_OF(tags[a]) == NG_ENT_PER && b < e && tags[b] == NG_NER_O &&
		    hyphen_particle(g, in, b)) {
			set_span(tags, a, b + 1, NG_ENT_PER); /* "Abdel Fattah" + "el-Sisi" */
			continue;
		}
		while (p < e && tags[p] == NG_NER_O && particle_at(g, in, p))
			p++;
		if (p == b && b < e && (tags[b] & 1) && TYPE_OF(tags[a]) == NG_ENT_PER &&
		    particle_at(g, in, b) && cap_word(in, b)) {
			c = span_end(tags, e, b); /* "Hamad" + "Al Thani" tagged apart */
		} else {
			if (p == b || p >= e || !cap_word(in, p)) {
				i = b;
				continue;
			}
			int strong = 0;
			for (size_t k = b; k < p; k++)
				strong |= tok_is(in, k, "bin") || tok_is(in, k, "ibn") ||
					  tok_is(in, k, "bint") || tok_is(in, k, "binti") ||
					  tok_is(in, k, "ibni");
			if (TYPE_OF(tags[a]) != NG_ENT_PER && !strong) {
				i = b;
				continue;
			}
			c = p;
			if (tags[c] & 1)
				c = span_end(tags, e, c);
			else
				while (c < e && tags[c] == NG_NER_O && cap_word(in, c))
					c++;
		}
		if (c <= b || place_head(in, c - 1)) {
			i = b;
			continue;
		}
		set_span(tags, a, c, NG_ENT_PER);
		/* i stays at a: a further particle may follow the longer name */
	}
}

/* Known organisations: a span that is exactly a gazetteer name listed only
** as an organisation (Taliban, Al Jazeera, Xinhua) is an organisation. */
static void known_orgs(const ng_gazetteer *g, const ng_ner_input *in, size_t s, size_t e,
		       uint8_t *tags)
{
	for (size_t i = s; i < e; i++) {
		if (tags[i] == NG_NER_O) {
			/* an untagged known organisation opening a sentence ("Hezbollah said
			** ...": the tagger's weakest place for a name) */
			const ng_gaz_entry *en;
			size_t ne, n, k = 0;
			if (i > s || !title_case(in, i) ||
			    !(n = ng_gazetteer_match(g, in->tok + i, in->len + i, e - i, &en, &ne)))
				continue;
			while (k < ne && en[k].cls == NG_GAZ_ORG)
				k++;
			size_t j = i;
			while (j < i + n && tags[j] == NG_NER_O && (title_case(in, j) || j > i))
				j++;
			for (size_t q = i + 1; q < j; q++)
				if (!cap_word(in, q) && in->len[q] > 3) /* "We believe": a phrase */
					j = i;
			/* whole words of a name of four letters or more, not the start of a
			** longer capitalized name */
			if (k == ne && j == i + n && (n > 1 || in->len[i] >= 4) &&
			    (j == e || (tags[j] == NG_NER_O && !cap_word(in, j)))) {
				set_span(tags, i, i + n, NG_ENT_ORG);
				i += n - 1;
			}
			continue;
		}
		if (!(tags[i] & 1))
			continue;
		size_t b = span_end(tags, e, i);
		const ng_gaz_entry *en;
		size_t ne;
		/* "Boeing 707", "Airbus A300s": a maker's name before a model is a product */
		int model = b < e && in->len[b] && ((in->tok[b][0] >= '0' && in->tok[b][0] <= '9') ||
						    (in->len[b] > 1 && in->tok[b][1] >= '0' &&
						     in->tok[b][1] <= '9'));
		if (!model && TYPE_OF(tags[i]) != NG_ENT_ORG &&
		    ng_gazetteer_match(g, in->tok + i, in->len + i, b - i, &en, &ne) == b - i) {
			size_t k = 0;
			while (k < ne && en[k].cls == NG_GAZ_ORG)
				k++;
			if (ne && k == ne)
				set_span(tags, i, b, NG_ENT_ORG);
		}
		i = b - 1;
	}
}

/* Named buildings and provinces are places, as CoNLL tags them ("Payam
** International Airport", "Jolo Cathedral", "Qom Province"), whatever type
** the words before the head word suggest. */
static void facilities(const ng_ner_input *in, size_t s, size_t e, uint8_t *tags)
{
	static const char *const heads[] = {"Airport", "Cathedral", "Mosque", "Church",
					    "Temple", "Shrine", "Province", "District"};
	for (size_t i = s; i < e; i++) {
		if (!(tags[i] & 1))
			continue;
		size_t b = span_end(tags, e, i);
		if (b - i >= 2 && TYPE_OF(tags[i]) != NG_ENT_LOC)
			for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++)
				if (tok_is(in, b - 1, heads[k])) {
					set_span(tags, i, b, NG_ENT_LOC);
					break;
				}
		i = b - 1;
	}
}

/* "Iranian Parliament", "Tunisian Parliament", "Afghan Army": a nationality
** and a capitalized state body are one organisation (the tagger often
** stops at the adjective). */
static void national_bodies(const ng_gazetteer *g, const ng_ner_input *in, size_t s, size_t e,
			    uint8_t *tags)
{
	static const char *const bodies[] = {"Parliament", "Senate", "Congress", "Assembly",
					     "Army", "Navy", "Majlis", "Majles", "Cabinet",
					     "Judiciary", "Legislature"};
	for (size_t i = s; i + 1 < e; i++) {
		if (tags[i] != NG_NER_B_MISC || tags[i + 1] != NG_NER_O ||
		    !gaz_class_at(g, in, i, i + 1, NG_GAZ_DEMONYM))
			continue;
		for (size_t k = 0; k < sizeof bodies / sizeof bodies[0]; k++)
			if (tok_is(in, i + 1, bodies[k])) {
				set_span(tags, i, i + 2, NG_ENT_ORG);
				break;
			}
	}
}

void ng_ner_rules(const ng_gazetteer *g, const ng_ner_input *in, uint8_t *tags)
{
	if (!g)
		return;
	for (size_t k = 0; k < in->n_sent; k++) {
		size_t s = in->sent[k], e = in->sent[k + 1];
		titles(g, in, s, e, tags);
		particles(g, in, s, e, tags);
		known_orgs(g, in, s, e, tags);
		facilities(in, s, e, tags);
		national_bodies(g, in, s, e, tags);
	}
}
