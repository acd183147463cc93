/*
 * environment - answers 200 application/json with every environment variable the worker
 * sees: {"NAME":"value",...} in the order of `environ` (an entry without '=' gets "").
 * A worker without [vars] must see nothing: {}.
 */
#include <stdio.h>
#include <string.h>

#include "tw.h"

extern char **environ;

int main(void) {
    tw_request r;
    tw_read_request(&r, "environment");
    wws_buf json = {0};
    wws_buf_puts(&json, "{");
    int first = 1;
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        size_t name_len = eq ? (size_t)(eq - *e) : strlen(*e);
        const char *value = eq ? eq + 1 : "";
        if (!first) wws_buf_puts(&json, ",");
        first = 0;
        wws_buf_json_string(&json, *e, name_len);
        wws_buf_puts(&json, ":");
        wws_buf_json_string(&json, value, strlen(value));
    }
    wws_buf_puts(&json, "}");
    if (json.failed) {
        fputs("environment: out of memory\n", stderr);
        return 1;
    }
    return tw_answer(&r, 200, "application/json", json.data, json.len) == 0 ? 0 : 1;
}
