/*
 * open-files - opens files in the folder mounted at /data, keeping each open, until an
 * open fails or ?max=N files are open, then closes them all and answers 200 text/plain
 *
 *   opened <n>, then <strerror of the failed open>     or     opened <n>
 *
 * The files are /data/open-files-<i>.txt, created empty and removed again before the
 * answer. ?leave=1 leaves them open (and in place): the host closes what a run left open.
 * A bad query answers 400 text/plain starting with "usage: ".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../misbehaving/tw.h"

#define MAX_FILES 100000

static int fds[MAX_FILES];

int main(void) {
    tw_request r;
    tw_read_request(&r, "open-files");
    unsigned long long max = MAX_FILES;
    unsigned long long leave = 0;
    if (tw_query_uint(r.url, "max", MAX_FILES, &max) < 0 || tw_query_uint(r.url, "leave", 1, &leave) < 0) {
        static const char usage[] = "usage: ?max=N (up to 100000) &leave=0|1";
        return tw_answer(&r, 400, "text/plain", usage, sizeof usage - 1) == 0 ? 0 : 1;
    }
    char path[64];
    size_t opened = 0;
    int failure = 0;
    while (opened < max) {
        snprintf(path, sizeof path, "/data/open-files-%zu.txt", opened);
        int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
        if (fd < 0) {
            failure = errno;
            break;
        }
        fds[opened++] = fd;
    }
    if (!leave) {
        for (size_t i = 0; i < opened; i++) {
            close(fds[i]);
            snprintf(path, sizeof path, "/data/open-files-%zu.txt", i);
            unlink(path);
        }
    }
    char answer[160];
    int len = failure ? snprintf(answer, sizeof answer, "opened %zu, then %s", opened, strerror(failure))
                      : snprintf(answer, sizeof answer, "opened %zu", opened);
    return tw_answer(&r, 200, "text/plain", answer, (size_t)len) == 0 ? 0 : 1;
}
