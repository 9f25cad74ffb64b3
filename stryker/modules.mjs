// The modules where a silent bug costs data (issue 21), each with the unit tests that exercise it.
// Stryker runs one module at a time so a run fits a shared machine and a module's report can be refreshed alone.
export const MODULES = {
  'runtime/codec': ['test/codec/**/*.test.ts', 'test/runtime/serde.test.ts'],
  'runtime/registry': ['test/runtime/**/*.test.ts'],
  'runtime/kafka': ['test/runtime/**/*.test.ts'],
  'generator/compat': ['test/compat/**/*.test.ts'],
};

export function reportName(module) {
  return module.replace('/', '-');
}
