// libcurl through dlopen: types and constants from Debian's libcurl4-openssl-dev headers,
// functions resolved at run time by lee_curl_load(). Nothing links libcurl, so a process
// that never calls upstream never pays its ~7 ms / ~7 MiB. The wrappers also give Swift
// non-variadic setopt/getinfo, which it cannot call directly.
#ifndef LEE_CCURL_H
#define LEE_CCURL_H

#include <curl/curl.h>
#include <stddef.h>

/// Loads libcurl (libcurl.so.4 unless `path` is given) and runs curl_global_init once.
/// Returns 0 on success; otherwise writes a reason into `error`. Safe to call again.
int lee_curl_load(const char *path, char *error, size_t error_size);

CURL *lee_curl_easy_init(void);
void lee_curl_easy_cleanup(CURL *handle);
void lee_curl_easy_reset(CURL *handle);
CURLcode lee_curl_easy_perform(CURL *handle);
const char *lee_curl_easy_strerror(CURLcode code);
CURLcode lee_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode lee_curl_setopt_pointer(CURL *handle, CURLoption option, const void *value);
CURLcode lee_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode lee_curl_getinfo_double(CURL *handle, CURLINFO info, double *value);
struct curl_slist *lee_curl_slist_append(struct curl_slist *list, const char *text);
void lee_curl_slist_free_all(struct curl_slist *list);
/// The loaded library's version string, e.g. "libcurl/7.88.1 OpenSSL/3.0.17".
const char *lee_curl_version(void);
/// The file a loaded library with this soname came from (NULL when none is loaded).
const char *lee_loaded_library_path(const char *soname);

#endif
