import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Ctx } from '../../../core/context.js';
import { validationError } from '../../../core/errors.js';
import { diskUploadStore } from '../../files/disk-upload-store.js';
import { importKind } from '../../files/register-import-kind.js';
import { tableFileReader } from '../../files/table-file-reader.js';
import { claimChunk, getJobProgress, isFinished, runClaimedChunk } from '../../../domains/jobs/index.js';
import {
  DEDUPE_MODES,
  getImport,
  IN_FILE_DUPLICATE_MODES,
  MATCH_KEYS,
  parseCliMapping,
  pickWorkspace,
  previewUpload,
  startImport,
  type DedupeMode,
  type InFileDuplicateMode,
  type MatchKey,
} from '../../../domains/imports/index.js';
import { bulkVerifyKind } from '../../smtp-probe/register-bulk-kind.js';
import { listLists } from '../../../domains/lists/index.js';
import { followJobProgress } from '../progress.js';
import { runWithRuntime } from '../run-command.js';

interface ImportOptions {
  list?: string;
  mapping?: string;
  dedupe: string;
  workspace?: string;
  sheet?: string;
  tag?: string[];
  match?: string[];
  duplicates: string;
  verify?: boolean;
  skipSmtp?: boolean;
}

/** `leadforge import FILE`: imports a file as a job (progress on stderr), prints a JSON summary on stdout. */
export function registerImport(program: Command) {
  program
    .command('import')
    .description('import leads from a CSV or XLSX file; prints a JSON summary')
    .argument('<file>', 'CSV (any delimiter or encoding) or XLSX file')
    .option('--list <name>', 'add the leads to this list (created when missing)')
    .option('--mapping <json>', 'column mapping: {"Header":"field"|null}, the output of map-columns, or [{"index","field"}] (default: the suggestion)')
    .option('--dedupe <mode>', 'leads already there: skip, update (overwrite) or merge (fill empty fields)', 'skip')
    .option('--workspace <id or name>', 'target workspace (default: the only one)')
    .option('--sheet <name>', 'XLSX: the sheet to import')
    .option('--tag <tag...>', 'tags to add to every imported lead')
    .option('--match <key...>', 'keys matching existing leads and rows of the file: email, linkedin, name_company', ['email', 'linkedin'])
    .option('--duplicates <mode>', 'rows of the file repeating an earlier one: first (keep the first), merge (fill its empty fields) or last (later values win)', 'first')
    .option('--verify', 'verify the imported leads\' emails once the import ends (statuses written to the leads)')
    .option('--skip-smtp', 'with --verify: no SMTP probe (syntax, domain, MX, disposable and role checks)')
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (file: string, opts: ImportOptions) => {
      await runWithRuntime(async (rt) => {
        if (!(DEDUPE_MODES as readonly string[]).includes(opts.dedupe)) throw validationError(`--dedupe must be one of ${DEDUPE_MODES.join(', ')}`);
        if (!(IN_FILE_DUPLICATE_MODES as readonly string[]).includes(opts.duplicates)) throw validationError(`--duplicates must be one of ${IN_FILE_DUPLICATE_MODES.join(', ')}`);
        const matchOn = opts.match ?? ['email', 'linkedin'];
        const unknownKey = matchOn.find((k) => !(MATCH_KEYS as readonly string[]).includes(k));
        if (unknownKey) throw validationError(`--match: ${unknownKey} is not one of ${MATCH_KEYS.join(', ')}`);
        await access(file).catch(() => {
          throw validationError(`No such file: ${file}`);
        });
        const workspaceId = await pickWorkspace(rt.systemCtx(), opts.workspace);
        const ctx = rt.systemCtx(workspaceId);
        const deps = { reader: tableFileReader, uploads: diskUploadStore(rt.config.dataDir, Number.MAX_SAFE_INTEGER) };
        const upload = await deps.uploads.save(workspaceId, basename(file), createReadStream(file));
        const preview = await previewUpload(ctx, deps, { uploadId: upload.uploadId, sheet: opts.sheet });
        const mapping = opts.mapping
          ? parseCliMapping(opts.mapping, preview.headers)
          : preview.columns.map((c) => ({ index: c.index, header: c.header, field: c.field }));
        const listId = opts.list ? (await listLists(ctx, { q: opts.list, archived: 'all' })).find((l) => l.name === opts.list)?.id : undefined;
        const started = await startImport(ctx, deps, {
          uploadId: upload.uploadId,
          mapping,
          listId,
          newListName: opts.list && !listId ? opts.list : undefined,
          options: {
            dedupe: opts.dedupe as DedupeMode,
            duplicatesInFile: opts.duplicates as InFileDuplicateMode,
            tags: opts.tag ?? [],
            hasHeader: preview.hasHeader,
            sheet: opts.sheet,
            matchOn: matchOn as MatchKey[],
            verifyEmails: Boolean(opts.verify),
            verifySkipSmtp: Boolean(opts.skipSmtp),
          },
        });
        const follow = new AbortController();
        const progress = followJobProgress(ctx, started.jobId!, { label: `import ${basename(file)}`, signal: follow.signal });
        await runChunks(ctx, started.jobId!, workspaceId, (p) => p.total);
        follow.abort();
        await progress;
        let done = await getImport(ctx, started.id);
        if (done.verify?.jobId) {
          const verifying = new AbortController();
          const bar = followJobProgress(ctx, done.verify.jobId, { label: 'verify emails', signal: verifying.signal });
          await runChunks(ctx, done.verify.jobId, workspaceId, (p) => Math.ceil(p.total / bulkVerifyKind.chunkSize));
          verifying.abort();
          await bar;
          done = await getImport(ctx, started.id);
        }
        const verify = done.verify ? { verify: { jobId: done.verify.jobId, status: done.verify.status, ...done.verify.counts, error: done.verify.error } } : {};
        process.stdout.write(
          JSON.stringify({ importId: done.id, status: done.status, listId: done.listId, ...done.counts, ...verify, errors: done.counts.invalid ? `leadforge serve, then GET /imports/${done.id}/errors.csv` : null }) + '\n',
        );
      });
    });
}

/**
 * Chunks run at once, as the worker of `serve` runs them: one commits while the other's block
 * is read and prepared, and on PostgreSQL two backends write (100k rows: ~0.8× the time of one).
 */
const LANES = 2;

/** Runs a job's chunks in this process, in order, two at a time (other workers may take some; that is fine). */
async function runChunks(ctx: Ctx, jobId: string, workspaceId: string, chunksOf: (p: { total: number }) => number) {
  void importKind;
  for (let round = 0; round < 50; round++) {
    const p = await getJobProgress(ctx, { jobId });
    if (isFinished(p.status)) return;
    const chunks = chunksOf(p);
    let next = 0;
    let ran = 0;
    const lane = async () => {
      for (let chunkNo = next++; chunkNo < chunks; chunkNo = next++) {
        const claimed = await claimChunk(ctx, { jobId, workspaceId, chunkNo }, `cli:${process.pid}`);
        if (!claimed) continue;
        await runClaimedChunk(ctx, claimed, { workerId: `cli:${process.pid}`, heartbeatMs: 5_000 });
        ran++;
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
    if (ran === 0) await new Promise((r) => setTimeout(r, 500));
  }
}
