#define _GNU_SOURCE
#include "CCurl.h"

#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static struct {
  CURLcode (*global_init)(long);
  CURL *(*easy_init)(void);
  void (*easy_cleanup)(CURL *);
  void (*easy_reset)(CURL *);
  CURLcode (*easy_perform)(CURL *);
  const char *(*easy_strerror)(CURLcode);
  CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
  CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
  struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
  void (*slist_free_all)(struct curl_slist *);
  char *(*version)(void);
} api;

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static int loaded = 0;

#define RESOLVE(field, symbol)                                                   \
  do {                                                                           \
    *(void **)(&api.field) = dlsym(library, symbol);                             \
    if (api.field == NULL) {                                                     \
      snprintf(error, error_size, "libcurl lacks %s", symbol);                   \
      goto fail;                                                                 \
    }                                                                            \
  } while (0)

/* What the bundled libcurl links beyond glibc, dependencies first (scripts/package.sh
   puts them in lib/). Lambda's LD_LIBRARY_PATH searches /lib64 and /usr/lib64 before
   /var/task/lib, so left to the loader libcurl would get the runtime image's copies, not
   the ones it was built and tested with. Loaded first by path, the bundled copies are the
   ones libcurl's NEEDED entries resolve to: the loader matches a loaded library by its
   soname before it searches any path. */
static const char *const bundled_dependencies[] = {"libz.so.1", "libcrypto.so.3",
                                                   "libssl.so.3"};

/* The libcurl in lib/ beside the executable (the deployment zip bundles one) with the
   libraries bundled with it, else the system's. */
static void *open_default(void) {
  char bundled[4096];
  ssize_t length = readlink("/proc/self/exe", bundled, sizeof bundled - 64);
  if (length > 0) {
    bundled[length] = 0;
    char *slash = strrchr(bundled, '/');
    if (slash != NULL) {
      strcpy(slash + 1, "lib/libcurl.so.4");
      if (access(bundled, R_OK) == 0) {
        for (size_t index = 0; index < sizeof bundled_dependencies / sizeof *bundled_dependencies;
             index++) {
          snprintf(slash + 1, sizeof bundled - (size_t)(slash + 1 - bundled), "lib/%s",
                   bundled_dependencies[index]);
          if (access(bundled, R_OK) == 0) dlopen(bundled, RTLD_NOW | RTLD_LOCAL);
        }
        strcpy(slash + 1, "lib/libcurl.so.4");
        void *library = dlopen(bundled, RTLD_NOW | RTLD_LOCAL);
        if (library != NULL) return library;
      }
    }
  }
  return dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
}

int lee_curl_load(const char *path, char *error, size_t error_size) {
  pthread_mutex_lock(&load_lock);
  if (loaded) {
    pthread_mutex_unlock(&load_lock);
    return 0;
  }
  void *library = path ? dlopen(path, RTLD_NOW | RTLD_LOCAL) : open_default();
  if (library == NULL) {
    snprintf(error, error_size, "cannot load libcurl: %s", dlerror());
    pthread_mutex_unlock(&load_lock);
    return -1;
  }
  RESOLVE(global_init, "curl_global_init");
  RESOLVE(easy_init, "curl_easy_init");
  RESOLVE(easy_cleanup, "curl_easy_cleanup");
  RESOLVE(easy_reset, "curl_easy_reset");
  RESOLVE(easy_perform, "curl_easy_perform");
  RESOLVE(easy_strerror, "curl_easy_strerror");
  RESOLVE(easy_setopt, "curl_easy_setopt");
  RESOLVE(easy_getinfo, "curl_easy_getinfo");
  RESOLVE(slist_append, "curl_slist_append");
  RESOLVE(slist_free_all, "curl_slist_free_all");
  RESOLVE(version, "curl_version");
  if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    snprintf(error, error_size, "curl_global_init failed");
    goto fail;
  }
  loaded = 1;
  pthread_mutex_unlock(&load_lock);
  return 0;
fail:
  dlclose(library);
  pthread_mutex_unlock(&load_lock);
  return -1;
}

CURL *lee_curl_easy_init(void) { return api.easy_init(); }
void lee_curl_easy_cleanup(CURL *handle) { api.easy_cleanup(handle); }
void lee_curl_easy_reset(CURL *handle) { api.easy_reset(handle); }
CURLcode lee_curl_easy_perform(CURL *handle) { return api.easy_perform(handle); }
const char *lee_curl_easy_strerror(CURLcode code) { return api.easy_strerror(code); }

CURLcode lee_curl_setopt_long(CURL *handle, CURLoption option, long value) {
  return api.easy_setopt(handle, option, value);
}

CURLcode lee_curl_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
  return api.easy_setopt(handle, option, value);
}

CURLcode lee_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return api.easy_getinfo(handle, info, value);
}

CURLcode lee_curl_getinfo_double(CURL *handle, CURLINFO info, double *value) {
  return api.easy_getinfo(handle, info, value);
}

struct curl_slist *lee_curl_slist_append(struct curl_slist *list, const char *text) {
  return api.slist_append(list, text);
}

void lee_curl_slist_free_all(struct curl_slist *list) { api.slist_free_all(list); }

const char *lee_curl_version(void) { return loaded ? api.version() : "not loaded"; }

const char *lee_loaded_library_path(const char *soname) {
  void *handle = dlopen(soname, RTLD_LAZY | RTLD_NOLOAD);
  if (handle == NULL) return NULL;
  struct link_map *map = NULL;
  const char *path = dlinfo(handle, RTLD_DI_LINKMAP, &map) == 0 && map ? map->l_name : NULL;
  dlclose(handle); /* it stays loaded: NOLOAD only took another reference */
  return path;
}
