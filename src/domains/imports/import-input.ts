import { z } from 'zod';
import { CANONICAL_FIELDS } from '../leads/index.js';

const target = z
  .string()
  .refine((f) => (CANONICAL_FIELDS as readonly string[]).includes(f) || /^custom\.[a-z][a-z0-9_]{0,62}$/.test(f), {
    message: 'must be a canonical lead field or custom.<key> (lower case, digits, underscores)',
  })
  .nullable();

/** A column's target as the import runs it; columns left out are skipped (other keys, e.g. a preview's confidence, are ignored). */
export const mappingSchema = z
  .array(z.object({ index: z.number().int().min(0).max(9_999), header: z.string().max(500).default(''), field: target }))
  .max(1_000)
  .refine((m) => new Set(m.map((c) => c.index)).size === m.length, 'each column index once')
  .refine((m) => {
    const fields = m.map((c) => c.field).filter((f): f is string => f !== null);
    return new Set(fields).size === fields.length;
  }, 'each field at most once');
export type ImportMapping = z.output<typeof mappingSchema>;

export const DEDUPE_MODES = ['skip', 'update', 'merge'] as const;
export type DedupeMode = (typeof DEDUPE_MODES)[number];
/**
 * Rows of the file sharing a match key with an earlier row: `first` keeps the first row and
 * drops the others; `merge` lets later rows fill the fields the earlier ones left empty;
 * `last` lets later rows' non-empty values overwrite the earlier ones'. Either way the later
 * rows are counted `duplicates` and no second lead is made.
 */
export const IN_FILE_DUPLICATE_MODES = ['first', 'merge', 'last'] as const;
export type InFileDuplicateMode = (typeof IN_FILE_DUPLICATE_MODES)[number];
export const MATCH_KEYS = ['email', 'linkedin', 'name_company'] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

/** How rows matching a lead already in the workspace, or an earlier row of the file, are handled. */
export const importOptionsSchema = z.strictObject({
  /** `skip`: leave the lead; `update`: overwrite with the file's non-empty values; `merge`: fill only its empty fields. */
  dedupe: z.enum(DEDUPE_MODES).default('skip'),
  matchOn: z.array(z.enum(MATCH_KEYS)).min(1).default(['email', 'linkedin']),
  duplicatesInFile: z.enum(IN_FILE_DUPLICATE_MODES).default('first'),
  tags: z.array(z.string().min(1).max(100)).max(20).default([]),
  /** Verify the imported leads' emails (a `verify.bulk` job, statuses written to the leads) once the import ends. */
  verifyEmails: z.boolean().default(false),
  /** With `verifyEmails`: no SMTP probe (syntax, domain, MX, disposable / role checks only). */
  verifySkipSmtp: z.boolean().default(false),
  hasHeader: z.boolean().default(true),
  sheet: z.string().max(200).optional(),
});
export type ImportOptions = z.output<typeof importOptionsSchema>;

export const startImportSchema = z.strictObject({
  uploadId: z.string().regex(/^[a-f0-9-]{36}$/, 'must be an upload id'),
  mapping: mappingSchema,
  options: importOptionsSchema.default({
    dedupe: 'skip',
    matchOn: ['email', 'linkedin'],
    duplicatesInFile: 'first',
    tags: [],
    verifyEmails: false,
    verifySkipSmtp: false,
    hasHeader: true,
  }),
  /** An existing list, or a new list's name (created with the import). */
  listId: z.uuid().optional(),
  newListName: z.string().min(1).max(200).optional(),
});
export type StartImportInput = z.input<typeof startImportSchema>;
