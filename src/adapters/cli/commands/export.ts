import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import type { Command } from 'commander';
import { notFound, validationError } from '../../../core/errors.js';
import { EXPORT_FORMATS, streamExport } from '../../../domains/exports/index.js';
import { pickWorkspace } from '../../../domains/imports/index.js';
import { listLists } from '../../../domains/lists/index.js';
import { reportError, runWithRuntime } from '../run-command.js';

interface ExportOptions {
  list?: string;
  format: string;
  columns?: string;
  workspace?: string;
  output?: string;
}

/**
 * `leadforge export`: streams leads (a list, or all of them) as CSV, XLSX or JSON to stdout
 * (or --output FILE); progress and the summary go to stderr. Recorded and audited like an
 * export from the API.
 */
export function registerExport(program: Command) {
  program
    .command('export')
    .description('export leads as CSV, XLSX or JSON to stdout (progress on stderr)')
    .option('--list <name>', 'export this list (default: every lead of the workspace)')
    .option('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`, 'csv')
    .option('--columns <names>', 'comma-separated columns in order, e.g. email,first_name,custom.persona (default: every canonical and custom field)')
    .option('--workspace <id or name>', 'source workspace (default: the only one)')
    .option('--output <file>', 'write to this file instead of stdout')
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (opts: ExportOptions) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
        reportError(validationError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`));
        process.exitCode = 2;
        return;
      }
      await runWithRuntime(async (rt) => {
        const workspaceId = await pickWorkspace(rt.systemCtx(), opts.workspace);
        const ctx = rt.systemCtx(workspaceId);
        let listId: string | undefined;
        if (opts.list) {
          listId = (await listLists(ctx, { q: opts.list, archived: 'all' })).find((l) => l.name === opts.list)?.id;
          if (!listId) throw notFound(`List "${opts.list}"`);
        }
        const columns = opts.columns?.split(',').map((c) => c.trim()).filter(Boolean);
        const { out, done } = destination(opts.output);
        const started = Date.now();
        let lastReport = 0;
        const result = await streamExport(ctx, { format: opts.format as 'csv', columns, listId }, out, {
          onProgress: (rows) => {
            if (Date.now() - lastReport < 2_000) return;
            lastReport = Date.now();
            process.stderr.write(`exported ${rows.toLocaleString('en')} leads…\n`);
          },
        });
        await done;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stderr.write(`exported ${result.rowCount.toLocaleString('en')} leads in ${seconds} s (export ${result.exportId})\n`);
      });
    });
}

/** stdout cannot be ended: the export writes into a pass-through piped to it, which is. */
function destination(output?: string): { out: Writable; done: Promise<unknown> } {
  if (output) {
    const file = createWriteStream(output);
    return { out: file, done: Promise.resolve() };
  }
  const pass = new PassThrough();
  pass.pipe(process.stdout, { end: false });
  return { out: pass, done: once(pass, 'end') };
}
