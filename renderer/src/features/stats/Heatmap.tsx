// Hour of day × day of week as an SVG grid (Recharts has no heat map). SVG, so that it
// exports to PNG like the other charts; hours run from the reader's start side.
import type { StatsReport } from '../../../../shared/api/types';

const CELL_W = 30;
const CELL_H = 24;
const LABEL_W = 70;
const TOP = 18;

export function Heatmap({ heat, weekdays, rtl, format, hour }: {
  heat: StatsReport['heat']; weekdays: string[]; rtl: boolean; format: (n: number) => string; hour: (h: number) => string;
}) {
  const max = Math.max(1, ...heat.map((c) => c.count));
  const width = LABEL_W + 24 * CELL_W;
  const x = (hour: number) => (rtl ? (23 - hour) * CELL_W : LABEL_W + hour * CELL_W);
  const labelX = rtl ? 24 * CELL_W + 6 : 0;
  return (
    <svg viewBox={`0 0 ${width} ${TOP + 7 * CELL_H}`} width="100%" role="img" aria-hidden="true" className="heatmap">
      {Array.from({ length: 24 }, (_, h) => (
        <text key={h} x={x(h) + CELL_W / 2} y={12} fontSize={10} textAnchor="middle" fill="#4b5563">{hour(h)}</text>
      ))}
      {weekdays.map((name, d) => (
        <g key={d}>
          <text x={labelX} y={TOP + d * CELL_H + 16} fontSize={11} fill="#111827" textAnchor="start">{name}</text>
          {Array.from({ length: 24 }, (_, h) => {
            const count = heat.find((c) => c.weekday === d && c.hour === h)?.count ?? 0;
            const level = count / max;
            return (
              <g key={h}>
                <rect x={x(h) + 1} y={TOP + d * CELL_H + 1} width={CELL_W - 2} height={CELL_H - 2} rx={3}
                  fill={count === 0 ? '#f3f4f6' : `rgba(185, 28, 28, ${0.12 + 0.88 * level})`} />
                {count > 0 ? <text x={x(h) + CELL_W / 2} y={TOP + d * CELL_H + 16} fontSize={9} textAnchor="middle" fill={level > 0.55 ? '#fff' : '#111827'}>{format(count)}</text> : null}
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
