// A fuzz worker process: runs the cases its parent sends, one at a time, and reports each
// outcome with the process's peak RSS so far. The parent kills it on a hang or when memory runs
// past the budget; an input that ends this process is a crash.
import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { generateCase } from './cases.js';
import { runCase } from './run-case.js';
import type { FuzzInput, Seed } from './seeds.js';
import type { ChildMessage, ParentMessage } from './protocol.js';

// The parent's seeds (serialized once per run: making them again costs seconds a process), read
// at the first generated case: a process started for one crafted input does without.
let seeds: Seed[] | null = null;
const renderSize = Number(process.env.RADOME_FUZZ_RENDER_SIZE ?? 64);
const send = (m: ChildMessage) => process.send!(m);

// An exception or rejection nobody handles ends a radome process: here it is a crash of the case
// that left it behind, reported before the process ends.
let current = 0;
const fatal = (e: unknown) => {
  send({ type: 'crash', id: current, detail: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  setImmediate(() => process.exit(70));
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

process.on('message', (m: ParentMessage) => {
  void handle(m);
});
send({ type: 'ready' });

async function handle(m: ParentMessage): Promise<void> {
  current = m.id;
  let input: FuzzInput;
  let steps: string[] = [];
  if (m.type === 'generated') {
    seeds ??= deserialize(readFileSync(process.env.RADOME_FUZZ_CORPUS!)) as Seed[];
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
  // A rejection the case left unhandled surfaces by the next turn of the event loop: as this case's.
  await new Promise((resolve) => setTimeout(resolve, 0));
  send({ type: 'done', id: m.id, outcome, ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, rssBytes: process.memoryUsage.rss() });
}
