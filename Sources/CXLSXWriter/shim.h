#ifndef CTBULK_CXLSXWRITER_SHIM_H
#define CTBULK_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
