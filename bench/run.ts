// `npm run bench` runs every benchmark (bench/*.bench.ts); `npm run bench -- <name>...` runs
// some; `npm run bench -- --list` lists them. A benchmark module exports `description` and
// `run(args)`, prints its figures (markdown) on stdout and its progress on stderr.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { limitHeapGrowth } from '../src/main/heap-growth.js';

// The benchmarks run the work in this process, as `leadforge` runs it: with its heap growth (peak RSS figures).
limitHeapGrowth();

interface BenchModule {
  description: string;
  run(args: string[]): Promise<void>;
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('-'));
const options = args.filter((a) => a.startsWith('-'));

if (options.includes('--list') || options.includes('--help')) {
  for (const name of available) {
    const mod = (await import(`./${name}.bench.ts`)) as BenchModule;
    process.stdout.write(`${name.padEnd(24)} ${mod.description}\n`);
  }
  process.exit(0);
}

const unknown = names.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
  process.exit(2);
}

for (const name of names.length > 0 ? names : available) {
  const mod = (await import(`./${name}.bench.ts`)) as BenchModule;
  process.stderr.write(`\n=== ${name}: ${mod.description}\n`);
  await mod.run(options);
}
