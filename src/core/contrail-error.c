/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-error"

#include "config.h"

#include "contrail-error.h"

G_DEFINE_QUARK (contrail-error-quark, contrail_error)
