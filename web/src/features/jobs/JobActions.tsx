import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPause, IconPlayerPlay, IconPlayerStop, IconRotateClockwise } from '@tabler/icons-react';
import { describeError } from '../../api/errors';
import type { Job } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { useCan } from '../auth/session';
import { useJobAction, type JobAction } from './api';
import { formatCount } from './format';

const DONE: Record<JobAction, string> = { pause: 'Job paused', resume: 'Job resumed', cancel: 'Job cancelled', retry: 'Retrying the failed items' };

/** Pause, resume, cancel, retry the failed items: what the job's status allows, for members and up. */
export function JobActions({ job }: { job: Job }) {
  const canAct = useCan('member');
  const action = useJobAction(job.id);
  if (!canAct) return null;

  const run = (a: JobAction) => action.mutateAsync(a).then(() => notifications.show({ color: 'teal', message: DONE[a] }));
  const runQuietly = (a: JobAction) => run(a).catch((e: unknown) => notifications.show({ color: 'red', title: 'That did not work', message: describeError(e) }));
  const busy = (a: JobAction) => action.isPending && action.variables === a;
  const canRetry = (job.status === 'partial' || job.status === 'failed') && job.failed + (job.total - job.processed) > 0;

  return (
    <Group gap="xs" data-testid="job-actions">
      {job.status === 'queued' || job.status === 'running' ? (
        <Button size="xs" variant="light" color="yellow" leftSection={<IconPlayerPause size={14} />} loading={busy('pause')} onClick={() => void runQuietly('pause')}>
          Pause
        </Button>
      ) : null}
      {job.status === 'paused' ? (
        <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} loading={busy('resume')} onClick={() => void runQuietly('resume')}>
          Resume
        </Button>
      ) : null}
      {canRetry ? (
        <Button size="xs" variant="light" leftSection={<IconRotateClockwise size={14} />} loading={busy('retry')} onClick={() => void runQuietly('retry')}>
          Retry failed ({formatCount(job.failed + job.total - job.processed)})
        </Button>
      ) : null}
      {job.status === 'queued' || job.status === 'running' || job.status === 'paused' ? (
        <ConfirmButton
          size="xs"
          variant="light"
          leftSection={<IconPlayerStop size={14} />}
          title="Cancel this job?"
          message={`The ${formatCount(job.total - job.processed)} items not processed yet are dropped and the credits held for them are released. This cannot be undone.`}
          confirmLabel="Cancel the job"
          onConfirm={() => run('cancel')}
        >
          Cancel
        </ConfirmButton>
      ) : null}
    </Group>
  );
}
