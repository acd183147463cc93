/*
 * disk-write - writes /data/disk-write.txt in 64 KiB chunks of "d" until a write fails or
 * ?kb=N KiB are written, then answers 200 text/plain
 *
 *   wrote <bytes>, then <strerror of the failed write>     or     wrote <bytes>
 *
 * and removes the file, unless ?keep=1. A bad query answers 400 text/plain starting with
 * "usage: ".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../misbehaving/tw.h"

#define CHUNK 65536

static char chunk[CHUNK];

int main(void) {
    tw_request r;
    tw_read_request(&r, "disk-write");
    unsigned long long kb = 1ULL << 30;
    unsigned long long keep = 0;
    if (tw_query_uint(r.url, "kb", 1ULL << 30, &kb) < 0 || tw_query_uint(r.url, "keep", 1, &keep) < 0) {
        static const char usage[] = "usage: ?kb=N (up to 2^30) &keep=0|1";
        return tw_answer(&r, 400, "text/plain", usage, sizeof usage - 1) == 0 ? 0 : 1;
    }
    memset(chunk, 'd', sizeof chunk);
    int fd = open("/data/disk-write.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    unsigned long long wanted = kb * 1024;
    unsigned long long written = 0;
    int failure = fd < 0 ? errno : 0;
    while (fd >= 0 && written < wanted) {
        size_t part = wanted - written < CHUNK ? (size_t)(wanted - written) : CHUNK;
        ssize_t put = write(fd, chunk, part);
        if (put < 0) {
            failure = errno;
            break;
        }
        written += (unsigned long long)put;
    }
    if (fd >= 0) close(fd);
    if (!keep) unlink("/data/disk-write.txt");
    char answer[160];
    int len = failure ? snprintf(answer, sizeof answer, "wrote %llu, then %s", written, strerror(failure))
                      : snprintf(answer, sizeof answer, "wrote %llu", written);
    return tw_answer(&r, 200, "text/plain", answer, (size_t)len) == 0 ? 0 : 1;
}
