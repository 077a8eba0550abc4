/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-trace-summary"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "contrail-error.h"
#include "contrail-json-reader.h"
#include "contrail-time.h"
#include "contrail-trace-summary.h"

struct _ContrailTraceSummary
{
  GObject  parent_instance;

  /* Owned */
  char    *id;
  char    *name;
  char    *status;
  char    *input;
  char    *output;
  gint64   start_time;
  gint64   end_time;
  gint64   total_tokens;
  double   duration_ms;
  gboolean has_duration;
};

G_DEFINE_FINAL_TYPE (ContrailTraceSummary, contrail_trace_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
contrail_trace_summary_finalize (GObject *object)
{
  ContrailTraceSummary *self = (ContrailTraceSummary *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->status);
  g_free (self->input);
  g_free (self->output);

  G_OBJECT_CLASS (contrail_trace_summary_parent_class)->finalize (object);
}

static void
contrail_trace_summary_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ContrailTraceSummary *self = CONTRAIL_TRACE_SUMMARY (object);

  switch (prop_id)
    {
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
      g_value_set_string (value, self->input);
      break;

    case PROP_OUTPUT:
      g_value_set_string (value, self->output);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_trace_summary_class_init (ContrailTraceSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = contrail_trace_summary_finalize;
  object_class->get_property = contrail_trace_summary_get_property;

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
                                                      -1, G_MAXINT64, -1, flags);
  properties[PROP_INPUT] = g_param_spec_string ("input", NULL, NULL, NULL, flags);
  properties[PROP_OUTPUT] = g_param_spec_string ("output", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
contrail_trace_summary_init (ContrailTraceSummary *self)
{
  self->start_time = CONTRAIL_TIME_NONE;
  self->end_time = CONTRAIL_TIME_NONE;
  self->total_tokens = -1;
}

#define SUMMARY_GETTER(type, name, fallback)                           \
  type                                                                 \
  contrail_trace_summary_get_##name (ContrailTraceSummary *self)       \
  {                                                                    \
    g_return_val_if_fail (CONTRAIL_IS_TRACE_SUMMARY (self), fallback); \
    return self->name;                                                 \
  }

SUMMARY_GETTER (const char *, id, NULL)
SUMMARY_GETTER (const char *, name, NULL)
SUMMARY_GETTER (const char *, status, NULL)
SUMMARY_GETTER (const char *, input, NULL)
SUMMARY_GETTER (const char *, output, NULL)
SUMMARY_GETTER (gint64, start_time, CONTRAIL_TIME_NONE)
SUMMARY_GETTER (gint64, end_time, CONTRAIL_TIME_NONE)
SUMMARY_GETTER (gint64, total_tokens, -1)

#undef SUMMARY_GETTER

gboolean
contrail_trace_summary_get_duration_ms (ContrailTraceSummary *self,
                                        double               *duration_ms)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE_SUMMARY (self), FALSE);

  if (duration_ms != NULL)
    *duration_ms = self->duration_ms;

  return self->has_duration;
}

/* ---- Parsing ---- */

static char *
read_string (ContrailJsonReader *reader)
{
  ContrailJsonSlice slice;

  if (contrail_json_reader_read_string (reader, &slice))
    return contrail_json_slice_dup (&slice);

  contrail_json_reader_skip (reader, NULL, NULL);
  return NULL;
}

static gint64
read_time (ContrailJsonReader *reader)
{
  g_autofree char *text = read_string (reader);

  return text != NULL ? contrail_time_parse (text, strlen (text)) : CONTRAIL_TIME_NONE;
}

static gboolean
read_number (ContrailJsonReader *reader,
             double             *value,
             gint64             *int_value)
{
  gboolean is_integer = FALSE;
  gint64 i = -1;

  if (!contrail_json_reader_read_number (reader, value, &is_integer, &i))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return FALSE;
    }

  if (int_value != NULL)
    *int_value = is_integer && i >= 0 ? i : -1;

  return isfinite (*value);
}

static ContrailTraceSummary *
read_item (ContrailJsonReader *reader)
{
  g_autoptr(ContrailTraceSummary) self = NULL;
  ContrailJsonSlice key;
  double value;

  if (!contrail_json_reader_enter_object (reader))
    {
      contrail_json_reader_skip (reader, NULL, NULL);
      return NULL;
    }

  self = g_object_new (CONTRAIL_TYPE_TRACE_SUMMARY, NULL);
  while (contrail_json_reader_next_member (reader, &key))
    {
      if (contrail_json_slice_equal (&key, "id"))
        {
          g_free (self->id);
          self->id = read_string (reader);
        }
      else if (contrail_json_slice_equal (&key, "name"))
        {
          g_free (self->name);
          self->name = read_string (reader);
        }
      else if (contrail_json_slice_equal (&key, "status"))
        {
          g_free (self->status);
          self->status = read_string (reader);
        }
      else if (contrail_json_slice_equal (&key, "input"))
        {
          g_free (self->input);
          self->input = read_string (reader);
        }
      else if (contrail_json_slice_equal (&key, "output"))
        {
          g_free (self->output);
          self->output = read_string (reader);
        }
      else if (contrail_json_slice_equal (&key, "start_time"))
        self->start_time = read_time (reader);
      else if (contrail_json_slice_equal (&key, "end_time"))
        self->end_time = read_time (reader);
      else if (contrail_json_slice_equal (&key, "duration_ms"))
        self->has_duration = read_number (reader, &self->duration_ms, NULL);
      else if (contrail_json_slice_equal (&key, "total_tokens"))
        {
          if (!read_number (reader, &value, &self->total_tokens))
            self->total_tokens = -1;
        }
      else
        contrail_json_reader_skip (reader, NULL, NULL);
    }

  if (self->id == NULL)
    return NULL;

  if (!self->has_duration &&
      CONTRAIL_TIME_IS_VALID (self->start_time) && CONTRAIL_TIME_IS_VALID (self->end_time))
    {
      self->duration_ms = contrail_time_diff_ms (self->end_time, self->start_time);
      self->has_duration = TRUE;
    }

  return g_steal_pointer (&self);
}

GPtrArray *
contrail_trace_summary_parse_page (GBytes  *bytes,
                                   gint64  *total_count,
                                   GError **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ContrailJsonReader) reader = NULL;
  ContrailJsonSlice key;
  gboolean has_data = FALSE;
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  reader = contrail_json_reader_new (data != NULL ? data : "", len);
  *total_count = -1;

  if (contrail_json_reader_enter_object (reader))
    {
      while (contrail_json_reader_next_member (reader, &key))
        {
          if (contrail_json_slice_equal (&key, "data") &&
              contrail_json_reader_enter_array (reader))
            {
              has_data = TRUE;
              while (contrail_json_reader_next_element (reader))
                {
                  ContrailTraceSummary *item = read_item (reader);

                  if (item != NULL)
                    g_ptr_array_add (items, item);
                }
            }
          else if (contrail_json_slice_equal (&key, "meta") &&
                   contrail_json_reader_enter_object (reader))
            {
              while (contrail_json_reader_next_member (reader, &key))
                {
                  double value;

                  if (contrail_json_slice_equal (&key, "total_count"))
                    read_number (reader, &value, total_count);
                  else
                    contrail_json_reader_skip (reader, NULL, NULL);
                }
            }
          else
            contrail_json_reader_skip (reader, NULL, NULL);
        }
    }
  else
    contrail_json_reader_skip (reader, NULL, NULL);

  if (contrail_json_reader_get_error (reader) != NULL)
    {
      g_set_error (error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
                   _("invalid JSON: %s"), contrail_json_reader_get_error (reader)->message);
      return NULL;
    }

  if (!contrail_json_reader_at_end (reader) || !has_data)
    {
      g_set_error_literal (error, CONTRAIL_ERROR, CONTRAIL_ERROR_INVALID_DATA,
                           _("invalid response: not a list of traces"));
      return NULL;
    }

  return g_steal_pointer (&items);
}
