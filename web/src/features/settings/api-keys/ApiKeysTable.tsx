import { Badge, Code, Table, Text } from '@mantine/core';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { ROLE_COLORS, ROLE_LABELS } from '../../../lib/roles';
import { useApiKeys, useMemberNames, useRevokeApiKey } from '../api';

// Keys look like lf_<prefix>_<secret>; show the part that identifies the key.
const displayPrefix = (prefix: string) => (prefix.startsWith('lf_') ? `${prefix}…` : `lf_${prefix}_…`);

export function ApiKeysTable() {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const nameOf = useMemberNames();

  return (
    <QueryState isPending={keys.isPending} error={keys.error} onRetry={() => void keys.refetch()}>
      {keys.data?.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-api-keys">
          No API keys yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" data-testid="api-keys-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th w={110} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data?.map((k) => (
                <Table.Tr key={k.id} data-testid="api-key-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {k.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{displayPrefix(k.prefix)}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={ROLE_COLORS[k.role]}>
                      {ROLE_LABELS[k.role]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(k.createdAt)}</Text>
                    <Text size="xs" c="dimmed">
                      by {nameOf(k.createdBy)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={k.lastUsedAt ? undefined : 'dimmed'} title={formatDateTime(k.lastUsedAt)}>
                      {formatRelative(k.lastUsedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <ConfirmButton
                      title={`Revoke "${k.name}"?`}
                      message="Anything using this key will stop working at once. This cannot be undone."
                      confirmLabel="Revoke key"
                      onConfirm={() => revoke.mutateAsync(k.id)}
                      aria-label={`Revoke key ${k.name}`}
                    >
                      Revoke
                    </ConfirmButton>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryState>
  );
}
