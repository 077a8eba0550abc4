/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "contrail-cli.h"

G_BEGIN_DECLS

#define CONTRAIL_TYPE_APPLICATION (contrail_application_get_type ())

G_DECLARE_FINAL_TYPE (ContrailApplication, contrail_application, CONTRAIL, APPLICATION, AdwApplication)

ContrailApplication *contrail_application_new (const ContrailCliOptions *options);

G_END_DECLS
