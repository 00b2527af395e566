// Regenerates the migrations from the Drizzle schema (src/adapters/db/schema.ts).
// Until the first release the schema ships as one initial migration, regenerated whole, and a
// lock keeps two people (or agents) in one tree from generating at the same moment.
// After the first release: switch to incremental `drizzle-kit generate --name <change>`.
import { execFileSync } from 'node:child_process';
execFileSync('flock', ['/tmp/leadforge-migrations.lock', 'sh', '-c', 'rm -rf migrations && npx drizzle-kit generate --name init'], {
  stdio: 'inherit',
});
