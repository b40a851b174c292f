#ifndef KARTA_CLIBCSV_SHIM_H
#define KARTA_CLIBCSV_SHIM_H
#include <csv.h>

/* Space functions for csv_set_space_func, in C so that libcsv's per-byte call stays cheap.
 * karta_csv_no_space: no byte is a space, unquoted fields keep their blanks (karta's default).
 * karta_csv_blank_space: blanks and tabs around unquoted fields are trimmed (libcsv's default). */
static inline int karta_csv_no_space(unsigned char c) {
    (void)c;
    return 0;
}

static inline int karta_csv_blank_space(unsigned char c) {
    return c == ' ' || c == '\t';
}
#endif
