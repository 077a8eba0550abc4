/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tree building (DESIGN.md §5 "Tree rules"), shared by every importer.
 * Everything here is iterative and O(n log n) at worst, so a chain of
 * 100,000 spans or a fan-out of 100,000 children costs the same as any
 * other 100,000-span trace.
 */
#define G_LOG_DOMAIN "contrail-tree"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "contrail-model-private.h"
#include "contrail-time.h"

/* Resolve parent_id strings into input indices; -1 marks a root. */
static gint *
resolve_parents (ContrailTrace *self)
{
  GPtrArray *spans = self->spans;
  gint *parents = g_new (gint, MAX (spans->len, 1));

  for (guint i = 0; i < spans->len; i++)
    {
      ContrailSpan *span = g_ptr_array_index (spans, i);

      if (span->id != NULL && !g_hash_table_contains (self->by_id, span->id))
        g_hash_table_insert (self->by_id, (gpointer)span->id, span);
    }

  for (guint i = 0; i < spans->len; i++)
    {
      ContrailSpan *span = g_ptr_array_index (spans, i);
      ContrailSpan *parent = NULL;

      /* A span that names itself is a root, even when an earlier duplicate
       * carries the same id. */
      if (span->parent_id != NULL &&
          g_strcmp0 (span->parent_id, span->id) != 0)
        parent = g_hash_table_lookup (self->by_id, span->parent_id);

      parents[i] = parent != NULL ? (gint)parent->index : -1;
    }

  return parents;
}

/* Spans that lie on a cycle of parent links never reach a root.  Every
 * cycle is broken at its member that comes first in input order: it becomes
 * a root, and the rest of the cycle (and whatever hangs off it) lands below
 * it.  Cycles are disjoint, so handling them one by one in input order gives
 * exactly "the first unplaced span on a cycle becomes a root, repeatedly". */
static void
break_cycles (gint  *parents,
              guint  n)
{
  /* 0 = not visited, 1 = on the walk in progress, 2 = done */
  g_autofree guint8 *state = g_new0 (guint8, n);
  g_autoptr(GArray) walk = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      gint j = (gint)i;

      if (state[i] != 0)
        continue;

      g_array_set_size (walk, 0);
      while (j >= 0 && state[j] == 0)
        {
          state[j] = 1;
          g_array_append_val (walk, j);
          j = parents[j];
        }

      if (j >= 0 && state[j] == 1)
        {
          /* j is on a new cycle: find its first member in input order. */
          guint first = (guint)j;

          for (gint k = parents[j]; k != j; k = parents[k])
            first = MIN (first, (guint)k);

          parents[first] = -1;
        }

      for (guint k = 0; k < walk->len; k++)
        state[g_array_index (walk, guint, k)] = 2;
    }
}

typedef struct
{
  gint64 start;
  guint  parent;   /* parent index + 1, 0 for roots */
  guint  index;
} SortKey;

static int
compare_keys (const void *a,
              const void *b)
{
  const SortKey *ka = a;
  const SortKey *kb = b;
  gboolean va, vb;

  if (ka->parent != kb->parent)
    return ka->parent < kb->parent ? -1 : 1;

  va = CONTRAIL_TIME_IS_VALID (ka->start);
  vb = CONTRAIL_TIME_IS_VALID (kb->start);
  if (va != vb)
    return va ? -1 : 1;
  if (va && ka->start != kb->start)
    return ka->start < kb->start ? -1 : 1;

  return ka->index < kb->index ? -1 : (ka->index > kb->index ? 1 : 0);
}

/* Sums token counts; absent counts add nothing, and a sum saturates rather
 * than overflow on hostile input. */
static gint64
add_tokens (gint64 sum,
            gint64 tokens)
{
  gint64 result;

  if (sum == CONTRAIL_TOKENS_NONE)
    return tokens;
  if (__builtin_add_overflow (sum, tokens, &result))
    return tokens > 0 ? G_MAXINT64 : G_MININT64 + 1;

  return result == CONTRAIL_TOKENS_NONE ? result + 1 : result;
}

static void
compute_aggregates (ContrailTrace *self,
                    GPtrArray     *order)
{
  gint64 tokens = CONTRAIL_TOKENS_NONE;
  gint64 lo = CONTRAIL_TIME_NONE;
  gint64 hi = CONTRAIL_TIME_NONE;

  /* Children come after their parents in @order (breadth first), so walking
   * it backwards folds every subtree into its root exactly once. */
  for (guint k = order->len; k > 0; k--)
    {
      ContrailSpan *span = g_ptr_array_index (order, k - 1);
      ContrailSpan *parent = span->parent;

      if (span->total_tokens != CONTRAIL_TOKENS_NONE)
        {
          span->subtree_tokens = add_tokens (span->subtree_tokens, span->total_tokens);
          tokens = add_tokens (tokens, span->total_tokens);
        }
      if (span->error != NULL)
        self->n_errors++;

      if (parent != NULL)
        {
          if (span->subtree_tokens != CONTRAIL_TOKENS_NONE)
            parent->subtree_tokens = add_tokens (parent->subtree_tokens, span->subtree_tokens);
          if (span->error != NULL || span->has_error_below)
            parent->has_error_below = TRUE;
          parent->n_descendants += span->n_descendants + 1;
        }

      if (CONTRAIL_TIME_IS_VALID (span->start_time))
        {
          lo = CONTRAIL_TIME_IS_VALID (lo) ? MIN (lo, span->start_time) : span->start_time;
          hi = CONTRAIL_TIME_IS_VALID (hi) ? MAX (hi, span->start_time) : span->start_time;
        }
      if (CONTRAIL_TIME_IS_VALID (span->end_time))
        {
          lo = CONTRAIL_TIME_IS_VALID (lo) ? MIN (lo, span->end_time) : span->end_time;
          hi = CONTRAIL_TIME_IS_VALID (hi) ? MAX (hi, span->end_time) : span->end_time;
        }
    }

  if (CONTRAIL_TIME_IS_VALID (self->start_time))
    {
      lo = CONTRAIL_TIME_IS_VALID (lo) ? MIN (lo, self->start_time) : self->start_time;
      hi = CONTRAIL_TIME_IS_VALID (hi) ? MAX (hi, self->start_time) : self->start_time;
    }
  if (CONTRAIL_TIME_IS_VALID (self->end_time))
    {
      lo = CONTRAIL_TIME_IS_VALID (lo) ? MIN (lo, self->end_time) : self->end_time;
      hi = CONTRAIL_TIME_IS_VALID (hi) ? MAX (hi, self->end_time) : self->end_time;
    }

  self->span_tokens = tokens;
  self->bounds_start = lo;
  self->bounds_end = hi;
}

void
_contrail_trace_set_spans (ContrailTrace *self,
                           GPtrArray     *spans,
                           const gint    *given_parents)
{
  g_autofree gint *parents = NULL;
  g_autofree SortKey *keys = NULL;
  g_autofree guint *n_children = NULL;
  g_autoptr(GPtrArray) order = NULL;
  guint n;

  g_assert (CONTRAIL_IS_TRACE (self));
  g_assert (self->spans->len == 0);

  g_ptr_array_unref (self->spans);
  self->spans = spans;
  g_ptr_array_set_free_func (spans, g_object_unref);
  n = spans->len;

  for (guint i = 0; i < n; i++)
    ((ContrailSpan *)g_ptr_array_index (spans, i))->index = i;

  if (given_parents == NULL)
    {
      parents = resolve_parents (self);
    }
  else
    {
      parents = g_memdup2 (given_parents, sizeof (gint) * MAX (n, 1));
      for (guint i = 0; i < n; i++)
        {
          ContrailSpan *span = g_ptr_array_index (spans, i);

          if (span->id != NULL && !g_hash_table_contains (self->by_id, span->id))
            g_hash_table_insert (self->by_id, (gpointer)span->id, span);
        }
    }

  break_cycles (parents, n);

  /* One sort orders roots and every sibling group at once. */
  keys = g_new (SortKey, MAX (n, 1));
  n_children = g_new0 (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      ContrailSpan *span = g_ptr_array_index (spans, i);

      keys[i].start = span->start_time;
      keys[i].parent = parents[i] < 0 ? 0 : (guint)parents[i] + 1;
      keys[i].index = i;
      if (parents[i] >= 0)
        n_children[parents[i]]++;
    }
  qsort (keys, n, sizeof (SortKey), compare_keys);

  for (guint k = 0; k < n; k++)
    {
      ContrailSpan *span = g_ptr_array_index (spans, keys[k].index);

      if (keys[k].parent == 0)
        {
          g_ptr_array_add (self->roots, g_object_ref (span));
        }
      else
        {
          ContrailSpan *parent = g_ptr_array_index (spans, keys[k].parent - 1);

          if (parent->children == NULL)
            parent->children = g_ptr_array_new_full (n_children[keys[k].parent - 1],
                                                      g_object_unref);
          g_ptr_array_add (parent->children, g_object_ref (span));
          span->parent = parent;
        }
    }

  /* Depths, breadth first from the roots. */
  order = g_ptr_array_sized_new (MAX (n, 1));
  for (guint i = 0; i < self->roots->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (self->roots, i));
  for (guint k = 0; k < order->len; k++)
    {
      ContrailSpan *span = g_ptr_array_index (order, k);

      if (span->parent != NULL)
        span->depth = span->parent->depth + 1;
      self->max_depth = MAX (self->max_depth, span->depth);

      if (span->children != NULL)
        for (guint c = 0; c < span->children->len; c++)
          g_ptr_array_add (order, g_ptr_array_index (span->children, c));
    }
  g_assert (order->len == n);

  compute_aggregates (self, order);
}
