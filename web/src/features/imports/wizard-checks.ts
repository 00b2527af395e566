import type { WizardOptions } from './OptionsStep';
import type { CustomField, MappedColumn } from './types';

/** The `custom.<key>` targets of a mapping that the workspace does not have yet (the import creates them). */
export function newCustomFieldsFor(mapping: readonly MappedColumn[], customFields: readonly CustomField[]): string[] {
  const known = new Set(customFields.map((f) => `custom.${f.key}`));
  return mapping.map((c) => c.field).filter((f): f is string => !!f && f.startsWith('custom.') && !known.has(f));
}

/** Why the options cannot be sent yet, in words; null when they can. */
export function optionsProblem(options: WizardOptions): string | null {
  if (options.list.kind === 'existing' && !options.list.listId) return 'Pick the target list.';
  if (options.list.kind === 'new' && !options.list.name.trim()) return 'Name the new list.';
  if (options.matchOn.length === 0) return 'Choose at least one key to match existing leads.';
  return null;
}
