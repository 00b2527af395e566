import { Group, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { describeError } from '../../../api/errors';
import type { Member } from '../../../api/types';
import { useUpdateLead } from '../api';
import { fieldValue, type FieldDef } from '../fields';
import { formatValue } from '../format';
import { IssueFlag } from '../IssueFlag';
import type { LeadDetail, LeadPatch } from '../types';
import { FieldEditor } from './FieldEditor';
import { ProvenanceBadge } from './ProvenanceBadge';

interface Props {
  lead: LeadDetail;
  field: FieldDef;
  members: Member[];
  canEdit: boolean;
}

/** One field of the drawer: its value, where it came from, its flag; a click edits it. */
export function LeadFieldRow({ lead, field, members, canEdit }: Props) {
  const update = useUpdateLead();
  const [draft, setDraft] = useState<unknown>(undefined);
  const editing = draft !== undefined;
  const value = fieldValue(lead, field.id);
  const provenance = lead.provenance[field.id];
  const issue = lead.issues[field.id];
  const memberName = (id: string) => members.find((m) => m.userId === id)?.name;
  const editable = canEdit && !field.readOnly;

  const commit = () => {
    if (!editing) return;
    const next = normalise(draft, field);
    setDraft(undefined);
    if (JSON.stringify(next) === JSON.stringify(value ?? null)) return;
    update.mutate(
      { id: lead.id, patch: patchFor(field, next) },
      { onError: (e) => notifications.show({ color: 'red', title: `Could not save ${field.label.toLowerCase()}`, message: describeError(e) }) },
    );
  };

  const shown = field.kind === 'owner' ? (memberName(value as string) ?? '') : formatValue(value, field.kind);
  const derived = derivedNote(lead, field.id);

  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" py={4} data-testid="lead-field" data-field={field.id} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Text size="xs" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {field.label}
      </Text>
      {editing ? (
        <div style={{ flex: 1 }}>
          <FieldEditor field={field} value={draft} onChange={setDraft} onCommit={commit} onCancel={() => setDraft(undefined)} members={members} />
        </div>
      ) : (
        <UnstyledButton
          style={{ flex: 1, minWidth: 0, cursor: editable ? 'text' : 'default' }}
          onClick={() => editable && setDraft(editValue(value, field))}
          aria-label={editable ? `Edit ${field.label}` : undefined}
          disabled={!editable}
          data-testid="lead-field-value"
        >
          <Text size="sm" c={issue ? 'orange.8' : shown ? undefined : 'dimmed'} style={{ wordBreak: 'break-word', whiteSpace: field.kind === 'longtext' ? 'pre-wrap' : undefined }}>
            {shown || '—'}
            {derived ? (
              <Text span size="xs" c="dimmed">
                {' '}
                · {derived}
              </Text>
            ) : null}
          </Text>
        </UnstyledButton>
      )}
      <Group gap={4} wrap="nowrap">
        {issue ? <IssueFlag issue={issue} /> : null}
        {provenance && value !== null ? <ProvenanceBadge source={provenance.source} at={provenance.at} memberName={memberName} /> : null}
      </Group>
    </Group>
  );
}

/** What the editor starts from (booleans as "true"/"false" for the Yes/No select). */
function editValue(value: unknown, field: FieldDef): unknown {
  if (field.kind === 'boolean') return value === null ? null : String(value);
  if (field.kind === 'tags') return value ?? [];
  return value ?? (field.kind === 'number' || field.kind === 'money' ? null : '');
}

function normalise(draft: unknown, field: FieldDef): unknown {
  if (field.kind === 'boolean') return draft === null ? null : draft === 'true';
  if (typeof draft === 'string') return draft.trim() === '' ? null : draft;
  return draft;
}

function patchFor(field: FieldDef, value: unknown): LeadPatch {
  if (field.id.startsWith('custom.')) return { custom: { [field.id.slice(7)]: value as string | number | boolean | null } };
  return { [field.id]: value };
}

/** The phone's type and country, read by the server. */
function derivedNote(lead: LeadDetail, id: string): string | null {
  if (id !== 'phone' && id !== 'mobile_phone') return null;
  const type = lead[`${id}_type`];
  const country = lead[`${id}_country`];
  return [type?.replace(/_/g, ' '), country].filter(Boolean).join(' · ') || null;
}
