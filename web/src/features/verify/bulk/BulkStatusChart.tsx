import '@mantine/charts/styles.css';
import { DonutChart } from '@mantine/charts';
import { STATUS_COLORS, STATUS_LABELS } from '../explain';
import { VERIFY_STATUSES, type BulkCounts } from '../types';

const SHADE: Record<string, string> = { teal: 'teal.6', red: 'red.6', orange: 'orange.5', gray: 'gray.5' };

/** Share of each status as a donut (loaded lazily: recharts is most of the chart's weight). */
export function BulkStatusChart({ counts, total }: { counts: BulkCounts; total: number }) {
  const data = VERIFY_STATUSES.filter((s) => counts.byStatus[s] > 0).map((s) => ({
    name: STATUS_LABELS[s],
    value: counts.byStatus[s],
    color: SHADE[STATUS_COLORS[s]] ?? 'gray.5',
  }));
  return (
    <DonutChart
      data={data}
      size={150}
      thickness={24}
      withTooltip
      tooltipDataSource="segment"
      chartLabel={`${total} verified`}
      aria-label="Verified addresses by status"
      data-testid="bulk-status-chart"
    />
  );
}
