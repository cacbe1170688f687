/* A state's memberships page written in C: the scan, the judgement of one period and the JSON
 * of the plain memberships (one name, no participation changes, events or notes), with the
 * reason of those only possibly in the span.
 *
 * ``app.memberships.holdings`` builds a ``Pages`` from the compiled organisations and hands every
 * other membership back to ``StateMemberships.text`` through the ``special`` callable: the JSON
 * of anything unusual is written by Python alone. What is here mirrors ``app.temporal``'s
 * ``judge_one``, ``bounds_doubt`` (with its words, passed in) and ``FuzzyDate.between`` (a date
 * written from its earliest and latest days), and ``app.memberships.compiled._period``; the tests
 * hold it to them: every bound combination of a small calendar, every day of four centuries, and
 * every page of the seeds and of generated datasets. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

enum { S_HI, E_LO, SOURCE_LISTS, N_ARRAYS };
enum { NO = 0, POSSIBLE = 1, CERTAIN = 2 };

/* what a page reads of one organisation, in one cache line or two */
typedef struct {
    const int *arrays[N_ARRAYS]; /* the data of its arrays (held in ``Pages.views``) */
    Py_ssize_t size;             /* the length of the shortest */
    PyObject *ending;            /* bytes after the sources, or None: renamed (Python writes) */
    PyObject *sources;           /* list[str]: its catalog's source lists as JSON text */
} Org;

typedef struct {
    PyObject_HEAD
    Py_ssize_t count;
    Org *orgs;
    Py_buffer *views; /* N_ARRAYS per organisation: its arrays, held (not resizable) while we live */
    PyObject *heads;   /* tuple[bytes, ...]: a membership's opening, by kind */
    PyObject *middle;  /* bytes: from after the period to the sources' value */
    PyObject *certain; /* bytes: the judgement of a certain membership, to the end */
    PyObject *doubts;  /* tuple[bytes, ...]: the words of a possible one's (``DOUBT_*``) */
    int forever;
} Pages;

/* the answer being written, in the bytes object that will be it */
typedef struct {
    PyObject *bytes;
    Py_ssize_t size;
} Buffer;

static int
grow(Buffer *b, Py_ssize_t more)
{
    Py_ssize_t capacity = PyBytes_GET_SIZE(b->bytes);
    if (b->size + more <= capacity)
        return 0;
    while (capacity < b->size + more)
        capacity *= 2;
    return _PyBytes_Resize(&b->bytes, capacity);
}

static int
put(Buffer *b, const char *text, Py_ssize_t size)
{
    if (grow(b, size) < 0)
        return -1;
    memcpy(PyBytes_AS_STRING(b->bytes) + b->size, text, size);
    b->size += size;
    return 0;
}

#define PUT_LITERAL(b, text) put((b), (text), (Py_ssize_t)sizeof(text) - 1)

static int
put_bytes(Buffer *b, PyObject *bytes)
{
    return put(b, PyBytes_AS_STRING(bytes), PyBytes_GET_SIZE(bytes));
}

static int
put_str(Buffer *b, PyObject *text)
{
    if (text == NULL) /* its error is set */
        return -1;
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(text, &size);
    return utf8 == NULL ? -1 : put(b, utf8, size);
}

/* app.temporal.judge_one */
static int
judge(int s_lo, int s_hi, int e_lo, int e_hi, int first, int after, int throughout)
{
    if (!throughout) {
        if (s_hi < e_lo && s_hi < after && first < e_lo)
            return CERTAIN;
        if (s_lo < e_hi && s_lo < after && first < e_hi)
            return POSSIBLE;
        return NO;
    }
    if (s_hi < e_lo && s_hi <= first && after <= e_lo)
        return CERTAIN;
    if (s_lo < e_hi && s_lo <= first && after <= e_hi)
        return POSSIBLE;
    return NO;
}

static PyObject *
item(PyObject *list, int index)
{
    if (index < 0 || index >= PyList_GET_SIZE(list)) {
        PyErr_Format(PyExc_IndexError, "text %d is not in the catalog", index);
        return NULL;
    }
    return PyList_GET_ITEM(list, index);
}

/* ``value`` in ``width`` decimal digits at ``text[at]``; where they end */
static int
digits(char *text, int at, int value, int width)
{
    for (int n = width - 1; n >= 0; n--, value /= 10)
        text[at + n] = (char)('0' + value % 10);
    return at + width;
}

/* The date between two days (ordinals, as date.toordinal) as JSON text: a day, or its month if
 * both are in it, else its year (app.temporal.FuzzyDate.between, written as str() writes it),
 * and its precision in words. The civil date of a day is Howard Hinnant's ``civil_from_days``.
 * Returns the text's length, or -1 (ValueError set) before year 1 or after 9999. */
static int
date_json(int earliest, int latest, char text[13], const char **precision)
{
    int year[2], month[2], day[2], ordinals[2] = {earliest, latest};
    for (int n = 0; n < 2; n++) {
        long z = (long)ordinals[n] + 305; /* days since 0000-03-01 */
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        day[n] = (int)(doy - (153 * mp + 2) / 5 + 1);
        month[n] = (int)(mp < 10 ? mp + 3 : mp - 9);
        year[n] = (int)(yoe + era * 400 + (month[n] <= 2));
    }
    if (year[0] < 1 || year[0] > 9999) {
        PyErr_Format(PyExc_ValueError, "day %d is not a date", earliest);
        return -1;
    }
    int size = 0;
    text[size++] = '"';
    size = digits(text, size, year[0], 4);
    *precision = "year";
    if (earliest == latest || (year[0] == year[1] && month[0] == month[1])) {
        text[size++] = '-';
        size = digits(text, size, month[0], 2);
        *precision = "month";
    }
    if (earliest == latest) {
        text[size++] = '-';
        size = digits(text, size, day[0], 2);
        *precision = "day";
    }
    text[size++] = '"';
    return size;
}

static int
put_date(Buffer *b, int earliest, int latest, const char **precision)
{
    char text[13];
    int size = date_json(earliest, latest, text, precision);
    return size < 0 ? -1 : put(b, text, size);
}

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch(address)
#else
#define PREFETCH(address) ((void)(address))
#endif

#define BATCH 16

/* a membership of the page being written */
typedef struct {
    Py_ssize_t position;
    const Org *org;
    int i, lo, hi, e_lo, verdict;
} Candidate;

/* ask for the str at ``list[index]`` (its slot asked for before): its header and text */
static void
prefetch_text(PyObject *list, int index)
{
    if (index >= 0 && index < PyList_GET_SIZE(list)) {
        const char *text = (const char *)PyList_GET_ITEM(list, index);
        PREFETCH(text);
        PREFETCH(text + 64);
    }
}

/* what a callback returns (a str) */
static int
put_returned(Buffer *b, PyObject *text)
{
    if (text == NULL)
        return -1;
    int failed = PyUnicode_Check(text) ? put_str(b, text) : -1;
    if (failed && !PyErr_Occurred())
        PyErr_SetString(PyExc_TypeError, "a callback must return a str");
    Py_DECREF(text);
    return failed;
}

#define AT(org, array, i) ((org)->arrays[array][i])

/* app.memberships.compiled._period of a period with these bounds */
static int
put_period(Buffer *b, int s_lo, int s_hi, int e_lo, int e_hi, int forever)
{
    const char *start_precision, *end_precision = NULL; /* NULL: no end */
    if (PUT_LITERAL(b, "{\"start\":") < 0 || put_date(b, s_lo, s_hi, &start_precision) < 0
        || PUT_LITERAL(b, ",\"end\":") < 0)
        return -1;
    const char *status = e_lo == forever ? "open" : e_hi == forever ? "unknown" : "closed";
    if (e_lo == forever || e_hi == forever ? PUT_LITERAL(b, "null") < 0
                                           : put_date(b, e_lo, e_hi, &end_precision) < 0)
        return -1;
    if (PUT_LITERAL(b, ",\"end_status\":\"") < 0
        || put(b, status, (Py_ssize_t)strlen(status)) < 0
        || PUT_LITERAL(b, "\",\"start_precision\":\"") < 0
        || put(b, start_precision, (Py_ssize_t)strlen(start_precision)) < 0)
        return -1;
    if (end_precision == NULL)
        return PUT_LITERAL(b, "\",\"end_precision\":null}");
    return (PUT_LITERAL(b, "\",\"end_precision\":\"") < 0
            || put(b, end_precision, (Py_ssize_t)strlen(end_precision)) < 0
            || PUT_LITERAL(b, "\"}") < 0) ? -1 : 0;
}

/* the words of a doubt, by their place in ``Pages.doubts`` */
enum {
    DOUBT_OPEN,        /* the judgement up to the reason's text */
    DOUBT_CLOSE,       /* after it, to the end of the membership */
    DOUBT_START,       /* START_KNOWN_ONLY: before the date, */
    DOUBT_START_DATE,  /* between it and the precision, */
    DOUBT_START_AFTER, /* after the precision */
    DOUBT_END,         /* END_KNOWN_ONLY, the same */
    DOUBT_END_DATE,
    DOUBT_END_AFTER,
    DOUBT_NOT_RECORDED, /* END_NOT_RECORDED */
    DOUBT_JOINED,       /* DOUBTS_JOINED */
    DOUBT_SOME,         /* SOME_BOUND_IMPRECISE */
    N_DOUBTS
};

static int
json_safe(PyObject *bytes)
{
    const unsigned char *text = (const unsigned char *)PyBytes_AS_STRING(bytes);
    for (Py_ssize_t n = 0; n < PyBytes_GET_SIZE(bytes); n++)
        if (text[n] == '"' || text[n] == '\\' || text[n] < 0x20)
            return 0;
    return 1;
}

/* START_KNOWN_ONLY or END_KNOWN_ONLY (``first`` the place of its words) of the date between two
 * days */
static int
put_known_only(Buffer *b, PyObject *doubts, int first, int earliest, int latest)
{
    char text[13];
    const char *word;
    int size = date_json(earliest, latest, text, &word);
    return (size < 0 || put_bytes(b, PyTuple_GET_ITEM(doubts, first)) < 0
            || put(b, text + 1, size - 2) < 0 /* without its quotes */
            || put_bytes(b, PyTuple_GET_ITEM(doubts, first + 1)) < 0
            || put(b, word, (Py_ssize_t)strlen(word)) < 0
            || put_bytes(b, PyTuple_GET_ITEM(doubts, first + 2)) < 0) ? -1 : 0;
}

/* The judgement of a single period only possibly in [first, after), to the end of the
 * membership: app.temporal.bounds_doubt (which ``bounds_doubts`` is of one period). */
static int
put_doubt(Buffer *b, PyObject *doubts, int forever, int s_lo, int s_hi, int e_lo, int e_hi,
          int first, int after)
{
    int parts = 0;
    if (put_bytes(b, PyTuple_GET_ITEM(doubts, DOUBT_OPEN)) < 0)
        return -1;
    if (s_lo != s_hi && s_lo < after && first <= s_hi) {
        if (put_known_only(b, doubts, DOUBT_START, s_lo, s_hi) < 0)
            return -1;
        parts++;
    }
    int end_doubt = DOUBT_SOME; /* none */
    if (e_hi == forever) {
        if (e_lo != forever)
            end_doubt = DOUBT_NOT_RECORDED;
    }
    else if (e_lo != e_hi && e_lo < after && first < e_hi)
        end_doubt = DOUBT_END;
    if (end_doubt != DOUBT_SOME) {
        if (parts && put_bytes(b, PyTuple_GET_ITEM(doubts, DOUBT_JOINED)) < 0)
            return -1;
        if (end_doubt == DOUBT_END ? put_known_only(b, doubts, DOUBT_END, e_lo, e_hi) < 0
                                   : put_bytes(b, PyTuple_GET_ITEM(doubts, DOUBT_NOT_RECORDED)) < 0)
            return -1;
        parts++;
    }
    if (!parts && put_bytes(b, PyTuple_GET_ITEM(doubts, DOUBT_SOME)) < 0)
        return -1;
    return put_bytes(b, PyTuple_GET_ITEM(doubts, DOUBT_CLOSE));
}

static int
valid_doubts(PyObject *doubts)
{
    if (PyTuple_GET_SIZE(doubts) != N_DOUBTS) {
        PyErr_Format(PyExc_TypeError, "doubts must be %d bytes", N_DOUBTS);
        return 0;
    }
    for (Py_ssize_t w = 0; w < N_DOUBTS; w++) {
        PyObject *words = PyTuple_GET_ITEM(doubts, w);
        if (!PyBytes_Check(words) || (w >= DOUBT_START && !json_safe(words))) {
            PyErr_SetString(PyExc_TypeError,
                            "doubts must be bytes, its words needing no escape in JSON");
            return 0;
        }
    }
    return 1;
}

static void
Pages_dealloc(Pages *self)
{
    for (Py_ssize_t n = 0; n < self->count; n++) {
        Org *org = &self->orgs[n];
        for (int a = 0; a < N_ARRAYS; a++)
            if (self->views[n * N_ARRAYS + a].obj != NULL)
                PyBuffer_Release(&self->views[n * N_ARRAYS + a]);
        Py_XDECREF(org->ending);
        Py_XDECREF(org->sources);
    }
    PyMem_Free(self->orgs);
    PyMem_Free(self->views);
    Py_XDECREF(self->heads);
    Py_XDECREF(self->middle);
    Py_XDECREF(self->certain);
    Py_XDECREF(self->doubts);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
int_array(PyObject *object, Py_buffer *view, const char *what)
{
    if (PyObject_GetBuffer(object, view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return -1;
    if (view->itemsize != sizeof(int) || view->format == NULL || strcmp(view->format, "i") != 0) {
        PyBuffer_Release(view);
        PyErr_Format(PyExc_TypeError, "%s must be an array('i')", what);
        return -1;
    }
    return 0;
}

/* Pages(orgs, heads, middle, certain, doubts, forever): orgs is a sequence, by organisation
 * number, of (s_hi, e_lo, source_lists, ending, sources). */
static int
Pages_init(Pages *self, PyObject *args, PyObject *kwargs)
{
    static char *names[] = {"orgs", "heads", "middle", "certain", "doubts", "forever", NULL};
    PyObject *orgs, *heads, *middle, *certain, *doubts;
    int forever;
    if (self->orgs != NULL) {
        PyErr_SetString(PyExc_TypeError, "Pages is initialised once");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO!O!O!O!i", names, &orgs, &PyTuple_Type,
                                     &heads, &PyBytes_Type, &middle, &PyBytes_Type, &certain,
                                     &PyTuple_Type, &doubts, &forever))
        return -1;
    if (!valid_doubts(doubts))
        return -1;
    for (Py_ssize_t h = 0; h < PyTuple_GET_SIZE(heads); h++)
        if (!PyBytes_Check(PyTuple_GET_ITEM(heads, h))) {
            PyErr_SetString(PyExc_TypeError, "heads must be a tuple of bytes");
            return -1;
        }
    PyObject *sequence = PySequence_Fast(orgs, "orgs must be a sequence");
    if (sequence == NULL)
        return -1;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(sequence);
    self->orgs = PyMem_Calloc(count ? count : 1, sizeof(Org));
    self->views = PyMem_Calloc(count ? count * N_ARRAYS : 1, sizeof(Py_buffer));
    if (self->orgs == NULL || self->views == NULL) {
        Py_DECREF(sequence);
        PyErr_NoMemory();
        return -1;
    }
    Py_INCREF(heads);
    self->heads = heads;
    Py_INCREF(middle);
    self->middle = middle;
    Py_INCREF(certain);
    self->certain = certain;
    Py_INCREF(doubts);
    self->doubts = doubts;
    self->forever = forever;
    for (Py_ssize_t n = 0; n < count; n++) {
        PyObject *arrays[N_ARRAYS], *ending, *sources;
        PyObject *entry = PySequence_Fast_GET_ITEM(sequence, n);
        if (!PyTuple_Check(entry)
            || !PyArg_ParseTuple(entry, "OOOOO!", &arrays[S_HI], &arrays[E_LO],
                                 &arrays[SOURCE_LISTS], &ending, &PyList_Type, &sources)) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "each organisation must be a tuple");
            Py_DECREF(sequence);
            return -1;
        }
        if (ending != Py_None && !PyBytes_Check(ending)) {
            PyErr_SetString(PyExc_TypeError, "an organisation's ending must be bytes or None");
            Py_DECREF(sequence);
            return -1;
        }
        Org *org = &self->orgs[n];
        self->count = n + 1; /* dealloc releases what this one holds so far */
        org->size = PY_SSIZE_T_MAX;
        for (int a = 0; a < N_ARRAYS; a++) {
            Py_buffer *view = &self->views[n * N_ARRAYS + a];
            if (int_array(arrays[a], view, "an organisation's array") < 0) {
                Py_DECREF(sequence);
                return -1;
            }
            org->arrays[a] = view->buf;
            if (view->len / (Py_ssize_t)sizeof(int) < org->size)
                org->size = view->len / (Py_ssize_t)sizeof(int);
        }
        Py_INCREF(ending);
        org->ending = ending;
        Py_INCREF(sources);
        org->sources = sources;
    }
    Py_DECREF(sequence);
    return 0;
}

/* render(head, numbers, memberships, lows, highs, kinds, start, first, after, throughout, limit,
 * special, closing) -> (answer, next): ``head``, the JSON of the memberships from position
 * ``start`` of a state's list that touch [first, after), at most ``limit`` (-1: all) of them,
 * joined by commas, and ``closing(next)``, where ``next`` is the position of the next one (-1:
 * none). ``kinds`` is array('b'): the opening's number, or -1 for a membership whose JSON only
 * Python writes: ``special(position)`` returns it as str. */
static PyObject *
Pages_render(Pages *self, PyObject *args)
{
    PyObject *head, *objects[4], *kinds_object, *special, *closing;
    Py_ssize_t start, limit;
    int first, after, throughout;
    if (!PyArg_ParseTuple(args, "O!OOOOOniipnOO:render", &PyBytes_Type, &head, &objects[0],
                          &objects[1], &objects[2], &objects[3], &kinds_object, &start, &first,
                          &after, &throughout, &limit, &special, &closing))
        return NULL;
    if (self->orgs == NULL) {
        PyErr_SetString(PyExc_TypeError, "Pages is not initialised");
        return NULL;
    }
    Py_buffer views[4], kinds_view;
    int held = 0;
    PyObject *result = NULL;
    Buffer out = {PyBytes_FromStringAndSize(NULL, 1 << 16), 0};
    if (out.bytes == NULL || put_bytes(&out, head) < 0)
        goto done;
    for (; held < 4; held++)
        if (int_array(objects[held], &views[held], "a state's list") < 0)
            goto done;
    if (PyObject_GetBuffer(kinds_object, &kinds_view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        goto done;
    held++;
    if (kinds_view.itemsize != 1 || kinds_view.format == NULL
        || strcmp(kinds_view.format, "b") != 0) {
        PyErr_SetString(PyExc_TypeError, "kinds must be an array('b')");
        goto done;
    }
    const int *numbers = views[0].buf, *memberships = views[1].buf, *lows = views[2].buf,
              *highs = views[3].buf;
    const signed char *kinds = kinds_view.buf;
    Py_ssize_t size = views[0].len / (Py_ssize_t)sizeof(int);
    if (views[1].len != views[0].len || views[2].len != views[0].len
        || views[3].len != views[0].len || kinds_view.len != size) {
        PyErr_SetString(PyExc_ValueError, "a state's lists differ in length");
        goto done;
    }
    /* The memberships are read a batch at a time, each step of the batch asking the memory for
     * what the next step reads (an organisation, its arrays, its texts) before reading it: a
     * page's hundred memberships lie all over memory, and fetched one after the other each
     * would wait for its own chain of cache misses. */
    Candidate batch[BATCH];
    Py_ssize_t found = 0, next = -1, position = start < 0 ? 0 : start;
    while (next < 0 && position < size) {
        int n = 0;
        for (; n < BATCH && position < size; position++) {
            int lo = lows[position], hi = highs[position];
            if (lo >= after || first >= hi)
                continue;
            int number = numbers[position];
            if (number < 0 || number >= self->count) {
                PyErr_Format(PyExc_IndexError, "organisation %d is not held", number);
                goto done;
            }
            batch[n] = (Candidate){.position = position, .org = &self->orgs[number],
                                   .i = memberships[position], .lo = lo, .hi = hi};
            PREFETCH(batch[n].org);
            n++;
        }
        for (int k = 0; k < n; k++) {
            const Org *org = batch[k].org;
            int i = batch[k].i;
            if (i < 0 || i >= org->size) {
                PyErr_Format(PyExc_IndexError, "membership %d is not held", i);
                goto done;
            }
            for (int a = 0; a < N_ARRAYS; a++)
                PREFETCH(&org->arrays[a][i]);
            PREFETCH(org->ending);
        }
        for (int k = 0; k < n; k++) {
            Candidate *c = &batch[k];
            const Org *org = c->org;
            c->e_lo = AT(org, E_LO, c->i);
            c->verdict = judge(c->lo, AT(org, S_HI, c->i), c->e_lo, c->hi, first, after,
                               throughout);
            if (c->verdict != NO) {
                int sources = AT(org, SOURCE_LISTS, c->i);
                if (sources >= 0 && sources < PyList_GET_SIZE(org->sources))
                    PREFETCH(&((PyListObject *)org->sources)->ob_item[sources]);
            }
        }
        for (int k = 0; k < n; k++) {
            const Candidate *c = &batch[k];
            if (c->verdict != NO)
                prefetch_text(c->org->sources, AT(c->org, SOURCE_LISTS, c->i));
        }
        for (int k = 0; k < n; k++) {
            const Candidate *c = &batch[k];
            if (c->verdict == NO)
                continue;
            if (found == limit) {
                next = c->position;
                break;
            }
            if (found > 0 && PUT_LITERAL(&out, ",") < 0)
                goto done;
            found++;
            const Org *org = c->org;
            int kind = kinds[c->position];
            if (kind < 0 || org->ending == Py_None || kind >= PyTuple_GET_SIZE(self->heads)) {
                if (put_returned(&out, PyObject_CallFunction(special, "n", c->position)) < 0)
                    goto done;
                continue;
            }
            if (put_bytes(&out, PyTuple_GET_ITEM(self->heads, kind)) < 0
                || put_period(&out, c->lo, AT(org, S_HI, c->i), c->e_lo, c->hi, self->forever) < 0
                || put_bytes(&out, self->middle) < 0
                || put_str(&out, item(org->sources, AT(org, SOURCE_LISTS, c->i))) < 0
                || put_bytes(&out, org->ending) < 0
                || (c->verdict == CERTAIN ? put_bytes(&out, self->certain)
                                          : put_doubt(&out, self->doubts, self->forever, c->lo,
                                                      AT(org, S_HI, c->i), c->e_lo, c->hi, first,
                                                      after)) < 0)
                goto done;
        }
    }
    PyObject *closed = PyObject_CallFunction(closing, "n", next);
    if (closed == NULL)
        goto done;
    int failed = PyBytes_Check(closed) ? put_bytes(&out, closed) : -1;
    if (failed && !PyErr_Occurred())
        PyErr_SetString(PyExc_TypeError, "closing must return bytes");
    Py_DECREF(closed);
    if (failed || _PyBytes_Resize(&out.bytes, out.size) < 0)
        goto done;
    result = Py_BuildValue("(Nn)", out.bytes, next);
    out.bytes = NULL;
done:
    Py_XDECREF(out.bytes);
    for (int v = 0; v < held; v++)
        PyBuffer_Release(v < 4 ? &views[v] : &kinds_view);
    return result;
}

/* judge(s_lo, s_hi, e_lo, e_hi, first, after, throughout) -> 0 no, 1 possible, 2 certain */
static PyObject *
judge_py(PyObject *Py_UNUSED(module), PyObject *args)
{
    int s_lo, s_hi, e_lo, e_hi, first, after, throughout;
    if (!PyArg_ParseTuple(args, "iiiiiip:judge", &s_lo, &s_hi, &e_lo, &e_hi, &first, &after,
                          &throughout))
        return NULL;
    return PyLong_FromLong(judge(s_lo, s_hi, e_lo, e_hi, first, after, throughout));
}

/* doubt(doubts, s_lo, s_hi, e_lo, e_hi, first, after, forever) -> bytes: the judgement
 * ``render`` writes for a plain membership only possibly in [first, after) */
static PyObject *
doubt_py(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *doubts;
    int s_lo, s_hi, e_lo, e_hi, first, after, forever;
    if (!PyArg_ParseTuple(args, "O!iiiiiii:doubt", &PyTuple_Type, &doubts, &s_lo, &s_hi, &e_lo,
                          &e_hi, &first, &after, &forever)
        || !valid_doubts(doubts))
        return NULL;
    Buffer out = {PyBytes_FromStringAndSize(NULL, 256), 0};
    if (out.bytes == NULL
        || put_doubt(&out, doubts, forever, s_lo, s_hi, e_lo, e_hi, first, after) < 0
        || _PyBytes_Resize(&out.bytes, out.size) < 0) {
        Py_XDECREF(out.bytes);
        return NULL;
    }
    return out.bytes;
}

/* date(earliest, latest) -> str: the date between two days, as ``render`` writes it */
static PyObject *
date_py(PyObject *Py_UNUSED(module), PyObject *args)
{
    int earliest, latest;
    char text[13];
    const char *precision;
    if (!PyArg_ParseTuple(args, "ii:date", &earliest, &latest))
        return NULL;
    int size = date_json(earliest, latest, text, &precision);
    return size < 0 ? NULL : PyUnicode_FromStringAndSize(text + 1, size - 2);
}

static PyMethodDef Pages_methods[] = {
    {"render", (PyCFunction)Pages_render, METH_VARARGS, "One page of a state's memberships."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject PagesType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "app.memberships._pages.Pages",
    .tp_basicsize = sizeof(Pages),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The compiled organisations' arrays, held for writing state pages.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Pages_init,
    .tp_dealloc = (destructor)Pages_dealloc,
    .tp_methods = Pages_methods,
};

static PyMethodDef module_methods[] = {
    {"judge", judge_py, METH_VARARGS, "app.temporal.judge_one, as the renderer judges."},
    {"doubt", doubt_py, METH_VARARGS, "A possible membership's judgement, as render writes it."},
    {"date", date_py, METH_VARARGS, "The date between two days, as render writes it."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_pages",
    .m_doc = "A state's memberships page written in C.",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC
PyInit__pages(void)
{
    if (PyType_Ready(&PagesType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&PagesType);
    if (PyModule_AddObject(m, "Pages", (PyObject *)&PagesType) < 0) {
        Py_DECREF(&PagesType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
