import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';
import { pickQuestion } from './workloads/roomQa.js';

describe('room --qa', () => {
  it('spreads votes over every question, the first ones most', () => {
    const counts = Array.from({ length: 20 }, () => 0);
    for (let i = 0; i < 5000; i++) counts[pickQuestion(i, 20)]!++;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(counts[0]).toBeGreaterThan(counts[19]! * 5);
  });

  it('is off unless asked for, and only for the room workload', () => {
    expect(parseOptions(['room']).qa).toBeNull();
    expect(parseOptions(['room', '--qa']).qa).toEqual({ questions: 20, windowS: 10, duplicateShare: 0.1, probes: 10 });
    expect(parseOptions(['room', '--qa', '--qa-questions', '5', '--qa-window', '3']).qa).toMatchObject({ questions: 5, windowS: 3 });
    expect(parseOptions(['dm', '--qa']).qa).toBeNull();
  });
});
