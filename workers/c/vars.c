/*
 * /vars - the worker's whole environment as a JSON object {"NAME":"value",...}.
 *
 * The host gives a worker only the [vars] of its TOML file (vars.toml), with "$NAME"
 * values taken from the host's environment; nothing else of the host environment is
 * inherited. The entries appear in the order of `environ`; an entry without '=' gets
 * the value "".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wws.h"

extern char **environ;

int main(void) {
    char *input = wws_read_stdin(NULL);
    if (!input) {
        fputs("vars: could not read stdin\n", stderr);
        return 1;
    }
    char *kv = wws_get_raw(input, "kv", "{}");

    wws_buf body = {0};
    wws_buf_puts(&body, "{");
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        size_t name_len = eq ? (size_t)(eq - *e) : strlen(*e);
        const char *value = eq ? eq + 1 : "";
        if (e != environ) wws_buf_puts(&body, ",");
        wws_buf_json_string(&body, *e, name_len);
        wws_buf_puts(&body, ":");
        wws_buf_json_string(&body, value, strlen(value));
    }
    wws_buf_puts(&body, "}");

    const wws_header headers[] = {{"content-type", "application/json"}};
    int rc = -1;
    if (body.failed) fputs("vars: out of memory\n", stderr);
    else rc = wws_write_output(200, headers, 1, body.data, body.len, kv);
    wws_buf_free(&body);
    free(kv);
    free(input);
    return rc == 0 ? 0 : 1;
}
