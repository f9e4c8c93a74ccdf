#ifndef CTBULK_CLIBCSV_SHIM_H
#define CTBULK_CLIBCSV_SHIM_H
#include <stdio.h>
#include <csv.h>
#endif
