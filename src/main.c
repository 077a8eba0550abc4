/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c: sets up gettext, parses the command line without GTK (so that
 * `--print` needs no display), then runs ContrailApplication.
 */

#define G_LOG_DOMAIN "contrail"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "contrail-cli.h"
#include "contrail-application.h"

static int
run (ContrailCliOptions *options,
     int                 argc,
     char              **argv)
{
  g_autoptr(ContrailApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  if (!contrail_cli_options_parse (options, argc, argv, &error))
    {
      g_printerr ("contrail: %s\n", error->message);
      return 2;
    }

  if (options->version)
    {
      g_print ("contrail %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* No window, and GTK is never initialised: works without a display. */
  if (options->print)
    return contrail_cli_print (options);

  /* Only argv[0]: our options are parsed above, GApplication must not see them. */
  app = contrail_application_new (options);

  return g_application_run (G_APPLICATION (app), 1, argv);
}

int
main (int   argc,
      char *argv[])
{
  ContrailCliOptions options = { 0 };
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  status = run (&options, argc, argv);
  contrail_cli_options_clear (&options);

  return status;
}
