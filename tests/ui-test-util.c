/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ui-test-util"

#include "config.h"

#include "ui-test-util.h"

gboolean
ui_test_init (int    *argc,
              char ***argv)
{
  /* gtk_init() exits when it cannot open a display, so look first. */
  if ((g_getenv ("DISPLAY") == NULL || g_getenv ("DISPLAY")[0] == '\0') &&
      (g_getenv ("WAYLAND_DISPLAY") == NULL || g_getenv ("WAYLAND_DISPLAY")[0] == '\0'))
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  if (gdk_display_get_default () == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }

  return TRUE;
}

void
ui_test_run_subprocess (void  (*run) (void),
                        guint   timeout_seconds)
{
  if (g_test_subprocess ())
    {
      run ();
      return;
    }

  g_test_trap_subprocess (NULL, (guint64)timeout_seconds * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

gboolean
ui_wait_for (UiCheck  check,
             gpointer data,
             guint    seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return !timed_out;
}

void
ui_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
ui_spin (guint ms)
{
  gboolean done = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &done);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  (void)id;
}

void
ui_assert_finalized_soon (gpointer object)
{
  gpointer weak = object;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);

  for (guint i = 0; weak != NULL && i < 300; i++)
    {
      ui_drain ();
      if (weak != NULL)
        g_usleep (10000);
    }

  g_assert_null (weak);
}

GtkWidget *
ui_find_widget (GtkWidget  *root,
                GType       type,
                const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_widget (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
ui_foreach_widget (GtkWidget *root,
                   GFunc      func,
                   gpointer   data)
{
  func (root, data);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ui_foreach_widget (child, func, data);
}

struct _UiGapMeter
{
  guint  source;
  gint64 last;
  gint64 longest;
};

static gboolean
gap_tick_cb (gpointer user_data)
{
  UiGapMeter *meter = user_data;
  gint64 now = g_get_monotonic_time ();

  meter->longest = MAX (meter->longest, now - meter->last);
  meter->last = now;

  return G_SOURCE_CONTINUE;
}

UiGapMeter *
ui_gap_meter_start (void)
{
  UiGapMeter *meter = g_new0 (UiGapMeter, 1);

  meter->last = g_get_monotonic_time ();
  meter->source = g_timeout_add_full (G_PRIORITY_HIGH, 1, gap_tick_cb, meter, NULL);

  return meter;
}

double
ui_gap_meter_stop (UiGapMeter *meter)
{
  double longest_ms;

  gap_tick_cb (meter);
  g_source_remove (meter->source);
  longest_ms = meter->longest / 1000.0;
  g_free (meter);

  return longest_ms;
}

ContrailSpan *
ui_find_span (ContrailTrace *trace,
              const char    *name)
{
  guint n = contrail_trace_get_span_count (trace);

  for (guint i = 0; i < n; i++)
    {
      ContrailSpan *span = contrail_trace_get_span (trace, i);

      if (g_strcmp0 (contrail_span_get_name (span), name) == 0)
        return span;
    }

  g_error ("No span named “%s”", name);
}
