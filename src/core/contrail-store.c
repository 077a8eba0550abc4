/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-store"

#include "config.h"

#include "contrail-json-reader.h"
#include "contrail-model-private.h"

ContrailStore *
_contrail_store_new (GBytes *source)
{
  ContrailStore *store = g_atomic_rc_box_new0 (ContrailStore);

  store->strings = g_string_chunk_new (16 * 1024);
  store->source = source != NULL ? g_bytes_ref (source) : NULL;

  return store;
}

ContrailStore *
_contrail_store_ref (ContrailStore *store)
{
  return g_atomic_rc_box_acquire (store);
}

static void
store_clear (gpointer data)
{
  ContrailStore *store = data;

  g_string_chunk_free (store->strings);
  g_clear_pointer (&store->source, g_bytes_unref);
}

void
_contrail_store_unref (ContrailStore *store)
{
  g_atomic_rc_box_release_full (store, store_clear);
}

const char *
_contrail_store_intern (ContrailStore *store,
                        const char    *str,
                        gssize         len)
{
  if (str == NULL)
    return NULL;

  if (len < 0)
    return g_string_chunk_insert_const (store->strings, str);

  /* insert_const needs a NUL-terminated key; short strings go through the
   * stack so that repeated names, types and models are stored once.
   * Longer ones are rarely repeated and not worth hashing. */
  if (len < 64)
    {
      char buf[64];

      memcpy (buf, str, len);
      buf[len] = '\0';
      return g_string_chunk_insert_const (store->strings, buf);
    }

  return g_string_chunk_insert_len (store->strings, str, len);
}

/* What a reader decoded from a sliced text so far, or NULL. */
static inline char *
text_cached (const ContrailText *text)
{
  return g_atomic_pointer_get ((gpointer *)&((ContrailText *)text)->str);
}

const char *
_contrail_text_get (ContrailText *text)
{
  switch (text->state)
    {
    case CONTRAIL_TEXT_ABSENT:
      return NULL;

    case CONTRAIL_TEXT_READY:
      return text->str;

    case CONTRAIL_TEXT_ESCAPED:
    case CONTRAIL_TEXT_VERBATIM:
      {
        char *decoded = text_cached (text);

        if (decoded != NULL)
          return decoded;

        if (text->state == CONTRAIL_TEXT_ESCAPED)
          {
            ContrailJsonSlice slice = { text->raw, text->raw_len, TRUE };

            decoded = contrail_json_slice_dup (&slice);
          }
        else
          {
            decoded = g_utf8_make_valid (text->raw, text->raw_len);
          }

        /* Publish once; a reader in another thread may have won the race. */
        if (!g_atomic_pointer_compare_and_exchange ((gpointer *)&text->str, NULL, decoded))
          {
            g_free (decoded);
            decoded = text_cached (text);
          }

        return decoded;
      }

    default:
      g_assert_not_reached ();
    }
}

void
_contrail_text_append (const ContrailText *text,
                       GString            *out)
{
  const char *decoded;

  switch (text->state)
    {
    case CONTRAIL_TEXT_ABSENT:
      return;

    case CONTRAIL_TEXT_READY:
      g_string_append (out, text->str);
      return;

    case CONTRAIL_TEXT_ESCAPED:
    case CONTRAIL_TEXT_VERBATIM:
      decoded = text_cached (text);
      if (decoded != NULL)
        {
          g_string_append (out, decoded);
        }
      else if (text->state == CONTRAIL_TEXT_ESCAPED)
        {
          ContrailJsonSlice slice = { text->raw, text->raw_len, TRUE };

          contrail_json_slice_decode (&slice, out);
        }
      else
        {
          g_autofree char *valid = g_utf8_make_valid (text->raw, text->raw_len);

          g_string_append (out, valid);
        }
      return;

    default:
      g_assert_not_reached ();
    }
}

gsize
_contrail_text_get_size (const ContrailText *text)
{
  switch (text->state)
    {
    case CONTRAIL_TEXT_READY:
      return strlen (text->str);

    case CONTRAIL_TEXT_ESCAPED:
    case CONTRAIL_TEXT_VERBATIM:
      return text->raw_len;

    case CONTRAIL_TEXT_ABSENT:
    default:
      return 0;
    }
}

void
_contrail_text_clear (ContrailText *text)
{
  /* Texts that were sliced own what a reader decoded from them. */
  if (text->state == CONTRAIL_TEXT_ESCAPED || text->state == CONTRAIL_TEXT_VERBATIM)
    g_free ((char *)text->str);

  memset (text, 0, sizeof *text);
}
