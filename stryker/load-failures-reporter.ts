import type { Reporter, TestModule } from 'vitest/node';

type Task = TestModule['task'];

/**
 * Stryker's vitest runner (9.6.1) counts only test results, so a mutant that makes a test file fail while it loads
 * (a mutated default evaluated at import, a helper called at a test file's top level) would have no failing test and
 * be reported as survived. This reporter gives each such file one failed test, so the mutant counts as killed.
 */
export class LoadFailuresReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    for (const module of testModules) {
      const file = module.task;
      if (file.result?.state !== 'fail' || hasTestResult(file)) continue;
      file.tasks.push({
        type: 'test',
        id: `${file.id}_load`,
        name: 'the test file failed to load',
        fullName: `${file.name} the test file failed to load`,
        mode: 'run',
        file,
        suite: undefined,
        context: undefined as never,
        meta: {},
        annotations: [],
        artifacts: [],
        timeout: 0,
        result: { state: 'fail', errors: file.result.errors ?? [{ message: 'the test file failed to load' }] },
      } as unknown as Task['tasks'][number]);
    }
  }
}

function hasTestResult(suite: Task | Task['tasks'][number]): boolean {
  if (suite.type === 'test') return suite.result !== undefined;
  return 'tasks' in suite && suite.tasks.some(hasTestResult);
}
