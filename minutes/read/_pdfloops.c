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

typedef void *handle;
typedef struct { float left, top, right, bottom; } rectf;  /* FS_RECTF */
typedef struct { float a, b, c, d, e, f; } matrix;        /* FS_MATRIX */

enum fn { CHAR_ORIGIN, LOOSE_CHAR_BOX, TEXT_OBJECT, GET_OBJECT, OBJECT_TYPE, FORM_COUNT, FORM_OBJECT,
          COUNT_MARKS, GET_MARK, MARK_BLOB, OBJECT_MATRIX };

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

/* Bumped whenever a signature below changes: pdf_loops.py ignores a library built from an
   older source (an editable install not run again) instead of calling it wrongly. */
int minutes_pdfloops_version(void) { return 2; }

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
