// Which input case `index` of a run is: the first cases are the seeds as they are, the rest
// seeded mutations of a seed picked by weight. Parent and child derive it alike, so the parent
// can save the input of a case whose process crashed or hung.
import { mutate } from './mutators.js';
import { caseSeed, Prng } from './prng.js';
import type { FuzzInput, Seed } from './seeds.js';

export interface GeneratedCase {
  seed: Seed;
  input: FuzzInput;
  steps: string[];
}

export function generateCase(seeds: readonly Seed[], runSeed: number, index: number): GeneratedCase {
  if (index < seeds.length) return { seed: seeds[index]!, input: seeds[index]!.input, steps: ['unmutated'] };
  const r = new Prng(caseSeed(runSeed, index));
  const total = seeds.reduce((s, x) => s + x.weight, 0);
  let at = (r.next() / 2 ** 32) * total;
  let seed = seeds[seeds.length - 1]!;
  for (const s of seeds) {
    if ((at -= s.weight) < 0) {
      seed = s;
      break;
    }
  }
  const { input, steps } = mutate(seed, seeds, r);
  return { seed, input, steps };
}
