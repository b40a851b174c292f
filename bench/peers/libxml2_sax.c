/* libxml2_sax FILE [ELEMENT] — the ceiling for karta's XML reader: a plain C loop that pushes the
 * file through libxml2's SAX2 parser in 1 MiB blocks and counts the record elements (default
 * „Услуга") and their attributes. No entity expansion, no network.
 * Prints one JSON line like karta-bench: {"stage":"libxml2-sax","bytes":N,"rows":N,"seconds":S}. */
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

struct counts { const char *element; size_t records, attributes, elements; };

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes) {
    (void)prefix; (void)uri; (void)nb_namespaces; (void)namespaces; (void)nb_defaulted; (void)attributes;
    struct counts *counts = ((xmlParserCtxtPtr)ctx)->_private;
    counts->elements++;
    if (strcmp((const char *)localname, counts->element) == 0) {
        counts->records++;
        counts->attributes += (size_t)nb_attributes;
    }
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: libxml2_sax FILE [ELEMENT]\n"); return 2; }
    struct counts counts = {argc > 2 ? argv[2] : "Услуга", 0, 0, 0};
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 1; }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    xmlSAXHandler handler;
    memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = on_start;
    static char block[1 << 20];
    size_t got = fread(block, 1, 4, file), total = got;
    xmlParserCtxtPtr parser = xmlCreatePushParserCtxt(&handler, NULL, block, (int)got, argv[1]);
    if (!parser) { fprintf(stderr, "cannot create parser\n"); return 1; }
    xmlCtxtUseOptions(parser, XML_PARSE_NONET | XML_PARSE_HUGE);
    parser->_private = &counts;
    while ((got = fread(block, 1, sizeof block, file)) > 0) {
        total += got;
        if (xmlParseChunk(parser, block, (int)got, 0) != 0) break;
    }
    xmlParseChunk(parser, NULL, 0, 1);
    int well_formed = parser->wellFormed;
    xmlFreeParserCtxt(parser);
    fclose(file);
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (!well_formed) { fprintf(stderr, "%s: not well-formed\n", argv[1]); return 1; }
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("{\"bytes\":%zu,\"elements\":%zu,\"rows\":%zu,\"seconds\":%.6f,\"stage\":\"libxml2-sax\"}\n",
           total, counts.elements, counts.records, seconds);
    return 0;
}
