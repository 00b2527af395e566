#!/usr/bin/env node
// Builds the web UI (npm run build:web) only when web/dist/index.html is missing or older than
// any of its sources. Used by `npm start` and the browser tests. One line of news on stderr.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const builtIndex = join(web, 'dist', 'index.html');
const sources = [join(web, 'src'), join(web, 'public'), join(web, 'index.html'), join(web, 'vite.config.ts')];

/** The newest file under `paths`, as [mtimeMs, path]. */
function newest(paths) {
  let best = [0, ''];
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const entry of readdirSync(p)) visit(join(p, entry));
    } else if (st.mtimeMs > best[0]) {
      best = [st.mtimeMs, p];
    }
  };
  paths.forEach(visit);
  return best;
}

function reasonToBuild() {
  if (!existsSync(builtIndex)) return 'web/dist is missing';
  const [changedAt, file] = newest(sources);
  if (changedAt > statSync(builtIndex).mtimeMs) return `${relative(root, file)} changed since the last build`;
  return null;
}

const reason = reasonToBuild();
if (!reason) {
  process.stderr.write('web UI: up to date (web/dist)\n');
  process.exit(0);
}
process.stderr.write(`web UI: building (${reason})… `);
const started = Date.now();
// Vite only reports warnings and errors, on stderr: stdout stays free for whatever runs next.
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['run', '--silent', 'build:web', '--', '--logLevel', 'warn'], {
  cwd: root,
  stdio: ['ignore', process.stderr, process.stderr],
});
if (result.status !== 0) {
  process.stderr.write(`\nweb UI: build failed (exit ${result.status ?? result.signal}); run \`npm run build:web\` to see why\n`);
  process.exit(result.status || 1);
}
process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
