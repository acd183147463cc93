/*
 * host-files - tries to reach the host's files and reports what happened, for the
 * sandbox tests. Answers 200 application/json, one member per attempt, in this order:
 *
 *   {"/etc/passwd":"<result>","/etc/hostname":..,"/proc/self/environ":..,"/":..,".":..,
 *    "..":..,"/tmp":..,"../../etc/passwd":..,"C:/Windows":..,"opendir /":"<listing>"}
 *
 * For each path: open(path, O_RDONLY), then read() to the end.
 *   "read <n> bytes"       the file could be opened and read (n may be 0)
 *   "error: <strerror>"    open() or read() failed (a folder that opens gives
 *                          "error: Is a directory" from read(), or similar)
 * "opendir /" lists "/" with opendir()/readdir():
 *   "listed <n> entries: a, b, c"   ("." and ".." not counted; bytes outside printable
 *                                    ASCII shown as '?')
 *   "error: <strerror>"
 * On a host that gives the worker no folders (no preopens) every value is an "error: ..."
 * (wasi-libc reports "Capabilities insufficient" for a path no preopen covers).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tw.h"

static char buf[65536];

static void add_result(wws_buf *json, const char *key, const char *value) {
    if (json->len > 1) wws_buf_puts(json, ",");
    wws_buf_json_string(json, key, strlen(key));
    wws_buf_puts(json, ":");
    wws_buf_json_string(json, value, strlen(value));
}

static void add_error(wws_buf *json, const char *key, int err) {
    char msg[160];
    snprintf(msg, sizeof msg, "error: %s", strerror(err));
    add_result(json, key, msg);
}

static void try_read(wws_buf *json, const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        add_error(json, path, errno);
        return;
    }
    unsigned long long total = 0;
    for (;;) {
        ssize_t got = read(fd, buf, sizeof buf);
        if (got < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            close(fd);
            add_error(json, path, err);
            return;
        }
        if (got == 0) break;
        total += (unsigned long long)got;
    }
    close(fd);
    char msg[48];
    snprintf(msg, sizeof msg, "read %llu bytes", total);
    add_result(json, path, msg);
}

static void try_list(wws_buf *json, const char *path, const char *key) {
    DIR *dir = opendir(path);
    if (!dir) {
        add_error(json, key, errno);
        return;
    }
    char **names;
    size_t count;
    int err = wws_read_dir(dir, &names, &count);
    if (err) {
        add_error(json, key, err);
        return;
    }
    wws_buf msg = {0};
    char head[48];
    snprintf(head, sizeof head, "listed %zu entries%s", count, count ? ": " : "");
    wws_buf_puts(&msg, head);
    for (size_t i = 0; i < count; i++) {
        if (i) wws_buf_puts(&msg, ", ");
        for (const char *c = names[i]; *c; c++) {
            char ch = (*c >= 0x20 && *c < 0x7f) ? *c : '?';
            wws_buf_append(&msg, &ch, 1);
        }
    }
    add_result(json, key, msg.failed ? "error: out of memory" : msg.data);
    wws_buf_free(&msg);
    wws_free_names(names, count);
}

int main(void) {
    tw_request r;
    tw_read_request(&r, "host-files");
    static const char *const paths[] = {
        "/etc/passwd", "/etc/hostname", "/proc/self/environ", "/", ".", "..",
        "/tmp", "../../etc/passwd", "C:/Windows",
    };
    wws_buf json = {0};
    wws_buf_puts(&json, "{");
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) try_read(&json, paths[i]);
    try_list(&json, "/", "opendir /");
    wws_buf_puts(&json, "}");
    if (json.failed) {
        fputs("host-files: out of memory\n", stderr);
        return 1;
    }
    return tw_answer(&r, 200, "application/json", json.data, json.len) == 0 ? 0 : 1;
}
