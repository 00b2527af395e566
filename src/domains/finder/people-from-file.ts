import { validationError } from '../../core/errors.js';
import type { TableFileReader } from '../imports/index.js';
import type { PersonInput } from './find-people.js';
import { peopleColumns, personFromCells, type PeopleColumns } from './people-columns.js';
import { MAX_BULK_PEOPLE } from './start-bulk-find.js';

const BATCH = 1_000;

/**
 * The people of a CSV or XLSX file (header row first), read as a stream through the imports'
 * file reader: the columns are recognised from the header, then people come in batches.
 */
export async function* peopleFromFile(reader: TableFileReader, path: string, options: { sheet?: string } = {}): AsyncIterable<PersonInput[]> {
  const info = await reader.inspect(path, options);
  let columns: PeopleColumns | null = null;
  let batch: PersonInput[] = [];
  let count = 0;
  for await (const record of reader.records(path, info)) {
    if (!columns) {
      columns = peopleColumns(record.cells);
      continue;
    }
    if (record.cells.every((c) => c.trim() === '')) continue;
    if (++count > MAX_BULK_PEOPLE) throw validationError(`A bulk find takes at most ${MAX_BULK_PEOPLE.toLocaleString('en')} people`);
    batch.push(personFromCells(record.cells, columns));
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (!columns) throw validationError('The file is empty');
  if (batch.length > 0) yield batch;
  if (count === 0) throw validationError('The file has a header row but no people');
}
