// Being written: Secure Boot V2 sector parsing and verification.
#include "securebootv2.h"
