#ifndef CTBULK_ZLIB_SHIM_H
#define CTBULK_ZLIB_SHIM_H
#include <zlib.h>
#endif
