/* libcsv_count FILE — the plain C peer of `karta-bench csv-read`: libcsv over the file in 1 MiB
 * chunks with counting callbacks (strict mode, no space trimming, as karta configures it).
 * Prints one JSON line like karta-bench: {"stage":"libcsv-c","bytes":N,"rows":N,"seconds":S}.
 * Build: cc -O2 -o libcsv_count bench/peers/libcsv_count.c -lcsv
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct counts {
    size_t fields;
    size_t rows;
    size_t field_bytes;
};

static void on_field(void *field, size_t length, void *data) {
    struct counts *c = data;
    (void)field;
    c->fields++;
    c->field_bytes += length;
}

static void on_row(int terminator, void *data) {
    struct counts *c = data;
    (void)terminator;
    c->rows++;
}

static int no_space(unsigned char c) {
    (void)c;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: libcsv_count FILE [DELIMITER]\n");
        return 2;
    }
    unsigned char delimiter = argc > 2 ? (unsigned char)argv[2][0] : ';';
    FILE *file = fopen(argv[1], "rb");
    if (!file) {
        perror(argv[1]);
        return 1;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_delim(&parser, delimiter);
    csv_set_space_func(&parser, no_space);
    struct counts counts = {0, 0, 0};
    static char buffer[1 << 20];
    size_t bytes = 0, n, errors = 0;
    while ((n = fread(buffer, 1, sizeof buffer, file)) > 0) {
        size_t done = 0;
        while (done < n) {
            done += csv_parse(&parser, buffer + done, n - done, on_field, on_row, &counts);
            if (done < n) { /* a strict-mode error: count it, start over after the bad byte */
                errors++;
                csv_free(&parser);
                csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
                csv_set_delim(&parser, delimiter);
                csv_set_space_func(&parser, no_space);
                done++;
            }
        }
        bytes += n;
    }
    if (csv_fini(&parser, on_field, on_row, &counts) != 0) errors++;
    csv_free(&parser);
    fclose(file);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    printf("{\"stage\":\"libcsv-c\",\"bytes\":%zu,\"rows\":%zu,\"seconds\":%.6f,"
           "\"extra\":{\"fields\":\"%zu\",\"field_bytes\":\"%zu\",\"errors\":\"%zu\"}}\n",
           bytes, counts.rows, seconds, counts.fields, counts.field_bytes, errors);
    return 0;
}
