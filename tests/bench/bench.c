/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tests/bench: the figures of DESIGN.md §8, measured in one run on this
 * machine.  Generates deterministic Opper traces, then times
 * `contrail --print --json FILE > /dev/null` against Python's json.load and
 * json-glib's bare parse of the same file, and reads each process's peak RSS
 * from wait4().  Prints one "key: value" line per figure.
 *
 *   bench [--quick] [--dir DIR] [--contrail PATH]
 */
#define G_LOG_DOMAIN "bench"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* ---- Deterministic traces ---- */

typedef enum
{
  SHAPE_BUSHY,   /* agents with tool and generation children, a few levels deep */
  SHAPE_DEEP,    /* one chain */
  SHAPE_WIDE,    /* one root, everything below it */
} Shape;

static const char *words[] = {
  "the", "agent", "asked", "model", "to", "summarise", "customer", "order", "history",
  "and", "decide", "which", "tool", "call", "next", "while", "keeping", "reply", "short",
  "polite", "shipment", "delayed", "refund", "policy", "warehouse", "Stockholm", "invoice",
};

static void
append_words (GString *out,
              GRand   *rand,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
}

static void
append_uuid (GString *out,
             guint64  n)
{
  g_string_append_printf (out, "%08x-%04x-4%03x-8%03x-%012" G_GINT64_MODIFIER "x",
                          (guint)(n * 2654435761u), (guint)(n & 0xffff), (guint)(n % 4096),
                          (guint)((n >> 12) % 4096), (guint64)n);
}

static void
append_time (GString *out,
             gint64   us)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (1763630000 + us / G_USEC_PER_SEC);

  g_string_append_printf (out, "\"%04d-%02d-%02dT%02d:%02d:%02d.%06dZ\"",
                          g_date_time_get_year (t), g_date_time_get_month (t),
                          g_date_time_get_day_of_month (t), g_date_time_get_hour (t),
                          g_date_time_get_minute (t), g_date_time_get_second (t),
                          (int)(us % G_USEC_PER_SEC));
}

/* About 750 bytes of JSON per span with LLM-sized texts: 100,000 spans make
 * a file of 70-80 MB, the size DESIGN.md §8 measures. */
static char *
generate (const char *dir,
          const char *name,
          guint       n_spans,
          Shape       shape,
          gsize       huge_output)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) out = g_string_sized_new (n_spans * 800 + huge_output + 1024);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  static const char *types[] = { "🤖 agent", "generation", "🔧 tool", "generation" };
  g_autoptr(GError) error = NULL;

  g_string_append (out, "{\"id\":\"");
  append_uuid (out, 0);
  g_string_append (out, "\",\"name\":\"bench\",\"status\":\"success\",\"start_time\":");
  append_time (out, 0);
  g_string_append (out, ",\"end_time\":");
  append_time (out, (gint64)n_spans * 1000 + 5000000);
  g_string_append (out, ",\"total_tokens\":123456,\"spans\":[");

  for (guint i = 0; i < n_spans; i++)
    {
      const char *type = types[i % G_N_ELEMENTS (types)];
      gint64 start = (gint64)i * 1000;
      guint parent;

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"id\":\"");
      append_uuid (out, i + 1);
      g_string_append (out, "\",\"parent_id\":");
      switch (shape)
        {
        case SHAPE_DEEP:
          parent = i;
          break;
        case SHAPE_WIDE:
          parent = i > 0 ? 1 : 0;
          break;
        case SHAPE_BUSHY:
        default:
          /* every fourth span is an agent that the next three hang below */
          parent = i == 0 ? 0 : (i % 4 == 0 ? (guint)g_rand_int_range (rand, 0, i / 4 + 1) * 4 + 1
                                            : (i / 4) * 4 + 1);
          break;
        }
      if (parent == 0 || parent == i + 1)
        g_string_append (out, "null");
      else
        {
          g_string_append_c (out, '"');
          append_uuid (out, parent);
          g_string_append_c (out, '"');
        }
      g_string_append_printf (out, ",\"name\":\"step_%u\",\"type\":\"%s\",\"start_time\":", i, type);
      append_time (out, start);
      g_string_append (out, ",\"end_time\":");
      append_time (out, start + g_rand_int_range (rand, 1000, 4000000));
      g_string_append_printf (out, ",\"duration_ms\":%d,\"error\":%s,\"meta\":{\"attempt\":%u},"
                                   "\"data\":{\"input\":\"{\\\"messages\\\": [{\\\"role\\\": \\\"user\\\", "
                                   "\\\"content\\\": \\\"",
                              g_rand_int_range (rand, 1, 4000),
                              i % 97 == 0 ? "\"TimeoutError: upstream took too long\"" : "null",
                              i % 3);
      append_words (out, rand, 18);
      g_string_append (out, "\\\"}]}\",\"output\":\"");
      if (i == 1 && huge_output > 0)
        {
          while (out->len < huge_output)
            {
              append_words (out, rand, 60);
              g_string_append (out, "\\n");
            }
        }
      else
        append_words (out, rand, 20);
      g_string_append_printf (out, "\",\"total_tokens\":%d,\"model\":\"openai/gpt-4o-mini\","
                                   "\"instructions\":\"",
                              g_rand_int_range (rand, 10, 4000));
      append_words (out, rand, 8);
      g_string_append_printf (out, "\",\"tags\":[\"env:prod\"],\"score\":%d},\"metrics\":"
                                   "[{\"id\":\"m%u\",\"dimension\":\"latency\",\"value\":%d.5,"
                                   "\"created_at\":\"2025-11-20T09:14:04Z\",\"comment\":null}],"
                                   "\"score\":null}",
                              g_rand_int_range (rand, 0, 100), i, g_rand_int_range (rand, 0, 9));
    }
  g_string_append (out, "]}");

  if (!g_file_set_contents (path, out->str, out->len, &error))
    g_error ("%s", error->message);

  return g_steal_pointer (&path);
}

/* ---- Measuring processes ---- */

typedef struct
{
  double ms;
  double rss_mb;
} Sample;

static gboolean
run (char   **argv,
     Sample  *sample)
{
  posix_spawn_file_actions_t actions;
  struct rusage usage;
  gint64 start;
  pid_t pid;
  int status;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);

  start = g_get_monotonic_time ();
  if (posix_spawnp (&pid, argv[0], &actions, NULL, argv, environ) != 0)
    {
      posix_spawn_file_actions_destroy (&actions);
      return FALSE;
    }
  posix_spawn_file_actions_destroy (&actions);

  while (wait4 (pid, &status, 0, &usage) < 0 && errno == EINTR)
    ;

  sample->ms = (g_get_monotonic_time () - start) / 1000.0;
  sample->rss_mb = usage.ru_maxrss / 1024.0;

  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* Median time and largest peak RSS over @n runs. */
static gboolean
measure (char   **argv,
         guint    n,
         Sample  *out)
{
  double times[16];

  out->rss_mb = 0;
  for (guint i = 0; i < n; i++)
    {
      Sample s;

      if (!run (argv, &s))
        return FALSE;
      times[i] = s.ms;
      out->rss_mb = MAX (out->rss_mb, s.rss_mb);
    }
  qsort (times, n, sizeof (double), compare_doubles);
  out->ms = times[n / 2];

  return TRUE;
}

/* Times and sizes print as integers, ratios with two decimals. */
static void
print_figure (const char *key,
              double      value,
              int         decimals)
{
  printf ("%s: %.*f\n", key, decimals, value);
  fflush (stdout);
}

/* `bench --jsonglib FILE`: the json-glib baseline, in its own process. */
static int
jsonglib_parse (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}

/* Runs a helper program and passes on its "key: value" lines; returns them. */
static GHashTable *
run_figures (char **argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int status = 0;

  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      printf ("# %s did not run: %s\n", argv[0], error->message);
      return figures;
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strstr (lines[i], ": ");

      if (colon == NULL || lines[i][0] == '#')
        continue;
      printf ("%s\n", lines[i]);
      g_hash_table_insert (figures, g_strndup (lines[i], colon - lines[i]),
                           g_strdup (colon + 2));
    }
  fflush (stdout);

  return figures;
}

static void
print_budget (GHashTable *figures,
              const char *key,
              double      limit,
              const char *label)
{
  const char *value = g_hash_table_lookup (figures, key);

  if (value == NULL)
    return;

  printf ("budget_%s: %s (%s)\n", key, g_ascii_strtod (value, NULL) <= limit ? "met" : "MISSED",
          label);
}

/* Cold start to the first frame of `contrail --demo` (the app quits right
 * after painting it when CONTRAIL_EXIT_AFTER_FIRST_FRAME is set). */
static void
measure_cold_start (const char *contrail)
{
  double times[5];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "CONTRAIL_EXIT_AFTER_FIRST_FRAME",
                                            "1", TRUE);
      char *argv[] = { (char *)contrail, "--demo", NULL };
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      char buf[256];
      gsize got = 0;
      GPid pid;
      int out_fd;

      /* Timed when the line arrives, not when the process has exited. */
      if (!g_spawn_async_with_pipes (NULL, argv, env, G_SPAWN_STDERR_TO_DEV_NULL |
                                     G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL,
                                     &out_fd, NULL, &error))
        {
          printf ("# cold start not measured: %s\n", error->message);
          return;
        }
      while (got < sizeof buf - 1)
        {
          gssize n = read (out_fd, buf + got, sizeof buf - 1 - got);

          if (n <= 0)
            break;
          got += n;
          buf[got] = '\0';
          if (strstr (buf, "first-frame\n") != NULL)
            break;
        }
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      buf[got] = '\0';
      close (out_fd);
      waitpid (pid, NULL, 0);
      g_spawn_close_pid (pid);

      if (strstr (buf, "first-frame") == NULL)
        {
          printf ("# cold start not measured: no first frame\n");
          return;
        }
    }

  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  print_figure ("cold_start_first_frame_ms", times[G_N_ELEMENTS (times) / 2], 0);
  printf ("budget_cold_start: %s (< 400 ms)\n",
          times[G_N_ELEMENTS (times) / 2] < 400 ? "met" : "MISSED");
}

static double
file_mb (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / (1024.0 * 1024.0) : 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *contrail = NULL;
  g_autofree char *self = NULL;
  gboolean quick = FALSE;
  gboolean keep = FALSE;
  char *jsonglib = NULL;
  char *generate_spec = NULL;
  GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, "Only the 1,000 and 10,000 span traces", NULL },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to write the traces", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the generated traces", NULL },
    { "contrail", 0, 0, G_OPTION_ARG_FILENAME, &contrail, "The contrail binary", "PATH" },
    { "jsonglib", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &jsonglib, NULL, NULL },
    { "generate", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &generate_spec, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  struct { const char *name; guint n; Shape shape; gsize huge; } traces[] = {
    { "1k", 1000, SHAPE_BUSHY, 0 },
    { "10k", 10000, SHAPE_BUSHY, 0 },
    { "100k", 100000, SHAPE_BUSHY, 0 },
    { "100k_deep", 100000, SHAPE_DEEP, 0 },
    { "100k_wide", 100000, SHAPE_WIDE, 0 },
    { "20mb_field", 100, SHAPE_BUSHY, 20 * 1024 * 1024 },
  };
  Sample python_100k = { 0 }, contrail_100k = { 0 };
  double size_100k = 0;
  const guint runs = 3;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench: %s\n", error->message);
      return 2;
    }

  if (jsonglib != NULL)
    return jsonglib_parse (jsonglib);

  /* `--generate DIR:NAME:N:SHAPE:HUGE` writes one trace, in its own process:
   * a child's peak RSS starts from its parent's (vfork, then ru_maxrss is
   * kept across exec), so the measuring process must stay small. */
  if (generate_spec != NULL)
    {
      g_auto(GStrv) f = g_strsplit (generate_spec, ":", 5);
      g_autofree char *path = NULL;

      if (g_strv_length (f) != 5)
        return 2;
      path = generate (f[0], f[1], (guint)g_ascii_strtoull (f[2], NULL, 10),
                       (Shape)g_ascii_strtoull (f[3], NULL, 10),
                       (gsize)g_ascii_strtoull (f[4], NULL, 10));
      return 0;
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (contrail == NULL)
    contrail = g_strdup (g_getenv ("CONTRAIL_BIN"));
  if (contrail == NULL)
    {
      g_printerr ("bench: pass --contrail PATH or set CONTRAIL_BIN\n");
      return 2;
    }
  if (dir == NULL)
    dir = g_dir_make_tmp ("contrail-bench-XXXXXX", NULL);

  {
    g_autofree char *cpu = NULL;
    g_auto(GStrv) lines = NULL;

    if (g_file_get_contents ("/proc/cpuinfo", &cpu, NULL, NULL))
      {
        lines = g_strsplit (cpu, "\n", -1);
        for (guint i = 0; lines[i] != NULL; i++)
          if (g_str_has_prefix (lines[i], "model name"))
            {
              printf ("machine: %s, %u cores\n", strchr (lines[i], ':') + 2,
                      g_get_num_processors ());
              break;
            }
      }
  }

  for (guint t = 0; t < G_N_ELEMENTS (traces); t++)
    {
      g_autofree char *name = g_strdup_printf ("trace-%s.json", traces[t].name);
      g_autofree char *path = NULL;
      g_autofree char *key = NULL;
      char *args[] = { contrail, "--print", "--json", NULL, NULL };
      Sample s;

      if (quick && traces[t].n > 10000)
        continue;

      {
        g_autofree char *spec = g_strdup_printf ("%s:%s:%u:%d:%" G_GSIZE_FORMAT, dir, name,
                                                 traces[t].n, traces[t].shape, traces[t].huge);
        char *gen[] = { self, "--generate", spec, NULL };
        Sample ignored;

        path = g_build_filename (dir, name, NULL);
        if (!run (gen, &ignored))
          {
            g_printerr ("bench: could not write %s\n", path);
            return 1;
          }
      }
      g_ptr_array_add (files, g_strdup (path));
      args[3] = path;

      key = g_strdup_printf ("file_%s_mb", traces[t].name);
      print_figure (key, file_mb (path), 1);

      if (!measure (args, runs, &s))
        {
          g_printerr ("bench: contrail failed on %s\n", path);
          return 1;
        }
      g_free (key);
      key = g_strdup_printf ("load_%s_ms", traces[t].name);
      print_figure (key, s.ms, 0);
      g_free (key);
      key = g_strdup_printf ("peak_rss_%s_mb", traces[t].name);
      print_figure (key, s.rss_mb, 0);

      if (g_str_equal (traces[t].name, "100k"))
        {
          char *python[] = { "python3", "-c", "import json,sys; json.load(open(sys.argv[1], 'rb'))",
                             path, NULL };
          char *glib[] = { self, "--jsonglib", path, NULL };
          Sample p, g;

          contrail_100k = s;
          size_100k = file_mb (path);

          if (measure (python, runs, &p))
            {
              python_100k = p;
              print_figure ("python_json_load_100k_ms", p.ms, 0);
              print_figure ("python_peak_rss_100k_mb", p.rss_mb, 0);
            }
          if (measure (glib, runs, &g))
            {
              print_figure ("jsonglib_parse_100k_ms", g.ms, 0);
              print_figure ("jsonglib_peak_rss_100k_mb", g.rss_mb, 0);
            }
        }
    }

  if (python_100k.ms > 0)
    {
      double ratio = contrail_100k.ms / python_100k.ms;

      print_figure ("load_100k_vs_python", ratio, 2);
      printf ("budget_load_100k: %s (≤ 0.40 × python)\n", ratio <= 0.40 ? "met" : "MISSED");
    }
  if (size_100k > 0)
    {
      double ratio = contrail_100k.rss_mb / size_100k;

      print_figure ("peak_rss_100k_vs_file", ratio, 2);
      printf ("budget_rss_100k: %s (≤ 1.5 × file)\n", ratio <= 1.5 ? "met" : "MISSED");
    }

  /* The window figures need a display (build-aux/dev bench runs under Xvfb). */
  if (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
    {
      const char *ui = g_getenv ("CONTRAIL_BENCH_UI");
      const char *timeline = g_getenv ("CONTRAIL_BENCH_TIMELINE");
      g_autofree char *big = g_build_filename (dir, "trace-100k.json", NULL);
      g_autofree char *huge = g_build_filename (dir, "trace-20mb_field.json", NULL);

      if (ui != NULL && g_file_test (big, G_FILE_TEST_EXISTS))
        {
          char *argv_ui[] = { (char *)ui, big, huge, NULL };
          g_autoptr(GHashTable) figures = run_figures (argv_ui);

          print_budget (figures, "tree_scroll_frame_max_ms", 16, "no frame over 16 ms");
          print_budget (figures, "detail_20mb_stall_ms", 50, "no stall over 50 ms");
        }
      if (timeline != NULL && g_file_test (timeline, G_FILE_TEST_IS_EXECUTABLE))
        {
          char *argv_timeline[] = { (char *)timeline, NULL };
          g_autoptr(GHashTable) figures = run_figures (argv_timeline);   /* has its budget line */
        }
      measure_cold_start (contrail);
    }
  else
    {
      printf ("# no display: the window figures were not measured (run under xvfb-run)\n");
    }

  if (!keep)
    {
      for (guint i = 0; i < files->len; i++)
        g_unlink (g_ptr_array_index (files, i));
      g_rmdir (dir);
    }

  return 0;
}
