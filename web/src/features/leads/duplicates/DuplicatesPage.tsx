import { Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { useCan } from '../../auth/session';
import { DUPLICATE_KEYS, useDuplicates, type DuplicateKey } from './api';
import { DuplicateGroupCard } from './DuplicateGroupCard';

const KEY_LABELS: Record<DuplicateKey, string> = { linkedin_url: 'Same LinkedIn', phone: 'Same phone', name_company: 'Same name and company domain' };

/** /app/leads/duplicates: candidates grouped by a shared key, each group mergeable. */
export function DuplicatesPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('key');
  const key: DuplicateKey = DUPLICATE_KEYS.find((k) => k === raw) ?? 'linkedin_url';
  const groups = useDuplicates(key);
  const canMerge = useCan('member');
  const items = groups.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md" data-testid="duplicates-page">
      <PageHeader
        title="Duplicates"
        description="Leads that look like the same person. One lead per email is enforced; these share another key."
        actions={
          <Button component={Link} to="/app/leads" variant="default" leftSection={<IconArrowLeft size={16} />}>
            Back to leads
          </Button>
        }
      />
      <SegmentedControl
        aria-label="Match on"
        value={key}
        onChange={(k) => setParams({ key: k }, { replace: true })}
        data={DUPLICATE_KEYS.map((k) => ({ value: k, label: KEY_LABELS[k] }))}
        w="fit-content"
        data-testid="duplicate-key"
      />
      <QueryState isPending={groups.isPending} error={groups.error} onRetry={() => void groups.refetch()}>
        {items.length === 0 ? (
          <Card withBorder radius="md" p="xl">
            <Text c="dimmed" ta="center" data-testid="duplicates-empty">
              No duplicates on this key.
            </Text>
          </Card>
        ) : (
          items.map((g) => <DuplicateGroupCard key={`${g.key}:${g.value}`} group={g} canMerge={canMerge} />)
        )}
        {groups.hasNextPage ? (
          <Group justify="center">
            <Button variant="light" onClick={() => void groups.fetchNextPage()} loading={groups.isFetchingNextPage}>
              More groups
            </Button>
          </Group>
        ) : null}
      </QueryState>
    </Stack>
  );
}
