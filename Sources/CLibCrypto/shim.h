#ifndef KARTA_CLIBCRYPTO_SHIM_H
#define KARTA_CLIBCRYPTO_SHIM_H
// OpenSSL's libcrypto, for SHA-256 of input and output files (EVP digest API).
#include <openssl/evp.h>
#endif
