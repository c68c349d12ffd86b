/*
** test_sha256.c -- the store's SHA-256 (src/store/sha256.c): the example
** digests of FIPS 180-4 / the NIST examples ("abc", the empty message, the
** 448- and 896-bit messages, a million 'a'), fed whole and in uneven
** pieces, through the portable compression and, where the processor has the
** SHA extensions, through those; and both paths agree on every length from
** 0 to 300 bytes of pseudo-random data (every padding case).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/store_int.h"

static void hex(const unsigned char d[32], char out[65])
{
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* digest of `msg` repeated `reps` times, fed in pieces of `step` bytes */
static void digest(const char *msg, size_t reps, size_t step, char out[65])
{
	ng_sha256 c;
	ng_sha256_init(&c);
	size_t len = strlen(msg);
	for (size_t r = 0; r < reps; r++)
		for (size_t i = 0; i < len; i += step)
			ng_sha256_update(&c, msg + i, len - i < step ? len - i : step);
	unsigned char d[32];
	ng_sha256_final(&c, d);
	hex(d, out);
}

static const struct {
	const char *msg;
	size_t reps;
	const char *want;
} vectors[] = {
	{"abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	{"", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
	 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	{"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr"
	 "lmnopqrsmnopqrstnopqrstu",
	 1, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
	{"aaaaaaaaaa", 100000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
};

static void check_vectors(void)
{
	static const size_t steps[] = {1, 3, 64, 65, 1000};
	char got[65];
	for (size_t v = 0; v < sizeof vectors / sizeof vectors[0]; v++)
		for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
			if (vectors[v].reps > 1 && steps[s] < 10)
				continue; /* a million one-byte calls: slow under ASan, no new case */
			digest(vectors[v].msg, vectors[v].reps, steps[s], got);
			if (strcmp(got, vectors[v].want) != 0)
				fail_msg("vector %zu, pieces of %zu: got %s, want %s", v, steps[s], got,
					 vectors[v].want);
		}
}

static void test_portable(void **state)
{
	(void)state;
	assert_false(ng_sha256_accelerated(true));
	check_vectors();
	(void)ng_sha256_accelerated(false);
}

static void test_accelerated(void **state)
{
	(void)state;
	if (!ng_sha256_accelerated(false))
		skip(); /* no SHA extensions here: the portable path is all there is */
	check_vectors();
}

static void test_paths_agree(void **state)
{
	(void)state;
	unsigned char data[300];
	uint32_t x = 2463534242u;
	for (size_t i = 0; i < sizeof data; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		data[i] = (unsigned char)x;
	}
	for (size_t n = 0; n <= sizeof data; n++) {
		unsigned char d[2][32];
		for (int k = 0; k < 2; k++) {
			(void)ng_sha256_accelerated(k == 0);
			ng_sha256 c;
			ng_sha256_init(&c);
			ng_sha256_update(&c, data, n);
			ng_sha256_final(&c, d[k]);
		}
		if (memcmp(d[0], d[1], 32) != 0)
			fail_msg("the two compressions differ on %zu bytes", n);
	}
	(void)ng_sha256_accelerated(false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_portable),
		cmocka_unit_test(test_accelerated),
		cmocka_unit_test(test_paths_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
