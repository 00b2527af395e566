import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { validationError } from '../../../core/errors.js';
import { csvHeader, csvLine, jsonlLine, readAddressFile, verifyEmails, type VerifyResult } from '../../../domains/verify/index.js';
import { verifierNetFor } from '../../smtp-probe/index.js';
import { exitCodeFor, reportError, runWithRuntime } from '../run-command.js';
import { addVerifierFlags, applyVerifierFlags, type VerifierFlagValues } from '../verifier-flags.js';

interface VerifyCliOptions extends VerifierFlagValues {
  file?: string;
  skipSmtp?: boolean;
  format: string;
}

const VERIFY_FORMATS = ['table', 'jsonl', 'csv'] as const;
type VerifyFormat = (typeof VERIFY_FORMATS)[number];

/** Addresses verified per round: output streams in input order, domains batched within a round. */
const ROUND = 200;

/**
 * `leadforge verify [EMAIL...] [--file F] [--skip-smtp] [--format table|jsonl|csv]`: results
 * on stdout (jsonl and csv: one line per input, in input order), errors on stderr. Local
 * operator use: no workspace, no credits; the shared cache is used and filled.
 */
export function registerVerify(program: Command) {
  const command = program
    .command('verify')
    .description('verify email addresses (syntax, domain, MX, SMTP mailbox check without sending)')
    .argument('[emails...]', 'addresses to verify')
    .option('--file <path>', 'a file with one address per line, or a CSV with an email column')
    .option('--skip-smtp', 'stop after the DNS checks (no connection to mail servers)')
    .option('--format <format>', `output: ${VERIFY_FORMATS.join(' | ')}`, 'table');
  addVerifierFlags(command)
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (emails: string[], opts: VerifyCliOptions) => {
      let inputs: string[];
      try {
        if (!VERIFY_FORMATS.includes(opts.format as VerifyFormat)) throw validationError(`--format must be one of ${VERIFY_FORMATS.join(', ')}`);
        inputs = [...emails];
        if (opts.file) {
          try {
            inputs.push(...readAddressFile(readFileSync(opts.file, 'utf8')));
          } catch (e) {
            throw validationError(`--file ${opts.file}: ${(e as Error).message}`);
          }
        }
        if (inputs.length === 0) throw validationError('No address given: pass addresses as arguments or use --file');
        applyVerifierFlags(opts);
      } catch (e) {
        reportError(e);
        process.exitCode = exitCodeFor(e);
        return;
      }
      const format = opts.format as VerifyFormat;
      await runWithRuntime(async (rt) => {
        const ctx = rt.systemCtx();
        const net = rt.services.verifier ?? verifierNetFor(rt.config);
        const tableRows: Array<{ input: string; result: VerifyResult }> = [];
        if (format === 'csv') process.stdout.write(csvHeader() + '\n');
        for (let i = 0; i < inputs.length; i += ROUND) {
          const round = inputs.slice(i, i + ROUND);
          const results = await verifyEmails(ctx, net, round, { skipSmtp: opts.skipSmtp });
          const lines = round.map((input, j) => ({ input, result: results[j]! }));
          if (format === 'table') tableRows.push(...lines);
          else process.stdout.write(lines.map(({ input, result }) => (format === 'csv' ? csvLine(input, result) : jsonlLine(input, result))).join('\n') + '\n');
          if (inputs.length > ROUND) process.stderr.write(`verified ${Math.min(i + ROUND, inputs.length)}/${inputs.length}\n`);
        }
        if (format === 'table') process.stdout.write(tableLines(tableRows).join('\n') + '\n');
      });
    });
}

const TABLE_COLUMNS = ['email', 'status', 'reason', 'score', 'suggestion'] as const;
function tableLines(rows: Array<{ input: string; result: VerifyResult }>): string[] {
  const cells = rows.map(({ result: r }) => [r.email, r.status, r.reason, String(r.score), r.suggestion ?? '']);
  const widths = TABLE_COLUMNS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(TABLE_COLUMNS.map((h) => h.toUpperCase())), ...cells.map(line)];
}
