#!/usr/bin/python3
"""Renders newsgraph JSON Lines as reviewable text for golden files: metadata, then one line per
sentence with its byte span and its tokens separated by ' | ' (when the output has tokens), then
entities, quotes, events and errors when present. Reads standard input."""
import json, sys

def span(text, a, b):
    return text[a:b].decode('utf-8')

for line in sys.stdin:
    d = json.loads(line)
    t = d['text'].encode('utf-8')
    print(f"# {d['id']}")
    for k in ('title', 'date', 'author', 'site', 'lang'):
        if d.get(k) is not None:
            print(f"{k}: {d[k]}")
    toks = d.get('tokens')
    ti = 0
    for a, b in d['sentences']:
        if toks is not None:
            words = []
            while ti < len(toks) and toks[ti][0] < b:
                words.append(span(t, *toks[ti])); ti += 1
            print(f"S [{a},{b}] " + ' | '.join(words).replace('\n', '\\n'))
        else:
            print(f"S [{a},{b}] " + span(t, a, b).replace('\n', '\\n'))
    for e in d.get('entities', []):
        ms = '; '.join(f"{m['text']}/{m['kind']}@{m['start']}" for m in e['mentions'])
        extra = ''.join(f" {k}={e[k]}" for k in ('affiliation', 'country') if e.get(k))
        print(f"E{e['id']} {e['type']} {e['name']!r} titles={e['titles']}{extra} :: {ms}")
    for q in d.get('quotes', []):
        print(f"Q {q['kind']} [{q['start']},{q['end']}] speaker={q['speaker']} {q['speaker_text']!r} "
              f"cue={q['cue']!r} :: {q['text']!r}")
    for e in d.get('events', []):
        print(f"V s{e['sentence']} {e['source'].get('code')}({e['source'].get('text')!r}) "
              f"{e['cameo']}/{e['plover']}{'/' + e['mode'] if e.get('mode') else ''}"
              f"{' NEG' if e['negated'] else ''} {e['target'].get('code')}({e['target'].get('text')!r})"
              f" verb={e['verb_text']!r}")
    for e in d.get('errors', []):
        print(f"! {e['stage']}: {e['message']}")
