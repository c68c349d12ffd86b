#!/usr/bin/python3
"""Chooses the Wikinews articles of the real-news event check and prints them sentence by sentence
for annotation.

usage: sample.py list WIKINEWS.jsonl N           the first N eligible articles in hash order, with split
       sample.py show ANNOTATED.jsonl ID...      sentences of newsgraph's output with byte offsets

Eligible: news reports (not interviews, "On the campaign trail" diaries or test pages) of at most
3,500 bytes. Order: sha1 of the article URL. Split (fixed before any article was read): an article
whose sha1(url) as an integer is divisible by 4 is held out ("test"): its judgements are not read
against the coder's output until the end of the work; the rest is "dev".
"""
import hashlib
import json
import sys


def key(url):
    return int(hashlib.sha1(url.encode()).hexdigest(), 16)


def split(url):
    return 'test' if key(url) % 4 == 0 else 'dev'


def eligible(d):
    t = d.get('title', '')
    if 'interview' in t.lower() or t.startswith('On the campaign trail') or t.startswith('TEST PAGE'):
        return False
    return len(d['text'].encode()) <= 3500


def main():
    if sys.argv[1] == 'list':
        docs = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8')]
        docs = sorted((d for d in docs if eligible(d)), key=lambda d: key(d['url']))
        for d in docs[:int(sys.argv[3])]:
            print(d['id'], split(d['url']), d['url'])
    else:
        want = set(sys.argv[3:])
        for l in open(sys.argv[2], encoding='utf-8'):
            d = json.loads(l)
            if d['id'] not in want:
                continue
            t = d['text'].encode()
            print(f"=== {d['id']} {d.get('date')} {d.get('title')}")
            for a, b in d['sentences']:
                print(f'[{a},{b}] {t[a:b].decode()}')


if __name__ == '__main__':
    main()
