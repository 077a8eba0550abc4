/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-trace-list"

#include "config.h"

#include "contrail-trace-list.h"

struct _ContrailTraceList
{
  GObject         parent_instance;

  /* Owned */
  ContrailClient *client;
  GPtrArray      *items;       /* ContrailTraceSummary */
  GHashTable     *ids;         /* id strings of items (borrowed from them) */
  GCancellable   *cancellable;
  char           *filter;
  GError         *error;

  guint           page_size;
  guint           next_offset;
  gint64          total_count;
  guint           loading : 1;
  guint           has_more : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ContrailTraceList, contrail_trace_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_HAS_MORE,
  PROP_TOTAL_COUNT,
  PROP_FILTER,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
contrail_trace_list_get_item_type (GListModel *model)
{
  return CONTRAIL_TYPE_TRACE_SUMMARY;
}

static guint
contrail_trace_list_get_n_items (GListModel *model)
{
  return CONTRAIL_TRACE_LIST (model)->items->len;
}

static gpointer
contrail_trace_list_get_item (GListModel *model,
                              guint       position)
{
  ContrailTraceList *self = CONTRAIL_TRACE_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = contrail_trace_list_get_item_type;
  iface->get_n_items = contrail_trace_list_get_n_items;
  iface->get_item = contrail_trace_list_get_item;
}

static void
set_loading (ContrailTraceList *self,
             gboolean           loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_has_more (ContrailTraceList *self,
              gboolean           has_more)
{
  if (self->has_more == !!has_more)
    return;

  self->has_more = !!has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ContrailTraceList) self = user_data;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = -1;
  guint before, added = 0;

  page = contrail_client_list_traces_finish (CONTRAIL_CLIENT (object), result, &total, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer request replaced this one */

  /* "loading" goes FALSE last, so that its observers see the error or the
   * new items. */
  if (page == NULL)
    {
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      set_has_more (self, FALSE);
      set_loading (self, FALSE);
      return;
    }

  g_clear_error (&self->error);
  before = self->items->len;
  self->next_offset += page->len;

  for (guint i = 0; i < page->len; i++)
    {
      ContrailTraceSummary *item = g_ptr_array_index (page, i);
      const char *id = contrail_trace_summary_get_id (item);

      if (g_hash_table_contains (self->ids, id))
        continue;

      g_hash_table_add (self->ids, (gpointer)id);
      g_ptr_array_add (self->items, g_object_ref (item));
      added++;
    }

  if (self->total_count != total)
    {
      self->total_count = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_COUNT]);
    }

  /* An empty page ends the list even if total_count promises more. */
  set_has_more (self, page->len > 0 && (total < 0 ? page->len == self->page_size
                                                  : self->next_offset < (guint64)total));

  if (added > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), before, 0, added);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }

  set_loading (self, FALSE);
}

static void
fetch_page (ContrailTraceList *self)
{
  set_loading (self, TRUE);
  contrail_client_list_traces_async (self->client, self->next_offset, self->page_size,
                                     self->filter, self->cancellable, page_cb,
                                     g_object_ref (self));
}

static void
contrail_trace_list_dispose (GObject *object)
{
  ContrailTraceList *self = (ContrailTraceList *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (contrail_trace_list_parent_class)->dispose (object);
}

static void
contrail_trace_list_finalize (GObject *object)
{
  ContrailTraceList *self = (ContrailTraceList *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->filter, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (contrail_trace_list_parent_class)->finalize (object);
}

static void
contrail_trace_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ContrailTraceList *self = CONTRAIL_TRACE_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;

    case PROP_TOTAL_COUNT:
      g_value_set_int64 (value, self->total_count);
      break;

    case PROP_FILTER:
      g_value_set_string (value, self->filter);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrail_trace_list_class_init (ContrailTraceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = contrail_trace_list_dispose;
  object_class->finalize = contrail_trace_list_finalize;
  object_class->get_property = contrail_trace_list_get_property;

  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  properties[PROP_HAS_MORE] = g_param_spec_boolean ("has-more", NULL, NULL, FALSE, flags);
  properties[PROP_TOTAL_COUNT] = g_param_spec_int64 ("total-count", NULL, NULL,
                                                     -1, G_MAXINT64, -1, flags);
  properties[PROP_FILTER] = g_param_spec_string ("filter", NULL, NULL, NULL, flags);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
contrail_trace_list_init (ContrailTraceList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->cancellable = g_cancellable_new ();
  self->total_count = -1;
  self->has_more = TRUE;
}

ContrailTraceList *
contrail_trace_list_new (ContrailClient *client,
                         guint           page_size)
{
  ContrailTraceList *self;

  g_return_val_if_fail (CONTRAIL_IS_CLIENT (client), NULL);

  self = g_object_new (CONTRAIL_TYPE_TRACE_LIST, NULL);
  self->client = g_object_ref (client);
  self->page_size = CLAMP (page_size, 1, 100);

  return self;
}

void
contrail_trace_list_reload (ContrailTraceList *self)
{
  guint removed;

  g_return_if_fail (CONTRAIL_IS_TRACE_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  removed = self->items->len;
  g_hash_table_remove_all (self->ids);
  g_ptr_array_set_size (self->items, 0);
  self->next_offset = 0;
  g_clear_error (&self->error);
  set_has_more (self, TRUE);

  if (removed > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }

  fetch_page (self);
}

void
contrail_trace_list_set_filter (ContrailTraceList *self,
                                const char        *name)
{
  g_return_if_fail (CONTRAIL_IS_TRACE_LIST (self));

  if (name != NULL && name[0] == '\0')
    name = NULL;

  if (g_strcmp0 (self->filter, name) != 0)
    {
      g_free (self->filter);
      self->filter = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
    }

  contrail_trace_list_reload (self);
}

const char *
contrail_trace_list_get_filter (ContrailTraceList *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE_LIST (self), NULL);

  return self->filter;
}

void
contrail_trace_list_load_more (ContrailTraceList *self)
{
  g_return_if_fail (CONTRAIL_IS_TRACE_LIST (self));

  if (self->loading || !self->has_more)
    return;

  fetch_page (self);
}

gboolean
contrail_trace_list_get_loading (ContrailTraceList *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE_LIST (self), FALSE);

  return self->loading;
}

gboolean
contrail_trace_list_get_has_more (ContrailTraceList *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE_LIST (self), FALSE);

  return self->has_more;
}

gint64
contrail_trace_list_get_total_count (ContrailTraceList *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE_LIST (self), -1);

  return self->total_count;
}

const GError *
contrail_trace_list_get_error (ContrailTraceList *self)
{
  g_return_val_if_fail (CONTRAIL_IS_TRACE_LIST (self), NULL);

  return self->error;
}
