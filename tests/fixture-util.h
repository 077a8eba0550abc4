/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* $G_TEST_SRCDIR/fixtures/FIRST/…, NULL-terminated. */
char     *fixture_path    (const char *first,
                           ...) G_GNUC_NULL_TERMINATED;

/* Marks the test failed (and returns FALSE), showing the neighbourhood of
 * the first difference rather than two megabyte-long strings. */
gboolean  check_same_text (const char *what,
                           const char *got,
                           const char *want);

G_END_DECLS
