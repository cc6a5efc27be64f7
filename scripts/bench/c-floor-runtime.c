/* The physical floor for a Lambda custom runtime: a C loop that echoes each event.
 * One keep-alive socket, no parsing beyond what framing needs. Used by bench.sh only. */
#define _GNU_SOURCE
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

static char buf[1 << 20];

static int connect_api(const char *endpoint) {
  char host[256];
  const char *colon = strrchr(endpoint, ':');
  snprintf(host, sizeof host, "%.*s", (int)(colon - endpoint), endpoint);
  struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res;
  if (getaddrinfo(host, colon + 1, &hints, &res) != 0) return -1;
  int fd = socket(res->ai_family, SOCK_STREAM, 0);
  if (connect(fd, res->ai_addr, res->ai_addrlen) != 0) return -1;
  freeaddrinfo(res);
  return fd;
}

/* Reads one response; returns body length, body at *body, request id copied to id. */
static long read_response(int fd, char **body, char *id) {
  long have = 0;
  char *end = NULL;
  while (!(end = memmem(buf, have, "\r\n\r\n", 4))) {
    long n = read(fd, buf + have, sizeof buf - have);
    if (n <= 0) exit(1);
    have += n;
  }
  long length = 0;
  for (char *line = strstr(buf, "\r\n") + 2; line < end; line = strstr(line, "\r\n") + 2) {
    if (!strncasecmp(line, "Content-Length:", 15)) length = atol(line + 15);
    if (id && !strncasecmp(line, "Lambda-Runtime-Aws-Request-Id:", 30))
      sscanf(line + 30, " %127[^\r]", id);
  }
  long head = end + 4 - buf;
  while (have < head + length) {
    long n = read(fd, buf + have, sizeof buf - have);
    if (n <= 0) exit(1);
    have += n;
  }
  *body = buf + head;
  return length;
}

int main(void) {
  const char *api = getenv("AWS_LAMBDA_RUNTIME_API");
  int fd = connect_api(api);
  if (fd < 0) return 1;
  static char request[1 << 20];
  for (;;) {
    char id[128] = {0}, *body;
    int n = snprintf(request, sizeof request,
                     "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: %s\r\n\r\n", api);
    write(fd, request, n);
    long length = read_response(fd, &body, id);
    n = snprintf(request, sizeof request,
                 "POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\nHost: %s\r\n"
                 "Content-Length: %ld\r\n\r\n", id, api, length);
    memcpy(request + n, body, length);
    write(fd, request, n + length);
    read_response(fd, &body, NULL);
  }
}
