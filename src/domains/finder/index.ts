// Public surface of the finder domain: other domains and adapters import only from here.
export * from './finder.tables.js';
export * from './types.js';
export { addressKey, nameKeys, type NameKeys, type PersonName } from './name-keys.js';
export { PATTERNS, PATTERN_IDS, rankCandidates, renderPattern, patternsOf, type PatternId, type Candidate } from './patterns.js';
export { guessDomains, resolveDomain, type CompanyInput, type DomainSource } from './resolve-domain.js';
export { learnFromAddress, learnedPatterns, type LearnedPattern } from './domain-patterns.js';
export { findPeople, type PersonInput, type FindOptions } from './find-people.js';
export { findEmail, type ChargedFindResult } from './find-email.js';
export { findEmailInput, personInputSchema, findOptionsSchema, type FindEmailInput } from './find-input.js';
export { finderBulkKind, finderBulkPayload, FINDER_BULK_KIND, type BulkFindItemResult, type FinderBulkPayload } from './bulk-kind.js';
export { startBulkFind, startBulkFindInput, MAX_BULK_PEOPLE } from './start-bulk-find.js';
export { listBulkFindResults, bulkFindResultsInput, type BulkFindRow } from './bulk-results.js';
export { peopleColumns, personFromCells, readPeopleCsv, type PeopleColumns } from './people-columns.js';
export { personRowSchema } from './find-input.js';
export type { SaveOutcome } from './save-found.js';
export { peopleFromFile } from './people-from-file.js';
export { bulkFindCsvLines } from './bulk-results-csv.js';
