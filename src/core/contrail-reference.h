/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A trace reference is a UUID in any case, or any URL (scheme://…) that
 * contains one, such as an Opper dashboard link.  Returns the UUID in lower
 * case, or NULL when @text is neither. */
char *contrail_reference_parse (const char *text);

G_END_DECLS
