/** One way to make an ajv instance with the standard formats (`uuid`, `date-time`, `email` …). */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

export function ajvWithFormats(options: Options): Ajv {
  return addFormats(new Ajv(options));
}
