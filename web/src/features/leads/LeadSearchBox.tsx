import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';

/** Quick search over name, email, company and domain; tells the page 300 ms after typing stops. */
export function LeadSearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const [text, setText] = useState(value);
  const commit = useDebouncedCallback(onChange, 300);
  // Follow outside changes (back button, a cleared view).
  useEffect(() => setText(value), [value]);
  return (
    <TextInput
      aria-label="Search leads"
      placeholder="Search name, email, company, domain"
      leftSection={<IconSearch size={16} />}
      rightSection={text ? <CloseButton size="sm" aria-label="Clear search" onClick={() => (setText(''), onChange(''))} /> : null}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        commit(e.currentTarget.value);
      }}
      w={320}
      data-testid="lead-search"
    />
  );
}
