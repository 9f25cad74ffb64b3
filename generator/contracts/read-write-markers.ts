/** Whether any schema of a normalised contract marks a property `readOnly` or `writeOnly`. */
import type { ContractRecord } from './read-contract.js';

export function hasReadWriteMarkers(record: Pick<ContractRecord, 'schemas' | 'operations'>): boolean {
  const seen = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(seen);
    if (typeof value !== 'object' || value === null) return false;
    const o = value as Record<string, unknown>;
    return o['readOnly'] === true || o['writeOnly'] === true || Object.values(o).some(seen);
  };
  return seen(record.schemas) || seen(record.operations);
}
