// Ends a run with one plain line, `tests: N passed, N failed, N skipped`, that any CI log reader
// understands (vitest's own summary is formatted for people).
import type { Reporter, TestCase, TestModule } from 'vitest/node';

/** A test that did not run because its suite or file failed (a beforeAll hook threw, an import failed). */
function leftByAFailure(test: TestCase): boolean {
  if (test.options.mode === 'skip' || test.options.mode === 'todo') return false;
  // It ran and skipped itself with a reason (`ctx.skip('no Chromium …')`), whatever its suite did later.
  const result = test.result();
  if (result.state === 'skipped' && result.note !== undefined) return false;
  for (let p: TestCase['parent'] = test.parent; ; p = p.parent) {
    if (p.state() === 'failed') return true;
    if (p.type === 'module') return false;
  }
}

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        // Counted as failed, not skipped: else a suite whose set-up fails reads "0 failed".
        else if (state === 'failed' || leftByAFailure(test)) failed++;
        else skipped++;
      }
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
