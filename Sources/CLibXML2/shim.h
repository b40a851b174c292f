#ifndef KARTA_CLIBXML2_SHIM_H
#define KARTA_CLIBXML2_SHIM_H
// xmlversion.h first, then drop ICU: its types (UErrorCode) clash with Foundation's ICU when both
// are imported into one Swift module.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>
#include <libxml/encoding.h>
#include <libxml/xmlwriter.h>
#endif
