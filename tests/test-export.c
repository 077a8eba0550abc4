/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Export and copy: saving normalized JSON and reading it back gives the
 * same normalized JSON (demo, OTLP and Jaeger traces); the original saved
 * byte for byte; the window's copy actions put the span's own JSON (or its
 * normalized subtree), the trace's JSON, ID and link on the clipboard; the
 * row menu; file names.  Needs a display for the clipboard; skips without.
 */

#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "contrail-export.h"
#include "contrail-import.h"
#include "contrail-print.h"
#include "contrail-span-tree.h"
#include "contrail-window.h"
#include "contrail-window-private.h"
#include "ui-test-util.h"

#define WAIT_SECONDS 20

typedef struct
{
  GAsyncResult *result;
} Waiter;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((Waiter *)data)->result != NULL;
}

static void
save (ContrailTrace        *trace,
      ContrailExportFormat  format,
      GFile                *file)
{
  Waiter waiter = { 0 };
  g_autoptr(GError) error = NULL;

  contrail_export_save_async (trace, format, file, NULL, done_cb, &waiter);
  g_assert_true (ui_wait_for (has_result, &waiter, WAIT_SECONDS));
  g_assert_true (contrail_export_save_finish (waiter.result, &error));
  g_assert_no_error (error);
  g_object_unref (waiter.result);
}

static char *
normalized (ContrailTrace *trace)
{
  GString *out = g_string_new (NULL);

  contrail_print_json (out, trace);

  return g_string_free (out, FALSE);
}

static GPtrArray *
test_traces (void)
{
  static const char *fixtures[][2] = {
    { "otlp", "broken-parents.json" },
    { "jaeger", "bare-trace.json" },
  };
  g_autoptr(GError) error = NULL;
  GPtrArray *traces = contrail_import_demo (&error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", fixtures[i][0],
                                                     fixtures[i][1], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GPtrArray) more = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      more = contrail_import_file (file, NULL, &error);
      g_assert_no_error (error);
      for (guint t = 0; t < more->len; t++)
        g_ptr_array_add (traces, g_object_ref (g_ptr_array_index (more, t)));
    }

  return traces;
}

/* Save as Contrail JSON, open the file: the same normalized JSON, and the
 * file is exactly what --print --json writes. */
static void
test_export_round_trip (void)
{
  g_autoptr(GPtrArray) traces = test_traces ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("contrail-export-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (traces->len, >=, 4);

  for (guint i = 0; i < traces->len; i++)
    {
      ContrailTrace *trace = g_ptr_array_index (traces, i);
      g_autofree char *name = contrail_export_dup_file_name (trace, CONTRAIL_EXPORT_NORMALIZED);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GPtrArray) again = NULL;
      g_autofree char *expected = normalized (trace);
      g_autofree char *actual = NULL;
      g_autofree char *contents = NULL;

      save (trace, CONTRAIL_EXPORT_NORMALIZED, file);

      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (contents, ==, expected);

      again = contrail_import_file (file, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (again->len, ==, 1);
      actual = normalized (g_ptr_array_index (again, 0));
      g_assert_cmpstr (actual, ==, expected);

      /* Saving again replaces the file */
      save (trace, CONTRAIL_EXPORT_NORMALIZED, file);
      g_clear_pointer (&contents, g_free);
      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      g_assert_cmpstr (contents, ==, expected);

      g_assert_cmpint (g_remove (path), ==, 0);
    }

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The original document, byte for byte: from memory (the demo) and from a
 * mapped file, a byte order mark included. */
static void
test_export_original (void)
{
  g_autoptr(GPtrArray) traces = test_traces ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("contrail-export-XXXXXX", &error);
  g_autofree char *bom_path = g_build_filename (dir, "bom.json", NULL);
  g_autoptr(GFile) bom_file = g_file_new_for_path (bom_path);
  g_autoptr(GPtrArray) bom_traces = NULL;
  const char bom_json[] = "\xEF\xBB\xBF{\"id\":\"0383850c-2027-43b4-ab16-66b3370e2c1d\","
                          "\"name\":\"b\\u00f6m\",\"spans\":[{\"id\":\"s\",\"name\":\"x\"}]}\n";

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (bom_path, bom_json, -1, &error));
  bom_traces = contrail_import_file (bom_file, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (traces, g_object_ref (g_ptr_array_index (bom_traces, 0)));

  for (guint i = 0; i < traces->len; i++)
    {
      ContrailTrace *trace = g_ptr_array_index (traces, i);
      GBytes *source = contrail_trace_get_source_bytes (trace);
      g_autofree char *name = contrail_export_dup_file_name (trace, CONTRAIL_EXPORT_ORIGINAL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GBytes) saved = NULL;

      g_assert_nonnull (source);
      g_assert_true (g_str_has_suffix (name, "-original.json"));
      save (trace, CONTRAIL_EXPORT_ORIGINAL, file);

      saved = g_file_load_bytes (file, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                       g_bytes_get_data (source, NULL), g_bytes_get_size (source));
      g_assert_cmpint (g_remove (path), ==, 0);
    }

  /* The file with the byte order mark, as it was */
  {
    g_autofree char *path = g_build_filename (dir, "again.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *contents = NULL;
    gsize len = 0;

    save (g_ptr_array_index (bom_traces, 0), CONTRAIL_EXPORT_ORIGINAL, file);
    g_assert_true (g_file_get_contents (path, &contents, &len, &error));
    g_assert_cmpmem (contents, len, bom_json, strlen (bom_json));
    g_assert_cmpint (g_remove (path), ==, 0);
  }

  g_assert_cmpint (g_remove (bom_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A folder that does not exist: an error, no crash. */
static void
test_export_error (void)
{
  g_autoptr(GPtrArray) traces = test_traces ();
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-contrail-dir/trace.json");
  g_autoptr(GError) error = NULL;
  Waiter waiter = { 0 };

  contrail_export_save_async (g_ptr_array_index (traces, 0), CONTRAIL_EXPORT_NORMALIZED, file,
                              NULL, done_cb, &waiter);
  g_assert_true (ui_wait_for (has_result, &waiter, WAIT_SECONDS));
  g_assert_false (contrail_export_save_finish (waiter.result, &error));
  g_assert_nonnull (error);
  g_object_unref (waiter.result);
}

static void
test_export_names (void)
{
  g_autoptr(GPtrArray) traces = test_traces ();
  ContrailTrace *demo = g_ptr_array_index (traces, 0);
  g_autofree char *name = contrail_export_dup_file_name (demo, CONTRAIL_EXPORT_NORMALIZED);
  g_autofree char *link = contrail_export_dup_trace_link (demo);
  g_autofree char *expected_link = g_strconcat ("https://platform.opper.ai/traces/",
                                                contrail_trace_get_id (demo), NULL);
  const char *json = "{\"id\":\"1b5f0f6e-7b83-4c8e-9b39-0f4a1cfb1d7e\","
                     "\"name\":\"../a/b:c\\u0007.d\",\"spans\":[]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) odd = contrail_import_bytes (bytes, NULL, &error);
  g_autofree char *odd_name = NULL;

  g_assert_cmpstr (name, ==, "support_agent.json");
  g_assert_cmpstr (link, ==, expected_link);

  g_assert_no_error (error);
  odd_name = contrail_export_dup_file_name (g_ptr_array_index (odd, 0), CONTRAIL_EXPORT_ORIGINAL);
  g_assert_null (strchr (odd_name, '/'));
  g_assert_null (strchr (odd_name, ':'));
  g_assert_false (odd_name[0] == '.');
  g_assert_cmpstr (odd_name, ==, "trace.._a_b_c_.d-original.json");

  /* OTLP and Jaeger trace ids are no Opper traces: no link */
  for (guint i = 3; i < traces->len; i++)
    {
      g_autofree char *none = contrail_export_dup_trace_link (g_ptr_array_index (traces, i));

      g_assert_null (none);
    }
}

/* ---- The window's copy actions ---- */

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((ClipboardRead *)data)->done;
}

static char *
clipboard_text (GtkWidget *widget)
{
  ClipboardRead read = { 0 };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, read_text_cb, &read);
  g_assert_true (ui_wait_for (read_done, &read, WAIT_SECONDS));

  return read.text;
}

/* Activates @action and waits until the clipboard holds @expected. */
static void
assert_copies (ContrailWindow *window,
               const char     *action,
               const char     *expected)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "(before)");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));

  for (;;)
    {
      g_autofree char *text = clipboard_text (GTK_WIDGET (window));

      if (g_strcmp0 (text, expected) == 0)
        return;
      if (g_get_monotonic_time () > deadline)
        g_assert_cmpstr (text, ==, expected);
      ui_spin (20);
    }
}

static gboolean
rows_shown (gpointer data)
{
  GListModel *rows = _contrail_window_get_span_model (data);

  return rows != NULL && g_list_model_get_n_items (rows) > 0;
}

static GtkWidget *
find_popover (GtkWidget *tree)
{
  for (GtkWidget *child = gtk_widget_get_first_child (tree);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER_MENU (child))
        return child;
    }

  return NULL;
}

static void
run_clipboard_test (void)
{
  g_autoptr(GPtrArray) traces = test_traces ();
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  ContrailTrace *demo = g_ptr_array_index (traces, 0);
  ContrailTrace *otlp = g_ptr_array_index (traces, 3);
  ContrailWindow *window;
  ContrailSpan *span;
  GtkWidget *tree;
  GtkWidget *popover;
  g_autofree char *trace_json = NULL;
  g_autofree char *link = NULL;
  g_autofree char *otlp_span_json = NULL;

  window = g_object_ref (contrail_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  g_ptr_array_add (one, demo);
  contrail_window_add_traces (window, one);
  g_assert_true (ui_wait_for (rows_shown, window, WAIT_SECONDS));

  /* A span: its own JSON object, as Opper sent it */
  span = ui_find_span (demo, "classify_ticket");
  g_assert_nonnull (contrail_span_get_source (span));
  g_object_set (window, "selected-span", span, NULL);
  assert_copies (window, "win.copy-span-json", contrail_span_get_source (span));

  /* The trace, normalized, as one document */
  trace_json = normalized (demo);
  g_assert_true (g_str_has_suffix (trace_json, "\n"));
  trace_json[strlen (trace_json) - 1] = '\0';
  assert_copies (window, "win.copy-trace-json", trace_json);
  assert_copies (window, "win.copy-trace-id", contrail_trace_get_id (demo));
  link = g_strconcat ("https://platform.opper.ai/traces/", contrail_trace_get_id (demo), NULL);
  assert_copies (window, "win.copy-trace-link", link);

  /* The row menu opens on the selected row (Menu key, Shift+F10) */
  tree = _contrail_window_get_span_tree (window);
  g_assert_true (gtk_widget_activate_action (tree, "span-tree.context-menu", NULL));
  ui_drain ();
  popover = find_popover (tree);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* An OTLP span has no JSON of its own: its subtree, normalized */
  g_ptr_array_index (one, 0) = otlp;
  contrail_window_add_traces (window, one);
  g_assert_true (ui_wait_for (rows_shown, window, WAIT_SECONDS));
  span = contrail_trace_get_root (otlp, 0);
  g_assert_null (contrail_span_get_source (span));
  {
    GString *out = g_string_new (NULL);

    contrail_print_span_json (out, span);
    otlp_span_json = g_string_free (out, FALSE);
  }
  g_object_set (window, "selected-span", span, NULL);
  assert_copies (window, "win.copy-span-json", otlp_span_json);

  /* No Opper link for it: the clipboard stays as it was */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "unchanged");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-trace-link", NULL);
  ui_spin (100);
  {
    g_autofree char *text = clipboard_text (GTK_WIDGET (window));

    g_assert_cmpstr (text, ==, "unchanged");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ui_drain ();
  g_object_unref (window);
}

static void
test_export_clipboard (void)
{
  ui_test_run_subprocess (run_clipboard_test, 60);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/contrail/export/round-trip", test_export_round_trip);
  g_test_add_func ("/contrail/export/original", test_export_original);
  g_test_add_func ("/contrail/export/error", test_export_error);
  g_test_add_func ("/contrail/export/names", test_export_names);
  g_test_add_func ("/contrail/export/clipboard", test_export_clipboard);

  return g_test_run ();
}
