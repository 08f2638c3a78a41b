/**
 * Imported first by every BigQuery test: the Google auth library must never probe the GCE
 * metadata server (a network call off this machine). .ci/run exports the same.
 */
process.env['METADATA_SERVER_DETECTION'] = 'none';
// The SDK honours BIGQUERY_EMULATOR_HOST over apiEndpoint; the tests set api_endpoint instead.
delete process.env['BIGQUERY_EMULATOR_HOST'];
export {};
