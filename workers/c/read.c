/*
 * /files/read - reads, lists or writes files in the folders mounted for this worker.
 * files/read.toml mounts ../_data (sample-app/workers/_data) at /data.
 *
 *   ?path=/data/message.txt          200, text/plain: the file's content
 *   ?list=/data                      200, text/plain: the entry names, sorted, one per line
 *   ?write=/data/out.txt&text=abc    200, text/plain: "wrote 3 bytes" (creates/truncates)
 *
 * Only the first of path, list, write that is present is used. Values are URL-decoded
 * ("%XX", and '+' for a space). Failures answer text/plain, and the worker never traps:
 *   404 "cannot open <path>: <strerror(errno)>"   the file or folder cannot be opened (a
 *       path outside every mount, "..", a symlink leading out, a missing file, a folder
 *       given to ?path or ?write, a file given to ?list, ...)
 *   413 "cannot read <path>: larger than 1048576 bytes"
 *   500 "cannot read <path>: ..." / "cannot write <path>: ..."   I/O error after opening
 *   400 the usage text, or "invalid <name>: contains %00"
 * Bytes that are not valid UTF-8 (in a file or an error message) are sent as U+FFFD, so
 * the output is always a valid document. This worker is also the probe the tests use to
 * check that a worker cannot reach outside its mounts: confinement is the host's job,
 * the worker only asks and reports.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wws.h"

#define MAX_FILE (1024 * 1024)

static char *kv; /* the incoming KV snapshot, given back unchanged */

/* ---- answers ---- */

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 if it is not valid. */
static size_t utf8_len(const unsigned char *s, size_t n) {
    unsigned char c = s[0];
    size_t len;
    unsigned cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1Fu; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0Fu; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07u; }
    else return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return 0;
    if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return 0;
    return len;
}

/* Writes the answer; invalid UTF-8 bytes become U+FFFD. */
static int answer(int status, const char *text, size_t len) {
    const wws_header headers[] = {{"content-type", "text/plain"}};
    wws_buf clean = {0};
    size_t i = 0;
    while (i < len) {
        size_t n = utf8_len((const unsigned char *)text + i, len - i);
        if (n) wws_buf_append(&clean, text + i, n);
        else wws_buf_append(&clean, "\xEF\xBF\xBD", 3);
        i += n ? n : 1;
    }
    int rc = -1;
    if (clean.failed) fputs("read: out of memory\n", stderr);
    else rc = wws_write_output(status, headers, 1, clean.data ? clean.data : "", clean.len, kv);
    wws_buf_free(&clean);
    return rc;
}

/* Answers "<what> <path>: <strerror(err)>". */
static int fail(int status, const char *what, const char *path, int err) {
    wws_buf msg = {0};
    wws_buf_puts(&msg, what);
    wws_buf_puts(&msg, " ");
    wws_buf_puts(&msg, path);
    wws_buf_puts(&msg, ": ");
    wws_buf_puts(&msg, strerror(err));
    int rc = msg.failed ? answer(500, "out of memory", 13) : answer(status, msg.data, msg.len);
    wws_buf_free(&msg);
    return rc;
}

/* ---- the three operations ---- */

static int read_file(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return fail(404, "cannot open", path, errno);
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return fail(404, "cannot open", path, EISDIR);
    }
    char *data = malloc(MAX_FILE + 1);
    if (!data) {
        close(fd);
        return answer(500, "out of memory", 13);
    }
    size_t len = 0;
    int err = 0;
    while (len <= MAX_FILE) {
        ssize_t got = read(fd, data + len, MAX_FILE + 1 - len);
        if (got < 0) {
            if (errno == EINTR) continue;
            err = errno;
            break;
        }
        if (got == 0) break;
        len += (size_t)got;
    }
    close(fd);
    int rc;
    if (err) {
        rc = fail(500, "cannot read", path, err);
    } else if (len > MAX_FILE) {
        wws_buf msg = {0};
        wws_buf_puts(&msg, "cannot read ");
        wws_buf_puts(&msg, path);
        wws_buf_puts(&msg, ": larger than 1048576 bytes");
        rc = msg.failed ? answer(500, "out of memory", 13) : answer(413, msg.data, msg.len);
        wws_buf_free(&msg);
    } else {
        rc = answer(200, data, len);
    }
    free(data);
    return rc;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_dir(const char *path) {
    DIR *dir = opendir(path);
    if (!dir) return fail(404, "cannot open", path, errno);
    char **names;
    size_t count;
    int err = wws_read_dir(dir, &names, &count);
    int rc;
    if (err) {
        rc = fail(500, "cannot read", path, err);
    } else {
        if (count) qsort(names, count, sizeof *names, compare_names);
        wws_buf body = {0};
        for (size_t i = 0; i < count; i++) {
            wws_buf_puts(&body, names[i]);
            wws_buf_puts(&body, "\n");
        }
        rc = body.failed ? answer(500, "out of memory", 13) : answer(200, body.data, body.len);
        wws_buf_free(&body);
    }
    wws_free_names(names, count);
    return rc;
}

static int write_file(const char *path, const char *text, size_t len) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return fail(404, "cannot open", path, errno);
    size_t done = 0;
    int err = 0;
    while (done < len) {
        ssize_t put = write(fd, text + done, len - done);
        if (put < 0) {
            if (errno == EINTR) continue;
            err = errno;
            break;
        }
        done += (size_t)put;
    }
    if (close(fd) != 0 && !err) err = errno;
    if (err) return fail(500, "cannot write", path, err);
    char msg[48];
    int n = snprintf(msg, sizeof msg, "wrote %zu bytes", done);
    return answer(200, msg, (size_t)n);
}

int main(void) {
    char *input = wws_read_stdin(NULL);
    if (!input) {
        fputs("read: could not read stdin\n", stderr);
        return 1;
    }
    kv = wws_get_raw(input, "kv", "{}");
    char *url = wws_get_string(input, NULL, "url");

    static const char *const modes[] = {"path", "list", "write"};
    int rc = 0, handled = 0;
    for (size_t m = 0; m < 3 && !handled; m++) {
        size_t len;
        char *target = wws_query_param(url, modes[m], &len);
        if (!target) continue;
        handled = 1;
        if (strlen(target) != len) {
            char msg[40];
            int n = snprintf(msg, sizeof msg, "invalid %s: contains %%00", modes[m]);
            rc = answer(400, msg, (size_t)n);
        } else if (m == 0) {
            rc = read_file(target);
        } else if (m == 1) {
            rc = list_dir(target);
        } else {
            size_t text_len = 0;
            char *text = wws_query_param(url, "text", &text_len);
            rc = write_file(target, text ? text : "", text ? text_len : 0);
            free(text);
        }
        free(target);
    }
    if (!handled) {
        static const char usage[] =
            "usage: ?path=/data/message.txt | ?list=/data | ?write=/data/out.txt&text=abc\n";
        rc = answer(400, usage, sizeof usage - 1);
    }
    free(url);
    free(kv);
    free(input);
    return rc == 0 ? 0 : 1;
}
