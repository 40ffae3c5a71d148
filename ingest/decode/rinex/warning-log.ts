import type { RinexWarningCode } from './types.js';

/** A counted warning: how often `code` happened and where first. */
export interface CountedWarning<C extends string> {
  code: C;
  count: number;
  /** 1-based line number of the first occurrence. */
  firstLine: number;
}

/** Counts warnings by code, remembering where each first happened. */
export class WarningLog<C extends string = RinexWarningCode> {
  private readonly byCode = new Map<C, CountedWarning<C>>();

  add(code: C, line: number): void {
    const w = this.byCode.get(code);
    if (w) w.count++;
    else this.byCode.set(code, { code, count: 1, firstLine: line });
  }

  list(): CountedWarning<C>[] {
    return [...this.byCode.values()].map((w) => ({ ...w }));
  }
}
