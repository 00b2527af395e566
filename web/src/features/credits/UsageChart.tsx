import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import type { CreditUsage } from '../../api/types';
import { featureLabel, formatCredits } from './format';

const COLORS = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6', 'pink.6', 'lime.7', 'yellow.6', 'blue.4', 'red.5'];
const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Credits used per UTC day, stacked by feature. */
export function UsageChart({ usage }: { usage: CreditUsage }) {
  // Series keys are positional: feature names may hold characters recharts reads as paths.
  const features = usage.features.map((f) => f.feature);
  const series = features.map((f, i) => ({ name: `f${i}`, label: featureLabel(f), color: COLORS[i % COLORS.length]! }));
  const data = usage.days.map((d) => {
    const row: Record<string, string | number> = { day: dayLabel.format(new Date(`${d.date}T00:00:00Z`)) };
    features.forEach((f, i) => (row[`f${i}`] = (d.featuresMilli[f] ?? 0) / 1000));
    return row;
  });
  return (
    <BarChart
      h={260}
      data={data}
      dataKey="day"
      series={series}
      type="stacked"
      withLegend
      legendProps={{ verticalAlign: 'bottom', height: 40 }}
      valueFormatter={(v) => formatCredits(Math.round(v * 1000))}
      tickLine="y"
      gridAxis="y"
      maxBarWidth={28}
      aria-label="Credits used per day, by feature"
      data-testid="usage-chart"
    />
  );
}
