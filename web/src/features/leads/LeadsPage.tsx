import { Button, Card, Group, Stack, Switch, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowLeft, IconCopy, IconDownload, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import type { Member } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useCan } from '../auth/session';
import { useList, useLists } from '../lists/api';
import { useMembers } from '../settings/api';
import { useCustomFields, useLeadsCount, useLeadsPage } from './api';
import { matchOf, type BulkSelection } from './bulk';
import { BulkActionBar } from './BulkActionBar';
import { ColumnChooser } from './ColumnChooser';
import { CreateLeadModal } from './CreateLeadModal';
import { ExportDialog } from './export/ExportDialog';
import { DEFAULT_COLUMNS, fieldCatalog, type FieldDef } from './fields';
import { FilterBuilder } from './FilterBuilder';
import { FilterChips } from './FilterChips';
import { FILTER_ONLY_FIELDS } from './filters';
import { LeadSearchBox } from './LeadSearchBox';
import { LeadsPager } from './LeadsPager';
import { LeadsTable } from './LeadsTable';
import { filterTree, leadQuery } from './query';
import { STAGE_LABELS } from './StageBadge';
import type { Stage } from './types';
import { useColumns } from './useColumns';
import { useKeysetPages } from './useKeysetPages';
import { useLeadsView } from './useLeadsView';
import { SavedViewsMenu } from './views/SavedViewsMenu';

const countText = (c: { count: number; capped: boolean } | undefined) => (c ? `${c.count.toLocaleString()}${c.capped ? '+' : ''}` : '…');

/** The leads table: search, filters, saved views, sort, keyset pages, selection and bulk actions; a row opens its drawer. */
export function LeadsPage() {
  const { view, listId, setQuery, setRules, setSort, setList, setSavedView, setTrash } = useLeadsView();
  const navigate = useNavigate();
  const { search } = useLocation();
  const { leadId } = useParams();
  const canWrite = useCan('member');
  const customFields = useCustomFields();
  const members = useMembers();
  const lists = useLists({ archived: 'all' });
  const list = useList(listId);
  const [columns, setColumns] = useColumns();
  const [limit, setLimit] = useState(50);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [creating, create] = useDisclosure(false);
  const [exporting, exportDialog] = useDisclosure(false);

  const catalog = useMemo(() => fieldCatalog(customFields.data), [customFields.data]);
  const filterFields = useMemo(() => [...FILTER_ONLY_FIELDS, ...[...catalog.values()].filter((f) => f.id !== 'full_name')], [catalog]);
  const filterFieldMap = useMemo(() => new Map(filterFields.map((f) => [f.id, f])), [filterFields]);
  const query = useMemo(() => leadQuery(view, filterFieldMap), [view, filterFieldMap]);
  const match = useMemo(() => matchOf(query), [query]);
  const pages = useKeysetPages(JSON.stringify([query, limit]));
  const leads = useLeadsPage(query, pages.cursor, limit);
  const count = useLeadsCount(match);
  const rows = leads.data?.items ?? [];

  // A new query is a new set of leads: what was picked no longer means the same thing.
  const [pickedFor, setPickedFor] = useState(JSON.stringify(match));
  if (pickedFor !== JSON.stringify(match)) {
    setPickedFor(JSON.stringify(match));
    setPicked(new Set());
    setAllMatching(false);
  }

  const shownColumns = columns.map((id) => catalog.get(id)).filter((f): f is FieldDef => !!f);
  const memberMap = useMemo(() => new Map<string, Member>((members.data ?? []).map((m) => [m.userId, m])), [members.data]);
  const sort = view.sort ?? 'created_at';
  const order = view.order ?? (sort === 'created_at' || sort === 'updated_at' || sort === 'closed_at' ? 'desc' : 'asc');

  const select = (ids: string[], on: boolean) => {
    setAllMatching(false);
    setPicked((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  };
  const clearSelection = () => {
    setPicked(new Set());
    setAllMatching(false);
  };
  const selection: BulkSelection | null = allMatching ? { match } : picked.size ? { ids: [...picked] } : null;
  const pageFullyPicked = rows.length > 0 && rows.every((l) => picked.has(l.id));
  const moreMatch = !!count.data && (count.data.capped || count.data.count > picked.size);

  const valueLabel = (field: string, value: string) => {
    if (field === 'list_id') return lists.data?.find((l) => l.id === value)?.name ?? value;
    if (field === 'owner_id') return memberMap.get(value)?.name ?? value;
    if (field === 'stage') return STAGE_LABELS[value as Stage] ?? value;
    return value;
  };

  return (
    <Stack gap="md" data-testid="leads-page">
      <PageHeader
        title={listId ? list.data?.name ?? 'List' : 'Leads'}
        description={
          listId ? (
            <Button component={Link} to="/app/lists" variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={14} />} onClick={() => setList(null)}>
              Back to lists
            </Button>
          ) : (
            'Every person and company in your workspace. Click a row to see and edit the lead.'
          )
        }
        actions={
          <Group gap="xs">
            <Button variant="default" component={Link} to="/app/leads/duplicates" leftSection={<IconCopy size={16} />} data-testid="open-duplicates">
              Duplicates
            </Button>
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={exportDialog.open} data-testid="export-leads">
              Export
            </Button>
            {canWrite ? (
              <Button leftSection={<IconPlus size={16} />} onClick={create.open} data-testid="new-lead">
                New lead
              </Button>
            ) : null}
          </Group>
        }
      />
      <Card withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Group gap="xs">
              <SavedViewsMenu
                activeId={view.viewId}
                current={{
                  query: { q: view.q.trim() || undefined, filter: filterTree(view, filterFieldMap), list_id: listId ?? undefined },
                  columns,
                  sort: view.sort,
                  order: view.order,
                }}
                onSelect={(v) => {
                  setSavedView(v?.id ?? null);
                  if (v?.columns.length) setColumns(v.columns.filter((c) => catalog.has(c)));
                }}
              />
              <LeadSearchBox value={view.q} onChange={setQuery} />
              <FilterBuilder rules={view.rules} fields={filterFields} onApply={setRules} lists={lists.data ?? []} members={members.data ?? []} />
            </Group>
            <Group gap="xs">
              <Text size="sm" c="dimmed" data-testid="leads-count">
                {countText(count.data)} lead{count.data?.count === 1 && !count.data.capped ? '' : 's'}
              </Text>
              <Switch label="Trash" checked={view.trash} onChange={(e) => setTrash(e.currentTarget.checked)} data-testid="leads-trash" />
              <ColumnChooser fields={[...catalog.values()]} columns={columns} onChange={setColumns} onReset={() => setColumns(DEFAULT_COLUMNS)} />
            </Group>
          </Group>
          <FilterChips rules={view.rules} fields={filterFieldMap} valueLabel={valueLabel} onChange={setRules} />
          <QueryState isPending={leads.isPending} error={leads.error} onRetry={() => void leads.refetch()}>
            {rows.length === 0 ? (
              <Text c="dimmed" ta="center" py="xl" data-testid="leads-empty">
                {view.trash ? 'The trash is empty. Deleted leads stay here for 30 days.' : view.q || view.rules.length || view.viewId ? 'No leads match.' : listId ? 'This list has no leads yet.' : 'No leads yet. Import a file or create a lead.'}
              </Text>
            ) : (
              <LeadsTable
                leads={rows}
                columns={shownColumns}
                members={memberMap}
                sort={sort}
                order={order}
                onSort={setSort}
                selected={allMatching ? new Set(rows.map((l) => l.id)) : picked}
                onSelect={canWrite ? select : undefined}
                onOpen={(lead) => void navigate({ pathname: `/app/leads/${lead.id}`, search })}
                activeId={leadId}
              />
            )}
            <LeadsPager
              page={pages.page}
              shown={rows.length}
              limit={limit}
              hasNext={!!leads.data?.nextCursor}
              loading={leads.isFetching}
              onPrev={pages.prev}
              onNext={() => leads.data?.nextCursor && pages.next(leads.data.nextCursor)}
              onLimit={setLimit}
            />
          </QueryState>
        </Stack>
      </Card>
      {canWrite ? (
        <BulkActionBar
          selection={selection}
          countLabel={allMatching ? `All ${countText(count.data)} matching leads` : `${picked.size.toLocaleString()} lead${picked.size === 1 ? '' : 's'}`}
          matchingLabel={countText(count.data)}
          canSelectAllMatching={!allMatching && pageFullyPicked && moreMatch}
          onSelectAllMatching={() => setAllMatching(true)}
          lists={lists.data ?? []}
          members={members.data ?? []}
          onClear={clearSelection}
          onExport={exportDialog.open}
          trash={view.trash}
        />
      ) : null}
      {creating ? <CreateLeadModal onClose={create.close} listId={listId} onCreated={(l) => void navigate({ pathname: `/app/leads/${l.id}`, search })} /> : null}
      {exporting ? (
        <ExportDialog onClose={exportDialog.close} match={match} selectedIds={allMatching ? null : picked.size ? [...picked] : null} listId={listId} fields={[...catalog.values()]} columns={columns} />
      ) : null}
      <Outlet />
    </Stack>
  );
}
