// Public surface of the privacy domain (GDPR): access (export everything about a person) and
// erasure with tombstones. It reaches into leads, imports, jobs and verify, so it sits above
// them; the tombstone check itself (`filterErasedPeople`) lives in leads for the write paths.
export { personSchema, findPerson, type PersonInput, type FoundPerson } from './find-person.js';
export { exportPerson } from './export-person.js';
export { erasePerson } from './erase-person.js';
export { liftPersonErasure } from './lift-erasure.js';
