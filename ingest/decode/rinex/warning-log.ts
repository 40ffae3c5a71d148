import type { RinexWarning, RinexWarningCode } from './types.js';

/** Counts warnings by code, remembering where each first happened. */
export class WarningLog {
  private readonly byCode = new Map<RinexWarningCode, RinexWarning>();

  add(code: RinexWarningCode, line: number): void {
    const w = this.byCode.get(code);
    if (w) w.count++;
    else this.byCode.set(code, { code, count: 1, firstLine: line });
  }

  list(): RinexWarning[] {
    return [...this.byCode.values()].map((w) => ({ ...w }));
  }
}
