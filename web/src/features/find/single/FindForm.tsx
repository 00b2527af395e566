import { Button, Card, Checkbox, Group, SegmentedControl, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { FindInput } from '../types';

type CompanyField = 'domain' | 'company' | 'website';
const COMPANY_LABELS: Record<CompanyField, { label: string; placeholder: string }> = {
  domain: { label: 'Company domain', placeholder: 'acme.com' },
  company: { label: 'Company name', placeholder: 'Acme Inc.' },
  website: { label: 'Company website', placeholder: 'https://www.acme.com' },
};

/** Who to look for: first + last name (or a full name) and a domain, company or website. */
export function FindForm({ pending, onSubmit }: { pending: boolean; onSubmit: (input: FindInput) => void }) {
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [companyField, setCompanyField] = useState<CompanyField>('domain');
  const [company, setCompany] = useState('');
  const [skipSmtp, setSkipSmtp] = useState(false);
  const ready = firstName.trim() !== '' && lastName.trim() !== '' && company.trim() !== '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    onSubmit({ firstName: firstName.trim(), lastName: lastName.trim(), [companyField]: company.trim(), skipSmtp });
  };

  return (
    <Card withBorder radius="md" p="lg" component="form" onSubmit={submit} data-testid="find-form">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="First name" placeholder="Ada" value={firstName} onChange={(e) => setFirstName(e.currentTarget.value)} data-testid="find-first" required />
          <TextInput label="Last name" placeholder="Lovelace" value={lastName} onChange={(e) => setLastName(e.currentTarget.value)} data-testid="find-last" required />
        </SimpleGrid>
        <SegmentedControl
          value={companyField}
          onChange={(v) => setCompanyField(v as CompanyField)}
          data={[
            { value: 'domain', label: 'Domain' },
            { value: 'company', label: 'Company name' },
            { value: 'website', label: 'Website' },
          ]}
          data-testid="find-company-kind"
        />
        <TextInput
          label={COMPANY_LABELS[companyField].label}
          placeholder={COMPANY_LABELS[companyField].placeholder}
          value={company}
          onChange={(e) => setCompany(e.currentTarget.value)}
          data-testid="find-company"
          required
        />
        <Group justify="space-between">
          <Checkbox label="Guess by pattern only (don't ask mail servers)" checked={skipSmtp} onChange={(e) => setSkipSmtp(e.currentTarget.checked)} data-testid="find-skip-smtp" />
          <Button type="submit" leftSection={<IconSearch size={16} />} loading={pending} disabled={!ready} data-testid="find-submit">
            Find email
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
