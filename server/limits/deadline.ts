// The execution timeout. Resolvers are catalog reads (and object-store reads for GNSS series),
// so a long query is one that makes many reads; each read checks the request's deadline
// first and refuses once it has passed. Checking here instead of in Apollo's willResolveField
// keeps Apollo from wrapping every field resolution of every request.
import { apiError } from '../errors.js';

export class ExecutionDeadline {
  private at = Infinity;

  constructor(private readonly limitMs: number) {}

  /** Called when execution starts (parsing and validation are bounded by their own limits). */
  start(): void {
    this.at = performance.now() + this.limitMs;
  }

  check(): void {
    if (performance.now() > this.at) {
      throw apiError('QUERY_TOO_COMPLEX', `the query ran longer than ${this.limitMs} ms (the limit) and was stopped; ask for less (smaller pages, a shorter range)`);
    }
  }
}

/** `target` whose methods check `deadline` before they run; other properties pass through. */
export function withDeadline<T extends object>(target: T, deadline: ExecutionDeadline): T {
  return new Proxy(target, {
    get(t, key) {
      const value: unknown = Reflect.get(t, key, t);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        deadline.check();
        return (value as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
}
