/*
** sha256.c -- SHA-256 (FIPS 180-4), used for the content hash that
** identifies an article in the store. Written from the standard: a plain,
** portable compression function, and on x86-64 processors with the SHA
** extensions one built on their instructions (SHA256RNDS2, SHA256MSG1/2),
** chosen at run time. The store hashes every article's text in its single
** writer thread, so the hash is on the ingest's critical path: the SHA
** instructions take it from ~4% of the store's CPU time to a fraction of
** one. tests/unit/test_sha256.c checks both against the standard's vectors
** and against each other.
*/
#include <stdatomic.h>
#include <string.h>

#include "store/store_int.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define NG_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t ror(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

static void block_portable(uint32_t *hs, const unsigned char *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = hs[0], b = hs[1], cc = hs[2], d = hs[3];
	uint32_t e = hs[4], f = hs[5], g = hs[6], h = hs[7];
	for (int i = 0; i < 64; i++) {
		uint32_t S1 = ror(e, 6) ^ ror(e, 11) ^ ror(e, 25);
		uint32_t ch = (e & f) ^ (~e & g);
		uint32_t t1 = h + S1 + ch + K[i] + w[i];
		uint32_t S0 = ror(a, 2) ^ ror(a, 13) ^ ror(a, 22);
		uint32_t maj = (a & b) ^ (a & cc) ^ (b & cc);
		uint32_t t2 = S0 + maj;
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = cc;
		cc = b;
		b = a;
		a = t1 + t2;
	}
	hs[0] += a;
	hs[1] += b;
	hs[2] += cc;
	hs[3] += d;
	hs[4] += e;
	hs[5] += f;
	hs[6] += g;
	hs[7] += h;
}

#ifdef NG_SHA_NI
/* The same compression with the SHA extensions. The state is kept as two
** vectors, ABEF and CDGH, the order SHA256RNDS2 works on; each round group
** does four rounds with four message words plus their constants, and
** groups 4..15 make their words from the four groups before them (the
** message schedule of FIPS 180-4, 6.2.2 step 1, four words at a time). */
__attribute__((target("sha,sse4.1"))) static void block_ni(uint32_t *hs, const unsigned char *p)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i dcba = _mm_loadu_si128((const __m128i *)(const void *)&hs[0]);
	__m128i hgfe = _mm_loadu_si128((const __m128i *)(const void *)&hs[4]);
	__m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
	__m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
	__m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
	__m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
	const __m128i abef0 = abef, cdgh0 = cdgh;
	__m128i w[4];
	for (int g = 0; g < 16; g++) {
		__m128i m;
		if (g < 4) {
			m = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16 * g)),
					     bswap);
		} else {
			m = _mm_sha256msg1_epu32(w[g & 3], w[(g + 1) & 3]);
			m = _mm_add_epi32(m, _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4));
			m = _mm_sha256msg2_epu32(m, w[(g + 3) & 3]);
		}
		w[g & 3] = m;
		__m128i k = _mm_add_epi32(m, _mm_loadu_si128((const __m128i *)(const void *)&K[4 * g]));
		cdgh = _mm_sha256rnds2_epu32(cdgh, abef, k);
		/* two rounds give the new ABEF (held in `cdgh` for a moment), and
		** the old ABEF is the new CDGH; two more put both back in place */
		k = _mm_shuffle_epi32(k, 0x0E);
		abef = _mm_sha256rnds2_epu32(abef, cdgh, k);
	}
	abef = _mm_add_epi32(abef, abef0);
	cdgh = _mm_add_epi32(cdgh, cdgh0);
	__m128i feba = _mm_shuffle_epi32(abef, 0x1B);
	__m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
	_mm_storeu_si128((__m128i *)(void *)&hs[0], _mm_blend_epi16(feba, dchg, 0xF0));
	_mm_storeu_si128((__m128i *)(void *)&hs[4], _mm_alignr_epi8(dchg, feba, 8));
}

/* 1 when the processor has the SHA extensions (CPUID leaf 7, EBX bit 29),
** 0 when not, -1 before the first look */
static atomic_int have_ni = -1;

static int sha_ni(void)
{
	int v = atomic_load_explicit(&have_ni, memory_order_relaxed);
	if (v < 0) {
		unsigned a, b, c, d;
		v = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b >> 29 & 1u);
		atomic_store_explicit(&have_ni, v, memory_order_relaxed);
	}
	return v;
}
#endif

bool ng_sha256_accelerated(bool portable)
{
#ifdef NG_SHA_NI
	atomic_store(&have_ni, portable ? 0 : -1);
	return sha_ni() != 0;
#else
	(void)portable;
	return false;
#endif
}

static void block(ng_sha256 *c, const unsigned char *p)
{
#ifdef NG_SHA_NI
	if (sha_ni()) {
		block_ni(c->h, p);
		return;
	}
#endif
	block_portable(c->h, p);
}

void ng_sha256_init(ng_sha256 *c)
{
	static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	memcpy(c->h, h0, sizeof h0);
	c->len = 0;
	c->n = 0;
}

void ng_sha256_update(ng_sha256 *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	c->len += len;
	if (c->n) {
		size_t take = 64 - c->n < len ? 64 - c->n : len;
		memcpy(c->buf + c->n, p, take);
		c->n += take;
		p += take;
		len -= take;
		if (c->n < 64)
			return;
		block(c, c->buf);
		c->n = 0;
	}
	while (len >= 64) {
		block(c, p);
		p += 64;
		len -= 64;
	}
	memcpy(c->buf, p, len);
	c->n = len;
}

void ng_sha256_final(ng_sha256 *c, unsigned char out[32])
{
	uint64_t bits = c->len * 8;
	unsigned char pad[72] = {0x80};
	size_t padlen = (c->n < 56) ? 56 - c->n : 120 - c->n;
	ng_sha256_update(c, pad, padlen);
	unsigned char lenb[8];
	for (int i = 0; i < 8; i++)
		lenb[i] = (unsigned char)(bits >> (56 - 8 * i));
	ng_sha256_update(c, lenb, 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}
