import type { Activity } from '../types';

const TYPE_TEXT: Record<string, string> = {
  created: 'Created',
  imported: 'Imported',
  updated: 'Fields changed',
  fields_changed: 'Fields changed',
  stage_changed: 'Stage changed',
  verified: 'Email verified',
  merged: 'Merged',
  merge_undone: 'Merge undone',
  exported: 'Exported',
  deleted: 'Deleted',
  restored: 'Restored',
  note_added: 'Note added',
  list_added: 'Added to a list',
  list_removed: 'Removed from a list',
  enriched: 'Enriched',
};

/** The headline of a timeline entry ("Stage changed"); unknown types read as they are named. */
export const activityTitle = (a: Activity) => TYPE_TEXT[a.type] ?? a.type.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** A short detail line from the entry's data: changed fields, stage move, list name… */
export function activityDetail(a: Activity): string | null {
  const d = a.data;
  if (typeof d.from === 'string' && typeof d.to === 'string') return `${d.from} → ${d.to}`;
  if (Array.isArray(d.fields) && d.fields.length) return (d.fields as unknown[]).map(String).join(', ');
  if (d.changes && typeof d.changes === 'object') return Object.keys(d.changes).join(', ');
  if (typeof d.listName === 'string') return d.listName;
  if (typeof d.status === 'string') return d.status;
  return null;
}
