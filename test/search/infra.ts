/**
 * Address of the real OpenSearch the search tests use: `OPENSEARCH_URL`, or the default of dev/search-up.sh.
 * See docs/dev-infrastructure.md.
 */
export const DEFAULT_OPENSEARCH_URL = 'http://127.0.0.1:19200';

export function opensearchUrl(): string {
  return (process.env['OPENSEARCH_URL']?.trim() || DEFAULT_OPENSEARCH_URL).replace(/\/+$/, '');
}
