/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Helpers for the widget tests: waiting on the main loop, finalization,
 * finding widgets, and measuring how long the main loop stalls.
 */
#pragma once

#include <adwaita.h>

#include "contrail-trace.h"

G_BEGIN_DECLS

typedef gboolean (*UiCheck) (gpointer data);

/* Skips the whole program ("1..0 # SKIP no display") and returns FALSE when
 * there is no display; else initialises GTK and libadwaita. */
gboolean   ui_test_init            (int       *argc,
                                    char    ***argv);
/* Runs the current test again in a subprocess (main loops, fatal
 * warnings) with a timeout; @run is what the subprocess does. */
void       ui_test_run_subprocess  (void     (*run) (void),
                                    guint      timeout_seconds);

/* Iterates the main context until @check holds; FALSE after @seconds. */
gboolean   ui_wait_for             (UiCheck    check,
                                    gpointer   data,
                                    guint      seconds);
void       ui_drain                (void);
/* Iterates the main context for about @ms milliseconds. */
void       ui_spin                 (guint      ms);
/* Drops our reference and waits (briefly) for the object to go away. */
void       ui_assert_finalized_soon (gpointer  object);

/* The first descendant of @root (itself included) of @type with @css_class
 * (or any, with NULL). */
GtkWidget *ui_find_widget          (GtkWidget  *root,
                                    GType       type,
                                    const char *css_class);
/* The first span of @trace (in input order) named @name; fails the test
 * when there is none. */
ContrailSpan *ui_find_span         (ContrailTrace *trace,
                                    const char    *name);
/* Calls @func on every descendant of @root (itself included). */
void       ui_foreach_widget       (GtkWidget  *root,
                                    GFunc       func,
                                    gpointer    data);

/* Main-loop stall meter: a 1 ms timeout at high priority records the
 * longest time between two of its runs. */
typedef struct _UiGapMeter UiGapMeter;

UiGapMeter *ui_gap_meter_start     (void);
/* Stops the meter; returns the longest gap in milliseconds. */
double      ui_gap_meter_stop      (UiGapMeter *meter);

G_END_DECLS
