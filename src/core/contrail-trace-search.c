/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-trace-search"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "contrail-model-private.h"
#include "contrail-trace-search.h"

struct _ContrailSearchResult
{
  GObject               parent_instance;

  /* Owned */
  ContrailTrace        *trace;
  char                 *query;
  GPtrArray            *matches;    /* ContrailSpan, borrowed from the trace, tree order */
  guint8               *flags;      /* per span index: MATCH | VISIBLE */
  guint                *order;      /* per span index: its position in tree order */
  guint                 n_spans;
  ContrailSearchFilter  filters;
};

enum {
  FLAG_MATCH   = 1 << 0,
  FLAG_VISIBLE = 1 << 1,
};

G_DEFINE_FINAL_TYPE (ContrailSearchResult, contrail_search_result, G_TYPE_OBJECT)

static void
contrail_search_result_finalize (GObject *object)
{
  ContrailSearchResult *self = (ContrailSearchResult *)object;

  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_pointer (&self->flags, g_free);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (contrail_search_result_parent_class)->finalize (object);
}

static void
contrail_search_result_class_init (ContrailSearchResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = contrail_search_result_finalize;
}

static void
contrail_search_result_init (ContrailSearchResult *self)
{
}

/* ---- Matching ---- */

typedef struct
{
  char     *needle;       /* ASCII-lowered, or case-folded when not ASCII */
  gsize     needle_len;
  gboolean  ascii;
  GString  *scratch;
} Matcher;

/* ASCII case-insensitive search: non-ASCII bytes only match themselves,
 * which is right for an ASCII needle in UTF-8 text. */
static gboolean
contains_ascii (const char *haystack,
                gsize       len,
                const char *needle,
                gsize       needle_len)
{
  guchar first = (guchar)needle[0];

  if (needle_len > len)
    return FALSE;

  for (gsize i = 0; i + needle_len <= len; i++)
    {
      if (g_ascii_tolower (haystack[i]) != first)
        continue;
      if (g_ascii_strncasecmp (haystack + i, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
matcher_match (Matcher    *matcher,
               const char *text,
               gsize       len)
{
  g_autofree char *folded = NULL;

  if (text == NULL || len == 0)
    return FALSE;

  if (matcher->ascii)
    return contains_ascii (text, len, matcher->needle, matcher->needle_len);

  folded = g_utf8_casefold (text, len);
  return strstr (folded, matcher->needle) != NULL;
}

static gboolean
matcher_match_string (Matcher    *matcher,
                      const char *text)
{
  return text != NULL && matcher_match (matcher, text, strlen (text));
}

static gboolean
matcher_match_text (Matcher            *matcher,
                    const ContrailText *text)
{
  if (text->state == CONTRAIL_TEXT_ABSENT)
    return FALSE;

  g_string_truncate (matcher->scratch, 0);
  _contrail_text_append (text, matcher->scratch);

  return matcher_match (matcher, matcher->scratch->str, matcher->scratch->len);
}

static gboolean
span_matches_query (Matcher      *matcher,
                    ContrailSpan *span)
{
  return matcher_match_string (matcher, span->name) ||
         matcher_match_string (matcher, span->type) ||
         matcher_match_string (matcher, span->model) ||
         matcher_match_string (matcher, span->service) ||
         matcher_match_string (matcher, span->error) ||
         matcher_match_string (matcher, span->id) ||
         matcher_match_text (matcher, &span->input) ||
         matcher_match_text (matcher, &span->output) ||
         matcher_match_text (matcher, &span->instructions) ||
         matcher_match_text (matcher, &span->observations);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* The shortest duration that is among the slowest 5 % of the spans that
 * have one (at least one span). */
static double
slowest_threshold (ContrailTrace *trace)
{
  g_autoptr(GArray) durations = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = contrail_trace_get_span_count (trace);
  guint keep;

  for (guint i = 0; i < n; i++)
    {
      ContrailSpan *span = contrail_trace_get_span (trace, i);

      if (span->has_duration)
        g_array_append_val (durations, span->duration_ms);
    }

  if (durations->len == 0)
    return G_MAXDOUBLE;

  qsort (durations->data, durations->len, sizeof (double), compare_doubles);
  keep = MAX (1, (durations->len + 19) / 20);

  return g_array_index (durations, double, durations->len - keep);
}

ContrailSearchResult *
contrail_trace_search (ContrailTrace         *trace,
                       const char            *query,
                       ContrailSearchFilter   filters,
                       GCancellable          *cancellable,
                       GError               **error)
{
  g_autoptr(ContrailSearchResult) self = NULL;
  g_autoptr(GArray) stack = NULL;
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autofree char *trimmed = NULL;
  Matcher matcher = { 0 };
  double threshold = G_MAXDOUBLE;
  guint visited = 0;

  g_return_val_if_fail (CONTRAIL_IS_TRACE (trace), NULL);

  self = g_object_new (CONTRAIL_TYPE_SEARCH_RESULT, NULL);
  self->trace = g_object_ref (trace);
  self->filters = filters;
  self->n_spans = contrail_trace_get_span_count (trace);
  self->flags = g_new0 (guint8, MAX (self->n_spans, 1));
  self->order = g_new0 (guint, MAX (self->n_spans, 1));
  self->matches = g_ptr_array_new ();

  trimmed = g_strstrip (g_utf8_make_valid (query != NULL ? query : "", -1));
  self->query = g_strdup (trimmed);
  if (trimmed[0] != '\0')
    {
      matcher.ascii = TRUE;
      for (const char *p = trimmed; *p != '\0'; p++)
        matcher.ascii &= (guchar)*p < 0x80;
      matcher.needle = matcher.ascii ? g_ascii_strdown (trimmed, -1) : g_utf8_casefold (trimmed, -1);
      matcher.needle_len = strlen (matcher.needle);
      matcher.scratch = scratch;
    }

  if (filters & CONTRAIL_SEARCH_FILTER_SLOWEST)
    threshold = slowest_threshold (trace);

  /* Depth first in tree order, so that matches come as the tree shows
   * them; ancestors are marked visible on the way back up. */
  stack = g_array_new (FALSE, FALSE, sizeof (ContrailSpan *));
  for (guint r = contrail_trace_get_n_roots (trace); r > 0; r--)
    {
      ContrailSpan *root = contrail_trace_get_root (trace, r - 1);

      g_array_append_val (stack, root);
    }

  while (stack->len > 0)
    {
      ContrailSpan *span = g_array_index (stack, ContrailSpan *, stack->len - 1);
      gboolean match = TRUE;

      g_array_set_size (stack, stack->len - 1);
      self->order[span->index] = visited;

      if ((++visited & 255) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_free (matcher.needle);
          return NULL;
        }

      if ((filters & CONTRAIL_SEARCH_FILTER_ERRORS) && span->error == NULL)
        match = FALSE;
      if (match && (filters & CONTRAIL_SEARCH_FILTER_LLM) && span->kind != CONTRAIL_SPAN_KIND_LLM)
        match = FALSE;
      if (match && (filters & CONTRAIL_SEARCH_FILTER_SLOWEST) &&
          (!span->has_duration || span->duration_ms < threshold))
        match = FALSE;
      if (match && matcher.needle != NULL && !span_matches_query (&matcher, span))
        match = FALSE;

      if (match)
        {
          g_ptr_array_add (self->matches, span);
          self->flags[span->index] |= FLAG_MATCH | FLAG_VISIBLE;
          for (ContrailSpan *up = span->parent; up != NULL; up = up->parent)
            {
              if (self->flags[up->index] & FLAG_VISIBLE)
                break;
              self->flags[up->index] |= FLAG_VISIBLE;
            }
        }

      for (guint c = contrail_span_get_n_children (span); c > 0; c--)
        {
          ContrailSpan *child = contrail_span_get_child (span, c - 1);

          g_array_append_val (stack, child);
        }
    }

  g_free (matcher.needle);

  return g_steal_pointer (&self);
}

typedef struct
{
  char                 *query;
  ContrailSearchFilter  filters;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->query);
  g_free (data);
}

static void
search_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  GError *error = NULL;
  ContrailSearchResult *result;

  result = contrail_trace_search (source_object, data->query, data->filters, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

void
contrail_trace_search_async (ContrailTrace         *trace,
                             const char            *query,
                             ContrailSearchFilter   filters,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (CONTRAIL_IS_TRACE (trace));

  data = g_new0 (SearchData, 1);
  data->query = g_strdup (query);
  data->filters = filters;

  task = g_task_new (trace, cancellable, callback, user_data);
  g_task_set_source_tag (task, contrail_trace_search_async);
  g_task_set_task_data (task, data, (GDestroyNotify)search_data_free);
  g_task_run_in_thread (task, search_worker);
}

ContrailSearchResult *
contrail_trace_search_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

ContrailTrace *
contrail_search_result_get_trace (ContrailSearchResult *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SEARCH_RESULT (self), NULL);

  return self->trace;
}

const char *
contrail_search_result_get_query (ContrailSearchResult *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SEARCH_RESULT (self), NULL);

  return self->query;
}

ContrailSearchFilter
contrail_search_result_get_filters (ContrailSearchResult *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SEARCH_RESULT (self), CONTRAIL_SEARCH_FILTER_NONE);

  return self->filters;
}

guint
contrail_search_result_get_n_matches (ContrailSearchResult *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SEARCH_RESULT (self), 0);

  return self->matches->len;
}

ContrailSpan *
contrail_search_result_get_match (ContrailSearchResult *self,
                                  guint                 position)
{
  g_return_val_if_fail (CONTRAIL_IS_SEARCH_RESULT (self), NULL);

  if (position >= self->matches->len)
    return NULL;

  return g_ptr_array_index (self->matches, position);
}

static gboolean
owns_span (ContrailSearchResult *self,
           ContrailSpan         *span)
{
  return span != NULL && span->index < self->n_spans &&
         contrail_trace_get_span (self->trace, span->index) == span;
}

gint
contrail_search_result_find (ContrailSearchResult *self,
                             ContrailSpan         *span)
{
  guint position;

  g_return_val_if_fail (CONTRAIL_IS_SEARCH_RESULT (self), -1);

  if (!contrail_search_result_is_match (self, span) ||
      !g_ptr_array_find (self->matches, span, &position))
    return -1;

  return (gint)position;
}

gint
contrail_search_result_next (ContrailSearchResult *self,
                             ContrailSpan         *span,
                             gboolean              backward)
{
  guint n, lo, hi, at;

  g_return_val_if_fail (CONTRAIL_IS_SEARCH_RESULT (self), -1);

  n = self->matches->len;
  if (n == 0)
    return -1;
  if (!owns_span (self, span))
    return backward ? (gint)n - 1 : 0;

  /* Matches are in tree order: binary search for the first one after span. */
  at = self->order[span->index];
  lo = 0;
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      ContrailSpan *m = g_ptr_array_index (self->matches, mid);

      if (self->order[m->index] <= at)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* lo: the first match after span */

  if (!backward)
    return lo < n ? (gint)lo : 0;

  /* the last match before span: skip span itself when it is a match */
  {
    guint before = lo;

    if (before > 0 && g_ptr_array_index (self->matches, before - 1) == span)
      before--;
    return before > 0 ? (gint)before - 1 : (gint)n - 1;
  }
}

gboolean
contrail_search_result_is_match (ContrailSearchResult *self,
                                 ContrailSpan         *span)
{
  g_return_val_if_fail (CONTRAIL_IS_SEARCH_RESULT (self), FALSE);

  return owns_span (self, span) && (self->flags[span->index] & FLAG_MATCH) != 0;
}

gboolean
contrail_search_result_is_visible (ContrailSearchResult *self,
                                   ContrailSpan         *span)
{
  g_return_val_if_fail (CONTRAIL_IS_SEARCH_RESULT (self), FALSE);

  return owns_span (self, span) && (self->flags[span->index] & FLAG_VISIBLE) != 0;
}
