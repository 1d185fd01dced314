/**
 * Geometry of the horizontal bar charts on the reports page: scales, ticks, bars and where their
 * labels go. Pure and deterministic (same input, same numbers), so the server-rendered SVG never
 * differs between two requests; formatting numbers for people is the component's job.
 */

export type Scale = { max: number; step: number; ticks: number[] }

/** Shares (rates) always run from 0 to 100 %, so two charts of rates compare at a glance. */
export const SHARE_SCALE: Scale = { max: 1, step: 0.25, ticks: [0, 0.25, 0.5, 0.75, 1] }

/** Floating-point noise off (0.1 + 0.2), so ticks and coordinates print the same everywhere. */
function clean(value: number): number {
  return Number(value.toPrecision(12))
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}

/** A tick step of 1, 2, 2.5 or 5 times a power of ten giving about `targetTicks` intervals. */
export function niceStep(span: number, targetTicks = 4): number {
  const raw = (span > 0 ? span : 1) / Math.max(1, targetTicks)
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const fraction = raw / magnitude
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
  return clean(nice * magnitude)
}

/** From 0 to the first nice tick at or above `maxValue`; an empty chart gets a 0–1 axis. */
export function niceScale(maxValue: number, targetTicks = 4): Scale {
  const span = maxValue > 0 ? maxValue : 1
  const step = niceStep(span, targetTicks)
  // The epsilon keeps 40 from rounding up to 50 when 40 / 10 comes out as 4.0000000001.
  const intervals = Math.max(1, Math.ceil(span / step - 1e-9))
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => clean(i * step))
  return { max: clean(intervals * step), step, ticks }
}

// CJK ideographs, kana, hangul and full-width forms take a whole em, and so do dashes, curly quotes and
// the ellipsis in Chinese fonts; everything else is narrower.
const WIDE =
  /[\u2014-\u2026\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u
const NARROW_EM = 0.6

/** A generous estimate of a label's width: the server has no fonts to measure with. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0
  for (const char of text) ems += WIDE.test(char) ? 1 : NARROW_EM
  return ems * fontSize
}

const ELLIPSIS = '…'

/** The label, cut with an ellipsis when it would overrun `maxWidth` (the table beside has it whole). */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  if (estimateTextWidth(text, fontSize) <= maxWidth) return text
  const room = maxWidth - estimateTextWidth(ELLIPSIS, fontSize)
  let kept = ''
  for (const char of text) {
    if (estimateTextWidth(kept + char, fontSize) > room) break
    kept += char
  }
  return `${kept.trimEnd()}${ELLIPSIS}`
}

export type BarInput = {
  key: string
  label: string
  /** One value for a plain bar, several for a stacked one (one per series, in series order) */
  values: readonly number[]
  /** Already formatted by the caller, e.g. "83%（25/30）"; placed at the end of the label line */
  valueLabel: string
}

export type Rect = { x: number; y: number; width: number; height: number }

export type BarLayout = {
  key: string
  /** The label as drawn, possibly shortened */
  label: string
  fullLabel: string
  valueLabel: string
  /** Baseline of the label line: the label starts at the plot's left, the value ends at its right */
  textY: number
  labelX: number
  valueX: number
  /** The whole scale behind the bar (e.g. 100 % for a rate) */
  track: Rect
  /** Non-empty segments only; `series` is the index of the value they draw */
  segments: (Rect & { series: number })[]
}

export type ChartLayout = {
  width: number
  height: number
  plot: { left: number; right: number; top: number; bottom: number }
  /** Tick labels sit on one line above the bars; the outer ones are anchored inside the chart */
  ticks: { value: number; x: number; anchor: 'start' | 'middle' | 'end' }[]
  tickY: number
  bars: BarLayout[]
}

export type ChartOptions = {
  /** viewBox width; the SVG scales to its container, so this sets the text size on a phone */
  width?: number
  fontSize?: number
  barHeight?: number
  /** A fixed scale (SHARE_SCALE for rates); by default a nice scale over the largest total */
  scale?: Scale
}

const DEFAULTS = { width: 360, fontSize: 13, barHeight: 14 } as const
const PAD_X = 4
const ROW_GAP = 10
const LABEL_GAP = 8

/**
 * Each row is a label line (label left, formatted value right) over a full-width bar. Labels above
 * the bars keep the plot as wide as the chart, which matters at 360 px; long labels are shortened
 * to leave room for the value.
 */
export function layoutBarChart(bars: readonly BarInput[], options: ChartOptions = {}): ChartLayout {
  const width = options.width ?? DEFAULTS.width
  const fontSize = options.fontSize ?? DEFAULTS.fontSize
  const barHeight = options.barHeight ?? DEFAULTS.barHeight
  const totals = bars.map((bar) => bar.values.reduce((sum, v) => sum + Math.max(0, v), 0))
  const scale = options.scale ?? niceScale(Math.max(0, ...totals))
  const left = PAD_X
  const right = width - PAD_X
  const plotWidth = right - left
  const toWidth = (value: number) => (Math.min(Math.max(0, value), scale.max) / scale.max) * plotWidth

  const tickLine = fontSize + 8
  const labelLine = fontSize + 6
  const pitch = labelLine + barHeight + ROW_GAP
  const top = tickLine
  const ticks = scale.ticks.map((value, index) => ({
    value,
    x: round2(left + toWidth(value)),
    anchor:
      index === 0
        ? ('start' as const)
        : index === scale.ticks.length - 1
          ? ('end' as const)
          : ('middle' as const),
  }))

  const laidOut = bars.map((bar, index): BarLayout => {
    const rowTop = top + index * pitch
    const barY = round2(rowTop + labelLine)
    const valueWidth = estimateTextWidth(bar.valueLabel, fontSize)
    const labelRoom = Math.max(fontSize * 2, plotWidth - valueWidth - LABEL_GAP)
    const segments: BarLayout['segments'] = []
    let x = left
    bar.values.forEach((value, series) => {
      // Stacked segments never run past the scale's end, even if the data do.
      const segmentWidth = Math.min(toWidth(value), right - x)
      if (segmentWidth <= 0) return
      segments.push({ series, x: round2(x), y: barY, width: round2(segmentWidth), height: barHeight })
      x += segmentWidth
    })
    return {
      key: bar.key,
      label: fitText(bar.label, labelRoom, fontSize),
      fullLabel: bar.label,
      valueLabel: bar.valueLabel,
      textY: round2(rowTop + fontSize),
      labelX: left,
      valueX: right,
      track: { x: left, y: barY, width: plotWidth, height: barHeight },
      segments,
    }
  })

  const bottom = top + Math.max(1, bars.length) * pitch - ROW_GAP
  return {
    width,
    height: bottom + PAD_X,
    plot: { left, right, top, bottom },
    ticks,
    tickY: fontSize,
    bars: laidOut,
  }
}

/** part ÷ whole, or null when there is nothing to divide by (shown as a dash, never as 0 %). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

/**
 * A chart axis for whole things (awards): whole ticks only — no 0.25 of an award for a small count,
 * no 2.5 between 0 and 10.
 */
export function countScale(maxValue: number): Scale {
  const scale = niceScale(Math.max(4, maxValue))
  return Number.isInteger(scale.step) ? scale : niceScale(Math.max(4, maxValue), 5)
}
