import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../../api/errors';
import { FormAlert } from '../../components/FormAlert';
import { useFindEmailsOfLeads, type LeadsToFind } from './api';

interface Props {
  /** Picked lead ids, or the leads table's query for "everything matching". */
  leads: LeadsToFind;
  /** "2 leads", "everything matching (1,000+ leads)". */
  countLabel: string;
}

/** "Find emails" on a selection of leads: a bulk find over those without an email, found addresses saved onto them. */
export function FindEmailsButton({ leads, countLabel }: Props) {
  const [opened, { open, close }] = useDisclosure(false);
  const [skipSmtp, setSkipSmtp] = useState(false);
  const start = useFindEmailsOfLeads();
  const navigate = useNavigate();

  const confirm = () =>
    start.mutate(
      { leads, skipSmtp },
      {
        onSuccess: (job) => {
          close();
          void navigate(`/app/find?tab=bulk&job=${encodeURIComponent(job.id)}`);
        },
      },
    );

  return (
    <>
      <Button variant="light" size="xs" leftSection={<IconUserSearch size={14} />} onClick={open} data-testid="bulk-find-emails">
        Find emails
      </Button>
      <Modal opened={opened} onClose={close} title={`Find emails for ${countLabel}`} centered>
        <Stack gap="sm">
          <Text size="sm">
            The leads without an email are looked up by name and company; the addresses found are saved onto them (source “finder”). Each address found costs 1 credit; nothing found costs
            nothing.
          </Text>
          <Checkbox label="Skip SMTP checks (best guess from the domain's pattern, returned as risky)" checked={skipSmtp} onChange={(e) => setSkipSmtp(e.currentTarget.checked)} />
          <FormAlert message={start.error ? describeError(start.error) : null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button onClick={confirm} loading={start.isPending} data-testid="bulk-find-emails-confirm">
              Find emails
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
