#include "imageerror.h"
