#include "imagereader.h"
