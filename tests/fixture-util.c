/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the fixture-driven tests. */
#define G_LOG_DOMAIN "fixture-util"

#include "config.h"

#include <string.h>

#include "fixture-util.h"

char *
fixture_path (const char *first,
              ...)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;
  va_list args;

  g_ptr_array_add (parts, (gpointer)(srcdir != NULL ? srcdir : g_test_get_dir (G_TEST_DIST)));
  g_ptr_array_add (parts, (gpointer)"fixtures");
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer)part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **)parts->pdata);
}

/* Marks the test failed (and returns FALSE), showing the neighbourhood of
 * the first difference rather than two megabyte-long strings. */
gboolean
check_same_text (const char *what,
                 const char *got,
                 const char *want)
{
  gsize got_len = strlen (got);
  gsize want_len = strlen (want);
  gsize i = 0;
  gsize from;
  g_autofree char *got_part = NULL;
  g_autofree char *want_part = NULL;

  if (got_len == want_len && memcmp (got, want, got_len) == 0)
    return TRUE;

  while (i < got_len && i < want_len && got[i] == want[i])
    i++;
  from = i > 160 ? i - 160 : 0;
  got_part = g_strndup (got + from, MIN (got_len - from, 320));
  want_part = g_strndup (want + from, MIN (want_len - from, 320));
  g_test_message ("%s: got  …%s…", what, got_part);
  g_test_message ("%s: want …%s…", what, want_part);
  g_test_fail_printf ("%s: output differs from byte %" G_GSIZE_FORMAT
                      " (lengths %" G_GSIZE_FORMAT " and %" G_GSIZE_FORMAT ")",
                      what, i, got_len, want_len);
  return FALSE;
}
