/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-span"

#include "config.h"

#include <string.h>

#include "contrail-enums.h"
#include "contrail-model-private.h"
#include "contrail-time.h"

G_DEFINE_FINAL_TYPE (ContrailSpan, contrail_span, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PARENT_ID,
  PROP_PARENT,
  PROP_DEPTH,
  PROP_INDEX,
  PROP_N_CHILDREN,
  PROP_CHILDREN,
  PROP_N_DESCENDANTS,
  PROP_NAME,
  PROP_SPAN_TYPE,
  PROP_KIND,
  PROP_SERVICE,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_DURATION_MS,
  PROP_HAS_DURATION,
  PROP_ERROR,
  PROP_META,
  PROP_SCORE,
  PROP_HAS_SCORE,
  PROP_METRICS,
  PROP_N_METRICS,
  PROP_INPUT,
  PROP_OUTPUT,
  PROP_TOTAL_TOKENS,
  PROP_MODEL,
  PROP_INSTRUCTIONS,
  PROP_FUNCTION,
  PROP_TAGS,
  PROP_DATA_SCORE,
  PROP_HAS_DATA_SCORE,
  PROP_GENERATION_ID,
  PROP_OBSERVATIONS,
  PROP_SCORER_CONTEXT,
  PROP_SUBTREE_TOKENS,
  PROP_HAS_ERROR,
  PROP_HAS_ERROR_BELOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Releasing a span releases its children.  Done recursively, a chain of
 * 100,000 spans would overflow the stack, so while a thread is releasing
 * spans, the children of spans finalized meanwhile are queued, and the
 * outermost call drains the queue. */
static GPrivate release_queue;

static void
release_children (GPtrArray *children)
{
  GPtrArray *queue = g_private_get (&release_queue);

  g_ptr_array_set_free_func (children, NULL);

  if (queue != NULL)
    {
      for (guint i = 0; i < children->len; i++)
        g_ptr_array_add (queue, g_ptr_array_index (children, i));
      g_ptr_array_unref (children);
      return;
    }

  queue = children;
  g_private_set (&release_queue, queue);

  while (queue->len > 0)
    g_object_unref (g_ptr_array_steal_index_fast (queue, queue->len - 1));

  g_private_set (&release_queue, NULL);
  g_ptr_array_unref (queue);
}

static void
contrail_span_dispose (GObject *object)
{
  ContrailSpan *self = (ContrailSpan *)object;

  g_clear_object (&self->children_model);
  g_clear_object (&self->metrics_model);

  G_OBJECT_CLASS (contrail_span_parent_class)->dispose (object);
}

static void
contrail_span_finalize (GObject *object)
{
  ContrailSpan *self = (ContrailSpan *)object;

  if (self->children != NULL)
    {
      for (guint i = 0; i < self->children->len; i++)
        {
          ContrailSpan *child = g_ptr_array_index (self->children, i);

          child->parent = NULL;
        }
      release_children (g_steal_pointer (&self->children));
    }

  g_clear_pointer (&self->metrics, g_array_unref);
  g_clear_pointer (&self->tags, g_strfreev);
  _contrail_text_clear (&self->meta);
  _contrail_text_clear (&self->input);
  _contrail_text_clear (&self->output);
  _contrail_text_clear (&self->instructions);
  _contrail_text_clear (&self->observations);
  _contrail_text_clear (&self->scorer_context);
  _contrail_text_clear (&self->source);
  g_clear_pointer (&self->store, _contrail_store_unref);

  G_OBJECT_CLASS (contrail_span_parent_class)->finalize (object);
}

static void
contrail_span_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ContrailSpan *self = CONTRAIL_SPAN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_PARENT_ID:
      g_value_set_string (value, self->parent_id);
      break;

    case PROP_PARENT:
      g_value_set_object (value, self->parent);
      break;

    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;

    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;

    case PROP_N_CHILDREN:
      g_value_set_uint (value, contrail_span_get_n_children (self));
      break;

    case PROP_CHILDREN:
      g_value_set_object (value, contrail_span_get_children (self));
      break;

    case PROP_N_DESCENDANTS:
      g_value_set_uint (value, self->n_descendants);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SPAN_TYPE:
      g_value_set_string (value, self->type);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_SERVICE:
      g_value_set_string (value, self->service);
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

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_META:
      g_value_set_string (value, contrail_span_get_meta (self));
      break;

    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;

    case PROP_HAS_SCORE:
      g_value_set_boolean (value, self->has_score);
      break;

    case PROP_METRICS:
      g_value_set_object (value, contrail_span_get_metrics (self));
      break;

    case PROP_N_METRICS:
      g_value_set_uint (value, self->n_metrics);
      break;

    case PROP_INPUT:
      g_value_set_string (value, contrail_span_get_input (self));
      break;

    case PROP_OUTPUT:
      g_value_set_string (value, contrail_span_get_output (self));
      break;

    case PROP_TOTAL_TOKENS:
      g_value_set_int64 (value, self->total_tokens);
      break;

    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;

    case PROP_INSTRUCTIONS:
      g_value_set_string (value, contrail_span_get_instructions (self));
      break;

    case PROP_FUNCTION:
      g_value_set_string (value, self->function);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_DATA_SCORE:
      g_value_set_double (value, self->data_score);
      break;

    case PROP_HAS_DATA_SCORE:
      g_value_set_boolean (value, self->has_data_score);
      break;

    case PROP_GENERATION_ID:
      g_value_set_string (value, self->generation_id);
      break;

    case PROP_OBSERVATIONS:
      g_value_set_string (value, contrail_span_get_observations (self));
      break;

    case PROP_SCORER_CONTEXT:
      g_value_set_string (value, contrail_span_get_scorer_context (self));
      break;

    case PROP_SUBTREE_TOKENS:
      g_value_set_int64 (value, self->subtree_tokens);
      break;

    case PROP_HAS_ERROR:
      g_value_set_boolean (value, self->error != NULL);
      break;

    case PROP_HAS_ERROR_BELOW:
      g_value_set_boolean (value, self->has_error_below);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_span_class_init (ContrailSpanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = contrail_span_dispose;
  object_class->finalize = contrail_span_finalize;
  object_class->get_property = contrail_span_get_property;

#define STRING_PROP(ID, name) \
  properties[ID] = g_param_spec_string (name, NULL, NULL, NULL, flags)
#define UINT_PROP(ID, name) \
  properties[ID] = g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0, flags)
#define BOOL_PROP(ID, name) \
  properties[ID] = g_param_spec_boolean (name, NULL, NULL, FALSE, flags)
#define DOUBLE_PROP(ID, name) \
  properties[ID] = g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags)
#define TIME_PROP(ID, name) \
  properties[ID] = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, \
                                       CONTRAIL_TIME_NONE, flags)
#define TOKENS_PROP(ID, name) \
  properties[ID] = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, \
                                       CONTRAIL_TOKENS_NONE, flags)

  STRING_PROP (PROP_ID, "id");
  STRING_PROP (PROP_PARENT_ID, "parent-id");
  properties[PROP_PARENT] = g_param_spec_object ("parent", NULL, NULL, CONTRAIL_TYPE_SPAN, flags);
  UINT_PROP (PROP_DEPTH, "depth");
  UINT_PROP (PROP_INDEX, "index");
  UINT_PROP (PROP_N_CHILDREN, "n-children");
  properties[PROP_CHILDREN] = g_param_spec_object ("children", NULL, NULL, G_TYPE_LIST_MODEL,
                                                   flags);
  UINT_PROP (PROP_N_DESCENDANTS, "n-descendants");
  STRING_PROP (PROP_NAME, "name");
  STRING_PROP (PROP_SPAN_TYPE, "span-type");
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, CONTRAIL_TYPE_SPAN_KIND,
                                             CONTRAIL_SPAN_KIND_OTHER, flags);
  STRING_PROP (PROP_SERVICE, "service");
  TIME_PROP (PROP_START_TIME, "start-time");
  TIME_PROP (PROP_END_TIME, "end-time");
  DOUBLE_PROP (PROP_DURATION_MS, "duration-ms");
  BOOL_PROP (PROP_HAS_DURATION, "has-duration");
  STRING_PROP (PROP_ERROR, "error");
  STRING_PROP (PROP_META, "meta");
  DOUBLE_PROP (PROP_SCORE, "score");
  BOOL_PROP (PROP_HAS_SCORE, "has-score");
  properties[PROP_METRICS] = g_param_spec_object ("metrics", NULL, NULL, G_TYPE_LIST_MODEL,
                                                  flags);
  UINT_PROP (PROP_N_METRICS, "n-metrics");
  STRING_PROP (PROP_INPUT, "input");
  STRING_PROP (PROP_OUTPUT, "output");
  TOKENS_PROP (PROP_TOTAL_TOKENS, "total-tokens");
  STRING_PROP (PROP_MODEL, "model");
  STRING_PROP (PROP_INSTRUCTIONS, "instructions");
  STRING_PROP (PROP_FUNCTION, "function");
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  DOUBLE_PROP (PROP_DATA_SCORE, "data-score");
  BOOL_PROP (PROP_HAS_DATA_SCORE, "has-data-score");
  STRING_PROP (PROP_GENERATION_ID, "generation-id");
  STRING_PROP (PROP_OBSERVATIONS, "observations");
  STRING_PROP (PROP_SCORER_CONTEXT, "scorer-context");
  TOKENS_PROP (PROP_SUBTREE_TOKENS, "subtree-tokens");
  BOOL_PROP (PROP_HAS_ERROR, "has-error");
  BOOL_PROP (PROP_HAS_ERROR_BELOW, "has-error-below");

#undef STRING_PROP
#undef UINT_PROP
#undef BOOL_PROP
#undef DOUBLE_PROP
#undef TIME_PROP
#undef TOKENS_PROP

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
contrail_span_init (ContrailSpan *self)
{
  self->start_time = CONTRAIL_TIME_NONE;
  self->end_time = CONTRAIL_TIME_NONE;
  self->total_tokens = CONTRAIL_TOKENS_NONE;
  self->subtree_tokens = CONTRAIL_TOKENS_NONE;
}

ContrailSpan *
_contrail_span_new (ContrailStore *store)
{
  ContrailSpan *self = g_object_new (CONTRAIL_TYPE_SPAN, NULL);

  self->store = _contrail_store_ref (store);

  return self;
}

void
_contrail_span_finish (ContrailSpan *self)
{
  if (!self->has_duration &&
      CONTRAIL_TIME_IS_VALID (self->start_time) &&
      CONTRAIL_TIME_IS_VALID (self->end_time))
    {
      self->duration_ms = contrail_time_diff_ms (self->end_time, self->start_time);
      self->has_duration = TRUE;
    }

  self->kind = contrail_span_kind_classify (self->type, self->model, self->generation_id);
}

static gboolean
contains_word (const char *haystack,
               const char *needle)
{
  return strstr (haystack, needle) != NULL;
}

ContrailSpanKind
contrail_span_kind_classify (const char *type,
                             const char *model,
                             const char *generation_id)
{
  if (type != NULL && type[0] != '\0')
    {
      g_autofree char *lower = g_ascii_strdown (type, -1);

      if (contains_word (lower, "generation") || contains_word (lower, "llm") ||
          contains_word (lower, "chat") || contains_word (lower, "completion"))
        return CONTRAIL_SPAN_KIND_LLM;
      if (contains_word (lower, "tool"))
        return CONTRAIL_SPAN_KIND_TOOL;
      if (contains_word (lower, "agent"))
        return CONTRAIL_SPAN_KIND_AGENT;
    }

  if (model != NULL || generation_id != NULL)
    return CONTRAIL_SPAN_KIND_LLM;

  return CONTRAIL_SPAN_KIND_OTHER;
}

/* Public API */

#define SPAN_GETTER(type, name, field, fallback)            \
  type                                                      \
  contrail_span_get_##name (ContrailSpan *self)             \
  {                                                         \
    g_return_val_if_fail (CONTRAIL_IS_SPAN (self), fallback); \
    return self->field;                                     \
  }

SPAN_GETTER (const char *, id, id, NULL)
SPAN_GETTER (const char *, parent_id, parent_id, NULL)
SPAN_GETTER (ContrailSpan *, parent, parent, NULL)
SPAN_GETTER (guint, depth, depth, 0)
SPAN_GETTER (guint, index, index, 0)
SPAN_GETTER (guint, n_descendants, n_descendants, 0)
SPAN_GETTER (const char *, name, name, NULL)
SPAN_GETTER (const char *, span_type, type, NULL)
SPAN_GETTER (ContrailSpanKind, kind, kind, CONTRAIL_SPAN_KIND_OTHER)
SPAN_GETTER (const char *, service, service, NULL)
SPAN_GETTER (gint64, start_time, start_time, CONTRAIL_TIME_NONE)
SPAN_GETTER (gint64, end_time, end_time, CONTRAIL_TIME_NONE)
SPAN_GETTER (const char *, error, error, NULL)
SPAN_GETTER (guint, n_metrics, n_metrics, 0)
SPAN_GETTER (gint64, total_tokens, total_tokens, CONTRAIL_TOKENS_NONE)
SPAN_GETTER (const char *, model, model, NULL)
SPAN_GETTER (const char *, function, function, NULL)
SPAN_GETTER (const char *, generation_id, generation_id, NULL)
SPAN_GETTER (gint64, subtree_tokens, subtree_tokens, CONTRAIL_TOKENS_NONE)

#undef SPAN_GETTER

#define SPAN_TEXT_GETTER(name)                                   \
  const char *                                                   \
  contrail_span_get_##name (ContrailSpan *self)                  \
  {                                                              \
    g_return_val_if_fail (CONTRAIL_IS_SPAN (self), NULL);        \
    return _contrail_text_get (&self->name);                     \
  }

SPAN_TEXT_GETTER (meta)
SPAN_TEXT_GETTER (input)
SPAN_TEXT_GETTER (output)
SPAN_TEXT_GETTER (instructions)
SPAN_TEXT_GETTER (observations)
SPAN_TEXT_GETTER (scorer_context)
SPAN_TEXT_GETTER (source)

#undef SPAN_TEXT_GETTER

gsize
contrail_span_get_input_size (ContrailSpan *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN (self), 0);

  return _contrail_text_get_size (&self->input);
}

gsize
contrail_span_get_output_size (ContrailSpan *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN (self), 0);

  return _contrail_text_get_size (&self->output);
}

guint
contrail_span_get_n_children (ContrailSpan *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN (self), 0);

  return self->children != NULL ? self->children->len : 0;
}

ContrailSpan *
contrail_span_get_child (ContrailSpan *self,
                         guint         position)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN (self), NULL);

  if (self->children == NULL || position >= self->children->len)
    return NULL;

  return g_ptr_array_index (self->children, position);
}

static GListStore *
list_store_from_array (GType      item_type,
                       GPtrArray *array)
{
  GListStore *store = g_list_store_new (item_type);

  if (array != NULL)
    g_list_store_splice (store, 0, 0, array->pdata, array->len);

  return store;
}

/**
 * contrail_span_get_children:
 *
 * Returns: (transfer none) (nullable): the children, sorted by start time,
 *   or %NULL for a leaf.  Main thread only.
 */
GListModel *
contrail_span_get_children (ContrailSpan *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN (self), NULL);

  if (self->children == NULL)
    return NULL;

  if (self->children_model == NULL)
    self->children_model = list_store_from_array (CONTRAIL_TYPE_SPAN, self->children);

  return G_LIST_MODEL (self->children_model);
}

/**
 * contrail_span_get_metrics:
 *
 * Returns: (transfer none): the span's metrics (possibly empty).  Main thread only.
 */
GListModel *
contrail_span_get_metrics (ContrailSpan *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN (self), NULL);

  if (self->metrics_model == NULL)
    {
      self->metrics_model = g_list_store_new (CONTRAIL_TYPE_METRIC);
      for (guint i = 0; self->metrics != NULL && i < self->metrics->len; i++)
        {
          g_autoptr(ContrailMetric) metric =
            _contrail_metric_new_from_data (&g_array_index (self->metrics, ContrailMetricData, i));

          g_list_store_append (self->metrics_model, metric);
        }
    }

  return G_LIST_MODEL (self->metrics_model);
}

const char * const *
contrail_span_get_tags (ContrailSpan *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN (self), NULL);

  return (const char * const *)self->tags;
}

gboolean
contrail_span_get_duration_ms (ContrailSpan *self,
                               double       *duration_ms)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN (self), FALSE);

  if (duration_ms != NULL)
    *duration_ms = self->duration_ms;

  return self->has_duration;
}

gboolean
contrail_span_get_score (ContrailSpan *self,
                         double       *score)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN (self), FALSE);

  if (score != NULL)
    *score = self->score;

  return self->has_score;
}

gboolean
contrail_span_get_data_score (ContrailSpan *self,
                              double       *score)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN (self), FALSE);

  if (score != NULL)
    *score = self->data_score;

  return self->has_data_score;
}

/* The span's own score, else its data's score (DESIGN.md §5). */
gboolean
contrail_span_get_effective_score (ContrailSpan *self,
                                   double       *score)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN (self), FALSE);

  if (self->has_score)
    return contrail_span_get_score (self, score);

  return contrail_span_get_data_score (self, score);
}

gboolean
contrail_span_has_error (ContrailSpan *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN (self), FALSE);

  return self->error != NULL;
}

gboolean
contrail_span_has_error_below (ContrailSpan *self)
{
  g_return_val_if_fail (CONTRAIL_IS_SPAN (self), FALSE);

  return self->has_error_below;
}
