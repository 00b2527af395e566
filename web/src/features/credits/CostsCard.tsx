import { Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { describeError } from '../../api/errors';
import type { CreditCost } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { QueryState } from '../../components/QueryState';
import { useCan } from '../auth/session';
import { useCreditCosts, useSetCreditCosts } from './api';
import { CostsTable, type CostDrafts } from './CostsTable';

const FEATURE_NAME = /^[a-z][a-z0-9_]{0,49}(:[a-z0-9][a-z0-9_.-]{0,49})?$/;

/** Changed costs as the API takes them (credits), or an error message. */
function changedCosts(costs: CreditCost[], drafts: CostDrafts): Record<string, number> | string {
  const out: Record<string, number> = {};
  for (const c of costs) {
    const d = drafts[c.feature];
    if (d === undefined) continue;
    if (d === '' || !Number.isFinite(Number(d)) || Number(d) < 0) return `Enter a cost of 0 or more for ${c.feature}`;
    if (Math.round(Number(d) * 1000) !== c.costMilli) out[c.feature] = Number(d);
  }
  return out;
}

/** What each feature costs; admins override costs, add one for a new feature, or restore defaults. */
export function CostsCard() {
  const isAdmin = useCan('admin');
  const costs = useCreditCosts();
  const save = useSetCreditCosts();
  const [drafts, setDrafts] = useState<CostDrafts>({});
  const [error, setError] = useState<string | null>(null);
  const items = costs.data ?? [];
  const changes = changedCosts(items, drafts);
  const dirty = typeof changes === 'string' || Object.keys(changes).length > 0;

  const put = (body: Record<string, number | null>, done: string) => {
    setError(null);
    save.mutate(body, {
      onSuccess: () => {
        setDrafts({});
        notifications.show({ color: 'teal', message: done });
      },
      onError: (e) => setError(describeError(e)),
    });
  };

  return (
    <Card withBorder radius="md" p="lg">
      <Stack>
        <Stack gap={4}>
          <Title order={4}>Costs</Title>
          <Text size="sm" c="dimmed">
            Credits charged per item. Items that find nothing or hit a provider error are refunded.
          </Text>
        </Stack>
        <FormAlert message={error} title="Could not save the costs" />
        <QueryState isPending={costs.isPending} error={costs.error} onRetry={() => void costs.refetch()}>
          <CostsTable
            costs={items}
            drafts={isAdmin ? drafts : undefined}
            onDraft={isAdmin ? (f, v) => setDrafts((d) => ({ ...d, [f]: v })) : undefined}
            onRestoreDefault={(f) => put({ [f]: null }, `${f} is back to its default cost`)}
            busy={save.isPending}
          />
          {isAdmin ? (
            <Group justify="space-between" align="flex-end">
              <AddFeatureCost known={items.map((c) => c.feature)} busy={save.isPending} onAdd={(f, cost) => put({ [f]: cost }, `${f} now costs ${cost} credits`)} />
              <Button
                disabled={!dirty}
                loading={save.isPending}
                onClick={() => (typeof changes === 'string' ? setError(changes) : put(changes, 'Costs saved'))}
                data-testid="costs-save"
              >
                Save costs
              </Button>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              Only admins can change costs.
            </Text>
          )}
        </QueryState>
      </Stack>
    </Card>
  );
}

function AddFeatureCost({ known, busy, onAdd }: { known: string[]; busy: boolean; onAdd: (feature: string, cost: number) => void }) {
  const [feature, setFeature] = useState('');
  const [cost, setCost] = useState<number | string>('');
  const name = feature.trim();
  const nameError = name && (!FEATURE_NAME.test(name) ? 'Like enrich:provider' : known.includes(name) ? 'Already listed' : null);
  const valid = Boolean(name) && !nameError && cost !== '' && Number(cost) >= 0;
  return (
    <Group align="flex-start" gap="xs">
      <TextInput label="New feature" placeholder="enrich:provider" value={feature} onChange={(e) => setFeature(e.currentTarget.value)} error={nameError || undefined} w={200} size="xs" />
      <NumberInput label="Cost" placeholder="1.5" value={cost} onChange={setCost} min={0} decimalScale={3} w={100} size="xs" />
      <Button
        size="xs"
        variant="light"
        mt={22}
        disabled={!valid || busy}
        onClick={() => {
          onAdd(name, Number(cost));
          setFeature('');
          setCost('');
        }}
      >
        Add
      </Button>
    </Group>
  );
}
