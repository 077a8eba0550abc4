/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The fuzz harnesses as plain functions, so that the libFuzzer binaries
 * (tests/fuzz/, -Dfuzzing=true) and the regression replay in the normal test
 * suite (tests/test-fuzz-regressions.c) run exactly the same code.
 *
 * Each harness takes arbitrary bytes, must never crash, leak or trip a
 * sanitizer, and abort()s (g_error) when an invariant it checks does not hold.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Warnings and criticals abort, as G_DEBUG=fatal-warnings does in the tests;
 * so does a harness's g_error(), with abort() rather than GLib's SIGTRAP,
 * which libFuzzer would not catch.  Debug output is dropped unless
 * CONTRAIL_FUZZ_VERBOSE is set. */
void contrail_fuzz_init          (void);

int  contrail_fuzz_import        (const guint8 *data,
                                  gsize         size);
int  contrail_fuzz_json_reader   (const guint8 *data,
                                  gsize         size);
int  contrail_fuzz_reference     (const guint8 *data,
                                  gsize         size);
int  contrail_fuzz_time          (const guint8 *data,
                                  gsize         size);
int  contrail_fuzz_error_body    (const guint8 *data,
                                  gsize         size);

/* The libFuzzer entry points of one harness binary.  Not defined when the
 * harness is linked into the regression test (CONTRAIL_FUZZ_NO_ENTRY). */
#ifndef CONTRAIL_FUZZ_NO_ENTRY
# include <stddef.h>
# include <stdint.h>
# define CONTRAIL_FUZZ_ENTRY(harness)                                         \
  int LLVMFuzzerInitialize (int *argc, char ***argv);                        \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);             \
  int                                                                        \
  LLVMFuzzerInitialize (int *argc, char ***argv)                             \
  {                                                                          \
    contrail_fuzz_init ();                                                   \
    return 0;                                                                \
  }                                                                          \
  int                                                                        \
  LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)                  \
  {                                                                          \
    return harness ((const guint8 *)data, size);                             \
  }
#else
# define CONTRAIL_FUZZ_ENTRY(harness)
#endif

G_END_DECLS
