/* The PDF reader's per-character and per-object PDFium calls, as C loops (minutes/read/pdf.py).

   Why C: Chromium's print to PDF draws every glyph as a text object of its own, so a page
   takes thousands of PDFium calls (a character's origin and box, its text object, each
   object's type and marks). Through ctypes each call costs ~0.4 us of Python, more than
   PDFium spends answering it; bench/bench_pdf.py showed the calls alone put the reader past
   twice pypdfium2's raw extraction. Here one ctypes call per loop makes them all.

   This file has no Python API and does not link to PDFium: pdf.py hands over the addresses
   of the functions pypdfium2 has already loaded (``fn`` below, in the order of ``enum fn``)
   and arrays to fill, and reads the results from them. Each loop gives what its twin in
   pdf_loops.py gives (tests/test_pdf_loops.py holds them to it), which is used when this
   library was not built (no C compiler at install time). hatch_build.py compiles it. */

#include <stdlib.h>
#include <string.h>
#include <math.h>

typedef void *handle;
typedef struct { float left, top, right, bottom; } rectf;  /* FS_RECTF */
typedef struct { float a, b, c, d, e, f; } matrix;        /* FS_MATRIX */

enum fn { CHAR_ORIGIN, LOOSE_CHAR_BOX, TEXT_OBJECT, GET_OBJECT, OBJECT_TYPE, FORM_COUNT, FORM_OBJECT,
          COUNT_MARKS, GET_MARK, MARK_BLOB, OBJECT_MATRIX, FONT_SIZE, TEXT_OBJECT_FONT, MAP_ERROR };

typedef int (*char_origin_t)(handle, int, double *, double *);
typedef int (*loose_box_t)(handle, int, rectf *);
typedef handle (*text_object_t)(handle, int);
typedef handle (*get_object_t)(handle, int);
typedef int (*object_type_t)(handle);
typedef int (*count_form_t)(handle);
typedef handle (*form_object_t)(handle, unsigned long);
typedef int (*count_marks_t)(handle);
typedef handle (*get_mark_t)(handle, unsigned long);
typedef int (*mark_blob_t)(handle, const char *, unsigned char *, unsigned long, unsigned long *);
typedef int (*object_matrix_t)(handle, matrix *);
typedef double (*font_size_t)(handle, int);
typedef handle (*text_object_font_t)(handle);
typedef int (*map_error_t)(handle, int);

/* Bumped whenever a signature below changes: pdf_loops.py ignores a library built from an
   older source (an editable install not run again) instead of calling it wrongly. */
int minutes_pdfloops_version(void) { return 9; }

/* Origin x, y and loose box left, right of the characters idx[0..m). */
void minutes_positions(void *const *fn, handle textpage, const int *idx, int m,
                       double *x, double *y, double *left, double *right) {
    char_origin_t origin = (char_origin_t)fn[CHAR_ORIGIN];
    loose_box_t box = (loose_box_t)fn[LOOSE_CHAR_BOX];
    rectf r = {0, 0, 0, 0};
    for (int k = 0; k < m; k++) {
        origin(textpage, idx[k], &x[k], &y[k]);
        box(textpage, idx[k], &r);
        left[k] = r.left;
        right[k] = r.right;
    }
}

/* The text object that drew each of the characters 0..n). */
void minutes_text_objects(void *const *fn, handle textpage, int n, handle *out) {
    text_object_t text_object = (text_object_t)fn[TEXT_OBJECT];
    for (int i = 0; i < n; i++)
        out[i] = text_object(textpage, i);
}

/* One pass over the page's n objects, as pdf_loops._page_objects makes it: the path objects
   (with those one level down in form XObjects, where LibreOffice draws its tables) into
   paths[0..cap), and the top-level text objects that are a ZWNJ span (their innermost mark's
   ActualText is the four bytes FE FF 20 0C) into spans[], their matrix's e and f into
   ef[2k], ef[2k+1]. *n_spans gets how many spans; spans[] and ef[] hold n. The return value
   is how many paths there are: more than cap means the call must be made again.

   With n_chars > 0, a text object that drew one of the text page's n_chars characters is no
   span and its marks are not read (Chromium wraps each of its thousands of glyphs in marks):
   drawn[0..n_chars) is scratch space for those objects, sorted to be searched. */
static int by_address(const void *a, const void *b) {
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    return (x > y) - (x < y);
}

int minutes_page_objects(void *const *fn, handle page, int n, handle *paths, int cap,
                         handle *spans, float *ef, int *n_spans, handle textpage, int n_chars, handle *drawn) {
    enum { TEXT = 1, PATH = 2, FORM = 5 };  /* FPDF_PAGEOBJ_* in PDFium's fpdf_edit.h */
    get_object_t get_object = (get_object_t)fn[GET_OBJECT];
    object_type_t object_type = (object_type_t)fn[OBJECT_TYPE];
    count_form_t form_count = (count_form_t)fn[FORM_COUNT];
    form_object_t form_object = (form_object_t)fn[FORM_OBJECT];
    count_marks_t count_marks = (count_marks_t)fn[COUNT_MARKS];
    get_mark_t get_mark = (get_mark_t)fn[GET_MARK];
    mark_blob_t blob = (mark_blob_t)fn[MARK_BLOB];
    object_matrix_t object_matrix = (object_matrix_t)fn[OBJECT_MATRIX];
    static const unsigned char zwnj[4] = {0xFE, 0xFF, 0x20, 0x0C};
    unsigned char buf[64];
    unsigned long size = 0;
    matrix mx;
    int got = 0, found = 0;
    if (n_chars > 0) {
        minutes_text_objects(fn, textpage, n_chars, drawn);
        qsort(drawn, (size_t)n_chars, sizeof *drawn, by_address);
    }
    for (int k = 0; k < n; k++) {
        handle obj = get_object(page, k);
        int type = object_type(obj);
        if (type == PATH) {
            if (got < cap)
                paths[got] = obj;
            got++;
        } else if (type == FORM) {
            int inner = form_count(obj);
            for (int j = 0; j < inner; j++) {
                handle o = form_object(obj, (unsigned long)j);
                if (object_type(o) == PATH) {
                    if (got < cap)
                        paths[got] = o;
                    got++;
                }
            }
        } else if (type == TEXT) {
            if (n_chars > 0 && bsearch(&obj, drawn, (size_t)n_chars, sizeof *drawn, by_address))
                continue;
            /* The span is the innermost mark, the one drawn right around the glyph. */
            int marks = count_marks(obj);
            if (marks > 0 && blob(get_mark(obj, (unsigned long)(marks - 1)), "ActualText", buf, sizeof buf, &size)
                    && size == 4 && memcmp(buf, zwnj, 4) == 0 && object_matrix(obj, &mx)) {
                spans[found] = obj;
                ef[2 * found] = mx.e;
                ef[2 * found + 1] = mx.f;
                found++;
            }
        }
    }
    *n_spans = found;
    return got;
}

/* --- a page's glyphs and units: pdf_units.py's glyph_units, step for step ------------------

   The same computations in the same order with the same double arithmetic as the Python
   twin (whose docstrings say what and why), so both fill the same arrays. */

enum { READ = 1, LETTER = 2, LAM = 4, ALEF = 8 };  /* pdf_units.classes() */

/* A map from a handle to an int, open addressing; the null handle is a key like any other. */
typedef struct { handle *keys; int *values; char *used; size_t mask; } handle_map;

static int map_init(handle_map *m, size_t at_least) {
    size_t cap = 16;
    while (cap < 2 * at_least)
        cap *= 2;
    m->keys = calloc(cap, sizeof *m->keys);
    m->values = calloc(cap, sizeof *m->values);
    m->used = calloc(cap, 1);
    m->mask = cap - 1;
    return m->keys && m->values && m->used;
}

static void map_free(handle_map *m) {
    free(m->keys);
    free(m->values);
    free(m->used);
}

/* The value of key, or -1 after storing value under it. */
static int map_get_or_put(handle_map *m, handle key, int value) {
    size_t h = ((size_t)key >> 4) * 2654435761u & m->mask;
    while (m->used[h]) {
        if (m->keys[h] == key)
            return m->values[h];
        h = (h + 1) & m->mask;
    }
    m->used[h] = 1;
    m->keys[h] = key;
    m->values[h] = value;
    return -1;
}

typedef struct {
    const unsigned short *codes;
    const unsigned char *cls;
    int *first, *last, *count;
    double *x0, *x1, *y, *size, *ox;
    int *bold_at;
} glyphs_t;

static double key_of(const glyphs_t *g, int k) { return g->ox[k] < g->x1[k] ? g->ox[k] : g->x0[k]; }

/* Whether two characters of classes a, b make a lam-alef ligature (either way round). */
static int lam_alef(int a, int b) { return (a & LAM || b & LAM) && (a & (LAM | ALEF)) && (b & (LAM | ALEF)); }

static int member(const glyphs_t *g, int k) {
    if (g->count[k] == 1) {
        unsigned short c = g->codes[g->first[k]];
        return g->cls[c] & LETTER ? 1 : c == 0x20 ? 3 : 0;
    }
    if (g->count[k] == 2 && lam_alef(g->cls[g->codes[g->first[k]]], g->cls[g->codes[g->last[k]]]))
        return 2;
    return 0;
}

static int joins(const glyphs_t *g, int p, int q, int kp, int kq, int ltr) {
    if (g->y[q] != g->y[p] || g->size[q] != g->size[p] || g->bold_at[q] != g->bold_at[p])
        return 0;
    int r = ltr ? q : p, s = ltr ? p : q;
    if (!(key_of(g, s) < key_of(g, r) && g->x0[s] + g->x1[s] < g->x0[r] + g->x1[r]))
        return 0;
    if (g->x0[s] > g->x0[r] || g->x1[s] > g->x1[r])
        return 0;
    double gap = g->x0[r] - g->x1[s], size = g->size[p];
    if (gap > 3 && gap > 3 * size)
        return 0;
    return kp == 3 || kq == 3 || !(gap > 0 && gap > size * 0.1);
}

typedef struct { double y; int k; } at_y;  /* a glyph or mark by baseline (no global: threads) */
static int by_y(const void *a, const void *b) {
    double x = ((const at_y *)a)->y, y = ((const at_y *)b)->y;
    return (x > y) - (x < y);
}

/* Writes glyph k's text at out, returns its length: a lam-alef lam first, another ligature's
   characters in the stream's order where it runs right to left, else reversed. */
static int glyph_text(const glyphs_t *g, int k, const int *owner, const int *rtl, unsigned short *out) {
    const unsigned short *codes = g->codes;
    int a = g->first[k], b = g->last[k], m = g->count[k];
    if (m == 1) {
        out[0] = codes[a];
        return 1;
    }
    if (m == 2 && lam_alef(g->cls[codes[a]], g->cls[codes[b]])) {
        out[0] = 0x644;  /* «ل» */
        out[1] = g->cls[codes[b]] & LAM ? codes[a] : codes[b];
        return 2;
    }
    int w = rtl[k] ? 0 : m - 1, step = rtl[k] ? 1 : -1;
    for (int c = a; c <= b; c++)
        if (owner[c] == k) {
            out[w] = codes[c];
            w += step;
        }
    return m;
}

typedef struct {
    int *start, *end, *ltr, *offset;
    unsigned short *text;
    int *glyph_len;
    double *x0, *x1, *ox, *y, *size, *low, *high;
    int *order, *bold, *n;
    int units, at_text;
} units_t;

/* Appends the unit of glyphs lo..stop) (a run when more than one; ltr: the stream draws it
   left to right) with its text. */
static void put_unit(units_t *o, const glyphs_t *g, const int *owner, const int *rtl, const double *mids,
                     int lo, int stop, int ltr) {
    int u = o->units++, left = ltr ? lo : stop - 1, right = ltr ? stop - 1 : lo;
    o->start[u] = lo;
    o->end[u] = stop;
    o->ltr[u] = ltr;
    o->offset[u] = o->at_text;
    for (int j = 0; j < stop - lo; j++) {
        int k = ltr ? stop - 1 - j : lo + j;  /* left to right in the stream: its glyphs reversed */
        o->at_text += o->glyph_len[k] = glyph_text(g, k, owner, rtl, o->text + o->at_text);
    }
    o->x0[u] = g->x0[left];
    o->x1[u] = g->x1[right];
    o->ox[u] = g->ox[left];
    o->y[u] = g->y[lo];
    o->size[u] = g->size[lo];
    o->low[u] = mids[left];
    o->high[u] = mids[right];
    o->order[u] = g->first[lo];
    o->bold[u] = g->bold_at[lo];
    o->n[u] = stop - lo;
}

/* A page's glyphs and units (pdf_units.Units, whose fields the arrays are), each ZWNJ mark a
   unit after the others. With N = n + n_marks, ints holds 15N + 1 + n_marks + 4 ints: per
   glyph first, last, count, rtl, bold_at; per character owner, kept; per unit start, end,
   ltr; per glyph glyph_len; per unit order, bold, n (N each), offset (N + 1), near
   (n_marks), and counts: characters kept, units, and of every (kept / 50)th kept character
   how many have no Unicode mapping, out of how many. floats holds 12N doubles: per glyph x0,
   x1, y, size, ox; per unit x0, x1, ox, y, size, low, high. text gets the units' texts (N
   UTF-16 units at most). Returns how many glyphs, or -1 when memory ran out. */
int minutes_glyphs(void *const *fn, handle tp, const unsigned short *codes, int n, const unsigned char *cls,
                   int by_object, int words, const double *marks, int n_marks, int *ints, double *floats,
                   unsigned short *text) {
    int N = n + n_marks;
    int *first = ints, *last = ints + N, *count = ints + 2 * N, *rtl = ints + 3 * N, *bold_at = ints + 4 * N;
    int *owner = ints + 5 * N, *kept = ints + 6 * N, *start = ints + 7 * N, *end = ints + 8 * N;
    int *ltr = ints + 9 * N, *glyph_len = ints + 10 * N, *unit_order = ints + 11 * N, *unit_bold = ints + 12 * N;
    int *unit_n = ints + 13 * N, *offset = ints + 14 * N, *near = ints + 15 * N + 1, *counts = near + n_marks;
    double *x0 = floats, *x1 = floats + N, *y = floats + 2 * N, *size = floats + 3 * N, *ox = floats + 4 * N;
    double *unit_x0 = floats + 5 * N, *unit_x1 = floats + 6 * N, *unit_ox = floats + 7 * N;
    double *unit_y = floats + 8 * N, *unit_size = floats + 9 * N, *unit_low = floats + 10 * N;
    double *unit_high = floats + 11 * N;
    char_origin_t origin = (char_origin_t)fn[CHAR_ORIGIN];
    loose_box_t box = (loose_box_t)fn[LOOSE_CHAR_BOX];
    font_size_t font_size = (font_size_t)fn[FONT_SIZE];
    text_object_t text_object = (text_object_t)fn[TEXT_OBJECT];
    text_object_font_t object_font = (text_object_font_t)fn[TEXT_OBJECT_FONT];
    map_error_t map_error = (map_error_t)fn[MAP_ERROR];
    glyphs_t g = {codes, cls, first, last, count, x0, x1, y, size, ox, bold_at};
    handle_map objects, fonts;
    double *objects_size = malloc(((size_t)n + 1) * sizeof *objects_size);
    int *objects_at = malloc(((size_t)n + 1) * sizeof *objects_at);
    double *mids = malloc(((size_t)n + 1) * sizeof *mids);
    int *kinds = malloc(((size_t)n + 1) * sizeof *kinds);
    int *spans = malloc(((size_t)n + 1) * 3 * sizeof *spans);
    double *ys = malloc(((size_t)N + 1) * sizeof *ys), *keys = malloc(((size_t)N + 1) * sizeof *keys);
    double *ms = malloc(((size_t)N + 1) * sizeof *ms), *sizes = malloc(((size_t)N + 1) * sizeof *sizes);
    at_y *order = malloc(((size_t)N + 1) * sizeof *order);
    int ok = map_init(&objects, (size_t)n + 1) & map_init(&fonts, 64);
    int result = -1;
    if (!(ok && objects_size && objects_at && mids && kinds && spans && ys && keys && ms && sizes && order))
        goto done;
    int n_objects = 0, glyph_count = 0, kept_count = 0, merge = -1;
    double cur_size = 0.0, last_y = -1.0, lx = 0.0, ly = 0.0;
    int at = -1;
    rectf r = {0, 0, 0, 0};  /* kept from the last character when a call fails, as in Python */
    for (int i = 0; i < n; i++) {
        owner[i] = -1;
        unsigned short code = codes[i];
        if (!(cls[code] & READ))
            continue;
        double x = 0.0, yy = 0.0;
        origin(tp, i, &x, &yy);
        box(tp, i, &r);
        double left = r.left, right = r.right;
        if (code == 0x20) {
            if (right - left < 0.05 || font_size(tp, i) < 2)
                continue;
        } else if (by_object) {
            handle obj = text_object(tp, i);
            int seen = map_get_or_put(&objects, obj, n_objects);
            if (seen < 0) {
                objects_size[n_objects] = font_size(tp, i);
                handle font = obj ? object_font(obj) : NULL;
                int first_at = font ? map_get_or_put(&fonts, font, i) : -1;
                objects_at[n_objects] = first_at < 0 ? i : first_at;
                seen = n_objects++;
            }
            cur_size = objects_size[seen];
            at = objects_at[seen];
        } else if (fabs(yy - last_y) > 0.01 || !(i & 15)) {
            cur_size = font_size(tp, i);
            last_y = yy;
            handle obj = text_object(tp, i);
            handle font = obj ? object_font(obj) : NULL;
            if (font) {
                int seen = map_get_or_put(&fonts, font, i);
                at = seen < 0 ? i : seen;
            } else {
                at = i;
            }
        }
        kept[kept_count++] = i;
        if (code != 0x20 && merge >= 0 && fabs(lx - x) < 0.01 && fabs(ly - yy) < 0.01) {
            if (left < x0[merge])
                x0[merge] = left;
            if (right > x1[merge])
                x1[merge] = right;
            last[merge] = i;
            count[merge]++;
            owner[i] = merge;
            continue;
        }
        int k = glyph_count++;
        owner[i] = k;
        first[k] = last[k] = i;
        count[k] = 1;
        rtl[k] = 1;
        x0[k] = left < x ? left : x;
        x1[k] = right;
        y[k] = yy;
        size[k] = cur_size;
        ox[k] = x;
        bold_at[k] = at;
        if (code == 0x20) {
            merge = -1;
        } else {
            merge = k;
            lx = x;
            ly = yy;
        }
    }
    counts[0] = kept_count;
    int step = kept_count / 50 > 1 ? kept_count / 50 : 1, hits = 0, sampled = 0;
    for (int t = 0; t < kept_count; t += step, sampled++)
        hits += map_error(tp, kept[t]) == 1;
    counts[2] = hits;
    counts[3] = sampled;
    int G = glyph_count;
    for (int k = 0; k < G; k++)
        mids[k] = (x0[k] + x1[k]) / 2;
    for (int k = 0; k < G; k++) {
        if (count[k] < 2)
            continue;
        const int js[4] = {k + 1, k - 1, k + 2, k - 2};
        for (int t = 0; t < 4; t++) {
            int j = js[t];
            if (j < 0 || j >= G)
                continue;
            if (fabs(y[j] - y[k]) > size[k] * 0.3)
                continue;
            rtl[k] = (mids[j] < mids[k]) == (j > k);
            break;
        }
    }
    for (int m = 0; m < n_marks; m++) {
        double zx = marks[2 * m], zy = marks[2 * m + 1], best = 0.0;
        int found = -1;
        for (int k = 0; k < G; k++) {
            if (count[k] == 1 && codes[first[k]] == 0x20)
                continue;
            if (fabs(y[k] - zy) < 0.5) {
                double d = fabs(ox[k] - zx);
                if (found < 0 || d < best) {
                    best = d;
                    found = k;
                }
            }
        }
        near[m] = found;
    }
    for (int k = 0; k < G; k++)
        kinds[k] = words ? member(&g, k) : 0;
    for (int m = 0; m < n_marks; m++)
        if (near[m] >= 0)
            kinds[near[m]] = 0;
    int n_spans = 0;
    for (int k = 0; k < G;) {
        if ((kinds[k] != 1 && kinds[k] != 2) || k + 1 == G || !kinds[k + 1]) {
            k++;
            continue;
        }
        int dir = !joins(&g, k, k + 1, kinds[k], kinds[k + 1], 0);
        int stop = k + 1;
        for (int j = k + 1; j < G && kinds[j] && joins(&g, j - 1, j, kinds[j - 1], kinds[j], dir); j++)
            if (kinds[j] != 3)
                stop = j + 1;
        int lo = k, hi = stop - 1;
        if (hi > lo) {
            int left = dir ? lo : hi, right = dir ? hi : lo;
            double key = ox[left] < x1[right] ? ox[left] : x0[left];
            if (key_of(&g, left) <= key && key <= key_of(&g, right)) {
                spans[3 * n_spans] = lo;
                spans[3 * n_spans + 1] = stop;
                spans[3 * n_spans + 2] = dir;
                n_spans++;
            }
        }
        k = stop;
    }
    if (n_spans) {
        double biggest = 0.0;
        for (int k = 0; k < G; k++) {
            ys[k] = y[k];
            keys[k] = key_of(&g, k);
            ms[k] = mids[k];
            sizes[k] = size[k];
        }
        for (int m = 0; m < n_marks; m++) {
            int k = near[m];
            double x = k >= 0 ? ox[k] - 0.001 : marks[2 * m];
            ys[G + m] = marks[2 * m + 1];
            keys[G + m] = ms[G + m] = x;
            sizes[G + m] = k >= 0 ? size[k] : 0.0;
        }
        int all = G + n_marks;
        for (int k = 0; k < all; k++) {
            if (k == 0 || sizes[k] > biggest)
                biggest = sizes[k];
            order[k].y = ys[k];
            order[k].k = k;
        }
        double reach = 0.7 * (biggest > 1.0 ? biggest : 1.0) + 0.01;
        qsort(order, (size_t)all, sizeof *order, by_y);
        int kept_spans = 0;
        for (int t = 0; t < n_spans; t++) {
            int lo = spans[3 * t], stop = spans[3 * t + 1], dir = spans[3 * t + 2];
            int left = dir ? lo : stop - 1, right = dir ? stop - 1 : lo;
            double yy = y[lo], min_key = keys[left], max_key = keys[right], min_mid = mids[left], max_mid = mids[right];
            double low = yy - reach, high = yy + reach;
            int a = 0, b = all;  /* first with ys >= low */
            while (a < b) {
                int mid = (a + b) / 2;
                if (order[mid].y < low)
                    a = mid + 1;
                else
                    b = mid;
            }
            int crossed = 0;
            for (int s = a; s < all && order[s].y <= high; s++) {
                int k = order[s].k;
                if (lo <= k && k < stop)
                    continue;
                if ((min_key <= keys[k] && keys[k] <= max_key) || (min_mid <= ms[k] && ms[k] <= max_mid)) {
                    crossed = 1;
                    break;
                }
            }
            if (!crossed) {
                spans[3 * kept_spans] = lo;
                spans[3 * kept_spans + 1] = stop;
                spans[3 * kept_spans + 2] = dir;
                kept_spans++;
            }
        }
        n_spans = kept_spans;
    }
    units_t out = {start, end, ltr, offset, text, glyph_len, unit_x0, unit_x1, unit_ox, unit_y, unit_size,
                   unit_low, unit_high, unit_order, unit_bold, unit_n, 0, 0};
    int from = 0;
    for (int t = 0; t <= n_spans; t++) {
        int lo = t < n_spans ? spans[3 * t] : G;
        for (; from < lo; from++)
            put_unit(&out, &g, owner, rtl, mids, from, from + 1, 0);
        if (t < n_spans) {
            put_unit(&out, &g, owner, rtl, mids, lo, spans[3 * t + 1], spans[3 * t + 2]);
            from = spans[3 * t + 1];
        }
    }
    for (int mk = 0; mk < n_marks; mk++) {  /* each ZWNJ just left of its nearest glyph, or where it was drawn */
        int u = out.units++, k = near[mk];
        double x = k >= 0 ? ox[k] - 0.001 : marks[2 * mk];
        start[u] = end[u] = G;
        ltr[u] = 0;
        offset[u] = out.at_text;
        text[out.at_text++] = 0x200C;
        unit_x0[u] = unit_x1[u] = unit_ox[u] = unit_low[u] = unit_high[u] = x;
        unit_y[u] = marks[2 * mk + 1];
        unit_size[u] = k >= 0 ? size[k] : 0.0;
        unit_order[u] = -1;
        unit_bold[u] = -1;
        unit_n[u] = 1;
    }
    int units = out.units, at_text = out.at_text;
    offset[units] = at_text;
    counts[1] = units;
    result = G;
done:
    map_free(&objects);
    map_free(&fonts);
    free(objects_size);
    free(objects_at);
    free(mids);
    free(kinds);
    free(spans);
    free(ys);
    free(keys);
    free(ms);
    free(sizes);
    free(order);
    return result;
}

/* --- a page's lines: pdf.py's _lines, _segments and logical, step for step -----------------

   For the units no table holds, in pdf.py's orders and with its arithmetic (pdf.py's
   functions are the Python twin: tests/test_pdf_loops.py holds the two to the same lines). */

enum { ALPHA = 1, SPACE = 2, MAYBE_LTR = 4, FORM = 8, BRACKET = 16 };  /* pdf._char_table() */

typedef struct { double key; int order, pos, item; } sort_t;

static int by_key(const void *a, const void *b) {
    const sort_t *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

typedef struct {
    const double *x0, *x1, *y, *size, *ox;
    const int *order, *n, *offset;
    const unsigned char *bold;
    const unsigned short *text;
    const unsigned char *props, *kinds;
} items_t;

static int is_ltr_kind(unsigned char k) { return k == 'L' || k == 'D' || k == 'M' || k == 'N'; }

static unsigned char unit_kind(const items_t *it, int u) {
    /* u < 0: a space put between units */
    if (u < 0)
        return it->kinds[' '];
    int a = it->offset[u], b = it->offset[u + 1];
    unsigned char first = it->kinds[it->text[a]], last = it->kinds[it->text[b - 1]];
    if (b - a == 1)
        return first;
    if (first == 'L')
        return last == 'L' ? 'L' : 'M';
    if (first == 'D')
        return last == 'L' ? 'N' : 'D';
    return first;
}

static unsigned short mirrored(unsigned short c) {
    switch (c) {
    case '(': return ')';
    case ')': return '(';
    case '[': return ']';
    case ']': return '[';
    case '{': return '}';
    case '}': return '{';
    case 0xAB: return 0xBB;
    case 0xBB: return 0xAB;
    default: return c;
    }
}

/* Turns v[lo..hi) round. */
static void reverse(int *v, int lo, int hi) {
    for (int a = lo, b = hi - 1; a < b; a++, b--) {
        int t = v[a];
        v[a] = v[b];
        v[b] = t;
    }
}

/* pdf.logical over the items seg[0..m) (in the order _segments gives them): the text into
   out (returns its length), -2 when it holds presentation forms (pdf.py reads the page), -1
   when out's room (cap) is too small. */
static int logical_text(const items_t *it, const int *seg, int m, sort_t *s, int *visual, unsigned char *kinds,
                        unsigned short *out, long cap) {
    for (int k = 0; k < m; k++) {
        int i = seg[k];
        s[k].key = it->ox[i] < it->x1[i] ? it->ox[i] : it->x0[i];
        s[k].order = it->order[i];
        s[k].pos = k;
        s[k].item = i;
    }
    qsort(s, (size_t)m, sizeof *s, by_key);
    int v = 0, prev = -1, space = 0;
    for (int k = 0; k < m; k++) {
        int g = s[k].item, a = it->offset[g], len = it->offset[g + 1] - a;
        unsigned short first = it->text[a];
        if (len == 1 && first == ' ') {
            space = 1;
            prev = -1;
            continue;
        }
        if (len == 1 && first == 0x200C) {
            visual[v++] = g;
            continue;
        }
        if (prev >= 0) {
            double gap = it->x0[g] - it->x1[prev];
            double size = it->size[g] > it->size[prev] ? it->size[g] : it->size[prev];
            unsigned short last = it->text[it->offset[prev + 1] - 1];
            if (gap > 0 && gap > size * ((it->props[last] & ALPHA) && (it->props[first] & ALPHA) ? 0.1 : 0.15))
                space = 1;
        }
        if (space && v)
            visual[v++] = -1;
        visual[v++] = g;
        prev = g;
        space = 0;
    }
    reverse(visual, 0, v);  /* units = visual reversed */
    int maybe = 0;
    for (int k = 0; k < v && !maybe; k++) {
        int u = visual[k];
        if (u < 0)
            continue;  /* a space is no left-to-right character */
        for (int c = it->offset[u]; c < it->offset[u + 1]; c++)
            if (it->props[it->text[c]] & MAYBE_LTR) {
                maybe = 1;
                break;
            }
    }
    if (maybe) {
        int any = 0;
        for (int k = 0; k < v; k++) {
            kinds[k] = unit_kind(it, visual[k]);
            any |= is_ltr_kind(kinds[k]);
        }
        for (int p = 0; any && p < v;) {
            if (!is_ltr_kind(kinds[p])) {
                p++;
                continue;
            }
            int q = p + 1;
            for (;;) {
                if (q < v && is_ltr_kind(kinds[q]))
                    q++;
                else if (q + 1 < v && kinds[q] == 'j' && is_ltr_kind(kinds[q + 1]))
                    q++;
                else if (q + 1 < v && kinds[q] == 'w' && (kinds[q - 1] == 'L' || kinds[q - 1] == 'N')
                         && (kinds[q + 1] == 'L' || kinds[q + 1] == 'M'))
                    q++;
                else
                    break;
            }
            reverse(visual, p, q);
            p = q;
        }
    }
    long need = 0;
    for (int k = 0; k < v; k++)
        need += visual[k] < 0 ? 1 : it->offset[visual[k] + 1] - it->offset[visual[k]];
    if (need > cap)
        return -1;
    int len = 0, odd = 0;
    for (int k = 0; k < v; k++) {
        int u = visual[k];
        if (u < 0) {
            out[len++] = ' ';
            continue;
        }
        for (int c = it->offset[u]; c < it->offset[u + 1]; c++) {
            unsigned short ch = it->text[c];
            unsigned char p = it->props[ch];
            if (p & FORM)
                return -2;
            out[len++] = p & BRACKET ? mirrored(ch) : ch;
        }
    }
    for (int c = 0; c < len && !odd; c++)
        if (it->props[out[c]] & SPACE && (out[c] != ' ' || (c + 1 < len && it->props[out[c + 1]] & SPACE)))
            odd = 1;
    if (odd) {  /* every run of white space becomes one space */
        int w = 0, in_space = 0;
        for (int c = 0; c < len; c++) {
            if (it->props[out[c]] & SPACE) {
                if (!in_space)
                    out[w++] = ' ';
                in_space = 1;
            } else {
                out[w++] = out[c];
                in_space = 0;
            }
        }
        len = w;
    }
    int a = 0, b = len;
    while (a < b && it->props[out[a]] & SPACE)
        a++;
    while (b > a && it->props[out[b - 1]] & SPACE)
        b--;
    if (a > 0)
        memmove(out, out + a, (size_t)(b - a) * sizeof *out);
    return b - a;
}

/* For each group of items free[groups[g]..groups[g + 1]) (the units outside tables, or a
   table's cells), the segments (pdf._segments) of its lines (pdf._lines), each read by
   pdf.logical: per segment its line's baseline, least x0, greatest x1 and size
   (seg_f[4k..4k+4)), its glyph count, the glyph count of its bold items, where its text ends
   in out (out_cap units) and its group (seg_i[4k..4k+4)); segments with no text are left out.
   Returns how many, -1 when memory or out's room ran out, -2 when a text holds presentation
   forms (pdf.py reads it then). */
int minutes_lines(const double *x0, const double *x1, const double *y, const double *size, const double *ox,
                  const int *order, const int *n, const int *offset, const unsigned char *bold,
                  const unsigned short *text, const unsigned char *props, const unsigned char *kinds,
                  const int *free_items, const int *groups, int n_groups, double *seg_f, int *seg_i,
                  unsigned short *out, int out_cap) {
    items_t it = {x0, x1, y, size, ox, order, n, offset, bold, text, props, kinds};
    int m = groups[n_groups];
    sort_t *rows = malloc(((size_t)m + 1) * sizeof *rows), *s = malloc(((size_t)m + 1) * sizeof *s);
    int *block = malloc(((size_t)m + 1) * sizeof *block), *starts = malloc(((size_t)m + 2) * sizeof *starts);
    int *visual = malloc((2 * (size_t)m + 1) * sizeof *visual);
    unsigned char *unit_kinds = malloc(2 * (size_t)m + 1);
    int result = -1;
    if (!(rows && s && block && starts && visual && unit_kinds))
        goto done;
    int segs = 0, at = 0;
    for (int group = 0; group < n_groups; group++) {
    int g0 = groups[group], gm = groups[group + 1] - g0;
    for (int k = 0; k < gm; k++) {  /* top down; equal baselines keep their order */
        rows[k].key = -y[free_items[g0 + k]];
        rows[k].order = 0;
        rows[k].pos = k;
        rows[k].item = free_items[g0 + k];
    }
    qsort(rows, (size_t)gm, sizeof *rows, by_key);
    for (int r0 = 0; r0 < gm;) {
        int head = rows[r0].item, r1 = r0 + 1;
        while (r1 < gm) {
            int g = rows[r1].item;
            double big = size[head] > size[g] ? size[head] : size[g];
            if (!(y[head] - y[g] <= 0.35 || y[head] - y[g] <= big * 0.35))
                break;
            r1++;
        }
        /* _segments: the line by middle, cut where three ems (and 3 pt) part two glyphs */
        int count = r1 - r0;
        for (int k = 0; k < count; k++) {
            int i = rows[r0 + k].item;
            s[k].key = (x0[i] + x1[i]) / 2;
            s[k].order = 0;
            s[k].pos = k;
            s[k].item = i;
        }
        qsort(s, (size_t)count, sizeof *s, by_key);
        int blocks = 0;
        starts[blocks++] = 0;
        for (int k = 0; k < count; k++) {
            block[k] = s[k].item;
            if (k > 0) {
                int g = block[k], prev = block[k - 1];
                double gap = x0[g] - x1[prev], big = size[g] > size[prev] ? size[g] : size[prev];
                if (gap > 3 && gap > 3 * big)
                    starts[blocks++] = k;
            }
        }
        starts[blocks] = count;
        for (int b = blocks - 1; b >= 0; b--) {  /* right block first */
            int *seg = block + starts[b], len = starts[b + 1] - starts[b];
            int got = logical_text(&it, seg, len, s, visual, unit_kinds, out + at, (long)out_cap - at);
            if (got < 0) {
                result = got;
                goto done;
            }
            if (got == 0)
                continue;
            double lo = x0[seg[0]], hi = x1[seg[0]], big = size[seg[0]];
            int total = 0, heavy = 0;
            for (int k = 0; k < len; k++) {
                int i = seg[k];
                if (x0[i] < lo)
                    lo = x0[i];
                if (x1[i] > hi)
                    hi = x1[i];
                if (size[i] > big)
                    big = size[i];
                total += n[i];
                if (bold[i])
                    heavy += n[i];
            }
            at += got;
            seg_f[4 * segs] = y[head];
            seg_f[4 * segs + 1] = lo;
            seg_f[4 * segs + 2] = hi;
            seg_f[4 * segs + 3] = big;
            seg_i[4 * segs] = total;
            seg_i[4 * segs + 1] = heavy;
            seg_i[4 * segs + 2] = at;
            seg_i[4 * segs + 3] = group;
            segs++;
        }
        r0 = r1;
    }
    }
    result = segs;
done:
    free(rows);
    free(s);
    free(block);
    free(starts);
    free(visual);
    free(unit_kinds);
    return result;
}
