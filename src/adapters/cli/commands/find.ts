import type { Command } from 'commander';
import { validationError } from '../../../core/errors.js';
import { findPeople, nameKeys, peopleFromFile, type FindResult, type PersonInput } from '../../../domains/finder/index.js';
import { pickWorkspace } from '../../../domains/imports/index.js';
import { tableFileReader } from '../../files/table-file-reader.js';
import { verifierNetFor } from '../../smtp-probe/index.js';
import { exitCodeFor, reportError, runWithRuntime } from '../run-command.js';
import { addVerifierFlags, applyVerifierFlags, type VerifierFlagValues } from '../verifier-flags.js';

interface FindCliOptions extends VerifierFlagValues {
  first?: string;
  last?: string;
  name?: string;
  domain?: string;
  company?: string;
  website?: string;
  file?: string;
  sheet?: string;
  skipSmtp?: boolean;
  minConfidence?: string;
  workspace?: string;
  format?: string;
}

const FORMATS = ['json', 'jsonl'] as const;

/**
 * `leadforge find --first F --last L (--domain D | --company C)` prints one JSON result;
 * `leadforge find --file people.csv` prints one JSON line per row, in order (progress on
 * stderr). Operator use, no credits; with a workspace (--workspace, or the only one) the
 * workspace's leads and learnt patterns help, and what is found teaches it.
 */
export function registerFind(program: Command) {
  const command = program
    .command('find')
    .description("find a person's work email from a name and a domain, website or company")
    .option('--first <name>', 'first name')
    .option('--last <name>', 'last name')
    .option('--name <full name>', 'full name (instead of --first and --last)')
    .option('--domain <domain>', 'company domain')
    .option('--company <name>', 'company name (its domain is looked up)')
    .option('--website <url>', 'company website')
    .option('--file <path>', 'CSV or XLSX of people: first_name, last_name, full_name, domain, company, website as present')
    .option('--sheet <name>', 'XLSX sheet to read')
    .option('--skip-smtp', 'guess by pattern without asking mail servers')
    .option('--min-confidence <0-100>', 'report answers under this confidence as not found')
    .option('--workspace <id or name>', 'workspace whose leads and patterns to use (default: the only one, if any)')
    .option('--format <format>', `output: ${FORMATS.join(' | ')} (default: json for one person, jsonl for --file)`);
  addVerifierFlags(command)
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (opts: FindCliOptions) => {
      let single: PersonInput | null = null;
      let minConfidence: number | undefined;
      try {
        if (opts.format && !FORMATS.includes(opts.format as (typeof FORMATS)[number])) throw validationError(`--format must be one of ${FORMATS.join(', ')}`);
        if (opts.minConfidence !== undefined) {
          minConfidence = Number(opts.minConfidence);
          if (!Number.isInteger(minConfidence) || minConfidence < 0 || minConfidence > 100) throw validationError('--min-confidence must be a whole number from 0 to 100');
        }
        if (!opts.file) {
          single = { firstName: opts.first, lastName: opts.last, fullName: opts.name, domain: opts.domain, company: opts.company, website: opts.website };
          if (!nameKeys(single)) throw validationError('Give --first and --last (or --name), or --file');
          if (!opts.domain && !opts.company && !opts.website) throw validationError('Give --domain, --company or --website');
        }
        applyVerifierFlags(opts);
      } catch (e) {
        reportError(e);
        process.exitCode = exitCodeFor(e);
        return;
      }
      await runWithRuntime(async (rt) => {
        const system = rt.systemCtx();
        const workspaceId = opts.workspace ? await pickWorkspace(system, opts.workspace) : await pickWorkspace(system).catch(() => undefined);
        const ctx = rt.systemCtx(workspaceId);
        const net = rt.services.verifier ?? verifierNetFor(rt.config);
        const options = { skipSmtp: opts.skipSmtp, minConfidence };
        if (single) {
          const [result] = await findPeople(ctx, net, [single], options);
          const out = opts.format === 'jsonl' ? JSON.stringify(result) : JSON.stringify(result, null, 2);
          process.stdout.write(out + '\n');
          return;
        }
        let done = 0;
        for await (const batch of peopleFromFile(tableFileReader, opts.file!, { sheet: opts.sheet })) {
          const results = await findPeople(ctx, net, batch, options);
          process.stdout.write(batch.map((input, i) => line(input, results[i]!)).join('\n') + '\n');
          done += batch.length;
          process.stderr.write(`found ${results.filter((r) => r.email).length}/${batch.length} of this batch, ${done} people done\n`);
        }
      });
    });
}

const line = (input: PersonInput, result: FindResult) => JSON.stringify({ input, ...result });
