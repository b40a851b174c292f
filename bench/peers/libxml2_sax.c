/* libxml2_sax.c — the plain C peer of karta-bench's xml-read stage: libxml2's SAX2 push parser
 * over a file in 256 KiB chunks, with counting callbacks and the same options karta uses
 * (XML_PARSE_NONET). Counts the elements named RECORD (default "Service") as rows and prints one
 * JSON line like karta-bench: {"stage":"libxml2-sax-c","bytes":N,"rows":N,"seconds":S}
 *
 * build: cc -O2 -o libxml2_sax libxml2_sax.c $(pkg-config --cflags --libs libxml-2.0)
 * usage: libxml2_sax FILE [RECORD]
 */
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

struct counts {
    const xmlChar *record;
    long rows, elements, attributes, text;
};

static void start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                          int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                          const xmlChar **attributes) {
    struct counts *c = ctx;
    c->elements++;
    c->attributes += nb_attributes;
    if (xmlStrEqual(localname, c->record)) c->rows++;
}

static void characters(void *ctx, const xmlChar *ch, int len) { ((struct counts *)ctx)->text += len; }

static void silent(void *ctx, xmlErrorPtr error) {}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: libxml2_sax FILE [RECORD]\n");
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 1; }
    struct counts counts = {0};
    counts.record = (const xmlChar *)(argc > 2 ? argv[2] : "Service");
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start_element;
    sax.characters = characters;
    sax.serror = silent;

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    static char buffer[256 * 1024];
    size_t n = fread(buffer, 1, 4, file);
    long long bytes = (long long)n;
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, &counts, buffer, (int)n, argv[1]);
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
    int status = 0;
    while ((n = fread(buffer, 1, sizeof buffer, file)) > 0) {
        bytes += (long long)n;
        if ((status = xmlParseChunk(ctxt, buffer, (int)n, 0)) != 0) break;
    }
    if (status == 0) status = xmlParseChunk(ctxt, NULL, 0, 1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    xmlFreeParserCtxt(ctxt);
    fclose(file);
    if (status != 0) { fprintf(stderr, "libxml2_sax: parse error %d\n", status); return 1; }
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("{\"bytes\":%lld,\"rows\":%ld,\"seconds\":%f,\"stage\":\"libxml2-sax-c\"}\n", bytes, counts.rows, seconds);
    return 0;
}
