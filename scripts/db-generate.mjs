// Generates migrations from the Drizzle schema. Usage: npm run db:generate -- --name <what>
import { execFileSync } from 'node:child_process';
const args = process.argv.slice(2);
execFileSync('npx', ['drizzle-kit', 'generate', ...(args.length ? args : [])], { stdio: 'inherit' });
