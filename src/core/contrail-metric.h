/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "contrail-types.h"

G_BEGIN_DECLS

#define CONTRAIL_TYPE_METRIC (contrail_metric_get_type ())

G_DECLARE_FINAL_TYPE (ContrailMetric, contrail_metric, CONTRAIL, METRIC, GObject)

const char *contrail_metric_get_id         (ContrailMetric *self);
const char *contrail_metric_get_dimension  (ContrailMetric *self);
gboolean    contrail_metric_get_value      (ContrailMetric *self,
                                            double         *value);
const char *contrail_metric_get_comment    (ContrailMetric *self);
gint64      contrail_metric_get_created_at (ContrailMetric *self);

G_END_DECLS
