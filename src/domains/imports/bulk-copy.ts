import type { Db } from '../../core/db.js';

/**
 * The bulk-write port of the import: loads rows into a table with PostgreSQL's COPY on the
 * connection of `db` (which must be a transaction, so the rows commit with the chunk). The
 * adapter (src/adapters/db/copy-rows.ts) streams with pg-copy-streams on PostgreSQL and uses
 * `COPY … FROM '/dev/blob'` on the embedded database.
 *
 * Values: null/undefined → NULL, Date → ISO timestamp, string[] → a text[] literal, other
 * objects → JSON (jsonb columns), numbers and booleans as they print.
 */
export type CopyRows = (db: Db, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]) => Promise<void>;
