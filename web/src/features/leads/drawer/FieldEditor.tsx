import { NumberInput, Select, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { Member } from '../../../api/types';
import type { FieldDef } from '../fields';
import { STAGE_LABELS } from '../StageBadge';
import { STAGES } from '../types';

interface Props {
  field: FieldDef;
  value: unknown;
  onChange: (value: unknown) => void;
  onCommit: () => void;
  onCancel: () => void;
  members: Member[];
}

/** The input for one field while it is edited: Enter or leaving the field saves, Escape cancels. */
export function FieldEditor({ field, value, onChange, onCommit, onCancel, members }: Props) {
  const common = {
    'aria-label': field.label,
    size: 'xs' as const,
    autoFocus: true,
    'data-testid': `edit-${field.id}`,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
      if (e.key === 'Enter' && field.kind !== 'longtext' && field.kind !== 'tags') onCommit();
    },
  };
  const choose = (data: Array<{ value: string; label: string }>, clearable = true) => (
    <Select {...common} data={data} value={(value as string | null) ?? null} onChange={(v) => onChange(v)} onBlur={onCommit} clearable={clearable} searchable comboboxProps={{ withinPortal: false }} />
  );

  switch (field.kind) {
    case 'stage':
      return choose(STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] })), false);
    case 'owner':
      return choose(members.map((m) => ({ value: m.userId, label: m.name || m.email })));
    case 'select':
      return choose((field.options ?? []).map((o) => ({ value: o, label: o })));
    case 'boolean':
      return choose([
        { value: 'true', label: 'Yes' },
        { value: 'false', label: 'No' },
      ]);
    case 'tags':
      return <TagsInput {...common} value={(value as string[]) ?? []} onChange={onChange} onBlur={onCommit} />;
    case 'number':
    case 'money':
      return <NumberInput {...common} value={(value as number | null) ?? ''} onChange={(v) => onChange(v === '' ? null : Number(v))} onBlur={onCommit} />;
    case 'date':
      return <TextInput {...common} type="date" value={typeof value === 'string' ? value.slice(0, 10) : ''} onChange={(e) => onChange(e.currentTarget.value || null)} onBlur={onCommit} />;
    case 'longtext':
      return <Textarea {...common} autosize minRows={3} value={(value as string | null) ?? ''} onChange={(e) => onChange(e.currentTarget.value)} onBlur={onCommit} />;
    default:
      return <TextInput {...common} value={(value as string | null) ?? ''} onChange={(e) => onChange(e.currentTarget.value)} onBlur={onCommit} />;
  }
}
