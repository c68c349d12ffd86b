#!/usr/bin/python3
"""Generates data/events/world.actors.txt and data/events/cities.actors.txt (TABARI/PETRARCH actor
format) from ../shared/data/facts: heads of state and government with their titles and parties from
The World Factbook, cities from GeoNames.

usage: make_world_actors.py leaders FACTBOOK_DIR > data/events/world.actors.txt
       make_world_actors.py cities cities15000.txt > data/events/cities.actors.txt

Leaders: each country's "chief of state" and "head of government" ("President Masoud PEZESHKIAN
(since 30 July 2024)"): the full name codes to the country's GOV from the date in "since" and to the
bare country before it (a person's country is right at any date; the office is not); the surname
(the capitalised part) alone when it has at least five letters and names one leader only. Parties:
each "Political parties" entry's name (before a parenthesis or " or ") codes to the country's PTY.
Names already in data/events/leaders.actors.txt (hand-written, with their whole careers) are left to
it. Countries: the Factbook's conventional short name matched to ISO 3166-1 (Debian iso-codes).

Cities: GeoNames cities of at least 300,000 people code to their country (CAMEO codes a place by its
country); a name that is also a country, a capital already listed, a common English word, shorter
than four letters, or a city of comparable size in another country is left out.
"""
import datetime
import glob
import html
import json
import os
import re
import sys

ISO = '/usr/share/iso-codes/json/iso_3166-1.json'
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data', 'events')

# Factbook short names that differ from ISO 3166-1's names.
FB_ALIAS = {
    'Korea, South': 'KOR', 'Korea, North': 'PRK', 'Burma': 'MMR', 'Congo, Democratic Republic of the': 'COD',
    'Congo, Republic of the': 'COG', 'Cabo Verde': 'CPV', "Cote d'Ivoire": 'CIV', 'Czechia': 'CZE',
    'Eswatini': 'SWZ', 'Gambia, The': 'GMB', 'Bahamas, The': 'BHS', 'Micronesia, Federated States of': 'FSM',
    'Russia': 'RUS', 'Syria': 'SYR', 'Iran': 'IRN', 'Laos': 'LAO', 'Vietnam': 'VNM', 'Bolivia': 'BOL',
    'Venezuela': 'VEN', 'Tanzania': 'TZA', 'Moldova': 'MDA', 'Turkey (Turkiye)': 'TUR', 'Turkey': 'TUR',
    'Taiwan': 'TWN', 'Holy See (Vatican City)': 'VAT', 'Brunei': 'BRN', 'Timor-Leste': 'TLS',
    'North Macedonia': 'MKD', 'United Kingdom': 'GBR', 'United States': 'USA', 'West Bank': 'PSE',
    'Gaza Strip': 'PSE', 'Kosovo': 'XKX', 'Palestine': 'PSE', 'Sao Tome and Principe': 'STP',
    'Saint Kitts and Nevis': 'KNA', 'Saint Lucia': 'LCA', 'Saint Vincent and the Grenadines': 'VCT',
}

# Words that are names of many things besides a leader or a city.
COMMON = set('''AMERICA ANGEL ASIA BANK BELL BLACK BROWN BUSH CAPE CENTER CENTRE CHURCH CLEVELAND
COLUMBIA COLUMBUS CORK COVENTRY CUBA DELTA DOVER DURHAM EAGLE FRANKLIN GARDEN GLORY GRACE GREEN HAMILTON
HOPE JACKSON JORDAN KING KINGSTON LAGOS LANCASTER LINCOLN LIBERTY MADISON MARION MERCEDES MOBILE
NATIONAL NEWPORT NORMAN ORANGE PARIS PATRIOT PEACE PHOENIX PORTLAND PRESIDENT PRINCE PROGRESS QUEEN
READING RICHMOND ROCHESTER SALEM SALVADOR SANTA SPRINGFIELD STANLEY SUNDERLAND SURPRISE TRINIDAD
UNION UNITY VICTORIA WARREN WASHINGTON WELLINGTON WILSON WINDSOR YORK SAID ABBAS KHAN LEE KIM PARK
WANG LI ZHANG LIU CHEN MOHAMED MOHAMMED AHMED ALI HASSAN HUSSEIN SINGH SHARIF'''.split())


def phrase(s):
    s = re.sub(r'[\s]+', '_', s.strip().upper())
    return re.sub(r'_+', '_', s)


def iso_table():
    rows = json.load(open(ISO))['3166-1']
    by_name, by_a2 = {}, {}
    for c in rows:
        for k in ('name', 'common_name', 'official_name'):
            if k in c:
                by_name[c[k].lower()] = c['alpha_3']
        by_a2[c['alpha_2']] = c['alpha_3']
    return by_name, by_a2


def existing_phrases():
    seen = set()
    for f in glob.glob(os.path.join(DATA, '*.actors.txt')):
        if f.endswith(('world.actors.txt', 'cities.actors.txt')):
            continue
        for line in open(f, encoding='utf-8'):
            line = line.split('#')[0].strip()
            if not line or line.startswith('['):
                continue
            p = line.lstrip('+').split('[')[0].strip().rstrip('_')
            if p:
                seen.add(p)
    return seen


def clean(t):
    t = html.unescape(re.sub(r'<[^>]+>', ' ', t or ''))
    return re.sub(r'\s+', ' ', t).strip()


MONTHS = {m: i + 1 for i, m in enumerate('January February March April May June July August September '
                                          'October November December'.split())}


def since_date(t):
    m = re.search(r'since (?:(\d{1,2}) )?(?:([A-Z][a-z]+) )?(\d{4})', t)
    if not m:
        return None
    d, mon, y = m.group(1), m.group(2), m.group(3)
    return '%s%02d%02d' % (y, MONTHS.get(mon or '', 1), int(d or 1))


def leader_names(t):
    """("President", "Masoud PEZESHKIAN", "PEZESHKIAN", since) for each office holder in t."""
    out = []
    for part in re.split(r';|<br>|\bnote\b', t):
        part = clean(part)
        m = re.match(r"((?:[A-Z][a-z'.-]*\s+){1,5}?)((?:[A-Z][\w'&;.-]*\s*)+?)\s*\((?:since|[0-9])", part)
        if not m:
            continue
        title, name = m.group(1).strip(), m.group(2).strip()
        words = name.split()
        caps = [w for w in words if len(w) > 1 and w.replace('-', '').replace("'", '').isupper()]
        if not caps or len(words) > 6:
            continue
        # the title's last words may be the given name in Title case: keep the title to words that
        # are titles, move the rest to the name
        tw = title.split()
        while tw and tw[-1] not in ('President', 'Minister', 'King', 'Queen', 'Emir', 'Sultan', 'Leader',
                                    'Chancellor', 'Premier', 'Prince', 'Chairman', 'General', 'Monarch',
                                    'Governor-General', 'Governor', 'Secretary', 'Emperor', 'Pope', 'Grand',
                                    'Duke', 'Co-Prince', 'Chief', 'Executive', 'Regent', 'Council', 'Vizier'):
            words.insert(0, tw.pop())
        if not tw:
            continue
        out.append((' '.join(tw), ' '.join(words), max(caps, key=len), since_date(part)))
    return out


def leaders(fb):
    by_name, _ = iso_table()
    have = existing_phrases()
    people, parties = [], []
    surnames = {}
    for f in sorted(glob.glob(os.path.join(fb, '*', '*.json'))):
        d = json.load(open(f, encoding='utf-8'))
        g = d.get('Government') or {}
        short = clean(((g.get('Country name') or {}).get('conventional short form') or {}).get('text'))
        code = FB_ALIAS.get(short) or by_name.get(short.lower())
        if not code or len(code) != 3:
            continue
        ex = g.get('Executive branch') or {}
        for role in ('chief of state', 'head of government'):
            for title, name, sur, since in leader_names((ex.get(role) or {}).get('text', '')):
                people.append((code, title, name, sur, since, os.path.relpath(f, fb)))
                surnames.setdefault(sur.upper(), set()).add(name.upper())
        for p in re.split(r'<br>|;', (g.get('Political parties') or {}).get('text', '')):
            p = clean(p)
            p = re.split(r'\s\(|\s+or\s+|\[', p)[0].strip(' .')
            if 4 <= len(p) <= 60 and len(p.split()) >= 2 and not re.search(r'\d|note|other|independent', p, re.I):
                parties.append((code, p))
    print('# Heads of state and government and political parties of every country, for the newsgraph')
    print('# event coder (TABARI/PETRARCH actor format).')
    print('# Generated by tools/make_world_actors.py from The World Factbook (../shared/data/facts/factbook,')
    print('# public domain): "chief of state", "head of government" and "Political parties" of each country;')
    print('# country codes from ISO 3166-1 (Debian iso-codes). A leader codes to the country from the date')
    print('# in "since" with GOV, before it (and with no date) to the bare country. Do not edit: re-run.')
    seen = set()
    for code, title, name, sur, since, src in people:
        # given name and surname joined by a blank: up to three words may come between them in
        # the text ("Joao LOURENCO" also matches "Joao Manuel Goncalves Lourenco")
        words = re.sub(r'&[a-z]+;', '', name).split()
        if words[-1] == sur and len(words) > 2:
            words = [words[0], words[-1]]
        full = ' '.join(w.upper() for w in words)
        if full in seen or phrase(full).rstrip('_') in have:
            continue
        seen.add(full)
        print()
        print('# %s %s (%s)' % (title, name, src))
        print('%s_ [%s]' % (full, code))
        s = sur.upper().strip('-')
        if (len(s) >= 5 and len(surnames.get(s, ())) == 1 and s not in COMMON and s not in have
                and phrase(s) != full and phrase(s) not in seen):
            seen.add(phrase(s))
            print('+%s_' % phrase(s))
        if since:
            print('\t[%sGOV >%s]' % (code, since))
        else:
            print('\t[%sGOV]' % code)
    print()
    print('# political parties (a name used in two countries, "Labour Party", is left out)')
    where = {}
    for code, p in parties:
        where.setdefault(phrase(p), set()).add(code)
    for code, p in parties:
        ph = phrase(p)
        if ph in seen or ph in have or len(where[ph]) > 1:
            continue
        seen.add(ph)
        print('%s_ [%sPTY]' % (ph, code))


def cities(path):
    by_name, by_a2 = iso_table()
    have = existing_phrases()
    best = {}
    for line in open(path, encoding='utf-8'):
        f = line.rstrip('\n').split('\t')
        if len(f) < 15:
            continue
        name, cc, pop = f[2], f[8], int(f[14] or 0)
        code = by_a2.get(cc)
        if not code:
            continue
        best.setdefault(phrase(name), []).append((pop, code, name))
    print('# Cities of at least 300,000 people for the newsgraph event coder (TABARI/PETRARCH actor')
    print('# format): CAMEO codes a place by its country.')
    print('# Generated by tools/make_world_actors.py from GeoNames cities15000 (../shared/data/facts/geonames,')
    print('# CC BY 4.0, GeoNames, www.geonames.org); country codes ISO 3166-1 (Debian iso-codes). A name that')
    print('# is a country, already listed, a common word, shorter than four letters, or a city of comparable')
    print('# size in another country is left out. Do not edit: re-run.')
    for ph in sorted(best):
        c = sorted(best[ph], reverse=True)
        pop, code, name = c[0]
        if pop < 300000 or len(ph) < 4 or not re.match(r"^[A-Z][A-Z_'.-]*$", ph):
            continue
        if ph.rstrip('_') in have or ph in COMMON or name.lower() in by_name:
            continue
        if any(o[1] != code and o[0] * 3 >= pop for o in c[1:]):
            continue
        print('%s_ [%s]' % (ph, code))


if __name__ == '__main__':
    if len(sys.argv) != 3 or sys.argv[1] not in ('leaders', 'cities'):
        sys.exit(__doc__)
    (leaders if sys.argv[1] == 'leaders' else cities)(sys.argv[2])
