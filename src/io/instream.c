/*
** instream.c -- one input file as UTF-8 text: decompression (gzip with zlib,
** zstd with libzstd, bzip2 with libbz2; concatenated members or frames are
** read one after the other) under a conversion from UTF-16/32 to UTF-8.
**
** Layers, bottom up: the compressed bytes (a prefix already read by the
** caller, then the FILE), the decompressor, a give-back buffer (the bytes the
** caller read to sniff the encoding), the converter. Memory is fixed: one
** input buffer and one staging buffer of IN_CHUNK bytes each.
*/
#include "io/instream.h"

#include <bzlib.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "core/core.h"

#define IN_CHUNK ((size_t)64 << 10)

struct ng_instream {
	FILE *f;
	ng_zkind z;
	unsigned char *in; /* compressed input: [in_pos, in_len) unread */
	size_t in_len, in_pos, in_cap;
	bool in_eof;
	uint64_t raw_bytes;  /* read from f, plus the prefix */
	uint64_t raw_done;   /* compressed bytes consumed (for messages) */
	bool z_open, z_end;  /* decompressor started; ended with no more input */
	z_stream gz;
	ZSTD_DStream *zs;
	bz_stream bz;

	unsigned char *back; /* given back by ng_instream_unread() */
	size_t back_len, back_pos;
	ng_textenc enc;
	unsigned char carry[4]; /* an incomplete code unit between reads */
	size_t n_carry;
	unsigned char *stage;   /* converter input */
	char err[160];
};

ng_zkind ng_zsniff(const void *buf, size_t n)
{
	const unsigned char *b = buf;
	if (n >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8)
		return NG_Z_GZIP;
	if (n >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd)
		return NG_Z_ZSTD;
	if (n >= 4 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h' && b[3] >= '1' && b[3] <= '9')
		return NG_Z_BZIP2;
	return NG_Z_NONE;
}

const char *ng_zname(ng_zkind k)
{
	return k == NG_Z_GZIP ? "gzip" : k == NG_Z_ZSTD ? "zstd" : k == NG_Z_BZIP2 ? "bzip2" : "";
}

const char *ng_textenc_name(ng_textenc e)
{
	static const char *names[] = {"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"};
	return names[e];
}

ng_textenc ng_textenc_sniff(const void *buf, size_t n, size_t *bom_len)
{
	const unsigned char *b = buf;
	*bom_len = 0;
	if (n >= 4 && !memcmp(b, "\xFF\xFE\0\0", 4))
		return *bom_len = 4, NG_ENC_UTF32LE;
	if (n >= 4 && !memcmp(b, "\0\0\xFE\xFF", 4))
		return *bom_len = 4, NG_ENC_UTF32BE;
	if (n >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3))
		return *bom_len = 3, NG_ENC_UTF8;
	if (n >= 2 && !memcmp(b, "\xFF\xFE", 2))
		return *bom_len = 2, NG_ENC_UTF16LE;
	if (n >= 2 && !memcmp(b, "\xFE\xFF", 2))
		return *bom_len = 2, NG_ENC_UTF16BE;
	/* no mark: count zero bytes by position modulo 4 over the first code
	** units; ASCII-range text in UTF-16LE has zeros at odd positions only,
	** in UTF-32LE at positions 1-3 of each four, and so on */
	size_t m = n < 1024 ? n & ~(size_t)3 : 1024;
	if (m < 8)
		return NG_ENC_UTF8;
	size_t z[4] = {0, 0, 0, 0};
	for (size_t i = 0; i < m; i++)
		z[i & 3] += b[i] == 0;
	size_t q = m / 4; /* positions of each residue */
	bool hi[4], lo[4];
	for (int k = 0; k < 4; k++) {
		hi[k] = z[k] * 10 >= q * 9; /* at least 90% zero */
		lo[k] = z[k] * 10 <= q;     /* at most 10% zero */
	}
	if (hi[1] && hi[2] && hi[3] && lo[0])
		return NG_ENC_UTF32LE;
	if (hi[0] && hi[1] && hi[2] && lo[3])
		return NG_ENC_UTF32BE;
	if (hi[1] && hi[3] && lo[0] && lo[2])
		return NG_ENC_UTF16LE;
	if (hi[0] && hi[2] && lo[1] && lo[3])
		return NG_ENC_UTF16BE;
	return NG_ENC_UTF8;
}

const char *ng_binary_magic(const void *buf, size_t n)
{
	static const struct {
		size_t off, len;
		const char *magic, *name;
	} m[] = {
		{0, 8, "\x89PNG\r\n\x1a\n", "PNG image"},
		{0, 3, "\xFF\xD8\xFF", "JPEG image"},
		{0, 4, "GIF8", "GIF image"},
		{0, 5, "%PDF-", "PDF document"},
		{0, 4, "PK\x03\x04", "ZIP archive (or an office document)"},
		{0, 4, "\x7F" "ELF", "executable"},
		{0, 16, "SQLite format 3\0", "SQLite database"},
		{0, 4, "\x37\x7F\x06\x82", "SQLite write-ahead log"},
		{0, 4, "\x37\x7F\x06\x83", "SQLite write-ahead log"},
		{0, 6, "\xFD" "7zXZ\0", "xz archive"},
		{0, 6, "7z\xBC\xAF\x27\x1C", "7-Zip archive"},
		{0, 4, "Rar!", "RAR archive"},
		{0, 4, "OggS", "Ogg media"},
		{0, 3, "ID3", "MP3 audio"},
		{0, 4, "\0asm", "WebAssembly module"},
		{0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "office document (OLE)"},
		{4, 4, "ftyp", "MP4/QuickTime media"},
		{257, 5, "ustar", "tar archive"},
		{0, 4, "\x1A\x45\xDF\xA3", "Matroska/WebM media"},
		{0, 4, "wOFF", "web font"},
		{0, 4, "wOF2", "web font"},
		{0, 4, "\0\0\1\0", "icon"},
	};
	const unsigned char *b = buf;
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		if (n >= m[i].off + m[i].len && !memcmp(b + m[i].off, m[i].magic, m[i].len))
			return m[i].name;
	if (n >= 12 && !memcmp(b, "RIFF", 4) &&
	    (!memcmp(b + 8, "WEBP", 4) || !memcmp(b + 8, "WAVE", 4) || !memcmp(b + 8, "AVI ", 4)))
		return "RIFF media (WebP, WAV, AVI)";
	return NULL;
}

static void fail(ng_instream *s, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void fail(ng_instream *s, const char *fmt, ...)
{
	if (s->err[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->err, sizeof s->err, fmt, ap);
	va_end(ap);
}

ng_instream *ng_instream_open(FILE *f, ng_zkind z, const void *prefix, size_t prefix_len)
{
	ng_instream *s = ng_calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->f = f;
	s->z = z;
	s->in_cap = prefix_len > IN_CHUNK ? prefix_len : IN_CHUNK;
	s->in = ng_malloc(s->in_cap);
	if (!s->in) {
		ng_free(s);
		return NULL;
	}
	if (prefix_len)
		memcpy(s->in, prefix, prefix_len);
	s->in_len = prefix_len;
	s->raw_bytes = prefix_len;
	return s;
}

/* Refills the compressed input when it is used up. */
static void refill(ng_instream *s)
{
	if (s->in_pos < s->in_len || s->in_eof)
		return;
	s->raw_done += s->in_len;
	s->in_pos = s->in_len = 0;
	size_t got = fread(s->in, 1, s->in_cap, s->f);
	s->in_len = got;
	s->raw_bytes += got;
	if (got == 0) {
		if (ferror(s->f))
			fail(s, "read error: %s", strerror(errno));
		s->in_eof = true;
	}
}

static bool z_start(ng_instream *s)
{
	bool ok = true;
	if (s->z == NG_Z_GZIP) {
		memset(&s->gz, 0, sizeof s->gz);
		ok = inflateInit2(&s->gz, 15 + 32) == Z_OK;
	} else if (s->z == NG_Z_ZSTD) {
		s->zs = ZSTD_createDStream();
		ok = s->zs && !ZSTD_isError(ZSTD_initDStream(s->zs));
	} else if (s->z == NG_Z_BZIP2) {
		memset(&s->bz, 0, sizeof s->bz);
		ok = BZ2_bzDecompressInit(&s->bz, 0, 0) == BZ_OK;
	}
	if (!ok)
		fail(s, "out of memory starting %s decompression", ng_zname(s->z));
	s->z_open = ok;
	return ok;
}

static void z_stop(ng_instream *s)
{
	if (!s->z_open)
		return;
	if (s->z == NG_Z_GZIP)
		inflateEnd(&s->gz);
	else if (s->z == NG_Z_ZSTD)
		ZSTD_freeDStream(s->zs);
	else if (s->z == NG_Z_BZIP2)
		BZ2_bzDecompressEnd(&s->bz);
	s->zs = NULL;
	s->z_open = false;
}

/* After one member or stream ended: is another one next? (Trailing bytes
** that start no other member end the file quietly, as gzip -d does with
** zero padding.) */
static bool another_member(ng_instream *s)
{
	refill(s);
	if (s->in_pos >= s->in_len)
		return false;
	if (s->in_len - s->in_pos < 4 && !s->in_eof) {
		/* keep it simple: a magic split over two reads is taken as data */
		return true;
	}
	return ng_zsniff(s->in + s->in_pos, s->in_len - s->in_pos) == s->z;
}

/* Decompressed bytes; 0 at the end or on an error. */
static size_t z_read(ng_instream *s, unsigned char *out, size_t n)
{
	if (s->z == NG_Z_NONE) {
		if (s->in_pos < s->in_len) {
			size_t k = s->in_len - s->in_pos < n ? s->in_len - s->in_pos : n;
			memcpy(out, s->in + s->in_pos, k);
			s->in_pos += k;
			return k;
		}
		size_t got = s->in_eof ? 0 : fread(out, 1, n, s->f);
		s->raw_bytes += got;
		if (got == 0 && !s->in_eof) {
			if (ferror(s->f))
				fail(s, "read error: %s", strerror(errno));
			s->in_eof = true;
		}
		return got;
	}
	if (s->z_end || s->err[0])
		return 0;
	if (!s->z_open && !z_start(s))
		return 0;
	size_t done = 0;
	while (done == 0) {
		refill(s);
		if (s->err[0])
			return 0;
		size_t avail = s->in_len - s->in_pos;
		uint64_t at = s->raw_done + s->in_pos;
		bool member_end = false;
		if (s->z == NG_Z_GZIP) {
			s->gz.next_in = s->in + s->in_pos;
			s->gz.avail_in = (uInt)avail;
			s->gz.next_out = out;
			s->gz.avail_out = (uInt)(n > 0x40000000 ? 0x40000000 : n);
			int rc = inflate(&s->gz, Z_NO_FLUSH);
			s->in_pos = (size_t)(s->gz.next_in - s->in);
			done = (size_t)(s->gz.next_out - out);
			if (rc == Z_STREAM_END)
				member_end = true;
			else if (rc == Z_MEM_ERROR)
				fail(s, "out of memory in gzip decompression");
			else if (rc != Z_OK && !(rc == Z_BUF_ERROR && avail == 0))
				fail(s, "corrupt gzip data at compressed byte %llu", (unsigned long long)at);
		} else if (s->z == NG_Z_ZSTD) {
			ZSTD_inBuffer ib = {s->in + s->in_pos, avail, 0};
			ZSTD_outBuffer ob = {out, n, 0};
			size_t rc = ZSTD_decompressStream(s->zs, &ob, &ib);
			s->in_pos += ib.pos;
			done = ob.pos;
			if (ZSTD_isError(rc))
				fail(s, "corrupt zstd data at compressed byte %llu (%s)", (unsigned long long)at,
				     ZSTD_getErrorName(rc));
			else if (rc == 0 && ib.pos == avail)
				member_end = true; /* a frame ended; another may follow */
		} else {
			s->bz.next_in = (char *)(s->in + s->in_pos);
			s->bz.avail_in = (unsigned)(avail > 0x40000000 ? 0x40000000 : avail);
			s->bz.next_out = (char *)out;
			s->bz.avail_out = (unsigned)(n > 0x40000000 ? 0x40000000 : n);
			int rc = BZ2_bzDecompress(&s->bz);
			s->in_pos = (size_t)((unsigned char *)s->bz.next_in - s->in);
			done = (size_t)((unsigned char *)s->bz.next_out - out);
			if (rc == BZ_STREAM_END)
				member_end = true;
			else if (rc == BZ_MEM_ERROR)
				fail(s, "out of memory in bzip2 decompression");
			else if (rc != BZ_OK)
				fail(s, "corrupt bzip2 data at compressed byte %llu", (unsigned long long)at);
		}
		if (s->err[0])
			return done;
		if (member_end) {
			if (s->z == NG_Z_ZSTD && s->in_pos < s->in_len)
				continue; /* the next frame is in the buffer */
			if (!another_member(s)) {
				s->z_end = true;
				return done;
			}
			z_stop(s);
			if (!z_start(s))
				return done;
			continue;
		}
		if (done == 0 && avail == 0 && s->in_eof) {
			fail(s, "truncated %s data: the file ends inside a compressed stream",
			     ng_zname(s->z));
			return 0;
		}
	}
	return done;
}

/* Decoded bytes: the given-back ones first. */
static size_t src_read(ng_instream *s, unsigned char *out, size_t n)
{
	if (s->back_pos < s->back_len) {
		size_t k = s->back_len - s->back_pos < n ? s->back_len - s->back_pos : n;
		memcpy(out, s->back + s->back_pos, k);
		s->back_pos += k;
		return k;
	}
	return z_read(s, out, n);
}

bool ng_instream_unread(ng_instream *s, const void *buf, size_t n, size_t skip, ng_textenc enc)
{
	if (skip > n)
		skip = n;
	ng_free(s->back);
	s->back = ng_malloc(n - skip + 1);
	if (!s->back)
		return false;
	memcpy(s->back, (const unsigned char *)buf + skip, n - skip);
	s->back_len = n - skip;
	s->back_pos = 0;
	s->enc = enc;
	if (enc != NG_ENC_UTF8 && !s->stage) {
		s->stage = ng_malloc(IN_CHUNK + 4);
		if (!s->stage)
			return false;
	}
	return true;
}

static size_t put_utf8(unsigned char *o, uint32_t c)
{
	if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		c = 0xFFFD;
	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (unsigned char)(0xC0 | (c >> 6));
		o[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (c >> 12));
		o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (c >> 18));
	o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

/* Converts whole code units of p[0..m) to UTF-8 in out; returns the bytes
** written and leaves the unconverted tail (at most 3 bytes) in carry. At the
** end of the input (`last`) a tail is one U+FFFD. */
static size_t convert(ng_instream *s, const unsigned char *p, size_t m, unsigned char *out, bool last)
{
	bool le = s->enc == NG_ENC_UTF16LE || s->enc == NG_ENC_UTF32LE;
	bool wide = s->enc == NG_ENC_UTF32LE || s->enc == NG_ENC_UTF32BE;
	size_t i = 0, o = 0;
	while (i < m) {
		uint32_t c;
		if (wide) {
			if (m - i < 4)
				break;
			c = le ? (uint32_t)p[i] | (uint32_t)p[i + 1] << 8 | (uint32_t)p[i + 2] << 16 |
					 (uint32_t)p[i + 3] << 24
			       : (uint32_t)p[i + 3] | (uint32_t)p[i + 2] << 8 | (uint32_t)p[i + 1] << 16 |
					 (uint32_t)p[i] << 24;
			i += 4;
		} else {
			if (m - i < 2)
				break;
			c = le ? (uint32_t)(p[i] | p[i + 1] << 8) : (uint32_t)(p[i] << 8 | p[i + 1]);
			if (c >= 0xD800 && c <= 0xDBFF) {
				if (m - i < 4)
					break; /* the pair's second half is still to come */
				uint32_t d = le ? (uint32_t)(p[i + 2] | p[i + 3] << 8)
						: (uint32_t)(p[i + 2] << 8 | p[i + 3]);
				if (d >= 0xDC00 && d <= 0xDFFF) {
					c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
					i += 2;
				}
			}
			i += 2;
		}
		o += put_utf8(out + o, c);
	}
	s->n_carry = m - i;
	memcpy(s->carry, p + i, s->n_carry);
	if (last && s->n_carry) {
		o += put_utf8(out + o, 0xFFFD);
		s->n_carry = 0;
	}
	return o;
}

size_t ng_instream_read(ng_instream *s, void *buf, size_t n)
{
	if (s->enc == NG_ENC_UTF8)
		return src_read(s, buf, n);
	/* at most 4 output bytes for every 2 (UTF-16) or 4 (UTF-32) input
	** bytes, plus one U+FFFD for a tail */
	if (n < 16)
		return 0;
	size_t want = (n - 4) / 2;
	if (want > IN_CHUNK)
		want = IN_CHUNK;
	for (;;) {
		memcpy(s->stage, s->carry, s->n_carry);
		size_t m = s->n_carry;
		size_t got = want > m ? src_read(s, s->stage + m, want - m) : 0;
		m += got;
		bool last = got == 0;
		size_t o = convert(s, s->stage, m, buf, last);
		if (o || last)
			return o;
	}
}

const char *ng_instream_error(const ng_instream *s)
{
	return s->err;
}

uint64_t ng_instream_raw_bytes(const ng_instream *s)
{
	return s->raw_bytes;
}

void ng_instream_close(ng_instream *s)
{
	if (!s)
		return;
	z_stop(s);
	ng_free(s->in);
	ng_free(s->back);
	ng_free(s->stage);
	ng_free(s);
}
