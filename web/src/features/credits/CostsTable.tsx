import { ActionIcon, Badge, Code, NumberInput, Table, Text, Tooltip } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import type { CreditCost } from '../../api/types';
import { featureLabel, formatCredits, formatOptionalCredits } from './format';

export type CostDrafts = Record<string, number | string>;

interface Props {
  costs: CreditCost[];
  /** Present for admins: the costs become inputs. */
  drafts?: CostDrafts;
  onDraft?: (feature: string, value: number | string) => void;
  onRestoreDefault?: (feature: string) => void;
  busy?: boolean;
}

/** Cost per feature: the default and the workspace's override, editable by admins. */
export function CostsTable({ costs, drafts, onDraft, onRestoreDefault, busy }: Props) {
  const editable = Boolean(drafts && onDraft);
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" data-testid="costs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Feature</Table.Th>
            <Table.Th ta="right">Default</Table.Th>
            <Table.Th ta="right">Cost per item</Table.Th>
            <Table.Th>Source</Table.Th>
            {editable ? <Table.Th w={48} /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {costs.map((c) => (
            <Table.Tr key={c.feature} data-testid="cost-row" data-feature={c.feature}>
              <Table.Td>
                <Text size="sm">{featureLabel(c.feature)}</Text>
                <Code fz="xs">{c.feature}</Code>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" c="dimmed">
                  {formatOptionalCredits(c.defaultMilli, '—')}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                {editable ? (
                  <NumberInput
                    aria-label={`Cost of ${c.feature}`}
                    value={drafts![c.feature] ?? c.costMilli / 1000}
                    onChange={(v) => onDraft!(c.feature, v)}
                    min={0}
                    decimalScale={3}
                    w={130}
                    ml="auto"
                    size="xs"
                    disabled={busy}
                  />
                ) : (
                  <Text size="sm" fw={600}>
                    {formatCredits(c.costMilli)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={c.source === 'workspace' ? 'indigo' : 'gray'}>
                  {c.source === 'workspace' ? 'This workspace' : 'Default'}
                </Badge>
              </Table.Td>
              {editable ? (
                <Table.Td>
                  {c.source === 'workspace' ? (
                    <Tooltip label={c.defaultMilli === null ? 'Remove the price' : 'Back to the default'}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Restore the default cost of ${c.feature}`}
                        onClick={() => onRestoreDefault?.(c.feature)}
                        disabled={busy}
                      >
                        <IconArrowBackUp size={16} />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
