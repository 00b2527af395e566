import { Affix, Anchor, Button, Group, Paper, Select, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconListCheck, IconListDetails, IconTag, IconTagOff, IconTrash, IconUser, IconTimeline } from '@tabler/icons-react';
import { Link } from 'react-router';
import { describeError } from '../../api/errors';
import type { Member } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FindEmailsButton } from '../find/FindEmailsButton';
import type { LeadList } from '../lists/types';
import { useLeadsMutation } from './api';
import { runBulkAction, type BulkAction, type BulkSelection } from './bulk';
import { BulkPickPopover } from './BulkPickPopover';
import { STAGE_LABELS } from './StageBadge';
import { STAGES, type Stage } from './types';

interface Props {
  selection: BulkSelection | null;
  /** "2 leads", "everything matching (1,000+ leads)". */
  countLabel: string;
  /** How many leads match the table's query ("1,000+" when capped). */
  matchingLabel: string;
  /** Offered when a whole page is picked and more leads match. */
  canSelectAllMatching: boolean;
  onSelectAllMatching: () => void;
  lists: LeadList[];
  members: Member[];
  onClear: () => void;
  onExport: () => void;
  /** The selection is in the trash: restoring is all there is to do. */
  trash: boolean;
}

const plural = (n: number) => `${n.toLocaleString()} lead${n === 1 ? '' : 's'}`;

/** Appears while leads are selected: tag, lists, stage, owner, delete, export — on ids or on everything matching. */
export function BulkActionBar({ selection, countLabel, matchingLabel, canSelectAllMatching, onSelectAllMatching, lists, members, onClear, onExport, trash }: Props) {
  const bulk = useLeadsMutation((action: BulkAction) => runBulkAction(action, selection!));
  if (!selection) return null;

  const run = (action: BulkAction, done: (n: number) => string) =>
    bulk.mutateAsync(action).then(
      (r) => {
        if (r.mode === 'job') {
          notifications.show({
            color: 'blue',
            title: `Working through ${plural(r.matched)} in the background`,
            message: (
              <Anchor component={Link} to={`/app/jobs/${r.jobId}`} size="sm">
                Follow the job
              </Anchor>
            ),
          });
        } else {
          notifications.show({ color: 'teal', message: done(r.changed) });
        }
        if (action.type === 'delete' || action.type === 'restore') onClear();
      },
      (e: unknown) => {
        notifications.show({ color: 'red', title: 'The bulk action did not run', message: describeError(e) });
      },
    );

  const listOptions = lists.filter((l) => !l.archivedAt).map((l) => ({ value: l.id, label: l.name }));
  const listName = (id: string) => lists.find((l) => l.id === id)?.name ?? 'the list';

  return (
    <Affix position={{ bottom: 20, left: '50%' }} style={{ transform: 'translateX(-50%)' }}>
      <Paper shadow="lg" withBorder radius="md" p="sm" data-testid="bulk-bar">
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={600} data-testid="bulk-count" style={{ whiteSpace: 'nowrap' }}>
            {countLabel} selected
          </Text>
          {canSelectAllMatching ? (
            <Button variant="subtle" size="compact-xs" onClick={onSelectAllMatching} data-testid="bulk-select-all">
              Select all {matchingLabel} matching
            </Button>
          ) : null}
          {trash ? (
            <Button variant="light" size="xs" onClick={() => void run({ type: 'restore' }, (n) => `Restored ${plural(n)}`)} loading={bulk.isPending} data-testid="bulk-restore">
              Restore
            </Button>
          ) : (
            <>
              <BulkPickPopover label="Tag" icon={<IconTag size={14} />} applyLabel="Add tag" testId="bulk-tag" onApply={(tag) => run({ type: 'tag', tags: [tag] }, (n) => `Tagged ${plural(n)} “${tag}”`)}>
                {(v, set) => <TextInput label="Tag" data-autofocus value={v ?? ''} onChange={(e) => set(e.currentTarget.value || null)} data-testid="bulk-tag-input" />}
              </BulkPickPopover>
              <BulkPickPopover label="Untag" icon={<IconTagOff size={14} />} applyLabel="Remove tag" testId="bulk-untag" onApply={(tag) => run({ type: 'untag', tags: [tag] }, (n) => `Removed “${tag}” from ${plural(n)}`)}>
                {(v, set) => <TextInput label="Tag" data-autofocus value={v ?? ''} onChange={(e) => set(e.currentTarget.value || null)} data-testid="bulk-untag-input" />}
              </BulkPickPopover>
              <BulkPickPopover label="Add to list" icon={<IconListCheck size={14} />} applyLabel="Add" testId="bulk-add-list" onApply={(listId) => run({ type: 'add_to_list', list_id: listId }, (n) => `Added ${plural(n)} to ${listName(listId)}`)}>
                {(v, set) => <Select label="List" data={listOptions} value={v} onChange={set} searchable comboboxProps={{ withinPortal: false }} data-testid="bulk-list-select" />}
              </BulkPickPopover>
              <BulkPickPopover label="Remove from list" icon={<IconListDetails size={14} />} applyLabel="Remove" testId="bulk-remove-list" onApply={(listId) => run({ type: 'remove_from_list', list_id: listId }, (n) => `Removed ${plural(n)} from ${listName(listId)}`)}>
                {(v, set) => <Select label="List" data={listOptions} value={v} onChange={set} searchable comboboxProps={{ withinPortal: false }} />}
              </BulkPickPopover>
              <BulkPickPopover label="Stage" icon={<IconTimeline size={14} />} applyLabel="Set stage" testId="bulk-stage" onApply={(stage) => run({ type: 'set_stage', stage: stage as Stage }, (n) => `Moved ${plural(n)} to ${STAGE_LABELS[stage as Stage]}`)}>
                {(v, set) => <Select label="Stage" data={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))} value={v} onChange={set} comboboxProps={{ withinPortal: false }} data-testid="bulk-stage-select" />}
              </BulkPickPopover>
              <BulkPickPopover label="Owner" icon={<IconUser size={14} />} applyLabel="Set owner" testId="bulk-owner" onApply={(ownerId) => run({ type: 'set_owner', owner_id: ownerId === 'none' ? null : ownerId }, (n) => `Changed the owner of ${plural(n)}`)}>
                {(v, set) => (
                  <Select
                    label="Owner"
                    data={[{ value: 'none', label: 'Nobody' }, ...members.map((m) => ({ value: m.userId, label: m.name || m.email }))]}
                    value={v}
                    onChange={set}
                    searchable
                    comboboxProps={{ withinPortal: false }}
                  />
                )}
              </BulkPickPopover>
              <FindEmailsButton leads={selection} countLabel={countLabel} />
              <Button variant="light" size="xs" leftSection={<IconDownload size={14} />} onClick={onExport} data-testid="bulk-export">
                Export
              </Button>
              <ConfirmButton
                leftSection={<IconTrash size={14} />}
                title={`Delete ${countLabel}?`}
                message="They go to the trash and can be restored for 30 days."
                confirmLabel="Delete"
                onConfirm={() => run({ type: 'delete' }, (n) => `Deleted ${plural(n)}`)}
                data-testid="bulk-delete"
              >
                Delete
              </ConfirmButton>
            </>
          )}
          <Button variant="subtle" color="gray" size="xs" onClick={onClear} data-testid="bulk-clear">
            Clear
          </Button>
        </Group>
      </Paper>
    </Affix>
  );
}
