import { setFlagsFromString } from 'node:v8';

/**
 * V8 lets the heap grow to up to 4× what survived the last full collection before it collects
 * again. Bulk work (imports, exports) keeps ~100 MB live but churns through gigabytes of short-
 * lived rows, so a 100k-row import peaked at 604 MB of RSS with ~90 MB live. Growing by 2× at
 * most: 431 MB, for ~7 % more CPU in the collector and no change in wall time (measured in
 * docs/BENCHMARKS.md, "Import: memory"). The flag is read each time V8 sets its next limit, so
 * setting it at start-up (before any work) takes effect without a command-line flag.
 */
export const HEAP_GROWING_PERCENT = 100;

export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
