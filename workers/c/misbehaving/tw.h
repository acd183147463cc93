/*
 * tw.h - small helpers shared by the misbehaving test workers (workers/c/misbehaving/).
 * They sit on top of ../wws.h. Every test worker reads its request first, like a real
 * worker, so that the host sees a normal start before the misbehaviour.
 */
#ifndef TW_H
#define TW_H

#include <stddef.h>

#include "../wws.h"

typedef struct {
    char *input; /* the whole request document (NULL if stdin could not be read) */
    char *url;   /* its "url" field (NULL when missing) */
    char *kv;    /* the raw incoming "kv" object, given back unchanged ("{}" when missing) */
} tw_request;

/* Reads stdin and fills `r`. Never fails: a missing part stays NULL / "{}", and a note
 * goes to stderr. `name` prefixes the notes. */
void tw_read_request(tw_request *r, const char *name);

/* Parses the query parameter `name` as a decimal integer 0..max (digits only).
 * Returns 0 when absent (*out untouched), 1 when valid (*out set), -1 when invalid. */
int tw_query_uint(const char *url, const char *name, unsigned long long max,
                  unsigned long long *out);

/* Writes a text answer with one content-type header and the incoming kv.
 * Returns 0, or -1 if stdout failed. */
int tw_answer(const tw_request *r, long long status, const char *content_type,
              const char *body, size_t len);

/* Writes all `len` bytes to file descriptor `fd` (retrying partial writes).
 * Returns 0, or -1 (errno set) on the first failed write. */
int tw_write_all(int fd, const char *p, size_t len);

#endif /* TW_H */
