#ifndef COMITY_CLIBXML2_SHIM_H
#define COMITY_CLIBXML2_SHIM_H

/* xmlversion.h must come first so the ICU switch can be turned off before the
   other headers see it: Debian builds libxml2 with ICU, and its ICU
   declarations clash with the copy Foundation ships ("'UErrorCode' has
   different definitions"). Comity never uses libxml2's ICU encoders. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlschemas.h>

/* Swift 6 refuses to touch the global function pointer `xmlFree` (shared
   mutable state), so memory libxml2 hands out is released through here. */
static inline void comity_xml_free(void *pointer) {
    xmlFree(pointer);
}

/* The dotted version of the libxml2 headers Comity was compiled against. */
static inline const char *comity_libxml_dotted_version(void) {
    return LIBXML_DOTTED_VERSION;
}

#endif
