#ifndef CTBULK_CEXPAT_SHIM_H
#define CTBULK_CEXPAT_SHIM_H
#include <expat.h>
#endif
