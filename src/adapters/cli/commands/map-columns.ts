import type { Command } from 'commander';
import { tableFileReader } from '../../files/table-file-reader.js';
import { previewFile } from '../../../domains/imports/index.js';
import { exitCodeFor, reportError } from '../run-command.js';

/** `leadforge map-columns FILE`: the suggested mapping of a CSV/XLSX file, without a database. */
export function registerMapColumns(program: Command) {
  program
    .command('map-columns')
    .description('suggest how the columns of a CSV or XLSX file map to lead fields; prints {"columns":[{"header","field","confidence"}]}')
    .argument('<file>', 'CSV (any delimiter or encoding) or XLSX file')
    .option('--format <format>', 'json or table', 'json')
    .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (file: string, opts: { format: string; sheet?: string }) => {
      try {
        const preview = await previewFile(tableFileReader, file, { sheet: opts.sheet });
        const columns = preview.columns.map((c) => ({ header: c.header, field: c.field, confidence: c.confidence }));
        if (opts.format === 'table') {
          const width = Math.max(6, ...columns.map((c) => c.header.length));
          for (const c of columns) process.stdout.write(`${c.header.padEnd(width)}  ${(c.field ?? '(skip)').padEnd(28)} ${c.confidence.toFixed(2)}\n`);
        } else {
          process.stdout.write(JSON.stringify({ columns, hasHeader: preview.hasHeader, file: preview.info }) + '\n');
        }
      } catch (e) {
        const missing = (e as { code?: string }).code === 'ENOENT';
        reportError(missing ? new Error(`No such file: ${file}`) : e);
        process.exitCode = missing ? 2 : exitCodeFor(e);
      }
    });
}
