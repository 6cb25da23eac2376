#include "memorypolicy.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace ConsoleMemory
{
    void returnLargeBlocksToTheSystem()
    {
#ifdef __GLIBC__
        // Fixing the threshold also stops glibc from raising it later.
        constexpr int largeBlockBytes = 1024 * 1024;
        mallopt(M_MMAP_THRESHOLD, largeBlockBytes);
#endif
    }
} // namespace ConsoleMemory
