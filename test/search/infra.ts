/**
 * Address of the real OpenSearch the search tests use: `OPENSEARCH_URL`, else where dev/search-up.sh starts it
 * (port `UNILOG_OPENSEARCH_PORT`, default 19200). See docs/dev-infrastructure.md.
 */
export function opensearchUrl(): string {
  const given = process.env['OPENSEARCH_URL']?.trim();
  return (given || `http://127.0.0.1:${process.env['UNILOG_OPENSEARCH_PORT']?.trim() || '19200'}`).replace(/\/+$/, '');
}
