/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "contrail-fuzz"

#include <stdlib.h>

#include "fuzz-harness.h"

static gboolean verbose;

static GLogWriterOutput
fuzz_writer (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  /* A harness's g_error(), and any warning or critical (a bug on hostile
   * input), end in abort(): GLib would raise SIGTRAP, which libFuzzer does
   * not catch, so the input would not be saved. */
  if (level & (G_LOG_FLAG_FATAL | G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }

  /* Debug and info lines of millions of runs are noise. */
  if (!verbose)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (level, fields, n_fields, user_data);
}

void
contrail_fuzz_init (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      /* Hostile input is expected; a warning or critical on it is a bug. */
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
      verbose = g_getenv ("CONTRAIL_FUZZ_VERBOSE") != NULL;
      g_log_set_writer_func (fuzz_writer, NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }
}
