/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-trace"

#include "config.h"

#include "contrail-enums.h"
#include "contrail-model-private.h"
#include "contrail-time.h"

G_DEFINE_FINAL_TYPE (ContrailTrace, contrail_trace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FORMAT,
  PROP_ID,
  PROP_NAME,
  PROP_STATUS,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_DURATION_MS,
  PROP_HAS_DURATION,
  PROP_TOTAL_TOKENS,
  PROP_INPUT,
  PROP_OUTPUT,
  PROP_ROOTS,
  PROP_SPAN_COUNT,
  PROP_MAX_DEPTH,
  PROP_SPAN_TOKENS,
  PROP_N_ERRORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
contrail_trace_dispose (GObject *object)
{
  ContrailTrace *self = (ContrailTrace *)object;

  g_clear_object (&self->roots_model);

  G_OBJECT_CLASS (contrail_trace_parent_class)->dispose (object);
}

static void
contrail_trace_finalize (GObject *object)
{
  ContrailTrace *self = (ContrailTrace *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  /* The flat array goes first, so that releasing the roots afterwards frees
   * each subtree through the span's non-recursive release. */
  g_clear_pointer (&self->spans, g_ptr_array_unref);
  g_clear_pointer (&self->roots, g_ptr_array_unref);
  _contrail_text_clear (&self->input);
  _contrail_text_clear (&self->output);
  g_clear_pointer (&self->store, _contrail_store_unref);

  G_OBJECT_CLASS (contrail_trace_parent_class)->finalize (object);
}

static void
contrail_trace_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ContrailTrace *self = CONTRAIL_TRACE (object);

  switch (prop_id)
    {
    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;

    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_START_TIME:
      g_value_set_int64 (value, self->start_time);
      break;

    case PROP_END_TIME:
      g_value_set_int64 (value, self->end_time);
      break;

    case PROP_DURATION_MS:
      g_value_set_double (value, self->duration_ms);
      break;

    case PROP_HAS_DURATION:
      g_value_set_boolean (value, self->has_duration);
      break;

    case PROP_TOTAL_TOKENS:
      g_value_set_int64 (value, self->total_tokens);
      break;

    case PROP_INPUT:
      g_value_set_string (value, contrail_trace_get_input (self));
      break;

    case PROP_OUTPUT:
      g_value_set_string (value, contrail_trace_get_output (self));
      break;

    case PROP_ROOTS:
      g_value_set_object (value, contrail_trace_get_roots (self));
      break;

    case PROP_SPAN_COUNT:
      g_value_set_uint (value, contrail_trace_get_span_count (self));
      break;

    case PROP_MAX_DEPTH:
      g_value_set_uint (value, self->max_depth);
      break;

    case PROP_SPAN_TOKENS:
      g_value_set_int64 (value, self->span_tokens);
      break;

    case PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_trace_class_init (ContrailTraceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = contrail_trace_dispose;
  object_class->finalize = contrail_trace_finalize;
  object_class->get_property = contrail_trace_get_property;

  properties[PROP_FORMAT] = g_param_spec_enum ("format", NULL, NULL,
                                               CONTRAIL_TYPE_TRACE_FORMAT,
                                               CONTRAIL_TRACE_FORMAT_OPPER, flags);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_START_TIME] = g_param_spec_int64 ("start-time", NULL, NULL,
                                                    G_MININT64, G_MAXINT64,
                                                    CONTRAIL_TIME_NONE, flags);
  properties[PROP_END_TIME] = g_param_spec_int64 ("end-time", NULL, NULL,
                                                  G_MININT64, G_MAXINT64,
                                                  CONTRAIL_TIME_NONE, flags);
  properties[PROP_DURATION_MS] = g_param_spec_double ("duration-ms", NULL, NULL,
                                                      -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_HAS_DURATION] = g_param_spec_boolean ("has-duration", NULL, NULL, FALSE,
                                                        flags);
  properties[PROP_TOTAL_TOKENS] = g_param_spec_int64 ("total-tokens", NULL, NULL,
                                                      G_MININT64, G_MAXINT64,
                                                      CONTRAIL_TOKENS_NONE, flags);
  properties[PROP_INPUT] = g_param_spec_string ("input", NULL, NULL, NULL, flags);
  properties[PROP_OUTPUT] = g_param_spec_string ("output", NULL, NULL, NULL, flags);
  properties[PROP_ROOTS] = g_param_spec_object ("roots", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_SPAN_COUNT] = g_param_spec_uint ("span-count", NULL, NULL,
                                                   0, G_MAXUINT, 0, flags);
  properties[PROP_MAX_DEPTH] = g_param_spec_uint ("max-depth", NULL, NULL,
                                                  0, G_MAXUINT, 0, flags);
  properties[PROP_SPAN_TOKENS] = g_param_spec_int64 ("span-tokens", NULL, NULL,
                                                     G_MININT64, G_MAXINT64,
                                                     CONTRAIL_TOKENS_NONE, flags);
  properties[PROP_N_ERRORS] = g_param_spec_uint ("n-errors", NULL, NULL,
                                                 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
contrail_trace_init (ContrailTrace *self)
{
  self->start_time = CONTRAIL_TIME_NONE;
  self->end_time = CONTRAIL_TIME_NONE;
  self->bounds_start = CONTRAIL_TIME_NONE;
  self->bounds_end = CONTRAIL_TIME_NONE;
  self->total_tokens = CONTRAIL_TOKENS_NONE;
  self->span_tokens = CONTRAIL_TOKENS_NONE;
  self->spans = g_ptr_array_new_with_free_func (g_object_unref);
  self->roots = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

ContrailTrace *
_contrail_trace_new (ContrailStore       *store,
                     ContrailTraceFormat  format)
{
  ContrailTrace *self = g_object_new (CONTRAIL_TYPE_TRACE, NULL);

  self->store = _contrail_store_ref (store);
  self->format = format;

  return self;
}

#define TRACE_GETTER(type, name, field, fallback)             \
  type                                                        \
  contrail_trace_get_##name (ContrailTrace *self)             \
  {                                                           \
    g_return_val_if_fail (CONTRAIL_IS_TRACE (self), fallback); \
    return self->field;                                       \
  }

TRACE_GETTER (ContrailTraceFormat, format, format, CONTRAIL_TRACE_FORMAT_OPPER)
TRACE_GETTER (const char *, id, id, NULL)
TRACE_GETTER (const char *, name, name, NULL)
TRACE_GETTER (const char *, status, status, NULL)
TRACE_GETTER (gint64, start_time, start_time, CONTRAIL_TIME_NONE)
TRACE_GETTER (gint64, end_time, end_time, CONTRAIL_TIME_NONE)
TRACE_GETTER (gint64, total_tokens, total_tokens, CONTRAIL_TOKENS_NONE)
TRACE_GETTER (gint64, span_tokens, span_tokens, CONTRAIL_TOKENS_NONE)
TRACE_GETTER (guint, n_errors, n_errors, 0)
TRACE_GETTER (guint, max_depth, max_depth, 0)

#undef TRACE_GETTER

gboolean
contrail_trace_get_duration_ms (ContrailTrace *self,
                                double        *duration_ms)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE (self), FALSE);

  if (duration_ms != NULL)
    *duration_ms = self->duration_ms;

  return self->has_duration;
}

const char *
contrail_trace_get_input (ContrailTrace *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE (self), NULL);

  return _contrail_text_get (&self->input);
}

const char *
contrail_trace_get_output (ContrailTrace *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE (self), NULL);

  return _contrail_text_get (&self->output);
}

/**
 * contrail_trace_get_roots:
 *
 * Returns: (transfer none): the root spans, sorted by start time.  Main thread only.
 */
GListModel *
contrail_trace_get_roots (ContrailTrace *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE (self), NULL);

  if (self->roots_model == NULL)
    {
      self->roots_model = g_list_store_new (CONTRAIL_TYPE_SPAN);
      g_list_store_splice (self->roots_model, 0, 0, self->roots->pdata, self->roots->len);
    }

  return G_LIST_MODEL (self->roots_model);
}

guint
contrail_trace_get_n_roots (ContrailTrace *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE (self), 0);

  return self->roots->len;
}

ContrailSpan *
contrail_trace_get_root (ContrailTrace *self,
                         guint          position)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE (self), NULL);

  if (position >= self->roots->len)
    return NULL;

  return g_ptr_array_index (self->roots, position);
}

guint
contrail_trace_get_span_count (ContrailTrace *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE (self), 0);

  return self->spans->len;
}

ContrailSpan *
contrail_trace_get_span (ContrailTrace *self,
                         guint          index)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE (self), NULL);

  if (index >= self->spans->len)
    return NULL;

  return g_ptr_array_index (self->spans, index);
}

ContrailSpan *
contrail_trace_lookup_span (ContrailTrace *self,
                            const char    *span_id)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE (self), NULL);

  if (span_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_id, span_id);
}

static int
compare_usage (gconstpointer a,
               gconstpointer b)
{
  const ContrailModelUsage *x = a, *y = b;
  gint64 tx = x->tokens == CONTRAIL_TOKENS_NONE ? -1 : x->tokens;
  gint64 ty = y->tokens == CONTRAIL_TOKENS_NONE ? -1 : y->tokens;

  if (tx != ty)
    return tx > ty ? -1 : 1;
  if (x->n_spans != y->n_spans)
    return x->n_spans > y->n_spans ? -1 : 1;

  return g_strcmp0 (x->model, y->model);
}

GArray *
contrail_trace_get_model_usage (ContrailTrace *self)
{
  g_autoptr(GHashTable) index = NULL;
  GArray *usage;

  g_return_val_if_fail (CONTRAIL_IS_TRACE (self), NULL);

  usage = g_array_new (FALSE, FALSE, sizeof (ContrailModelUsage));
  index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->spans->len; i++)
    {
      ContrailSpan *span = g_ptr_array_index (self->spans, i);
      ContrailModelUsage *entry;
      gpointer position;

      if (span->model == NULL)
        continue;

      if (!g_hash_table_lookup_extended (index, span->model, NULL, &position))
        {
          ContrailModelUsage fresh = { span->model, 0, CONTRAIL_TOKENS_NONE };

          g_array_append_val (usage, fresh);
          position = GUINT_TO_POINTER (usage->len - 1);
          g_hash_table_insert (index, (gpointer)span->model, position);
        }

      entry = &g_array_index (usage, ContrailModelUsage, GPOINTER_TO_UINT (position));
      entry->n_spans++;
      if (span->total_tokens != CONTRAIL_TOKENS_NONE)
        entry->tokens = (entry->tokens == CONTRAIL_TOKENS_NONE ? 0 : entry->tokens) +
                        span->total_tokens;
    }

  g_array_sort (usage, compare_usage);

  return usage;
}

GBytes *
contrail_trace_get_source_bytes (ContrailTrace *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE (self), NULL);

  return self->store->source;
}

gboolean
contrail_trace_get_time_bounds (ContrailTrace *self,
                                gint64        *start,
                                gint64        *end)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE (self), FALSE);

  if (start != NULL)
    *start = self->bounds_start;
  if (end != NULL)
    *end = self->bounds_end;

  return CONTRAIL_TIME_IS_VALID (self->bounds_start);
}
