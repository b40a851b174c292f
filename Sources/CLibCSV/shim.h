#ifndef KARTA_CLIBCSV_SHIM_H
#define KARTA_CLIBCSV_SHIM_H
#include <csv.h>
#endif
