/*
 * asterai:docs-search — exports asterai:agent/tool@0.1.0; imports
 * asterai:log/logger@0.1.0.
 *
 * call({"query": "...", "limit": 3}) ranks passages of the `.md` and `.txt`
 * files under the granted read-only directory `/docs` with BM25 (k1 = 1.2,
 * b = 0.75) and returns {"results":[{"file","score","passage"}]}, best first.
 *
 * The index is built on the first call and kept for the life of the instance:
 *  - files: regular files named *.md / *.txt (any case) under /docs, at most
 *    16 directories deep, hidden names and symbolic links skipped, visited in
 *    bytewise path order; the first 4 MiB of a file, 64 MiB and 10000 files
 *    in all; contents decoded as UTF-8 (ill-formed bytes become U+FFFD);
 *  - passages: paragraphs separated by blank lines; a one-line Markdown
 *    heading (`#...`) is joined to the paragraph after it; a paragraph longer
 *    than 800 bytes is cut into ~500-byte windows at whitespace;
 *  - tokens: maximal runs of ASCII letters/digits (lowercased) and non-ASCII
 *    characters (kept as they are; Unicode spaces and punctuation in
 *    U+00A0-U+00BF, U+2000-U+206F, U+3000-U+303F and U+FEFF separate), at most
 *    64 bytes, minus a small English stopword list.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cabi.h"
#include "host.h"
#include "jsonv.h"
#include "tool.h"


#define DOCS_DIR "/docs"
#define MAX_DEPTH 16
#define MAX_FILES 10000
#define MAX_FILE_BYTES (4u << 20)
#define MAX_TOTAL_BYTES (64u << 20)
#define LONG_PARAGRAPH 800
#define WINDOW 500
#define WINDOW_SLACK 100
#define MAX_TOKEN 64
#define DEFAULT_LIMIT 3
#define MAX_LIMIT 20
#define K1 1.2
#define B 0.75

/* ------------------------------------------------------------ index */

typedef struct {
    char *path; /* relative to /docs */
    char *text; /* valid UTF-8 */
    size_t len;
} doc_file;

typedef struct {
    uint32_t file;
    uint32_t off, len; /* in the file's text */
    uint32_t ntokens;
} passage;

typedef struct {
    uint32_t passage;
    uint32_t tf;
} posting;

typedef struct {
    char *term; /* NULL: empty slot */
    uint32_t hash;
    posting *postings;
    uint32_t n, cap;
} term_entry;

static struct {
    int built;
    doc_file *files;
    size_t nfiles;
    passage *passages;
    size_t npassages, cap_passages;
    term_entry *terms; /* open addressing, power-of-two capacity */
    size_t nterms, cap_terms;
    uint64_t total_tokens;
} ix;

static void *xrealloc(void *p, size_t size) {
    void *q = realloc(p, size ? size : 1);
    if (q == NULL) __builtin_trap();
    return q;
}

static char *xstrndup(const char *s, size_t n) {
    char *d = xrealloc(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static uint32_t hash_bytes(const char *s, size_t n) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static term_entry *term_find(const char *t, size_t n, uint32_t h) {
    if (ix.cap_terms == 0) return NULL;
    size_t mask = ix.cap_terms - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        term_entry *e = &ix.terms[i];
        if (e->term == NULL) return e;
        if (e->hash == h && strlen(e->term) == n && memcmp(e->term, t, n) == 0) return e;
    }
}

static term_entry *term_intern(const char *t, size_t n) {
    if ((ix.nterms + 1) * 10 > ix.cap_terms * 7) {
        size_t old_cap = ix.cap_terms;
        term_entry *old = ix.terms;
        ix.cap_terms = old_cap ? old_cap * 2 : 1024;
        ix.terms = xrealloc(NULL, ix.cap_terms * sizeof(term_entry));
        memset(ix.terms, 0, ix.cap_terms * sizeof(term_entry));
        for (size_t i = 0; i < old_cap; i++) {
            if (old[i].term == NULL) continue;
            size_t mask = ix.cap_terms - 1, j = old[i].hash & mask;
            while (ix.terms[j].term != NULL) j = (j + 1) & mask;
            ix.terms[j] = old[i];
        }
        free(old);
    }
    uint32_t h = hash_bytes(t, n);
    term_entry *e = term_find(t, n, h);
    if (e->term == NULL) {
        e->term = xstrndup(t, n);
        e->hash = h;
        ix.nterms++;
    }
    return e;
}

/* ------------------------------------------------------------ tokens */

static const char *const stopwords[] = {
    /* sorted bytewise for bsearch */
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for",
    "from", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it",
    "its", "no", "not", "of", "on", "or", "she", "so", "such", "that", "the", "their",
    "then", "there", "these", "they", "this", "to", "was", "we", "were", "what", "when",
    "where", "which", "who", "will", "with", "you", "your",
};

static int cmp_cstr(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_stopword(const char *t) {
    return bsearch(&t, stopwords, sizeof stopwords / sizeof *stopwords, sizeof *stopwords, cmp_cstr) != NULL;
}

/* Bytes of a separating non-ASCII character at s (0 if it is part of words). */
static size_t unicode_separator(const unsigned char *s, size_t avail) {
    if (avail >= 2 && s[0] == 0xC2 && s[1] >= 0xA0 && s[1] <= 0xBF) return 2; /* U+00A0-U+00BF */
    if (avail >= 3 && s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81)) {
        unsigned cp = ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu); /* relative to U+2000 */
        if (cp <= 0x6F) return 3; /* U+2000-U+206F */
    }
    if (avail >= 3 && s[0] == 0xE3 && s[1] == 0x80) return 3;                 /* U+3000-U+303F */
    if (avail >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) return 3; /* U+FEFF */
    return 0;
}

/*
 * Reads the next token of s[0..n) from *pos into tok (NUL-terminated, at most
 * MAX_TOKEN bytes). Returns its length, or 0 at the end.
 */
static size_t next_token(const char *text, size_t n, size_t *pos, char *tok) {
    const unsigned char *s = (const unsigned char *)text;
    size_t i = *pos, len = 0;
    for (;;) { /* skip separators */
        if (i >= n) { *pos = i; return 0; }
        unsigned char c = s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) break;
        if (c >= 0x80) {
            size_t sep = unicode_separator(s + i, n - i);
            if (sep == 0) break;
            i += sep;
        } else {
            i++;
        }
    }
    while (i < n) {
        unsigned char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c - 'A' + 'a');
        else if (c >= 0x80) {
            if (unicode_separator(s + i, n - i)) break;
        } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) break;
        if (len < MAX_TOKEN) tok[len++] = (char)c;
        i++;
    }
    tok[len] = 0;
    *pos = i;
    return len;
}

/* ------------------------------------------------------------ building */

static void add_passage(uint32_t file, size_t off, size_t len) {
    const char *text = ix.files[file].text + off;
    /* trim */
    while (len > 0 && (text[0] == ' ' || text[0] == '\t' || text[0] == '\n' || text[0] == '\r')) {
        text++; off++; len--;
    }
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\n' ||
                       text[len - 1] == '\r'))
        len--;
    if (len == 0) return;
    uint32_t id = (uint32_t)ix.npassages;
    size_t pos = 0, ntok = 0;
    char tok[MAX_TOKEN + 1];
    size_t tl;
    while ((tl = next_token(text, len, &pos, tok)) != 0) {
        if (is_stopword(tok)) continue;
        term_entry *e = term_intern(tok, tl);
        if (e->n > 0 && e->postings[e->n - 1].passage == id) {
            e->postings[e->n - 1].tf++;
        } else {
            if (e->n == e->cap) {
                e->cap = e->cap ? e->cap * 2 : 4;
                e->postings = xrealloc(e->postings, e->cap * sizeof(posting));
            }
            e->postings[e->n].passage = id;
            e->postings[e->n].tf = 1;
            e->n++;
        }
        ntok++;
    }
    if (ntok == 0) return; /* nothing searchable: not a passage */
    if (ix.npassages == ix.cap_passages) {
        ix.cap_passages = ix.cap_passages ? ix.cap_passages * 2 : 256;
        ix.passages = xrealloc(ix.passages, ix.cap_passages * sizeof(passage));
    }
    passage *p = &ix.passages[ix.npassages++];
    p->file = file;
    p->off = (uint32_t)off;
    p->len = (uint32_t)len;
    p->ntokens = (uint32_t)ntok;
    ix.total_tokens += ntok;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Adds a paragraph (or heading + paragraph), windowed if long. */
static void add_span(uint32_t file, size_t off, size_t len) {
    const char *t = ix.files[file].text;
    if (len <= LONG_PARAGRAPH) {
        add_passage(file, off, len);
        return;
    }
    size_t end = off + len, s = off;
    while (s < end) {
        while (s < end && is_space(t[s])) s++;
        if (s >= end) break;
        size_t e = s + WINDOW;
        if (e >= end || end - e < WINDOW / 5) {
            e = end; /* the rest, rather than a tiny tail */
        } else {
            size_t limit = e + WINDOW_SLACK < end ? e + WINDOW_SLACK : end;
            while (e < limit && !is_space(t[e])) e++;
            if (e == limit) { /* no whitespace nearby: cut at a character boundary */
                e = s + WINDOW;
                while (e > s && ((unsigned char)t[e] & 0xC0) == 0x80) e--;
            }
        }
        add_passage(file, s, e - s);
        s = e;
    }
}

static int blank_line(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!is_space(s[i])) return 0;
    return 1;
}

static void split_file(uint32_t file) {
    const char *t = ix.files[file].text;
    size_t n = ix.files[file].len;
    size_t i = 0;
    size_t para_start = 0, para_end = 0, para_lines = 0;
    size_t pending = SIZE_MAX; /* start of a heading waiting for its paragraph */
    int para_is_heading = 0;
    while (i <= n) {
        size_t ls = i;
        while (i < n && t[i] != '\n') i++;
        size_t le = i;
        int at_end = i >= n;
        i++; /* past '\n' (or past the end) */
        int blank = blank_line(t + ls, le - ls);
        if (!blank) {
            if (para_lines == 0) {
                para_start = ls;
                size_t k = ls;
                while (k < le && (t[k] == ' ' || t[k] == '\t')) k++;
                para_is_heading = k < le && t[k] == '#';
            }
            para_lines++;
            para_end = le;
        }
        if ((blank || at_end) && para_lines > 0) {
            if (para_lines == 1 && para_is_heading) {
                if (pending == SIZE_MAX) pending = para_start;
                /* else: heading after heading; keep the first as the start */
            } else {
                size_t s = pending != SIZE_MAX ? pending : para_start;
                add_span(file, s, para_end - s);
                pending = SIZE_MAX;
            }
            para_lines = 0;
        }
        if (at_end) break;
    }
    if (pending != SIZE_MAX) add_span(file, pending, n - pending);
}

typedef struct {
    char **paths;
    size_t n, cap;
    size_t skipped;
} path_list;

static int has_doc_extension(const char *name) {
    size_t n = strlen(name);
    if (n > 3 && (name[n - 3] == '.') && (name[n - 2] | 0x20) == 'm' && (name[n - 1] | 0x20) == 'd')
        return 1;
    if (n > 4 && name[n - 4] == '.' && (name[n - 3] | 0x20) == 't' && (name[n - 2] | 0x20) == 'x' &&
        (name[n - 1] | 0x20) == 't')
        return 1;
    return 0;
}

/* Collects relative paths of document files under /docs/<rel>. */
static void walk(const char *rel, int depth, path_list *out) {
    char *dir;
    size_t rl = strlen(rel);
    dir = xrealloc(NULL, sizeof DOCS_DIR + 1 + rl);
    snprintf(dir, sizeof DOCS_DIR + 1 + rl, "%s%s%s", DOCS_DIR, rl ? "/" : "", rel);
    DIR *d = opendir(dir);
    if (d == NULL) {
        free(dir);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue; /* hidden, . and .. */
        size_t nl = strlen(e->d_name);
        char *child = xrealloc(NULL, rl + 1 + nl + 1);
        snprintf(child, rl + 1 + nl + 1, "%s%s%s", rel, rl ? "/" : "", e->d_name);
        int type = e->d_type;
        if (type == DT_UNKNOWN) {
            char *full = xrealloc(NULL, sizeof DOCS_DIR + 1 + strlen(child));
            snprintf(full, sizeof DOCS_DIR + 1 + strlen(child), "%s/%s", DOCS_DIR, child);
            struct stat st;
            if (lstat(full, &st) == 0)
                type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
            free(full);
        }
        if (type == DT_DIR && depth < MAX_DEPTH) {
            walk(child, depth + 1, out);
            free(child);
        } else if (type == DT_REG && has_doc_extension(e->d_name)) {
            if (out->n == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 64;
                out->paths = xrealloc(out->paths, out->cap * sizeof(char *));
            }
            out->paths[out->n++] = child;
        } else {
            free(child); /* symbolic links, other files */
        }
    }
    closedir(d);
    free(dir);
}

/* Reads up to `limit` bytes; returns the count or -1. Sets *truncated. */
static long read_file(const char *path, uint8_t **out, size_t limit, int *truncated) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    size_t cap = 4096, len = 0;
    uint8_t *b = xrealloc(NULL, cap);
    *truncated = 0;
    for (;;) {
        if (len == cap) {
            if (cap >= limit + 1) break;
            cap = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            b = xrealloc(b, cap);
        }
        ssize_t r = read(fd, b + len, cap - len);
        if (r < 0) {
            if (errno == EINTR) continue;
            free(b);
            close(fd);
            return -1;
        }
        if (r == 0) break;
        len += (size_t)r;
    }
    close(fd);
    if (len > limit) {
        len = limit;
        *truncated = 1;
    }
    *out = b;
    return (long)len;
}

/* Builds the index; returns NULL or a static/strerror message. */
static const char *build_index(void) {
    DIR *probe = opendir(DOCS_DIR);
    if (probe == NULL) return strerror(errno);
    closedir(probe);
    path_list list = {0};
    walk("", 0, &list);
    qsort(list.paths, list.n, sizeof(char *), cmp_cstr);
    size_t total = 0, unreadable = 0, dropped = 0;
    ix.files = xrealloc(NULL, (list.n < MAX_FILES ? list.n : MAX_FILES) * sizeof(doc_file));
    for (size_t i = 0; i < list.n; i++) {
        if (ix.nfiles >= MAX_FILES || total >= MAX_TOTAL_BYTES) {
            dropped++;
            free(list.paths[i]);
            continue;
        }
        char *full = xrealloc(NULL, sizeof DOCS_DIR + 1 + strlen(list.paths[i]));
        sprintf(full, "%s/%s", DOCS_DIR, list.paths[i]);
        uint8_t *raw = NULL;
        int truncated = 0;
        size_t limit = MAX_TOTAL_BYTES - total < MAX_FILE_BYTES ? MAX_TOTAL_BYTES - total : MAX_FILE_BYTES;
        long n = read_file(full, &raw, limit, &truncated);
        free(full);
        if (n < 0) {
            unreadable++;
            free(list.paths[i]);
            continue;
        }
        total += (size_t)n;
        buf_t text = {0};
        buf_utf8_lossy(&text, raw, (size_t)n, truncated);
        free(raw);
        doc_file *f = &ix.files[ix.nfiles];
        f->path = list.paths[i];
        f->len = text.len;
        f->text = text.len ? (char *)text.ptr : xrealloc(text.ptr, 1);
        split_file((uint32_t)ix.nfiles);
        ix.nfiles++;
    }
    free(list.paths);
    ix.built = 1;
    char nf[24], np[24], nt[24], nb[24], nu[24], nd[24];
    snprintf(nf, sizeof nf, "%zu", ix.nfiles);
    snprintf(np, sizeof np, "%zu", ix.npassages);
    snprintf(nt, sizeof nt, "%zu", ix.nterms);
    snprintf(nb, sizeof nb, "%zu", total);
    snprintf(nu, sizeof nu, "%zu", unreadable);
    snprintf(nd, sizeof nd, "%zu", dropped);
    const char *kv[] = {"files", nf, "passages", np, "terms", nt, "bytes", nb, "unreadable", nu,
                        "over-limit", nd};
    alog(LOG_INFO, "docs-search: indexed /docs", 6, kv);
    return NULL;
}

/* ------------------------------------------------------------ search */

/* Appends the results JSON for `query` to out. */
static void search(buf_t *out, const char *query, size_t qlen, size_t limit) {
    buf_puts(out, "{\"results\":[");
    size_t N = ix.npassages;
    if (N == 0) {
        buf_puts(out, "]}");
        return;
    }
    double avgdl = (double)ix.total_tokens / (double)N;
    double *score = xrealloc(NULL, N * sizeof(double));
    for (size_t i = 0; i < N; i++) score[i] = 0;
    /* unique query terms */
    const term_entry *seen[64];
    size_t nseen = 0, pos = 0, tl;
    char tok[MAX_TOKEN + 1];
    while ((tl = next_token(query, qlen, &pos, tok)) != 0 && nseen < 64) {
        if (is_stopword(tok)) continue;
        term_entry *e = term_find(tok, tl, hash_bytes(tok, tl));
        if (e == NULL || e->term == NULL) continue;
        int dup = 0;
        for (size_t k = 0; k < nseen; k++) dup |= seen[k] == e;
        if (dup) continue;
        seen[nseen++] = e;
        double n = e->n;
        double idf = log(1.0 + ((double)N - n + 0.5) / (n + 0.5));
        for (uint32_t k = 0; k < e->n; k++) {
            const posting *p = &e->postings[k];
            double tf = p->tf, dl = ix.passages[p->passage].ntokens;
            score[p->passage] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * dl / avgdl));
        }
    }
    /* top `limit`, ties in index order */
    for (size_t r = 0; r < limit; r++) {
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < N; i++)
            if (score[i] > 0 && (best == SIZE_MAX || score[i] > score[best])) best = i;
        if (best == SIZE_MAX) break;
        const passage *p = &ix.passages[best];
        const doc_file *f = &ix.files[p->file];
        if (r) buf_puts(out, ",");
        buf_puts(out, "{\"file\":");
        buf_json_string(out, f->path, strlen(f->path));
        buf_puts(out, ",\"score\":");
        buf_json_number(out, round(score[best] * 10000.0) / 10000.0);
        buf_puts(out, ",\"passage\":");
        buf_json_string(out, f->text + p->off, p->len);
        buf_puts(out, "}");
        score[best] = -1;
    }
    free(score);
    buf_puts(out, "]}");
}

/* ------------------------------------------------------------ tool exports */

static void tool_run(const char *args, size_t args_len, cabi_result_string_string *ret) {
    char jerr[96];
    jv *root = jv_parse(args, args_len, jerr, sizeof jerr);
    const jv *query = jv_get(root, "query");
    const jv *lim = jv_get(root, "limit");
    size_t limit = DEFAULT_LIMIT;
    if (root == NULL) {
        tool_invalid_args(ret, jerr);
    } else if (root->type != JV_OBJECT) {
        tool_invalid_args(ret, "arguments must be a JSON object");
    } else if (query == NULL || query->type != JV_STRING) {
        tool_invalid_args(ret, "missing string member \"query\"");
    } else if (lim != NULL && lim->type != JV_NULL &&
               (lim->type != JV_NUMBER || lim->u.number != floor(lim->u.number) || lim->u.number < 1)) {
        tool_invalid_args(ret, "\"limit\" must be a positive integer");
    } else {
        if (lim != NULL && lim->type == JV_NUMBER)
            limit = lim->u.number > MAX_LIMIT ? MAX_LIMIT : (size_t)lim->u.number;
        const char *problem = ix.built ? NULL : build_index();
        if (problem != NULL) {
            buf_t b = {0};
            buf_puts(&b, "cannot read " DOCS_DIR ": ");
            buf_puts(&b, problem);
            cabi_result_err(ret, buf_take(&b));
        } else {
            buf_t out = {0};
            search(&out, query->u.str.ptr, query->u.str.len, limit);
            cabi_result_ok(ret, buf_take(&out));
        }
    }
    jv_free(root);
}

ASTERAI_TOOL("docs-search",
             "Searches the user's documentation (Markdown and text files) for passages relevant to a "
             "query, ranked by BM25 keyword relevance. Use specific keywords. Returns "
             "{\"results\":[{\"file\",\"score\",\"passage\"}]}, best first; `limit` (default 3, at most "
             "20) sets how many.",
             "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"},"
             "\"limit\":{\"type\":\"integer\"}},\"required\":[\"query\"]}",
             tool_run)
