// A small bar chart of daily spend, drawn on the server as inline SVG (no script, no external file): one
// bar per day, each with a tooltip title, the largest value marked, and day labels underneath. Colours
// come from the stylesheet, so it follows light and dark mode. Pure.
import type { FC } from 'hono/jsx';
import { formatUsd } from '../format.js';

export interface ChartDay {
  day: string;
  count: number;
  spend: number;
}

const WIDTH = 560;
const HEIGHT = 180;
const TOP = 28;
const BOTTOM = 28;
const GAP = 6;

export const SpendChart: FC<{ days: readonly ChartDay[] }> = ({ days }) => {
  const max = Math.max(0, ...days.map((d) => d.spend));
  const slot = WIDTH / Math.max(1, days.length);
  const plot = HEIGHT - TOP - BOTTOM;
  const total = days.reduce((sum, d) => sum + d.spend, 0);
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Spend per day over the last ${days.length} days, ${formatUsd(total)} in all`}
    >
      <line class="axis" x1="0" y1={HEIGHT - BOTTOM} x2={WIDTH} y2={HEIGHT - BOTTOM} />
      <text class="label" x="0" y="20">
        {max > 0 ? `max ${formatUsd(max)} a day` : 'no spend in these days'}
      </text>
      {days.map((d, i) => {
        const height = max === 0 ? 0 : Math.max(d.spend > 0 ? 2 : 0, (d.spend / max) * plot);
        const x = i * slot + GAP / 2;
        return (
          <g>
            <rect
              class="bar"
              x={fixed(x)}
              y={fixed(HEIGHT - BOTTOM - height)}
              width={fixed(slot - GAP)}
              height={fixed(height)}
            >
              <title>{`${d.day}: ${d.count} ${d.count === 1 ? 'image' : 'images'}, ${formatUsd(d.spend)}`}</title>
            </rect>
            <text class="label" x={fixed(x + (slot - GAP) / 2)} y={HEIGHT - 6} text-anchor="middle">
              {d.day.slice(8)}
            </text>
          </g>
        );
      })}
    </svg>
  );
};

function fixed(value: number): string {
  return value.toFixed(1);
}
