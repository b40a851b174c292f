/* libcsv_count FILE [DELIM] — the ceiling for karta's CSV reader: a plain C loop that feeds the
 * file to libcsv in 1 MiB blocks and counts records and fields, nothing else.
 * Prints one JSON line like karta-bench: {"stage":"libcsv-count","bytes":N,"rows":N,"seconds":S}. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct counts { size_t records, fields; };

static void on_field(void *field, size_t length, void *data) {
    (void)field; (void)length;
    ((struct counts *)data)->fields++;
}

static void on_record(int terminator, void *data) {
    (void)terminator;
    ((struct counts *)data)->records++;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: libcsv_count FILE [DELIM]\n"); return 2; }
    unsigned char delimiter = argc > 2 ? (unsigned char)argv[2][0] : ';';
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 1; }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    struct csv_parser parser;
    if (csv_init(&parser, 0) != 0) { fprintf(stderr, "csv_init failed\n"); return 1; }
    csv_set_delim(&parser, delimiter);
    struct counts counts = {0, 0};
    static char block[1 << 20];
    size_t got, total = 0;
    while ((got = fread(block, 1, sizeof block, file)) > 0) {
        total += got;
        if (csv_parse(&parser, block, got, on_field, on_record, &counts) != got) {
            fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&parser)));
            return 1;
        }
    }
    csv_fini(&parser, on_field, on_record, &counts);
    csv_free(&parser);
    fclose(file);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("{\"bytes\":%zu,\"fields\":%zu,\"rows\":%zu,\"seconds\":%.6f,\"stage\":\"libcsv-count\"}\n",
           total, counts.fields, counts.records, seconds);
    return 0;
}
