/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-metric"

#include "config.h"

#include "contrail-model-private.h"
#include "contrail-time.h"

G_DEFINE_FINAL_TYPE (ContrailMetric, contrail_metric, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DIMENSION,
  PROP_VALUE,
  PROP_HAS_VALUE,
  PROP_COMMENT,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
contrail_metric_finalize (GObject *object)
{
  ContrailMetric *self = (ContrailMetric *)object;

  g_free (self->id);
  g_free (self->dimension);
  g_free (self->comment);

  G_OBJECT_CLASS (contrail_metric_parent_class)->finalize (object);
}

static void
contrail_metric_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ContrailMetric *self = CONTRAIL_METRIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_DIMENSION:
      g_value_set_string (value, self->dimension);
      break;

    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;

    case PROP_HAS_VALUE:
      g_value_set_boolean (value, self->has_value);
      break;

    case PROP_COMMENT:
      g_value_set_string (value, self->comment);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_metric_class_init (ContrailMetricClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = contrail_metric_finalize;
  object_class->get_property = contrail_metric_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_DIMENSION] = g_param_spec_string ("dimension", NULL, NULL, NULL, flags);
  properties[PROP_VALUE] = g_param_spec_double ("value", NULL, NULL,
                                                -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_HAS_VALUE] = g_param_spec_boolean ("has-value", NULL, NULL, FALSE, flags);
  properties[PROP_COMMENT] = g_param_spec_string ("comment", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL,
                                                    G_MININT64, G_MAXINT64,
                                                    CONTRAIL_TIME_NONE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
contrail_metric_init (ContrailMetric *self)
{
  self->created_at = CONTRAIL_TIME_NONE;
}

ContrailMetric *
_contrail_metric_new (void)
{
  return g_object_new (CONTRAIL_TYPE_METRIC, NULL);
}

ContrailMetric *
_contrail_metric_new_from_data (const ContrailMetricData *data)
{
  ContrailMetric *self = _contrail_metric_new ();

  self->id = g_strdup (data->id);
  self->dimension = g_strdup (data->dimension);
  self->comment = g_strdup (data->comment);
  self->value = data->value;
  self->has_value = data->has_value;
  self->created_at = data->created_at;

  return self;
}

const char *
contrail_metric_get_id (ContrailMetric *self)
{
  g_return_val_if_fail (CONTRAIL_IS_METRIC (self), NULL);

  return self->id;
}

const char *
contrail_metric_get_dimension (ContrailMetric *self)
{
  g_return_val_if_fail (CONTRAIL_IS_METRIC (self), NULL);

  return self->dimension;
}

gboolean
contrail_metric_get_value (ContrailMetric *self,
                           double         *value)
{
  g_return_val_if_fail (CONTRAIL_IS_METRIC (self), FALSE);

  if (value != NULL)
    *value = self->value;

  return self->has_value;
}

const char *
contrail_metric_get_comment (ContrailMetric *self)
{
  g_return_val_if_fail (CONTRAIL_IS_METRIC (self), NULL);

  return self->comment;
}

gint64
contrail_metric_get_created_at (ContrailMetric *self)
{
  g_return_val_if_fail (CONTRAIL_IS_METRIC (self), CONTRAIL_TIME_NONE);

  return self->created_at;
}
