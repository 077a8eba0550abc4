/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The command line (DESIGN.md §4), parsed without GTK so that `--print`
 * needs no display.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gboolean   print;
  gboolean   json;
  gboolean   demo;
  gboolean   version;
  char      *base_url;
  char     **traces;    /* TRACE arguments: UUIDs, URLs or file paths; may be NULL */
} ContrailCliOptions;

/* Parses argv (handles --help itself).  FALSE with a usage message on bad
 * usage; the caller prints "contrail: <message>" and exits with 2. */
gboolean contrail_cli_options_parse (ContrailCliOptions  *options,
                                     int                  argc,
                                     char               **argv,
                                     GError             **error);
void     contrail_cli_options_clear (ContrailCliOptions  *options);

/* Runs `--print [--json]` on options->traces (and the demo with --demo),
 * writing to stdout and errors to stderr.  Returns the exit status 0/1/2. */
int      contrail_cli_print         (ContrailCliOptions  *options);

G_END_DECLS
