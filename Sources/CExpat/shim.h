#ifndef CTBULK_CEXPAT_SHIM_H
#define CTBULK_CEXPAT_SHIM_H
#include <expat.h>
#include <stddef.h>

/* glibc's memmem and memrchr (GNU extensions, which Swift's Glibc module leaves out): ctbulk finds where to cut an
 * .xlsx sheet's XML between rows with them. */
extern void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);
extern void *memrchr(const void *s, int c, size_t n);

static inline const void *ctbulk_memmem(const void *haystack, size_t haystack_length, const void *needle,
                                        size_t needle_length) {
  return memmem(haystack, haystack_length, needle, needle_length);
}

static inline const void *ctbulk_memrchr(const void *bytes, int byte, size_t length) {
  return memrchr(bytes, byte, length);
}
#endif
