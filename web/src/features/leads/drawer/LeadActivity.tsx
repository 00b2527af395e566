import { Button, Text, Timeline } from '@mantine/core';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useLeadActivity } from '../api';
import { activityDetail, activityTitle } from './activity-text';
import { sourceLabel } from './provenance';

/** The lead's timeline, newest first: created, imported, fields changed, verified, merged… */
export function LeadActivity({ leadId }: { leadId: string }) {
  const activity = useLeadActivity(leadId);
  const items = activity.data?.pages.flatMap((p) => p.items) ?? [];
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
