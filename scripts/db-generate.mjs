// Generates the next migration from the Drizzle schema (src/adapters/db/schema.ts):
//   npm run db:generate -- <change_name>
// Migrations are incremental from 0001 on (0000_init is the first schema; installations that
// ran it must never see it change). A lock keeps two people (or agents) in one tree from
// generating at the same moment.
import { execFileSync } from 'node:child_process';
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write('usage: npm run db:generate -- <change_name> (lower case, digits and _)\n');
  process.exit(2);
}
execFileSync('flock', ['/tmp/leadforge-migrations.lock', 'npx', 'drizzle-kit', 'generate', '--name', name], { stdio: 'inherit' });
