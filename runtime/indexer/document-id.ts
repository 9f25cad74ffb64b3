/**
 * A document's id from its record's key, so that every version of a key (and its tombstone) lands on one document:
 * a string key as it is, a key record with one string or number field (`{ userId }`) as that field, any other key as
 * its JSON.
 */
export function documentIdOf(key: unknown): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'bigint') return key.toString();
  if (typeof key === 'object' && key !== null && !Array.isArray(key)) {
    const values = Object.values(key);
    const only = values[0];
    if (values.length === 1 && (typeof only === 'string' || typeof only === 'number' || typeof only === 'bigint')) return only.toString();
  }
  return JSON.stringify(key, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
