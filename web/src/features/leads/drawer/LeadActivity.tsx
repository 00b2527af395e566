import { Button, Text, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { describeError } from '../../../api/errors';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useLeadActivity } from '../api';
import { useUndoMerge } from '../duplicates/api';
import { activityDetail, activityTitle } from './activity-text';
import { sourceLabel } from './provenance';

/** The lead's timeline, newest first: created, imported, fields changed, verified, merged… A merge can be undone from its entry. */
export function LeadActivity({ leadId, canWrite }: { leadId: string; canWrite: boolean }) {
  const activity = useLeadActivity(leadId);
  const undo = useUndoMerge();
  const items = activity.data?.pages.flatMap((p) => p.items) ?? [];
  const undoMerge = (mergeId: string) =>
    undo.mutateAsync(mergeId).then(
      (r) => notifications.show({ color: 'teal', message: `Merge undone: ${r.restoredLeadIds.length} lead${r.restoredLeadIds.length === 1 ? '' : 's'} back as they were` }),
      (e: unknown) => notifications.show({ color: 'red', title: 'Could not undo the merge', message: describeError(e) }),
    );
  return (
    <QueryState isPending={activity.isPending} error={activity.error} onRetry={() => void activity.refetch()}>
      <Timeline bulletSize={12} lineWidth={2} data-testid="lead-activity">
        {items.map((a) => {
          const detail = activityDetail(a);
          return (
            <Timeline.Item key={a.id} title={activityTitle(a)} data-testid="activity" data-type={a.type}>
              {detail ? (
                <Text size="xs" lineClamp={2}>
                  {detail}
                </Text>
              ) : null}
              <Text size="xs" c="dimmed" title={formatDateTime(a.createdAt)}>
                {a.source ? `${sourceLabel(a.source)} · ` : ''}
                {formatRelative(a.createdAt)}
              </Text>
              {canWrite && a.type === 'merged' && typeof a.data.mergeId === 'string' ? (
                <Button variant="subtle" size="compact-xs" data-testid="activity-undo-merge" loading={undo.isPending} onClick={() => void undoMerge(a.data.mergeId as string)}>
                  Undo merge
                </Button>
              ) : null}
            </Timeline.Item>
          );
        })}
      </Timeline>
      {activity.hasNextPage ? (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => void activity.fetchNextPage()} loading={activity.isFetchingNextPage}>
          Older activity
        </Button>
      ) : null}
    </QueryState>
  );
}
