import { useTranslation } from 'react-i18next'
import { type BarInput, layoutBarChart, type Scale } from '~/domain/charts'

/**
 * A horizontal bar chart drawn on the server as SVG. It is an image with a title and a one-line
 * description; the table beside it is the accessible version with every figure. Series are told
 * apart by pattern as well as colour (solid, stripes, dots, cross-hatch), and every bar is labelled.
 */
export function BarChart({
  id,
  title,
  bars,
  series,
  scale,
  formatTick,
  trackLabel,
}: {
  /** Unique on the page: prefixes the pattern and title ids */
  id: string
  title: string
  bars: readonly BarInput[]
  /** Names of the stacked values, in order; one series needs no legend */
  series: readonly string[]
  scale?: Scale
  formatTick: (value: number) => string
  /** Names the empty track behind the bars in the legend (e.g. consents not yet returned) */
  trackLabel?: string
}) {
  const { t } = useTranslation()
  const layout = layoutBarChart(bars, { scale })
  const fill = (series: number) => (series === 0 ? undefined : `url(#${id}-pattern-${series})`)
  const legend = series.length > 1 || trackLabel
  return (
    <div className="chart">
      <svg
        className="chart-svg"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{t('reports.chartDescription')}</desc>
        <ChartPatterns id={id} count={series.length} />
        <g className="chart-grid">
          {layout.ticks.map((tick) => (
            <g key={tick.value}>
              <line x1={tick.x} x2={tick.x} y1={layout.plot.top} y2={layout.plot.bottom} />
              <text x={tick.x} y={layout.tickY} textAnchor={tick.anchor}>
                {formatTick(tick.value)}
              </text>
            </g>
          ))}
        </g>
        {layout.bars.map((bar) => (
          <g key={bar.key} className="chart-row">
            <text className="chart-label" x={bar.labelX} y={bar.textY}>
              {bar.label}
            </text>
            <text className="chart-value" x={bar.valueX} y={bar.textY} textAnchor="end">
              {bar.valueLabel}
            </text>
            <rect className="chart-track" {...bar.track} />
            {bar.segments.map((segment) => (
              <rect
                key={segment.series}
                className={`chart-bar chart-bar-${segment.series}`}
                x={segment.x}
                y={segment.y}
                width={segment.width}
                height={segment.height}
                fill={fill(segment.series)}
              />
            ))}
          </g>
        ))}
      </svg>
      {legend ? (
        <div className="chart-legend">
          <span className="visually-hidden">{t('reports.chart.legend')}: </span>
          <ul>
            {series.map((name, index) => (
              <li key={name}>
                <Swatch className={`chart-bar chart-bar-${index}`} fill={fill(index)} />
                {name}
              </li>
            ))}
            {trackLabel ? (
              <li>
                <Swatch className="chart-track" />
                {trackLabel}
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}
    </div>
  )
}

function Swatch({ className, fill }: { className: string; fill?: string }) {
  return (
    <svg className="chart-swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <rect className={className} x="0.5" y="0.5" width="13" height="13" fill={fill} />
    </svg>
  )
}

/** Patterns for the second to fourth series, so stacked segments differ without colour too. */
function ChartPatterns({ id, count }: { id: string; count: number }) {
  if (count < 2) return null
  return (
    <defs>
      <pattern
        id={`${id}-pattern-1`}
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect className="chart-pattern-1" width="6" height="6" />
        <line className="chart-hatch" x1="0" y1="0" x2="0" y2="6" />
      </pattern>
      {count > 2 ? (
        <pattern id={`${id}-pattern-2`} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect className="chart-pattern-2" width="6" height="6" />
          <circle className="chart-dot" cx="3" cy="3" r="1.3" />
        </pattern>
      ) : null}
      {count > 3 ? (
        <pattern id={`${id}-pattern-3`} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect className="chart-pattern-3" width="6" height="6" />
          <path className="chart-hatch" d="M0 3H6M3 0V6" />
        </pattern>
      ) : null}
    </defs>
  )
}
