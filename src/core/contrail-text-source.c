/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-text-source"

#include "config.h"

#include <string.h>

#include "contrail-json-reader.h"
#include "contrail-model-private.h"
#include "contrail-text-source.h"

struct _ContrailTextSource
{
  /* Owned */
  ContrailStore *store;     /* keeps @raw alive; NULL when @raw is @copy */
  char          *copy;      /* a private copy of an undecoded text */
  GBytes        *bytes;     /* the decoded text, once decoded (under @lock) */
  GMutex         lock;

  /* Borrowed (from @store or @copy) */
  const char    *raw;
  gsize          raw_len;
  gboolean       escaped;   /* @raw is a JSON string body */
  gsize          size;      /* exact when @bytes is set */
  gint           decoded;   /* atomic */
};

G_DEFINE_BOXED_TYPE (ContrailTextSource, contrail_text_source,
                     contrail_text_source_ref, contrail_text_source_unref)

static void
text_source_clear (gpointer data)
{
  ContrailTextSource *self = data;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->store, _contrail_store_unref);
  g_clear_pointer (&self->copy, g_free);
  g_mutex_clear (&self->lock);
}

static ContrailTextSource *
text_source_alloc (void)
{
  ContrailTextSource *self = g_atomic_rc_box_new0 (ContrailTextSource);

  g_mutex_init (&self->lock);

  return self;
}

/* Wraps @str (valid UTF-8 without NUL, @len bytes, NUL-terminated): takes it. */
static GBytes *
bytes_take_string (char  *str,
                   gsize  len)
{
  return g_bytes_new_with_free_func (str, len, g_free, str);
}

static void
set_decoded (ContrailTextSource *self,
             GBytes             *bytes)
{
  self->bytes = bytes;
  self->size = g_bytes_get_size (bytes);
  g_atomic_int_set (&self->decoded, TRUE);
}

ContrailTextSource *
contrail_text_source_new (const char *text,
                          gssize      len)
{
  ContrailTextSource *self;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);

  self = text_source_alloc ();

  /* g_utf8_validate_len() also rejects NUL bytes. */
  if (g_utf8_validate_len (text, len, NULL))
    {
      char *copy = g_malloc (len + 1);

      memcpy (copy, text, len);
      copy[len] = '\0';
      set_decoded (self, bytes_take_string (copy, len));
    }
  else
    {
      self->copy = g_memdup2 (text, len);
      self->raw = self->copy;
      self->raw_len = len;
      self->size = len;
    }

  return self;
}

/* Main thread: the model's lazy text, captured without decoding it. */
static ContrailTextSource *
text_source_new_for_text (ContrailStore *store,
                          ContrailText  *text)
{
  ContrailTextSource *self;

  switch (text->state)
    {
    case CONTRAIL_TEXT_READY:
      return contrail_text_source_new (text->str, -1);

    case CONTRAIL_TEXT_ESCAPED:
    case CONTRAIL_TEXT_VERBATIM:
      self = text_source_alloc ();
      self->store = _contrail_store_ref (store);
      self->raw = text->raw;
      self->raw_len = text->raw_len;
      self->escaped = text->state == CONTRAIL_TEXT_ESCAPED;
      self->size = text->raw_len;
      return self;

    case CONTRAIL_TEXT_ABSENT:
    default:
      return NULL;
    }
}

ContrailTextSource *
contrail_text_source_new_for_span (ContrailSpan      *span,
                                   ContrailTextField  field)
{
  ContrailText *text;

  g_return_val_if_fail (CONTRAIL_IS_SPAN (span), NULL);

  switch (field)
    {
    case CONTRAIL_TEXT_FIELD_INPUT:
      text = &span->input;
      break;
    case CONTRAIL_TEXT_FIELD_OUTPUT:
      text = &span->output;
      break;
    case CONTRAIL_TEXT_FIELD_INSTRUCTIONS:
      text = &span->instructions;
      break;
    case CONTRAIL_TEXT_FIELD_OBSERVATIONS:
      text = &span->observations;
      break;
    case CONTRAIL_TEXT_FIELD_META:
      text = &span->meta;
      break;
    case CONTRAIL_TEXT_FIELD_SCORER_CONTEXT:
      text = &span->scorer_context;
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  return text_source_new_for_text (span->store, text);
}

ContrailTextSource *
contrail_text_source_new_for_trace (ContrailTrace     *trace,
                                    ContrailTextField  field)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE (trace), NULL);

  switch (field)
    {
    case CONTRAIL_TEXT_FIELD_INPUT:
      return text_source_new_for_text (trace->store, &trace->input);
    case CONTRAIL_TEXT_FIELD_OUTPUT:
      return text_source_new_for_text (trace->store, &trace->output);
    case CONTRAIL_TEXT_FIELD_INSTRUCTIONS:
    case CONTRAIL_TEXT_FIELD_OBSERVATIONS:
    case CONTRAIL_TEXT_FIELD_META:
    case CONTRAIL_TEXT_FIELD_SCORER_CONTEXT:
    default:
      return NULL;
    }
}

ContrailTextSource *
contrail_text_source_ref (ContrailTextSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
contrail_text_source_unref (ContrailTextSource *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, text_source_clear);
}

gsize
contrail_text_source_get_size (ContrailTextSource *self)
{
  gsize size;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  size = self->size;
  g_mutex_unlock (&self->lock);

  return size;
}

gboolean
contrail_text_source_is_decoded (ContrailTextSource *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_atomic_int_get (&self->decoded);
}

GBytes *
contrail_text_source_get_bytes (ContrailTextSource *self)
{
  GBytes *bytes;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);
  if (self->bytes == NULL)
    {
      ContrailJsonSlice slice = { self->raw, self->raw_len, self->escaped };
      GString *out = g_string_sized_new (self->raw_len + 1);
      gsize len;

      /* Resolves escapes; replaces invalid UTF-8 and NUL with U+FFFD. */
      contrail_json_slice_decode (&slice, out);
      len = out->len;
      set_decoded (self, bytes_take_string (g_string_free (out, FALSE), len));
      g_clear_pointer (&self->copy, g_free);
      g_clear_pointer (&self->store, _contrail_store_unref);
      self->raw = NULL;
      self->raw_len = 0;
    }
  bytes = g_bytes_ref (self->bytes);
  g_mutex_unlock (&self->lock);

  return bytes;
}
