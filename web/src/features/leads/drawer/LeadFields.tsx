import { Stack } from '@mantine/core';
import type { Member } from '../../../api/types';
import { CANONICAL_FIELDS, customFieldDef } from '../fields';
import type { CustomField, LeadDetail } from '../types';
import { LeadFieldRow } from './LeadFieldRow';

/** Every canonical field and custom field of the lead, each editable in place. */
export function LeadFields({ lead, customFields, members, canEdit }: { lead: LeadDetail; customFields: CustomField[]; members: Member[]; canEdit: boolean }) {
  const fields = [...CANONICAL_FIELDS.filter((f) => f.id !== 'notes'), ...customFields.map(customFieldDef)];
  return (
    <Stack gap={0} data-testid="lead-fields">
      {fields.map((f) => (
        <LeadFieldRow key={f.id} lead={lead} field={f} members={members} canEdit={canEdit} />
      ))}
    </Stack>
  );
}
