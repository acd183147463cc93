/*
 * wws.c - see wws.h. A small, careful JSON *scanner* for the wws worker protocol.
 * It is an example helper, not a general JSON library.
 */
#include "wws.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Nesting limit for wws_json_skip(): keeps a hostile input from exhausting the small
 * Wasm stack. The wws input is at most two levels deep. */
#define WWS_MAX_DEPTH 64

char *wws_read_stdin(size_t *len) {
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    for (;;) {
        if (cap - n < 2048) {
            size_t ncap = cap * 2;
            char *nbuf = realloc(buf, ncap);
            if (!nbuf) { free(buf); return NULL; }
            buf = nbuf;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, stdin);
        n += got;
        if (got == 0) {
            if (ferror(stdin)) { free(buf); return NULL; }
            break; /* EOF */
        }
    }
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

static const char *skip_ws(const char *p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

/* p points at '"'; returns one past the closing quote, or NULL. */
static const char *skip_string(const char *p) {
    if (*p != '"') return NULL;
    p++;
    for (;;) {
        unsigned char c = (unsigned char)*p;
        if (c == '\0' || c < 0x20) return NULL; /* unterminated, or raw control char */
        if (c == '"') return p + 1;
        if (c == '\\') {
            p++;
            if (*p == '\0') return NULL;
        }
        p++;
    }
}

static const char *skip_value_depth(const char *p, int depth);

static const char *skip_container(const char *p, int depth, char close, int is_object) {
    if (depth > WWS_MAX_DEPTH) return NULL;
    p = skip_ws(p + 1);
    if (*p == close) return p + 1;
    for (;;) {
        if (is_object) {
            p = skip_string(p);
            if (!p) return NULL;
            p = skip_ws(p);
            if (*p != ':') return NULL;
            p = skip_ws(p + 1);
        }
        p = skip_value_depth(p, depth + 1);
        if (!p) return NULL;
        p = skip_ws(p);
        if (*p == ',') { p = skip_ws(p + 1); continue; }
        if (*p == close) return p + 1;
        return NULL;
    }
}

static const char *skip_value_depth(const char *p, int depth) {
    p = skip_ws(p);
    switch (*p) {
    case '"': return skip_string(p);
    case '{': return skip_container(p, depth, '}', 1);
    case '[': return skip_container(p, depth, ']', 0);
    case 't': return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f': return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n': return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
    default:
        if (*p == '-' || (*p >= '0' && *p <= '9')) {
            /* Lenient: accepts any run of number characters. */
            const char *start = p;
            while ((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == '.' ||
                   *p == 'e' || *p == 'E')
                p++;
            return p > start ? p : NULL;
        }
        return NULL;
    }
}

const char *wws_json_skip(const char *value) {
    return value ? skip_value_depth(value, 0) : NULL;
}

static int hex4(const char *p, unsigned *out) {
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return 0;
    }
    *out = v;
    return 1;
}

static char *put_utf8(char *o, unsigned cp) {
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (cp >> 18));
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

char *wws_json_decode_string(const char *value, size_t *len) {
    if (!value) return NULL;
    value = skip_ws(value);
    const char *end = skip_string(value);
    if (!end) return NULL;
    /* The decoded text is never longer than the escaped text. */
    char *out = malloc((size_t)(end - value) + 1);
    if (!out) return NULL;
    char *o = out;
    const char *p = value + 1;
    const char *last = end - 1; /* the closing quote */
    while (p < last) {
        if (*p != '\\') { *o++ = *p++; continue; }
        p++;
        switch (*p) {
        case '"': *o++ = '"'; p++; break;
        case '\\': *o++ = '\\'; p++; break;
        case '/': *o++ = '/'; p++; break;
        case 'b': *o++ = '\b'; p++; break;
        case 'f': *o++ = '\f'; p++; break;
        case 'n': *o++ = '\n'; p++; break;
        case 'r': *o++ = '\r'; p++; break;
        case 't': *o++ = '\t'; p++; break;
        case 'u': {
            unsigned cp, lo;
            if (last - p < 5 || !hex4(p + 1, &cp)) { free(out); return NULL; }
            p += 5;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                /* High surrogate: combine with a following low surrogate if present. */
                if (last - p >= 6 && p[0] == '\\' && p[1] == 'u' && hex4(p + 2, &lo) &&
                    lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                } else {
                    cp = 0xFFFD;
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD; /* lone low surrogate */
            }
            o = put_utf8(o, cp);
            break;
        }
        default: free(out); return NULL; /* invalid escape */
        }
    }
    *o = '\0';
    if (len) *len = (size_t)(o - out);
    return out;
}

const char *wws_json_find(const char *object, const char *key) {
    if (!object || !key) return NULL;
    const char *p = skip_ws(object);
    if (*p != '{') return NULL;
    const char *found = NULL;
    p = skip_ws(p + 1);
    if (*p == '}') return NULL;
    for (;;) {
        char *name = wws_json_decode_string(p, NULL);
        if (!name) return NULL;
        int match = strcmp(name, key) == 0;
        free(name);
        p = skip_ws(skip_string(p));
        if (*p != ':') return NULL;
        p = skip_ws(p + 1);
        const char *value = p;
        p = wws_json_skip(p);
        if (!p) return NULL;
        if (match) found = value; /* keep going: the last duplicate wins */
        p = skip_ws(p);
        if (*p == ',') { p = skip_ws(p + 1); continue; }
        if (*p == '}') return found;
        return NULL;
    }
}

char *wws_get_string(const char *json, const char *parent, const char *key) {
    const char *obj = json;
    if (parent) {
        obj = wws_json_find(json, parent);
        if (!obj) return NULL;
    }
    const char *v = wws_json_find(obj, key);
    if (!v || *v != '"') return NULL;
    return wws_json_decode_string(v, NULL);
}

char *wws_get_raw(const char *json, const char *key, const char *fallback) {
    const char *v = wws_json_find(json, key);
    const char *end = wws_json_skip(v);
    if (!v || !end) return fallback ? strdup(fallback) : NULL;
    size_t n = (size_t)(end - v);
    char *out = malloc(n + 1);
    if (!out) return NULL;
    memcpy(out, v, n);
    out[n] = '\0';
    return out;
}

/* Writes `s` as a JSON string literal through `emit` (quotes included): runs of bytes
 * that need no escaping are emitted as they are, the others as escapes. */
typedef void (*emit_fn)(void *ctx, const char *p, size_t n);

static void json_escape(const char *s, size_t len, emit_fn emit, void *ctx) {
    static const char hex[] = "0123456789abcdef";
    emit(ctx, "\"", 1);
    size_t run = 0; /* start of the current run of bytes that need no escaping */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char ubuf[7];
        if (c == '"') esc = "\\\"";
        else if (c == '\\') esc = "\\\\";
        else if (c == '\n') esc = "\\n";
        else if (c == '\r') esc = "\\r";
        else if (c == '\t') esc = "\\t";
        else if (c == '\b') esc = "\\b";
        else if (c == '\f') esc = "\\f";
        else if (c < 0x20) {
            ubuf[0] = '\\'; ubuf[1] = 'u'; ubuf[2] = '0'; ubuf[3] = '0';
            ubuf[4] = hex[c >> 4]; ubuf[5] = hex[c & 0xF]; ubuf[6] = '\0';
            esc = ubuf;
        }
        if (esc) {
            emit(ctx, s + run, i - run);
            emit(ctx, esc, strlen(esc));
            run = i + 1;
        }
    }
    emit(ctx, s + run, len - run);
    emit(ctx, "\"", 1);
}

static void emit_stdout(void *ctx, const char *p, size_t n) {
    (void)ctx;
    if (n) fwrite(p, 1, n, stdout);
}

void wws_write_json_string(const char *s, size_t len) {
    json_escape(s, len, emit_stdout, NULL);
}

int wws_buf_append(wws_buf *b, const char *s, size_t n) {
    if (b->failed) return -1;
    if (b->cap - b->len <= n) { /* room for n bytes plus the terminator */
        size_t ncap = b->cap ? b->cap : 256;
        while (ncap - b->len <= n) {
            if (ncap > (size_t)-1 / 2) { b->failed = 1; return -1; }
            ncap *= 2;
        }
        char *nd = realloc(b->data, ncap);
        if (!nd) { b->failed = 1; return -1; }
        b->data = nd;
        b->cap = ncap;
    }
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int wws_buf_puts(wws_buf *b, const char *s) {
    return wws_buf_append(b, s, strlen(s));
}

static void emit_buf(void *ctx, const char *p, size_t n) {
    wws_buf_append((wws_buf *)ctx, p, n);
}

int wws_buf_json_string(wws_buf *b, const char *s, size_t len) {
    json_escape(s, len, emit_buf, b);
    return b->failed ? -1 : 0;
}

void wws_buf_free(wws_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

char *wws_json_object_set(const char *object, const char *key, const char *value) {
    if (!object || !key) return NULL;
    const char *p = skip_ws(object);
    if (*p != '{') return NULL;
    wws_buf out = {0};
    int members = 0;
    wws_buf_puts(&out, "{");
    p = skip_ws(p + 1);
    if (*p != '}') {
        for (;;) {
            const char *start = p;
            char *name = wws_json_decode_string(p, NULL);
            if (!name) goto invalid;
            int match = strcmp(name, key) == 0;
            free(name);
            p = skip_ws(skip_string(p));
            if (*p != ':') goto invalid;
            p = wws_json_skip(p + 1);
            if (!p) goto invalid;
            if (!match) { /* copy the member as it is */
                if (members++) wws_buf_puts(&out, ",");
                wws_buf_append(&out, start, (size_t)(p - start));
            }
            p = skip_ws(p);
            if (*p == ',') { p = skip_ws(p + 1); continue; }
            if (*p == '}') break;
            goto invalid;
        }
    }
    if (value) {
        if (members) wws_buf_puts(&out, ",");
        wws_buf_json_string(&out, key, strlen(key));
        wws_buf_puts(&out, ":");
        wws_buf_json_string(&out, value, strlen(value));
    }
    wws_buf_puts(&out, "}");
    if (out.failed) goto invalid;
    return out.data;
invalid:
    wws_buf_free(&out);
    return NULL;
}

int wws_write_output(long long status, const wws_header *headers, size_t header_count,
                     const char *body, size_t body_len, const char *kv_json) {
    fputs("{\"data\":", stdout);
    wws_write_json_string(body ? body : "", body ? body_len : 0);
    fputs(",\"headers\":{", stdout);
    for (size_t i = 0; i < header_count; i++) {
        if (i) putchar(',');
        wws_write_json_string(headers[i].name, strlen(headers[i].name));
        putchar(':');
        wws_write_json_string(headers[i].value, strlen(headers[i].value));
    }
    printf("},\"status\":%lld,\"kv\":%s,\"base64\":false}", status, kv_json ? kv_json : "{}");
    if (fflush(stdout) != 0 || ferror(stdout)) return -1;
    return 0;
}

/* ---- query strings ---- */

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes n bytes of a query component into a new malloc'ed string; *out_len gets its
 * length. */
static char *url_decode(const char *s, size_t n, size_t *out_len) {
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (s[i] == '+') {
            out[o++] = ' ';
        } else if (s[i] == '%' && i + 2 < n && (hi = hex_value(s[i + 1])) >= 0 &&
                   (lo = hex_value(s[i + 2])) >= 0) {
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

char *wws_query_param(const char *url, const char *name, size_t *len) {
    const char *q = url ? strchr(url, '?') : NULL;
    if (!q) return NULL;
    q++;
    while (*q && *q != '#') {
        size_t n = strcspn(q, "&#");
        size_t key_n = strcspn(q, "=&#");
        size_t key_len;
        char *key = url_decode(q, key_n, &key_len);
        int match = key && strlen(key) == key_len && strcmp(key, name) == 0;
        free(key);
        if (match) {
            const char *value = q + key_n;
            size_t value_n = n - key_n;
            if (value_n > 0) { value++; value_n--; } /* skip '=' */
            size_t value_len;
            char *decoded = url_decode(value, value_n, &value_len);
            if (decoded && len) *len = value_len;
            return decoded;
        }
        q += n;
        if (*q == '&') q++;
    }
    return NULL;
}

int wws_read_dir(DIR *dir, char ***names, size_t *count) {
    char **list = NULL;
    size_t n = 0, cap = 0;
    int err = 0;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(dir);
        if (!e) {
            err = errno;
            break;
        }
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **nlist = realloc(list, ncap * sizeof *list);
            if (!nlist) { err = ENOMEM; break; }
            list = nlist;
            cap = ncap;
        }
        if (!(list[n] = strdup(e->d_name))) { err = ENOMEM; break; }
        n++;
    }
    closedir(dir);
    if (err) {
        wws_free_names(list, n);
        list = NULL;
        n = 0;
    }
    *names = list;
    *count = n;
    return err;
}

void wws_free_names(char **names, size_t count) {
    for (size_t i = 0; i < count; i++) free(names[i]);
    free(names);
}
