// The baseline for bench/codegen.mjs: @ovotech/avro-ts 6.2 over the same corpus, driven the way its CLI does it —
// collect every file's named types as `external` refs, then convert each file. Types only (no codecs).
// Usage: node bench/codegen/run-avro-ts.cjs <schemas-dir> <out-dir>
const { readdirSync, readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const { join, relative } = require('node:path');
const { toTypeScript, toExternalContext } = require('@ovotech/avro-ts');

const [schemasDir, outDir] = process.argv.slice(2);
const files = readdirSync(schemasDir, { recursive: true }).filter((f) => String(f).endsWith('.avsc')).map((f) => join(schemasDir, String(f)));
const modules = files.map((file) => {
  const parsed = JSON.parse(readFileSync(file, 'utf8'));
  return { file, schemas: Array.isArray(parsed) ? parsed : [parsed] };
});
const external = {};
for (const m of modules) {
  const refs = {};
  for (const s of m.schemas) Object.assign(refs, toExternalContext(s));
  external[`./${relative(schemasDir, m.file).replace(/\.avsc$/, '')}`] = refs;
}
mkdirSync(outDir, { recursive: true });
for (const m of modules) {
  const own = `./${relative(schemasDir, m.file).replace(/\.avsc$/, '')}`;
  const others = { ...external };
  delete others[own];
  const text = m.schemas.map((s) => toTypeScript(s, { external: others })).join('\n');
  writeFileSync(join(outDir, `${relative(schemasDir, m.file).replace(/[/\\]/g, '_')}.ts`), text);
}
