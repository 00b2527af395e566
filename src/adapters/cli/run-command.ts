import { ConfigError, loadConfig } from '../../core/config.js';
import { DomainError } from '../../core/errors.js';
import { createLogger } from '../../core/logger.js';
import { DataDirInUseError } from '../db/client.js';
import { openRuntime, type Runtime } from '../../main/runtime.js';

/** Exit codes: 0 ok, 1 unexpected, 2 bad input, 3 not found / conflict, 4 config or environment. */
export function exitCodeFor(e: unknown): number {
  if (e instanceof ConfigError || e instanceof DataDirInUseError) return 4;
  if (e instanceof DomainError) return e.code === 'VALIDATION' ? 2 : 3;
  return 1;
}

/**
 * Opens the runtime, runs a command, closes it, and turns errors into a clear message on
 * stderr and an exit code, never a stack trace (unless LOG_LEVEL=debug).
 */
export async function runWithRuntime(fn: (rt: Runtime) => Promise<void>, options: { migrate?: boolean; keepOpen?: boolean } = {}) {
  let runtime: Runtime | undefined;
  try {
    const config = loadConfig();
    const log = createLogger({ level: config.logLevel === 'info' && !options.keepOpen ? 'warn' : config.logLevel });
    runtime = await openRuntime(config, log, { migrate: options.migrate });
    await fn(runtime);
    if (!options.keepOpen) await runtime.close();
  } catch (e) {
    reportError(e);
    await runtime?.close().catch(() => undefined);
    process.exitCode = exitCodeFor(e);
  }
}

export function reportError(e: unknown) {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`leadforge: ${msg}\n`);
  if (process.env.LOG_LEVEL === 'debug' && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
}
