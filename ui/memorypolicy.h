#pragma once

namespace ConsoleMemory
{
    // How the console asks the C library to hand memory back. Called once,
    // first thing in main() (and by the console benchmark, so it measures
    // what users run). Without it, glibc raises its mmap threshold each
    // time a large block is freed: the next fleet listing's buffers (tens
    // of MB each at 100,000 devices) then come from the heap, and their
    // pages stay resident after the listing is read. A fixed threshold of
    // 1 MiB keeps such blocks mapped, so freeing them returns the memory.
    // Does nothing on other C libraries.
    void returnLargeBlocksToTheSystem();
} // namespace ConsoleMemory
