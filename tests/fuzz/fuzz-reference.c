/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * contrail_reference_parse() on arbitrary text (up to the first NUL, as from
 * a command line or the search box).  The result is NULL or a lower-case
 * 8-4-4-4-12 UUID that occurs in the text, and parsing it again gives itself.
 */
#define G_LOG_DOMAIN "contrail-fuzz"

#include <string.h>

#include "contrail-reference.h"

#include "fuzz-harness.h"

static gboolean
is_canonical_uuid (const char *s)
{
  if (strlen (s) != 36)
    return FALSE;

  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (s[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
        {
          return FALSE;
        }
    }

  return TRUE;
}

int
contrail_fuzz_reference (const guint8 *data,
                         gsize         size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autofree char *lower = g_ascii_strdown (text, -1);
  g_autofree char *uuid = contrail_reference_parse (text);
  g_autofree char *again = NULL;

  if (uuid == NULL)
    return 0;

  if (!is_canonical_uuid (uuid))
    g_error ("fuzz-reference: “%s” is not a lower-case UUID", uuid);
  if (strstr (lower, uuid) == NULL)
    g_error ("fuzz-reference: “%s” does not occur in the input", uuid);

  again = contrail_reference_parse (uuid);
  if (g_strcmp0 (again, uuid) != 0)
    g_error ("fuzz-reference: “%s” does not parse as itself", uuid);

  return 0;
}

CONTRAIL_FUZZ_ENTRY (contrail_fuzz_reference)
