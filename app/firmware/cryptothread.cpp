#include "cryptothread.h"

#include <openssl/crypto.h>

namespace Firmware::OpenSsl
{
    void releaseThreadState() noexcept
    {
        OPENSSL_thread_stop();
    }
} // namespace Firmware::OpenSsl
