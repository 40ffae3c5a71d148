// The plain summary line counts what vitest hands the reporter: a test its failed suite kept from
// running counts as failed, one that skipped itself with a reason as skipped whatever its suite did.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestCase, TestModule } from 'vitest/node';
import PlainSummaryReporter from './plain-summary-reporter.js';

type State = 'passed' | 'failed' | 'skipped';

/** A suite in a module, each with its state, as the reporter walks them (test.parent up to the module). */
function suiteOf(suiteState: State) {
  const module = { type: 'module', state: () => 'failed' };
  return { type: 'suite', state: () => suiteState, parent: module };
}

function testCase(parent: ReturnType<typeof suiteOf>, state: State, { mode = 'run', note }: { mode?: 'run' | 'skip'; note?: string } = {}): TestCase {
  return { options: { mode }, parent, result: () => ({ state, note }) } as unknown as TestCase;
}

function summaryOf(tests: TestCase[]): string {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  new PlainSummaryReporter().onTestRunEnd([{ children: { allTests: () => tests } } as unknown as TestModule]);
  return String(write.mock.calls.at(-1)?.[0]).trim();
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('PlainSummaryReporter', () => {
  it('counts a suite failure once per test it kept from running, and a self-skipped test as skipped', () => {
    const failedSuite = suiteOf('failed');
    const tests = [
      testCase(suiteOf('passed'), 'passed'),
      testCase(failedSuite, 'failed'),
      // Its beforeAll threw: never ran.
      testCase(failedSuite, 'skipped'),
      // Ran and skipped itself with a reason; an afterAll that threw failed its suite later.
      testCase(failedSuite, 'skipped', { note: 'no Chromium: install chromium' }),
      // Skipped by its declaration.
      testCase(failedSuite, 'skipped', { mode: 'skip' }),
    ];
    expect(summaryOf(tests)).toBe('tests: 1 passed, 2 failed, 2 skipped');
  });
});
