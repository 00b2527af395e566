import { ActionIcon, Group, Select, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';

export const PAGE_SIZES = ['25', '50', '100', '200'];

interface Props {
  page: number;
  shown: number;
  limit: number;
  hasNext: boolean;
  loading: boolean;
  onPrev: () => void;
  onNext: () => void;
  onLimit: (limit: number) => void;
}

/** Keyset paging: forward with the server's cursor, back through the cursors already seen. */
export function LeadsPager({ page, shown, limit, hasNext, loading, onPrev, onNext, onLimit }: Props) {
  const first = (page - 1) * limit + 1;
  return (
    <Group justify="space-between" data-testid="leads-pager">
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          Rows per page
        </Text>
        <Select aria-label="Rows per page" data={PAGE_SIZES} value={String(limit)} onChange={(v) => v && onLimit(Number(v))} w={80} size="xs" allowDeselect={false} />
      </Group>
      <Group gap="xs">
        <Text size="sm" c="dimmed" data-testid="leads-range">
          {shown === 0 ? 'No leads' : `${first.toLocaleString()}–${(first + shown - 1).toLocaleString()}`}
        </Text>
        <ActionIcon variant="default" onClick={onPrev} disabled={page === 1 || loading} aria-label="Previous page" data-testid="leads-prev">
          <IconChevronLeft size={16} />
        </ActionIcon>
        <ActionIcon variant="default" onClick={onNext} disabled={!hasNext || loading} aria-label="Next page" data-testid="leads-next">
          <IconChevronRight size={16} />
        </ActionIcon>
      </Group>
    </Group>
  );
}
