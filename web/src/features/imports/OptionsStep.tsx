import { Checkbox, Radio, Stack, Switch, TagsInput, Text, Title } from '@mantine/core';
import { TargetListPicker, type ListChoice } from './TargetListPicker';
import type { DedupeMode, InFileDuplicateMode, MatchKey } from './types';

export interface WizardOptions {
  list: ListChoice;
  dedupe: DedupeMode;
  matchOn: MatchKey[];
  duplicatesInFile: InFileDuplicateMode;
  tags: string[];
  verifyEmails: boolean;
  verifySkipSmtp: boolean;
}

const IN_FILE_CHOICES: { value: InFileDuplicateMode; label: string; description: string }[] = [
  { value: 'first', label: 'Keep the first row', description: 'Later rows for the same lead are counted as duplicates and left out.' },
  { value: 'merge', label: 'Combine: fill the gaps', description: 'Later rows add the values the first one left empty.' },
  { value: 'last', label: 'Combine: later rows win', description: "Later rows' non-empty values replace the earlier ones." },
];

const DEDUPE_CHOICES: { value: DedupeMode; label: string; description: string }[] = [
  { value: 'skip', label: 'Skip them', description: 'Leave the existing lead as it is (it still joins the target list).' },
  { value: 'merge', label: 'Fill empty fields only', description: "Add the file's values where the lead has none; keep what is there." },
  { value: 'update', label: 'Overwrite', description: "Replace the lead's fields with the file's non-empty values." },
];

const MATCH_CHOICES: { value: MatchKey; label: string }[] = [
  { value: 'email', label: 'Email address' },
  { value: 'linkedin', label: 'LinkedIn profile URL' },
  { value: 'name_company', label: 'First name + last name + company domain' },
];

/** Step 4: where the leads go, what happens to leads that exist already, and tags to add. */
export function OptionsStep({ value, onChange }: { value: WizardOptions; onChange: (next: WizardOptions) => void }) {
  const set = (patch: Partial<WizardOptions>) => onChange({ ...value, ...patch });
  return (
    <Stack gap="lg" data-testid="options-step" maw={720}>
      <TargetListPicker value={value.list} onChange={(list) => set({ list })} />

      <Stack gap="xs">
        <Title order={5}>Leads you already have</Title>
        <Checkbox.Group
          label="A row is the same lead when it has the same…"
          description="Any one of the chosen keys is enough. Rows repeated inside the file are matched the same way."
          value={value.matchOn}
          onChange={(keys) => set({ matchOn: keys as MatchKey[] })}
          error={value.matchOn.length === 0 ? 'Choose at least one key' : undefined}
          data-testid="match-on"
        >
          <Stack gap={6} mt="xs">
            {MATCH_CHOICES.map((c) => (
              <Checkbox key={c.value} value={c.value} label={c.label} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Radio.Group label="When a row matches a lead" value={value.dedupe} onChange={(d) => set({ dedupe: d as DedupeMode })} data-testid="dedupe">
          <Stack gap={6} mt="xs">
            {DEDUPE_CHOICES.map((c) => (
              <Radio key={c.value} value={c.value} label={c.label} description={c.description} />
            ))}
          </Stack>
        </Radio.Group>
        <Radio.Group
          label="When rows of the file are the same lead"
          value={value.duplicatesInFile}
          onChange={(d) => set({ duplicatesInFile: d as InFileDuplicateMode })}
          data-testid="duplicates-in-file"
        >
          <Stack gap={6} mt="xs">
            {IN_FILE_CHOICES.map((c) => (
              <Radio key={c.value} value={c.value} label={c.label} description={c.description} data-testid={`duplicates-${c.value}`} />
            ))}
          </Stack>
        </Radio.Group>
      </Stack>

      <Stack gap="xs">
        <Switch
          label="Verify emails after the import"
          description="Checks every imported lead's address (one credit each; unknown answers are refunded) and writes the status to the lead."
          checked={value.verifyEmails}
          onChange={(e) => set({ verifyEmails: e.currentTarget.checked })}
          data-testid="verify-emails"
        />
        {value.verifyEmails ? (
          <Checkbox
            ml="xl"
            label="Skip the mail-server check (SMTP)"
            description="Faster: syntax, domain, MX, disposable and role checks only."
            checked={value.verifySkipSmtp}
            onChange={(e) => set({ verifySkipSmtp: e.currentTarget.checked })}
            data-testid="verify-skip-smtp"
          />
        ) : null}
      </Stack>

      <TagsInput
        label="Tags to add"
        description="Added to every imported lead, and to the leads the rows matched. Press Enter after each tag."
        placeholder="e.g. fair-2026"
        value={value.tags}
        onChange={(tags) => set({ tags })}
        maxTags={20}
        clearable
        data-testid="import-tags"
      />
      <Text size="xs" c="dimmed">
        Invalid rows are skipped, not fatal: the summary counts them and the error report lists each one with its row and problem.
      </Text>
    </Stack>
  );
}
