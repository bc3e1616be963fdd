#include "heap_tuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void comity_keep_freed_memory(void) {
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
#endif
}
