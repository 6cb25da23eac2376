#pragma once

#include <utility>

// OpenSSL keeps an error queue and random generators per thread and frees
// them from a thread-local destructor when the thread ends. Qt's pool threads
// are detached, so at exit the main thread can run OpenSSL's own cleanup
// (which deletes that destructor's key) while a pool thread that QThreadPool
// has already "joined" has not run its destructors yet: that thread's state
// is then never freed, and LeakSanitizer says so. A job that uses OpenSSL on
// a pool thread therefore gives its thread's state back when it ends.
namespace Firmware::OpenSsl
{
    // Frees the calling thread's OpenSSL state; OpenSSL makes it again on
    // the thread's next use. Harmless on a thread that never used OpenSSL.
    void releaseThreadState() noexcept;

    // `job`, wrapped to release its thread's OpenSSL state when it returns
    // (or throws): for QtConcurrent::run.
    template<typename Job>
    auto releasingThreadState(Job job)
    {
        return [job = std::move(job)]() mutable {
            struct Release final
            {
                Release() = default;
                Release(const Release &) = delete;
                Release &operator=(const Release &) = delete;
                ~Release() { releaseThreadState(); }
            } release;
            return job();
        };
    }
} // namespace Firmware::OpenSsl
