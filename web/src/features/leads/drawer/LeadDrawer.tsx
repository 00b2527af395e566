import { Alert, Badge, Button, Drawer, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { describeError } from '../../../api/errors';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { QueryState } from '../../../components/QueryState';
import { useCan } from '../../auth/session';
import { useMembers } from '../../settings/api';
import { useCustomFields, useDeleteLead, useLead, useRestoreLead } from '../api';
import { leadDisplayName } from '../fields';
import { StageBadge } from '../StageBadge';
import { LeadActivity } from './LeadActivity';
import { LeadFields } from './LeadFields';
import { LeadLists } from './LeadLists';
import { LeadNotes } from './LeadNotes';

/** /app/leads/:leadId: the lead over the table — fields with their sources, notes, activity, lists. */
export function LeadDrawer() {
  const { leadId = '' } = useParams();
  const { search } = useLocation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(true);
  const canWrite = useCan('member');
  const lead = useLead(leadId);
  const customFields = useCustomFields();
  const members = useMembers();
  const remove = useDeleteLead();
  const restore = useRestoreLead();
  const issues = Object.entries(lead.data?.issues ?? {});

  return (
    <Drawer
      opened={opened}
      onClose={() => setOpened(false)}
      onExitTransitionEnd={() => void navigate({ pathname: '/app/leads', search })}
      position="right"
      size="lg"
      title={<Text fw={600}>Lead</Text>}
      closeButtonProps={{ 'aria-label': 'Close lead' }}
      data-testid="lead-drawer"
    >
      <QueryState isPending={lead.isPending} error={lead.error} onRetry={() => void lead.refetch()}>
        {lead.data ? (
          <Stack gap="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={2}>
                <Title order={3} data-testid="lead-title" style={{ wordBreak: 'break-word' }}>
                  {leadDisplayName(lead.data)}
                </Title>
                <Text size="sm" c="dimmed">
                  {[lead.data.title, lead.data.company].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
              <Group gap="xs">
                {lead.data.deleted_at ? <Badge color="red">In the trash</Badge> : null}
                <StageBadge stage={lead.data.stage} />
              </Group>
            </Group>
            {issues.length ? (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} title="Some values are flagged" data-testid="lead-issues">
                {issues.map(([field, why]) => (
                  <Text key={field} size="sm">
                    {field.replace(/_/g, ' ')}: {why}
                  </Text>
                ))}
              </Alert>
            ) : null}
            <Tabs defaultValue="fields" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="fields">Fields</Tabs.Tab>
                <Tabs.Tab value="notes">Notes</Tabs.Tab>
                <Tabs.Tab value="activity">Activity</Tabs.Tab>
                <Tabs.Tab value="lists">Lists ({lead.data.lists.length})</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="fields" pt="sm">
                <LeadFields lead={lead.data} customFields={customFields.data ?? []} members={members.data ?? []} canEdit={canWrite && !lead.data.deleted_at} />
              </Tabs.Panel>
              <Tabs.Panel value="notes" pt="sm">
                <LeadNotes leadId={leadId} canWrite={canWrite} />
              </Tabs.Panel>
              <Tabs.Panel value="activity" pt="sm">
                <LeadActivity leadId={leadId} canWrite={canWrite} />
              </Tabs.Panel>
              <Tabs.Panel value="lists" pt="sm">
                <LeadLists lead={lead.data} canWrite={canWrite} />
              </Tabs.Panel>
            </Tabs>
            {canWrite ? (
              <Group justify="flex-end">
                {lead.data.deleted_at ? (
                  <Button
                    variant="light"
                    size="xs"
                    loading={restore.isPending}
                    onClick={() => restore.mutate(leadId, { onError: (e) => notifications.show({ color: 'red', title: 'Could not restore', message: describeError(e) }) })}
                  >
                    Restore
                  </Button>
                ) : (
                  <ConfirmButton
                    leftSection={<IconTrash size={14} />}
                    title="Delete this lead?"
                    message="It goes to the trash and can be restored for 30 days."
                    confirmLabel="Delete"
                    onConfirm={() => remove.mutateAsync(leadId).then(() => setOpened(false))}
                    data-testid="lead-delete"
                  >
                    Delete lead
                  </ConfirmButton>
                )}
              </Group>
            ) : null}
          </Stack>
        ) : null}
      </QueryState>
    </Drawer>
  );
}
