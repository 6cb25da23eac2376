#include "firmwareimage.h"
