import { describe, expect, it } from 'vitest';
import { formatEta, formatProgressLine } from '../../src/adapters/cli/progress.js';
import type { JobProgressView } from '../../src/domains/jobs/index.js';

const p = (over: Partial<JobProgressView>): JobProgressView => ({
  id: '00000000-0000-4000-8000-000000000000',
  kind: 'verify.emails',
  status: 'running',
  total: 10_000,
  processed: 4500,
  succeeded: 4497,
  failed: 3,
  skipped: 0,
  percent: 45,
  itemsPerSecond: 850,
  etaSeconds: 6,
  error: null,
  updatedAt: new Date(),
  ...over,
});

describe('CLI progress line', () => {
  it.each([
    [null, '–'],
    [6, '6s'],
    [75, '1m15s'],
    [3720, '1h02m'],
  ])('ETA %s → %s', (s, text) => expect(formatEta(s)).toBe(text));

  it('says processed/total, percent, rate, ETA and failures', () => {
    expect(formatProgressLine('verify', p({}))).toBe('verify: 4,500/10,000 (45%) 850/s ETA 6s 3 failed');
    expect(formatProgressLine('verify', p({ status: 'paused', itemsPerSecond: null, etaSeconds: null, failed: 0 }))).toBe('verify: 4,500/10,000 (45%) paused');
    expect(formatProgressLine('verify', p({ status: 'completed', processed: 10_000, percent: 100, failed: 0 }))).toBe('verify: 10,000/10,000 (100%) 850/s completed');
  });
});
