/*
** instream.h -- the bytes of one input file as text: decompressed (gzip,
** zstd, bzip2, told by their magic bytes) and converted to UTF-8 (UTF-16 and
** UTF-32 in either byte order, told by a byte-order mark or by the pattern of
** zero bytes), so that every reader sees UTF-8 whatever the file holds.
**
** Internal to the engine (src/io/reader.c and the tests use it).
*/
#ifndef NG_INSTREAM_H
#define NG_INSTREAM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef enum ng_zkind { NG_Z_NONE = 0, NG_Z_GZIP, NG_Z_ZSTD, NG_Z_BZIP2 } ng_zkind;

typedef enum ng_textenc {
	NG_ENC_UTF8 = 0,
	NG_ENC_UTF16LE,
	NG_ENC_UTF16BE,
	NG_ENC_UTF32LE,
	NG_ENC_UTF32BE
} ng_textenc;

/* The compression buf[0..n) starts with (by magic bytes). */
ng_zkind ng_zsniff(const void *buf, size_t n);
/* "gzip", "zstd", "bzip2" or "" */
const char *ng_zname(ng_zkind k);

/* The text encoding of the start of a file: a byte-order mark (its length in
** *bom_len), else UTF-32/UTF-16 told by zero bytes in the first code units of
** mostly-ASCII text (*bom_len 0), else UTF-8. */
ng_textenc ng_textenc_sniff(const void *buf, size_t n, size_t *bom_len);
/* "UTF-8", "UTF-16LE", ... */
const char *ng_textenc_name(ng_textenc e);

/* The name of the binary format buf[0..n) starts with ("PNG image", "PDF
** document", ...), or NULL when its magic bytes are none we know. */
const char *ng_binary_magic(const void *buf, size_t n);

typedef struct ng_instream ng_instream;

/* Reads `f` (not closed by the stream) through decompression `z`, starting
** with `prefix` (bytes already read from f; copied). NULL when out of memory. */
ng_instream *ng_instream_open(FILE *f, ng_zkind z, const void *prefix, size_t prefix_len);

/* Gives back `n` decoded bytes (the start of the stream, read for sniffing) to
** be read again, this time converted from `enc` to UTF-8 with the first
** `skip` bytes (a byte-order mark) dropped. Only before any other read after
** the sniffing read. Returns false when out of memory. */
bool ng_instream_unread(ng_instream *s, const void *buf, size_t n, size_t skip, ng_textenc enc);

/* Reads up to n bytes of text. Returns the count; 0 at the end of the stream
** or on an error (then ng_instream_error() is not empty). A conversion never
** fails: an unpaired surrogate or a code point out of range becomes U+FFFD. */
size_t ng_instream_read(ng_instream *s, void *buf, size_t n);

/* "" or what went wrong: "corrupt gzip data at compressed byte N", "read
** error: ...". */
const char *ng_instream_error(const ng_instream *s);

/* Compressed bytes read from the file so far. */
uint64_t ng_instream_raw_bytes(const ng_instream *s);

/* Frees the stream (not the FILE). NULL is a no-op. */
void ng_instream_close(ng_instream *s);

#endif
