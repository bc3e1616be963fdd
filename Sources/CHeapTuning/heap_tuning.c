#include "heap_tuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void comity_keep_freed_memory(void) {
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
    /* Setting the trim threshold fixes the mmap threshold at 128 KB; blocks of a few megabytes
       (a chunk of encoded findings) would then each be fresh pages from the system. */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}
