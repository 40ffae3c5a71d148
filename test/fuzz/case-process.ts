// A fuzz worker process: runs the cases its parent sends, one at a time, and reports each
// outcome with the process's peak RSS so far. The parent kills it on a hang or when memory runs
// past the budget; an input that ends this process is a crash.
import { generateCase } from './cases.js';
import { runCase } from './run-case.js';
import { loadSeeds, type FuzzInput, type Seed } from './seeds.js';
import type { ChildMessage, ParentMessage } from './protocol.js';

// Loaded at the first generated case: a process started for one crafted input does without.
let seeds: Seed[] | null = null;
const renderSize = Number(process.env.RADOME_FUZZ_RENDER_SIZE ?? 64);
const send = (m: ChildMessage) => process.send!(m);

process.on('message', (m: ParentMessage) => {
  void handle(m);
});
send({ type: 'ready' });

async function handle(m: ParentMessage): Promise<void> {
  let input: FuzzInput;
  let steps: string[] = [];
  if (m.type === 'generated') {
    seeds ??= loadSeeds({ real: process.env.RADOME_FUZZ_REAL !== '0' });
    const c = generateCase(seeds, m.runSeed, m.index);
    input = c.input;
    steps = c.steps;
  } else {
    input = m.input;
  }
  // Garbage of the cases before is not counted against this one (the process runs --expose-gc).
  globalThis.gc?.();
  send({ type: 'start', id: m.id, steps });
  const started = performance.now();
  const outcome = await runCase(input, renderSize);
  const ms = performance.now() - started;
  send({ type: 'done', id: m.id, outcome, ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, rssBytes: process.memoryUsage.rss() });
}
