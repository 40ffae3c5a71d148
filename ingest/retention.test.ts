import { describe, expect, it } from 'vitest';
import { nextBatchVolumes } from './retention.js';

describe('nextBatchVolumes', () => {
  it('halves a batch that held the write lock past its target, down to one volume', () => {
    expect(nextBatchVolumes(5, 874)).toBe(2);
    expect(nextBatchVolumes(2, 400)).toBe(1);
    expect(nextBatchVolumes(1, 5_000)).toBe(1);
  });

  it('grows a quick batch by one volume, up to 20, and keeps one near its target', () => {
    expect(nextBatchVolumes(5, 10)).toBe(6);
    expect(nextBatchVolumes(20, 1)).toBe(20);
    expect(nextBatchVolumes(5, 120)).toBe(5);
  });
});
