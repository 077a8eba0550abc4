/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CONTRAIL_ERROR (contrail_error_quark ())

typedef enum
{
  CONTRAIL_ERROR_INVALID_DATA,        /* not JSON, or JSON that is not a trace */
  CONTRAIL_ERROR_UNSUPPORTED_FORMAT,  /* JSON of a kind Contrail cannot read (yet) */
  CONTRAIL_ERROR_UNAUTHORIZED,
  CONTRAIL_ERROR_NOT_FOUND,
  CONTRAIL_ERROR_RATE_LIMITED,
  CONTRAIL_ERROR_SERVER,
} ContrailError;

GQuark contrail_error_quark (void);

G_END_DECLS
