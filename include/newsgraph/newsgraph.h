/*
** newsgraph.h -- the public API of the newsgraph engine.
**
** newsgraph turns news articles into structured records: clean text and
** metadata, sentences and tokens, entities, quotations and events. Every
** record points back into the document's clean text by byte offsets.
**
** The API has three parts:
**   - ng_engine: the configured pipeline with its read-only models. Created
**     once, shared by any number of threads (every function taking a
**     `const ng_engine *` is thread-safe).
**   - ng_doc: one document. Owned by one thread at a time. All its records
**     live in the document's arena and are valid until ng_doc_reset() or
**     ng_doc_destroy().
**   - readers and writers: turn files into documents and documents into
**     JSON Lines.
**
** If a C function does not appear in this file, it is not part of the
** published API.
*/
#ifndef NEWSGRAPH_H
#define NEWSGRAPH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NG_VERSION "0.1.0"

#if defined(__GNUC__)
#define NG_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define NG_WARN_UNUSED
#endif

/* Marks the functions libnewsgraph.so exports: the library is compiled with
** -fvisibility=hidden, so everything not declared NG_API in these public
** headers stays internal (the static library still links every symbol). */
#if defined(__GNUC__)
#define NG_API __attribute__((visibility("default")))
#else
#define NG_API
#endif

/* ------------------------------------------------------------------------
** Status codes. 0 is success; ng_strerror() gives the text.
*/
typedef enum ng_status {
	NG_OK = 0,
	NG_DONE,       /* not an error: a reader has no more records */
	NG_ENOMEM,     /* allocation failed */
	NG_ELIMIT,     /* a size cap was exceeded (document, record, arena) */
	NG_EIO,        /* reading or writing failed */
	NG_EPARSE,     /* malformed input record (broken JSON, ...) */
	NG_EEMPTY,     /* the input holds no text */
	NG_EUSAGE,     /* a caller passed invalid arguments */
	NG_ESTAGE,     /* the pipeline configuration is inconsistent */
	NG_EINTERNAL   /* a bug: please report it */
} ng_status;

/* Static text for a status code. Never NULL; never to be freed. */
NG_API const char *ng_strerror(ng_status s);

/* ------------------------------------------------------------------------
** The document model: text plus spans by byte offset.
*/

/* A half-open byte range [start, end) into ng_doc.text. */
typedef struct ng_span {
	uint32_t start;
	uint32_t end;
} ng_span;

/* Token kinds. */
typedef enum ng_token_kind {
	NG_TOK_WORD = 0,  /* letters, possibly with digits, inner hyphens, apostrophes */
	NG_TOK_NUMBER,    /* digits, with inner . , : / separators (3.5, 1,000, 12:30) */
	NG_TOK_ABBREV,    /* a word with its final period: Mr. U.S. Lt. a.m. */
	NG_TOK_PUNCT,     /* any other punctuation mark or symbol */
	NG_TOK_QUOTE,     /* a quotation mark: " “ ” ‘ ’ « » ' */
	NG_TOK_CLITIC     /* possessive or contraction part: 's ’s n't 're */
} ng_token_kind;

/* Token flags. */
enum {
	NG_TF_SPACE_BEFORE = 1u << 0, /* whitespace precedes the token */
	NG_TF_NEWLINE_BEFORE = 1u << 1, /* a line break precedes the token */
	NG_TF_PARA_BEFORE = 1u << 2,  /* a blank line precedes the token */
	NG_TF_UPPER_INITIAL = 1u << 3, /* first character is an uppercase letter */
	NG_TF_ALL_UPPER = 1u << 4,    /* all letters uppercase (and at least one) */
	NG_TF_HAS_DIGIT = 1u << 5,
	NG_TF_SENT_START = 1u << 6,   /* first token of a sentence */
	NG_TF_QUOTE_OPEN = 1u << 7,   /* NG_TOK_QUOTE judged to open a quotation */
	NG_TF_QUOTE_CLOSE = 1u << 8,  /* NG_TOK_QUOTE judged to close one */
	NG_TF_NON_ASCII = 1u << 9     /* token holds non-ASCII characters */
};

typedef struct ng_token {
	uint32_t start;     /* byte offset into ng_doc.text */
	uint32_t end;
	uint16_t kind;      /* ng_token_kind */
	uint16_t flags;     /* NG_TF_* */
} ng_token;

/* Entity types and mention kinds (filled by the entities and coref stages). */
typedef enum ng_entity_type { NG_ENT_PER = 0, NG_ENT_ORG, NG_ENT_LOC, NG_ENT_MISC } ng_entity_type;
typedef enum ng_mention_kind {
	NG_MENTION_NAME = 0, /* the full name */
	NG_MENTION_PARTIAL,  /* surname, part of the name, acronym */
	NG_MENTION_PRONOUN,  /* he, she, they, his ... */
	NG_MENTION_TITLE     /* "the speaker", "the minister" */
} ng_mention_kind;

typedef struct ng_mention {
	uint32_t start; /* byte range in text */
	uint32_t end;
	uint16_t kind;  /* ng_mention_kind */
	uint16_t reserved;
} ng_mention;

typedef struct ng_entity {
	uint32_t id;              /* its index in ng_doc.entities */
	uint16_t type;            /* ng_entity_type */
	const char *name;         /* canonical name */
	const char **titles;      /* "Parliament Speaker", "Lt. Gen." */
	size_t n_titles;
	const char *affiliation;  /* country or organization the titles give, or NULL */
	const char *country;      /* ISO 3166 alpha-3 code when known, or NULL */
	ng_mention *mentions;     /* in text order */
	size_t n_mentions;
	const char *key;          /* the same in every article for the same thing: "country:IRN",
				     "per:mhmd bqr qlbf" (docs/schema.md), or NULL */
} ng_entity;

/* Per-token entity tags (BIO), the tagger's raw output. */
enum { NG_NER_O = 0, NG_NER_B_PER, NG_NER_I_PER, NG_NER_B_ORG, NG_NER_I_ORG, NG_NER_B_LOC,
       NG_NER_I_LOC, NG_NER_B_MISC, NG_NER_I_MISC, NG_NER_NTAGS };

typedef enum ng_quote_kind { NG_QUOTE_DIRECT = 0, NG_QUOTE_INDIRECT, NG_QUOTE_MIXED } ng_quote_kind;

typedef struct ng_quote {
	uint32_t start;           /* content span */
	uint32_t end;
	uint16_t kind;            /* ng_quote_kind */
	int32_t speaker;          /* entity index, or -1 when not found */
	int64_t speaker_start;    /* speaker mention span, or -1 */
	int64_t speaker_end;
	int64_t cue_start;        /* the verb or phrase that introduces it, or -1 */
	int64_t cue_end;
	const char *cue;          /* its lemma ("say", "underline"), or NULL */
	const char *cue_class;    /* what it attributes: "speech", "belief", "intention",
				     "perception", "stance" or "evidence"; meaningful when
				     doc->assigned has NG_F_CUE_CLASS (the quotes stage sets both;
				     the store's export sets it, or NULL for rows stored before
				     schema 9); a quote built without it should hold NULL */
	int64_t subject_start;    /* the cue's subject as written (a name, "he", "who"), or -1;
				     differs from the speaker span when that is an antecedent */
	int64_t subject_end;
} ng_quote;

/* One side of an event. */
typedef struct ng_actor {
	int32_t entity;           /* entity index, or -1 */
	int64_t start;            /* the actor's text span, or -1 */
	int64_t end;
	const char *code;         /* CAMEO actor code ("IRNLEG"), or NULL */
} ng_actor;

typedef struct ng_event {
	uint32_t sentence;        /* sentence index */
	uint32_t start;           /* the sentence span the event was coded from */
	uint32_t end;
	ng_actor source;
	ng_actor target;
	const char *cameo;        /* "041" */
	const char *plover;       /* "CONSULT" */
	const char *mode;         /* PLOVER mode, or NULL */
	int negated;              /* the sentence says it did not happen ("did not attack") */
	const char *modality;     /* NULL: asserted; "intended" or "hypothetical" ("could meet") */
	const char *act;          /* CAMEO code of the act promised, threatened, refused or
				     demanded ("will give aid": cameo 033, act 070), or NULL */
	const char *reporter;     /* inside a quotation or reported speech: who reported it (the
				     quotation's speaker, the subject of "said"), or NULL */
	const char *date;         /* when it happened: "YYYY-MM-DD" (or "YYYY-MM", "YYYY") from its
				     sentence ("on Wednesday", resolved against the article's
				     date), else the article's date, else NULL */
	int date_from_sentence;   /* date comes from the sentence */
	uint32_t verb_start;
	uint32_t verb_end;
	double goldstein;
	int quad_class;           /* 1..4 */
} ng_event;

/* One syntactic word as Universal Dependencies tokenizes text (filled by
** the syntax stage). Words follow the tokens, split or joined where UD
** differs ("cannot" -> "can" "not", "al-Ani" -> "al" "-" "Ani"); each has
** its own non-empty byte span inside its token's. */
typedef struct ng_word {
	uint32_t start;           /* byte range in text */
	uint32_t end;
	uint32_t token;           /* index of the token it comes from */
	int32_t head;             /* index in ng_doc.words of its head, -1 for a sentence's root
				     (or when no parser model was loaded) */
	const char *upos;         /* universal POS tag ("NOUN"), static */
	const char *xpos;         /* Penn Treebank tag ("NNS"), static */
	const char *lemma;        /* NUL-terminated, in the arena or the model */
	const char *deprel;       /* UD relation ("nsubj", "obl:agent"), or NULL without a parser */
} ng_word;

/* A problem found in one document that did not stop it from being
** processed (invalid UTF-8 repaired, NUL bytes replaced, ...). */
typedef struct ng_error {
	ng_status code;
	int64_t offset;       /* byte offset in the input record, or -1 */
	const char *stage;    /* stage or reader that found it */
	const char *message;  /* in the document's arena */
} ng_error;

/* Bits naming the parts of a document. Each stage declares the parts it
** requires (it cannot run without them), the parts it reads when present
** (optional) and the parts it assigns; ng_engine_create() checks the list
** and ng_engine_annotate() sets a stage's bits in ng_doc.assigned once it
** has run. The readers set NG_F_RAW. */
enum {
	NG_F_RAW = 1u << 0,        /* raw, raw_len, raw_kind, content_type and the metadata
				      the record carries (the readers) */
	NG_F_TEXT = 1u << 1,       /* text, text_len: clean NFC UTF-8 (extract) */
	NG_F_META = 1u << 2,       /* title, date, author, site, lang (extract) */
	NG_F_TOKENS = 1u << 3,     /* tokens (segment) */
	NG_F_SENTENCES = 1u << 4,  /* sentences, sentence_tok (segment) */
	NG_F_ENTITIES = 1u << 5,   /* entities with their mentions: names, partial names,
				      pronouns, titles (coref) */
	NG_F_QUOTES = 1u << 6,     /* quotes and attributions (quotes) */
	NG_F_EVENTS = 1u << 7,     /* events (events) */
	NG_F_CUE_CLASS = 1u << 8,  /* quotes carry cue_class (the writer prints it only then) */
	NG_F_NER_TAGS = 1u << 9,   /* ner_tags: one NG_NER_* tag per token (entities) */
	NG_F_SYNTAX = 1u << 10     /* words, n_words, sentence_word: UD words with tags and
				      lemmas, and trees when a parser model was loaded (syntax) */
	/* next free bit: 1u << 11 */
};

/* What the raw bytes are. */
typedef enum ng_raw_kind {
	NG_RAW_TEXT = 0,   /* plain or crawled text */
	NG_RAW_HTML        /* an HTML page */
} ng_raw_kind;

typedef struct ng_arena ng_arena;

/* One document. Fields are plain; strings are NUL-terminated UTF-8 in the
** document's arena, or NULL when unknown. */
typedef struct ng_doc {
	ng_arena *arena;

	/* identity and where it came from */
	const char *id;
	const char *source_path;   /* file the record came from, or NULL */
	const char *source_url;    /* URL when known, or NULL */
	int64_t source_offset;     /* byte offset of the record in the file, or -1 */
	int64_t source_line;       /* 1-based line for JSON Lines records, or 0 */

	/* raw input */
	const char *raw;
	size_t raw_len;
	ng_raw_kind raw_kind;
	const char *content_type;  /* HTTP/WARC Content-Type of raw, or NULL (its charset= is honoured) */

	/* metadata; date is ISO 8601 (the readers and the extract stage
	** normalise it: src/core/date.h) */
	const char *title;
	const char *date;
	const char *author;
	const char *site;
	const char *lang;
	const char *date_raw;      /* a date given by the input that could not be read, as given
				      (date is then NULL and errors say why), or NULL */
	const char *crawled;       /* web archives: the crawl date (WARC-Date), ISO 8601, or NULL;
				      date is the page's own publication date */

	/* clean text: NFC UTF-8, LF line ends, NUL-terminated */
	char *text;
	size_t text_len;

	ng_token *tokens;
	size_t n_tokens;
	ng_span *sentences;       /* byte ranges, in order, not overlapping */
	uint32_t *sentence_tok;   /* first token index of each sentence (n_sentences + 1 entries) */
	size_t n_sentences;

	ng_word *words;           /* syntactic words, in text order (the syntax stage) */
	size_t n_words;
	uint32_t *sentence_word;  /* first word index of each sentence (n_sentences + 1
				     entries), or NULL */

	uint8_t *ner_tags;        /* one NG_NER_* per token, or NULL */
	ng_entity *entities;
	size_t n_entities;
	ng_quote *quotes;          /* what someone said or wrote: direct, mixed and reported
				      speech (cue_class "speech"), in text order */
	size_t n_quotes;
	ng_quote *attributions;    /* the other attributions, same fields: beliefs, intentions,
				      perceptions, stances, evidence, and headline attributions
				      (a headline is no quotation), in text order */
	size_t n_attributions;
	ng_event *events;
	size_t n_events;

	ng_error *errors;
	size_t n_errors;
	size_t cap_errors;

	unsigned assigned;        /* NG_F_* bits set by the stages that ran */
} ng_doc;

/* Creates an empty document with its own arena. `arena_cap` bounds the
** memory one document may use (0: the default, 1 GiB). Returns NULL when out
** of memory. Free with ng_doc_destroy(). */
NG_API ng_doc *ng_doc_create(size_t arena_cap);

/* Forgets the document's content and releases its arena except the first
** chunk, so the next document reuses it. NULL is a no-op. */
NG_API void ng_doc_reset(ng_doc *doc);

/* Frees the document and everything in its arena. NULL is a no-op. */
NG_API void ng_doc_destroy(ng_doc *doc);

/* Records a non-fatal problem with the document (printf-style message).
** Returns NG_ENOMEM when the arena is exhausted. */
NG_API NG_WARN_UNUSED ng_status ng_doc_add_error(ng_doc *doc, ng_status code, int64_t offset,
						 const char *stage, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

/* Copies `len` bytes into the document's arena as a NUL-terminated string.
** Returns NULL when the arena is exhausted. */
NG_API char *ng_doc_strndup(ng_doc *doc, const char *s, size_t len);

/* ------------------------------------------------------------------------
** The engine: a configured pipeline.
*/
typedef struct ng_engine ng_engine;

typedef struct ng_config {
	const char *stages;       /* comma-separated stage names, or NULL for all */
	const char *data_dir;     /* models, gazetteers and word lists (the command line's
				  ** --data DIR), or NULL for ng_data_dir(); ng_engine_create()
				  ** resolves it once and hands it to every stage */
	size_t max_doc_bytes;     /* largest raw input ng_engine_annotate() accepts (0: 16 MiB);
				  ** a larger document fails with NG_ELIMIT */
	const char *dictionaries; /* events: TABARI/PETRARCH dictionaries (a directory or
				  ** comma-separated files), or NULL for the data directory's events/ */
	const char *petrarch_config; /* events: a PETR_config.ini-style file with PETRARCH
				  ** coding options (require_dyad, new_actor_length, comma_*),
				  ** or NULL for the defaults (docs/internals/events.md) */
} ng_config;

/* The default data directory (models, gazetteers, word lists), used when
** ng_config.data_dir is NULL: $NEWSGRAPH_DATA when set and not empty, else
** the first directory of: share/newsgraph beside the running program or
** the shared library (by the install layout's relative path, so a moved
** install still finds it), the source tree's data/ (a build run in place),
** the install prefix's share/newsgraph; else the source tree's path. All
** but the variable are resolved once per process. Never NULL; a static
** string (or the environment's). Thread-safe. */
NG_API const char *ng_data_dir(void);

/* Creates an engine: builds the stage list, checks that every stage's
** requirements are assigned by an earlier stage (else fails with a message
** naming the stage, what it needs and a stage list that works), and loads
** models.
** On failure returns NULL and, when `err` is not NULL, writes a message
** (at most `errlen` bytes) there. */
NG_API ng_engine *ng_engine_create(const ng_config *cfg, char *err, size_t errlen);

/* Frees the engine. NULL is a no-op. Documents must not be in use. */
NG_API void ng_engine_destroy(ng_engine *eng);

/* Runs every stage on a document that holds raw input (NG_F_RAW) of at most
** max_doc_bytes. Thread-safe for distinct documents. On failure the
** document's errors say which stage failed and why; the return value is
** that stage's status. Out of memory (NG_ENOMEM) is the exception: the
** document is given back as it came, its input and reader warnings intact
** and nothing added, so the caller may annotate it again once memory is
** free (`newsgraph annotate` does, alone, after the other documents of
** its batch). */
NG_API NG_WARN_UNUSED ng_status ng_engine_annotate(const ng_engine *eng, ng_doc *doc);

/* Comma-separated names of the stages the engine runs, in order. */
NG_API const char *ng_engine_stages(const ng_engine *eng);

/* Warnings about the stage list, one per line, or "" when none: a stage
** that reads a part of the document when present ("stage 'quotes' reads
** NER tags ... when present") which no earlier stage assigns, and so runs
** without it. Owned by the engine. */
NG_API const char *ng_engine_warnings(const ng_engine *eng);

/* ------------------------------------------------------------------------
** Readers: files, directories, standard input -> documents.
*/
typedef enum ng_input_format {
	NG_IN_AUTO = 0,  /* by extension (.jsonl/.ndjson, .json, .html/.htm, .csv, .tsv, .txt,
			    .warc(.gz), .arc(.gz); under .gz/.zst/.bz2 too), else by content */
	NG_IN_TEXT,      /* the whole file is one article */
	NG_IN_JSONL,     /* one {"id","text",...} object per line */
	NG_IN_HTML,      /* the whole file is one HTML page */
	NG_IN_WARC,      /* a web archive: WARC or ARC, plain or gzip; one document per
			    HTML page it holds (see docs/internals/warc.md) */
	NG_IN_JSON,      /* JSON: one article object, an array of them, or objects one
			    after another, pretty-printed or not */
	NG_IN_CSV,       /* comma-separated values with a header row, one article a row */
	NG_IN_TSV        /* the same, tab-separated */
} ng_input_format;

typedef struct ng_reader ng_reader;

/* Everything but the path that a reader may be told. Zero is the default
** for every field. */
typedef struct ng_reader_opts {
	ng_input_format fmt;
	size_t max_record;         /* one record's cap (0: 16 MiB) */
	const char *csv_columns;   /* CSV/TSV: "text=body,title=headline,..." (fields id, text,
				      html, title, date, author, site, lang, url), or NULL for
				      the default header names (docs/schema.md) */
	const char *const *include; /* directory walks: globs a file name must match
				       (any of them) to be taken whatever its type; NULL-terminated */
	const char *const *exclude; /* globs of names never taken; NULL-terminated */
	/* directory walks: called for each file passed over, with why ("PNG
	** image", "not an article: unknown extension .md", "excluded") */
	void (*on_skip)(void *ctx, const char *path, const char *why);
	void *skip_ctx;
	int date_order;            /* all-numeric dates with both numbers up to 12 (05/06/2021):
				      0 day first, 1 month first (docs/schema.md) */
} ng_reader_opts;

/* Opens `path` for reading ("-" is standard input). A directory is walked
** recursively, files in name order, hidden files skipped; a directory or file
** reached twice (a symlink loop such as self -> ., a second link) is read once;
** the files taken are those of the formats newsgraph reads (README.md in
** the repository says which and how). Any file may be compressed (gzip,
** zstd, bzip2) and in UTF-8, UTF-16 or UTF-32. Returns NULL on failure with a
** message in `err`. `o` may be NULL (defaults). */
NG_API ng_reader *ng_reader_open_opts(const char *path, const ng_reader_opts *o, char *err, size_t errlen);

/* ng_reader_open_opts() with only a format and a record cap. */
NG_API ng_reader *ng_reader_open(const char *path, ng_input_format fmt, size_t max_record,
				 char *err, size_t errlen);

/* Reads the next record into `doc` (which is reset first): raw bytes,
** identity and any metadata the record carries; sets NG_F_RAW.
** Returns NG_OK, NG_DONE at the end, or an error for this record only
** (described by ng_reader_errmsg()); the caller may go on reading. NG_EIO
** from a file that cannot be read also moves on to the next file. */
NG_API NG_WARN_UNUSED ng_status ng_reader_next(ng_reader *r, ng_doc *doc);

/* The message for the last error: "PATH:LINE: what" or "PATH: what".
** Owned by the reader; valid until the next call. */
NG_API const char *ng_reader_errmsg(const ng_reader *r);

/* Bytes consumed so far (for progress reports). */
NG_API uint64_t ng_reader_bytes(const ng_reader *r);

/* What a reader passed over without returning it, summed over its files
** (the first group for web archives only). */
typedef struct ng_reader_counts {
	uint64_t records;          /* archive records read */
	uint64_t pages;            /* HTML pages returned as documents */
	uint64_t skipped_type;     /* request, metadata, revisit, warcinfo ... records */
	uint64_t skipped_status;   /* HTTP status other than 200 */
	uint64_t skipped_media;    /* payload not HTML */
	uint64_t skipped_encoding; /* Content-Encoding not supported (br, zstd, ...) */
	uint64_t errors;           /* broken records and garbage reported as errors */
	uint64_t files;            /* files read (not passed over) */
	uint64_t skipped_binary;   /* directory walks: images, archives, databases ... */
	uint64_t skipped_other;    /* directory walks: text that is no article (README,
				      LICENSE, unknown extensions) */
	uint64_t skipped_excluded; /* directory walks: names matching an exclude glob */
} ng_reader_counts;

/* Fills *out with the counts so far. */
NG_API void ng_reader_counts_get(const ng_reader *r, ng_reader_counts *out);

/* Closes the reader. NULL is a no-op. */
NG_API void ng_reader_close(ng_reader *r);

/* ------------------------------------------------------------------------
** Writers.
*/

/* Appends the document as one JSON object and a newline to a growable
** buffer (see docs/schema.md). `buf` grows with realloc up to `cap` bytes;
** on NG_ELIMIT or NG_ENOMEM the buffer is left as before the call. */
typedef struct ng_outbuf {
	char *data;
	size_t len;
	size_t alloc;
	size_t cap;
} ng_outbuf;

enum {
	NG_W_TOKENS = 1u << 0, /* add "tokens": [[start,end],...] */
	NG_W_SYNTAX = 1u << 1  /* add "words": [{"start","end","upos","xpos","lemma","head",
				  "deprel"},...] when the syntax stage ran */
};
NG_API NG_WARN_UNUSED ng_status ng_write_jsonl(const ng_doc *doc, unsigned flags, ng_outbuf *buf);

/* Appends the document's events as GDELT 2.0-style tab-separated rows, one
** per event that counts (ng_event_counts: not negated, not hypothetical or
** only intended), 61 columns (docs/internals/events.md). Nothing for a
** document without events. On error the buffer is left as before the call. */
NG_API NG_WARN_UNUSED ng_status ng_write_gdelt(const ng_doc *doc, ng_outbuf *buf);
/* The same with flags: NG_GDELT_ALL also writes negated and hypothetical events. */
#define NG_GDELT_ALL 1u
NG_API NG_WARN_UNUSED ng_status ng_write_gdelt_flags(const ng_doc *doc, ng_outbuf *buf, unsigned flags);

/* An event that counts: asserted, not negated ("could not reach an agreement"
** is coded as a rejection that counts; "did not attack" is a negated attack
** that does not; "could attack" is hypothetical). Counts and exports skip the
** others by default. */
static inline int ng_event_counts(const ng_event *e)
{
	return !e->negated && !e->modality;
}

/* Appends the document's words as CoNLL-U (docs/schema.md): one block per
** sentence with "# doc_id", "# sent_id" and "# text" comments, FORM the
** word's bytes, HEAD and DEPREL "_" without a parser. Nothing for a
** document without words. On error the buffer is left as before the call. */
NG_WARN_UNUSED ng_status ng_write_conllu(const ng_doc *doc, ng_outbuf *buf);

/* Frees the buffer's memory and zeroes it (keeps the cap). */
NG_API void ng_outbuf_free(ng_outbuf *buf);

/* ------------------------------------------------------------------------
** The entity tagger's tools (newsgraph train-ner, newsgraph tag-conll).
*/

typedef struct ng_ner_train_opts {
	const char *train_path;        /* CoNLL-2003 training file */
	const char *dev_path;          /* CoNLL dev file to pick the epoch, or NULL */
	const char *model_path;        /* model file to write */
	const char *gazetteer_dir;     /* gazetteer lists, or NULL for none */
	const char *clusters_path;     /* word-cluster cache: read if present, else written; or NULL */
	const char *const *unlabelled; /* NULL-terminated text files for word clusters, or NULL */
	unsigned epochs;               /* training passes (the best on dev is kept) */
	unsigned passes;               /* 1, or 2: tag each document twice, the second time
	                                  with the first pass's tags of the whole document */
	FILE *log;                     /* progress lines, or NULL */
} ng_ner_train_opts;

/* Trains the entity tagger (averaged perceptron) and writes the model.
** Not thread-safe with itself. On failure a message is in err. */
NG_API NG_WARN_UNUSED ng_status ng_ner_train(const ng_ner_train_opts *opts, char *err, size_t errlen);

/* Tags a CoNLL file with a model (NULL: the data directory's ner.model) and
** the gazetteers of data_dir (NULL: ng_data_dir()), writing "token gold
** pred" lines to out (may be NULL). *seconds gets the tagging CPU time
** of the calling thread (file reading excluded) and *n_tokens the token count (both may be NULL). */
NG_API NG_WARN_UNUSED ng_status ng_ner_tag_conll(const char *model_path, const char *data_dir,
						 const char *conll_path, FILE *out, double *seconds,
						 size_t *n_tokens, char *err, size_t errlen);

/* ------------------------------------------------------------------------
** The syntax stage's tools (newsgraph train-syntax, newsgraph parse-conllu).
*/
typedef struct ng_syntax_train_opts {
	const char *train_path;   /* CoNLL-U training treebank */
	const char *dev_path;     /* CoNLL-U treebank to choose epochs, or NULL */
	const char *tagger_path;  /* tagger model to write, or NULL to skip the tagger */
	const char *parser_path;  /* parser model to write, or NULL to skip the parser */
	unsigned tagger_epochs;   /* 0: the default */
	unsigned parser_epochs;   /* 0: the default */
	uint64_t seed;            /* 0: the default; the same seed gives the same models */
	FILE *log;                /* progress lines, or NULL */
} ng_syntax_train_opts;

/* Trains the tagger and/or the parser and writes their models. Not
** thread-safe with itself. On failure a message is in err. */
NG_API NG_WARN_UNUSED ng_status ng_syntax_train(const ng_syntax_train_opts *opts, char *err,
						size_t errlen);

enum {
	NG_PARSE_GOLD_TAGS = 1u << 0, /* keep the file's UPOS/XPOS/lemmas, parse only */
	NG_PARSE_NO_PARSER = 1u << 1  /* tag only (HEAD and DEPREL written as "_") */
};

/* Tags and parses a CoNLL-U file with its own tokenization and writes it
** as CoNLL-U to out (may be NULL: time only). Models default to the data
** directory's syntax/tagger.model and syntax/parser.model (NULL paths);
** without a parser model the trees are not written. *seconds gets the CPU
** time of tagging and parsing (reading and writing excluded), *n_words the
** word count (both may be NULL). */
NG_API NG_WARN_UNUSED ng_status ng_syntax_parse_conllu(const char *tagger_path, const char *parser_path,
						       const char *conllu_path, unsigned flags, FILE *out,
						       double *seconds, size_t *n_words, char *err,
						       size_t errlen);

#ifdef __cplusplus
}
#endif
#endif /* NEWSGRAPH_H */
