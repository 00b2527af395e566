import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { UndoReport } from './types';

const SHOWN_KEPT = 20;

const leadsCount = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'lead' : 'leads'}`;

/** What an undo did, and the leads it left alone because someone changed them since the import. */
export function UndoReportAlert({ report }: { report: UndoReport }) {
  const kept = report.keptChanged;
  return (
    <Alert color={kept.length ? 'yellow' : 'teal'} variant="light" icon={<IconArrowBackUp size={18} />} title="Import undone" data-testid="undo-report">
      <Text size="sm" data-testid="undo-summary">
        {leadsCount(report.removed)} removed, {leadsCount(report.restored)} restored.
        {kept.length ? ` ${leadsCount(kept.length)} changed by someone since the import ${kept.length === 1 ? 'was' : 'were'} left as ${kept.length === 1 ? 'it is' : 'they are'}:` : ''}
      </Text>
      {kept.length ? (
        <List size="sm" mt="xs" data-testid="undo-kept">
          {kept.slice(0, SHOWN_KEPT).map((k) => (
            <List.Item key={k.leadId}>
              <Anchor component={Link} to={`/app/leads/${k.leadId}`} size="sm">
                {k.leadId}
              </Anchor>{' '}
              ({k.action === 'created' ? 'created by the import, kept' : 'updated by the import, not restored'})
            </List.Item>
          ))}
          {kept.length > SHOWN_KEPT ? <List.Item>… and {(kept.length - SHOWN_KEPT).toLocaleString()} more</List.Item> : null}
        </List>
      ) : null}
    </Alert>
  );
}
