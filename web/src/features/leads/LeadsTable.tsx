import { Checkbox, Table } from '@mantine/core';
import type { Member } from '../../api/types';
import type { FieldDef } from './fields';
import { LeadCell } from './LeadCell';
import { SortHeader } from './SortHeader';
import type { Lead } from './types';

interface Props {
  leads: Lead[];
  columns: FieldDef[];
  members: Map<string, Member>;
  sort: string;
  order: 'asc' | 'desc';
  onSort: (sort: string, order: 'asc' | 'desc') => void;
  selected: ReadonlySet<string>;
  /** Absent: no selection column (viewers have no bulk actions). */
  onSelect?: (ids: string[], on: boolean) => void;
  onOpen: (lead: Lead) => void;
  activeId?: string;
}

/** One page of leads; a row opens its lead, the checkboxes pick leads for bulk actions. */
export function LeadsTable({ leads, columns, members, sort, order, onSort, selected, onSelect, onOpen, activeId }: Props) {
  const pageIds = leads.map((l) => l.id);
  const selectedOnPage = pageIds.filter((id) => selected.has(id)).length;
  return (
    <Table.ScrollContainer minWidth={Math.max(720, columns.length * 150)}>
      <Table verticalSpacing={6} highlightOnHover stickyHeader data-testid="leads-table">
        <Table.Thead>
          <Table.Tr>
            {onSelect ? (
              <Table.Th w={36}>
                <Checkbox
                  aria-label="Select every lead on this page"
                  checked={leads.length > 0 && selectedOnPage === leads.length}
                  indeterminate={selectedOnPage > 0 && selectedOnPage < leads.length}
                  onChange={(e) => onSelect(pageIds, e.currentTarget.checked)}
                  data-testid="select-page"
                />
              </Table.Th>
            ) : null}
            {columns.map((f) => (
              <SortHeader key={f.id} field={f} sort={sort} order={order} onSort={onSort} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leads.map((lead) => (
            <Table.Tr
              key={lead.id}
              data-testid="lead-row"
              data-lead-id={lead.id}
              data-email={lead.email ?? ''}
              bg={activeId === lead.id ? 'var(--mantine-color-blue-light)' : undefined}
              style={{ cursor: 'pointer' }}
              onClick={() => onOpen(lead)}
            >
              {onSelect ? (
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  <Checkbox
                    aria-label={`Select ${lead.email ?? lead.full_name ?? lead.id}`}
                    checked={selected.has(lead.id)}
                    onChange={(e) => onSelect([lead.id], e.currentTarget.checked)}
                    data-testid="select-lead"
                  />
                </Table.Td>
              ) : null}
              {columns.map((f) => (
                <Table.Td key={f.id} maw={280}>
                  <LeadCell lead={lead} field={f} members={members} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
