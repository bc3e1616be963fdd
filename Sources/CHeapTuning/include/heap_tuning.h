#ifndef COMITY_HEAP_TUNING_H
#define COMITY_HEAP_TUNING_H

/// Asks the C library to keep freed heap memory for reuse rather than return it to the
/// system at once. Does nothing where the C library offers no such setting.
void comity_keep_freed_memory(void);

#endif
