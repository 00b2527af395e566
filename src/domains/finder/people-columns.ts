import { parse } from 'csv-parse/sync';
import { validationError } from '../../core/errors.js';
import { matchHeader } from '../imports/index.js';
import type { PersonInput } from './find-people.js';

/** The person fields a people file can hold, by the canonical field their header maps to. */
const FIELD_OF: Record<string, keyof PersonInput> = {
  first_name: 'firstName',
  last_name: 'lastName',
  full_name: 'fullName',
  company_domain: 'domain',
  company: 'company',
  website: 'website',
};

export type PeopleColumns = Partial<Record<keyof PersonInput, number>>;

/**
 * Which column holds which part of a person, from the header row, the way imports map headers
 * (any case or language: "First Name", "Prénom", "domain"…). The best-scoring column wins a field.
 */
export function peopleColumns(headers: string[]): PeopleColumns {
  const best = new Map<keyof PersonInput, { index: number; score: number }>();
  headers.forEach((header, index) => {
    const [top] = matchHeader(header);
    const field = top && FIELD_OF[top.field];
    if (!field) return;
    const current = best.get(field);
    if (!current || top.score > current.score) best.set(field, { index, score: top.score });
  });
  const columns = Object.fromEntries([...best.entries()].map(([field, { index }]) => [field, index])) as PeopleColumns;
  const hasName = (columns.firstName !== undefined && columns.lastName !== undefined) || columns.fullName !== undefined;
  const hasCompany = columns.domain !== undefined || columns.company !== undefined || columns.website !== undefined;
  if (!hasName || !hasCompany) {
    throw validationError('The file needs name columns (first_name and last_name, or full_name) and a company column (domain, company or website)', {
      headers,
      recognised: Object.keys(columns),
    });
  }
  return columns;
}

export function personFromCells(cells: string[], columns: PeopleColumns): PersonInput {
  const person: PersonInput = {};
  for (const [field, index] of Object.entries(columns) as Array<[keyof PersonInput, number]>) {
    const value = cells[index]?.trim();
    if (value) person[field] = value.slice(0, 200);
  }
  return person;
}

/** People of a pasted CSV (with a header row); delimiter `,` `;` or tab. */
export function readPeopleCsv(text: string): PersonInput[] {
  const content = text.replace(/^\uFEFF/, '');
  const firstLine = content.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].find((d) => firstLine.includes(d)) ?? ',';
  let rows: string[][];
  try {
    rows = parse(content, { delimiter, relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    throw validationError(`The CSV could not be read: ${(e as Error).message}`);
  }
  if (rows.length < 2) throw validationError('The CSV needs a header row and at least one person');
  const columns = peopleColumns(rows[0]!);
  return rows.slice(1).map((cells) => personFromCells(cells, columns));
}
