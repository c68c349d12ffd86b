/*
** sort.h -- a typed in-place sort, for hot paths where qsort()'s call through
** a function pointer per comparison (and glibc's merge sort with its scratch
** allocation) costs more than the work around it.
**
**   NG_SORT_DEFINE(name, T, less)
**
** defines `static void name(T *v, size_t n)`, which sorts v[0..n) ascending
** by `less(const T *a, const T *b)` (true when a orders before b; it must be
** a strict weak order). The sort is an introsort: quicksort with a median of
** three pivot, insertion sort below 16 elements, and heapsort for a part
** that recursion has split more than 2 log2 n times, so the worst case stays
** O(n log n). It is not stable: use it where equal elements are
** interchangeable (same key, or summed afterwards).
*/
#ifndef NG_SORT_H
#define NG_SORT_H

#include <stddef.h>

#define NG_SORT_DEFINE(name, T, less)                                                   \
	static inline void name##_swap(T *a, T *b)                                      \
	{                                                                               \
		T t = *a;                                                               \
		*a = *b;                                                                \
		*b = t;                                                                 \
	}                                                                               \
	static void name##_insertion(T *v, size_t n)                                    \
	{                                                                               \
		for (size_t i = 1; i < n; i++) {                                        \
			T x = v[i];                                                     \
			size_t j = i;                                                   \
			for (; j > 0 && less(&x, &v[j - 1]); j--)                       \
				v[j] = v[j - 1];                                        \
			v[j] = x;                                                       \
		}                                                                       \
	}                                                                               \
	static void name##_sift(T *v, size_t root, size_t n)                            \
	{                                                                               \
		for (;;) {                                                              \
			size_t c = 2 * root + 1;                                        \
			if (c >= n)                                                     \
				return;                                                 \
			if (c + 1 < n && less(&v[c], &v[c + 1]))                        \
				c++;                                                    \
			if (!less(&v[root], &v[c]))                                     \
				return;                                                 \
			name##_swap(&v[root], &v[c]);                                   \
			root = c;                                                       \
		}                                                                       \
	}                                                                               \
	static void name##_heap(T *v, size_t n)                                         \
	{                                                                               \
		for (size_t i = n / 2; i-- > 0;)                                        \
			name##_sift(v, i, n);                                           \
		for (size_t end = n; end > 1; end--) {                                  \
			name##_swap(&v[0], &v[end - 1]);                                \
			name##_sift(v, 0, end - 1);                                     \
		}                                                                       \
	}                                                                               \
	static void name##_intro(T *v, size_t n, unsigned depth)                        \
	{                                                                               \
		while (n > 16) {                                                        \
			if (depth-- == 0) {                                             \
				name##_heap(v, n);                                      \
				return;                                                 \
			}                                                               \
			/* median of v[0], v[m], v[n-1] into v[m] (m < n - 1) */        \
			size_t m = n / 2;                                               \
			if (less(&v[m], &v[0]))                                         \
				name##_swap(&v[m], &v[0]);                              \
			if (less(&v[n - 1], &v[m])) {                                   \
				name##_swap(&v[n - 1], &v[m]);                          \
				if (less(&v[m], &v[0]))                                 \
					name##_swap(&v[m], &v[0]);                      \
			}                                                               \
			/* Hoare's partition around the pivot's value: it stops on  \
			** equal keys, so runs of equal keys split evenly */         \
			T p = v[m];                                                     \
			size_t i = 0, j = n - 1;                                        \
			for (;;) {                                                      \
				while (less(&v[i], &p))                                 \
					i++;                                            \
				while (less(&p, &v[j]))                                 \
					j--;                                            \
				if (i >= j)                                             \
					break;                                          \
				name##_swap(&v[i], &v[j]);                              \
				i++;                                                    \
				j--;                                                    \
			}                                                               \
			/* v[0..j] <= p <= v[j+1..n), both sides non-empty: recurse  \
			** into the smaller, loop on the larger (stack depth log n) */ \
			size_t left = j + 1;                                            \
			if (left < n - left) {                                          \
				name##_intro(v, left, depth);                           \
				v += left;                                              \
				n -= left;                                              \
			} else {                                                        \
				name##_intro(v + left, n - left, depth);                \
				n = left;                                               \
			}                                                               \
		}                                                                       \
		name##_insertion(v, n);                                                 \
	}                                                                               \
	static void name(T *v, size_t n)                                                \
	{                                                                               \
		unsigned depth = 0;                                                     \
		for (size_t k = n; k > 1; k >>= 1)                                      \
			depth += 2;                                                     \
		name##_intro(v, n, depth);                                              \
	}

#endif
