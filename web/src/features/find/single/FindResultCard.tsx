import { ActionIcon, Badge, Card, CopyButton, Group, List, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { formatCredits } from '../../credits/format';
import { VerifyStatusBadge } from '../../verify/VerifyStatusBadge';
import { DOMAIN_SOURCE_TEXT, REASON_TEXT, STATUS_COLOR, STATUS_LABEL } from '../explain';
import type { SingleFindResult } from '../types';

/** The answer and why: the address, how sure we are, how the domain and pattern were chosen, what was checked. */
export function FindResultCard({ result }: { result: SingleFindResult }) {
  return (
    <Card withBorder radius="md" p="lg" data-testid="find-result" data-status={result.status}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={3} data-testid="find-result-email">
                {result.email ?? 'No address found'}
              </Title>
              {result.email ? (
                <CopyButton value={result.email}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? 'Copied' : 'Copy'}>
                      <ActionIcon variant="subtle" onClick={copy} aria-label="Copy the address">
                        {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              ) : null}
            </Group>
            <Text size="sm" data-testid="find-result-reason">
              {REASON_TEXT[result.reason]}
            </Text>
          </Stack>
          <Badge color={STATUS_COLOR[result.status]} size="lg" data-testid="find-result-status">
            {STATUS_LABEL[result.status]}
          </Badge>
        </Group>
        {result.email ? (
          <Stack gap={4}>
            <Group justify="space-between">
              <Text size="sm" fw={500}>
                Confidence
              </Text>
              <Text size="sm" data-testid="find-result-confidence">
                {result.confidence} / 100
              </Text>
            </Group>
            <Progress value={result.confidence} color={STATUS_COLOR[result.status]} aria-label="Confidence" />
          </Stack>
        ) : null}
        <List size="sm" spacing={4}>
          {result.domain ? (
            <List.Item>
              Domain <b>{result.domain}</b> ({result.domainSource ? DOMAIN_SOURCE_TEXT[result.domainSource] : 'not chosen'})
            </List.Item>
          ) : null}
          {result.pattern ? (
            <List.Item data-testid="find-result-pattern">
              Address pattern <code>{result.pattern}</code>
            </List.Item>
          ) : null}
          <List.Item data-testid="find-result-checked">
            {result.candidatesChecked.length === 0
              ? 'No address had to be asked of the mail server'
              : `Asked the mail server about ${result.candidatesChecked.length} address${result.candidatesChecked.length === 1 ? '' : 'es'}: ${result.candidatesChecked.join(', ')}`}
          </List.Item>
          {result.verification ? (
            <List.Item>
              Verification: <VerifyStatusBadge status={result.verification.status} size="sm" /> score {result.verification.score}
            </List.Item>
          ) : null}
          <List.Item>{result.chargedMilli > 0 ? `${formatCredits(result.chargedMilli)} credit charged` : 'No credit charged'}</List.Item>
        </List>
      </Stack>
    </Card>
  );
}
