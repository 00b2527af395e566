import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { CreatedApiKey } from '../../../api/types';
import { ApiKeyCreatedModal } from './ApiKeyCreatedModal';
import { ApiKeysTable } from './ApiKeysTable';
import { CreateApiKeyForm } from './CreateApiKeyForm';

export function ApiKeysPage() {
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  return (
    <Stack gap="lg">
      <Card withBorder radius="md" p="lg">
        <Stack>
          <Stack gap={4}>
            <Title order={4}>Create an API key</Title>
            <Text size="sm" c="dimmed">
              Scripts and integrations use a key as <code>Authorization: Bearer lf_…</code>. A key acts with the role you give it in
              this workspace. See the{' '}
              <Anchor href="/docs" target="_blank" rel="noreferrer">
                API reference
              </Anchor>
              .
            </Text>
          </Stack>
          <CreateApiKeyForm onCreated={setCreated} />
        </Stack>
      </Card>
      <Card withBorder radius="md" p="lg">
        <Stack>
          <Title order={4}>Keys</Title>
          <ApiKeysTable />
        </Stack>
      </Card>
      <ApiKeyCreatedModal created={created} onClose={() => setCreated(null)} />
    </Stack>
  );
}
