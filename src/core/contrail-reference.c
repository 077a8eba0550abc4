/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-reference"

#include "config.h"

#include <string.h>

#include "contrail-reference.h"

/* 8-4-4-4-12 hex digits starting at @p (which has at least 36 bytes left). */
static gboolean
is_uuid_at (const char *p)
{
  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (p[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (p[i]))
        {
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
is_url (const char *text)
{
  const char *colon = strstr (text, "://");

  if (colon == NULL || colon == text)
    return FALSE;

  for (const char *p = text; p < colon; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '+' && *p != '-' && *p != '.')
        return FALSE;
    }

  return g_ascii_isalpha (text[0]);
}

char *
contrail_reference_parse (const char *text)
{
  g_autofree char *trimmed = NULL;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  len = strlen (trimmed);

  if (len == 36 && is_uuid_at (trimmed))
    return g_ascii_strdown (trimmed, -1);

  if (!is_url (trimmed))
    return NULL;

  for (gsize i = 0; i + 36 <= len; i++)
    {
      /* A UUID must not be glued to more hex digits on either side. */
      if (is_uuid_at (trimmed + i) &&
          (i == 0 || !g_ascii_isxdigit (trimmed[i - 1])) &&
          (i + 36 == len || !g_ascii_isxdigit (trimmed[i + 36])))
        return g_ascii_strdown (trimmed + i, 36);
    }

  return NULL;
}
