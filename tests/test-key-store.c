/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Where the API key comes from: a key store keyed by base URL.  The client
 * tests use an in-memory store; /contrail/key-store/secret-service runs
 * against a real Secret Service only inside the private D-Bus session that
 * tests/run-with-keyring.sh sets up (never the user's keyring).
 */
#define G_LOG_DOMAIN "test-key-store"

#include "config.h"

#include <string.h>

#include "contrail-client.h"
#include "memory-key-store.h"
#include "mock-opper.h"

#define TRACE_ID "0b6f3c1e-8a4d-4b8e-9f10-2c3d4e5f6a7b"

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
fail_timeout_cb (gpointer user_data)
{
  g_error ("test timed out");
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  guint timeout = g_timeout_add_seconds (30, fail_timeout_cb, NULL);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  return *result;
}

static void
store_key (ContrailKeyStore *store,
           const char       *base_url,
           const char       *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  contrail_key_store_store_async (store, base_url, key, NULL, result_cb, &result);
  g_assert_true (contrail_key_store_store_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

static char *
lookup_key (ContrailKeyStore *store,
            const char       *base_url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  contrail_key_store_lookup_async (store, base_url, NULL, result_cb, &result);
  key = contrail_key_store_lookup_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);

  return key;
}

static ContrailTrace *
fetch (ContrailClient  *client,
       GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  contrail_client_get_trace_async (client, TRACE_ID, NULL, result_cb, &result);
  return contrail_client_get_trace_finish (client, wait_for (&result), error);
}

static void
test_key_store_client_uses_store (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(MemoryKeyStore) store = memory_key_store_new ();
  g_autoptr(ContrailClient) client = contrail_client_new (mock->base_url, NULL);
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  mock->body = body;
  store_key (CONTRAIL_KEY_STORE (store), mock->base_url, "stored-key-1");
  store_key (CONTRAIL_KEY_STORE (store), "https://api.opper.ai/v2", "other-key");
  contrail_client_set_key_store (client, CONTRAIL_KEY_STORE (store));

  trace = fetch (client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  g_assert_cmpstr (mock->last_authorization, ==, "Bearer stored-key-1");
  g_assert_cmpuint (memory_key_store_get_lookups (store), ==, 1);
}

static void
test_key_store_explicit_key_wins (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(MemoryKeyStore) store = memory_key_store_new ();
  g_autoptr(ContrailClient) client = contrail_client_new (mock->base_url, NULL);
  g_autofree char *body = mock_opper_trace_json (TRACE_ID);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  mock->body = body;
  store_key (CONTRAIL_KEY_STORE (store), mock->base_url, "stored-key");
  contrail_client_set_key_store (client, CONTRAIL_KEY_STORE (store));
  contrail_client_set_api_key (client, "  env-key\n");

  trace = fetch (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mock->last_authorization, ==, "Bearer env-key");
  g_assert_cmpuint (memory_key_store_get_lookups (store), ==, 0);
}

static void
test_key_store_no_key (void)
{
  g_autoptr(MockOpper) mock = mock_opper_new ();
  g_autoptr(MemoryKeyStore) store = memory_key_store_new ();
  g_autoptr(ContrailClient) client = contrail_client_new (mock->base_url, NULL);
  g_autoptr(ContrailTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  /* A key for another base URL does not count. */
  store_key (CONTRAIL_KEY_STORE (store), "https://api.opper.ai/v2", "other-key");
  contrail_client_set_key_store (client, CONTRAIL_KEY_STORE (store));

  trace = fetch (client, &error);
  g_assert_null (trace);
  g_assert_error (error, CONTRAIL_CLIENT_ERROR, CONTRAIL_CLIENT_ERROR_NO_API_KEY);
  g_assert_cmpuint (mock->n_requests, ==, 0);
}

static void
test_key_store_memory_roundtrip (void)
{
  g_autoptr(MemoryKeyStore) store = memory_key_store_new ();
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  store_key (CONTRAIL_KEY_STORE (store), "https://x/v2", "k1");
  a = lookup_key (CONTRAIL_KEY_STORE (store), "https://x/v2");
  g_assert_cmpstr (a, ==, "k1");
  store_key (CONTRAIL_KEY_STORE (store), "https://x/v2", NULL);
  b = lookup_key (CONTRAIL_KEY_STORE (store), "https://x/v2");
  g_assert_null (b);
}

static void
test_key_store_secret_service (void)
{
  g_autoptr(ContrailKeyStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *found = NULL;
  g_autofree char *other = NULL;
  g_autofree char *after = NULL;

  if (g_getenv ("CONTRAIL_TEST_KEYRING") == NULL)
    {
      g_test_skip ("needs the private keyring of tests/run-with-keyring.sh");
      return;
    }

  store = contrail_secret_key_store_new ();
  before = lookup_key (store, "https://keyring.test/v2");
  g_assert_null (before);

  store_key (store, "https://keyring.test/v2", "secret-in-keyring");
  found = lookup_key (store, "https://keyring.test/v2");
  g_assert_cmpstr (found, ==, "secret-in-keyring");
  other = lookup_key (store, "https://other.test/v2");
  g_assert_null (other);

  store_key (store, "https://keyring.test/v2", "");
  after = lookup_key (store, "https://keyring.test/v2");
  g_assert_null (after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contrail/key-store/memory-roundtrip", test_key_store_memory_roundtrip);
  g_test_add_func ("/contrail/key-store/client-uses-store", test_key_store_client_uses_store);
  g_test_add_func ("/contrail/key-store/explicit-key-wins", test_key_store_explicit_key_wins);
  g_test_add_func ("/contrail/key-store/no-key", test_key_store_no_key);
  g_test_add_func ("/contrail/key-store/secret-service", test_key_store_secret_service);

  return g_test_run ();
}
