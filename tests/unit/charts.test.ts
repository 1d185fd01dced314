import { describe, expect, it } from 'vitest'
import {
  estimateTextWidth,
  fitText,
  layoutBarChart,
  niceScale,
  niceStep,
  ratio,
  SHARE_SCALE,
} from '~/domain/charts'

describe('niceStep', () => {
  it.each([
    [4, 1],
    [7, 2],
    [10, 2.5],
    [12, 5],
    [37, 10],
    [100, 25],
    [136, 50],
    [0.9, 0.25],
    [2400, 1000],
  ])('gives %d about four intervals of 1, 2, 2.5 or 5 × 10ⁿ: %d', (span, step) => {
    expect(niceStep(span)).toBe(step)
  })

  it('never returns floating-point noise', () => {
    expect(niceStep(0.3)).toBe(0.1)
    expect(niceStep(0.7)).toBe(0.2)
  })
})

describe('niceScale', () => {
  it('runs from 0 to the first tick at or above the largest value', () => {
    expect(niceScale(37)).toEqual({ max: 40, step: 10, ticks: [0, 10, 20, 30, 40] })
    expect(niceScale(12)).toEqual({ max: 15, step: 5, ticks: [0, 5, 10, 15] })
  })

  it('keeps a value that sits on a tick as the end of the axis', () => {
    expect(niceScale(40).max).toBe(40)
    expect(niceScale(0.3).ticks).toEqual([0, 0.1, 0.2, 0.3])
  })

  it('gives an empty chart an axis from 0 to 1', () => {
    expect(niceScale(0)).toEqual({ max: 1, step: 0.25, ticks: [0, 0.25, 0.5, 0.75, 1] })
    expect(niceScale(-3).max).toBe(1)
  })
})

describe('text fitting', () => {
  it('counts Chinese characters as a full em and Latin as narrower', () => {
    expect(estimateTextWidth('五年级', 10)).toBe(30)
    expect(estimateTextWidth('Grade 5', 10)).toBeCloseTo(42)
    expect(estimateTextWidth('（一）', 10)).toBe(30)
  })

  it('keeps a label that fits and shortens one that does not, with an ellipsis', () => {
    expect(fitText('感恩父母', 60, 13)).toBe('感恩父母')
    const fitted = fitText('走进银杏社区敬老院志愿服务', 100, 13)
    expect(fitted).toBe('走进银杏社区…')
    expect(estimateTextWidth(fitted, 13)).toBeLessThanOrEqual(100)
  })
})

describe('layoutBarChart', () => {
  const bars = [
    { key: 'g1', label: '一年级', values: [0.5], valueLabel: '50%（1/2）' },
    { key: 'g5', label: '五年级', values: [1], valueLabel: '100%（3/3）' },
  ]

  it('draws a share as a fraction of the plot width, over a full-width track', () => {
    const layout = layoutBarChart(bars, { width: 208, scale: SHARE_SCALE })
    expect(layout.plot).toMatchObject({ left: 4, right: 204 })
    const [first, second] = layout.bars
    expect(first?.segments).toEqual([{ series: 0, x: 4, y: first?.track.y, width: 100, height: 14 }])
    expect(second?.segments[0]?.width).toBe(200)
    expect(first?.track).toMatchObject({ x: 4, width: 200, height: 14 })
  })

  it('puts the label and the value on a line above each bar, rows one below the other', () => {
    const layout = layoutBarChart(bars, { width: 208, scale: SHARE_SCALE, fontSize: 13, barHeight: 14 })
    const [first, second] = layout.bars
    if (!first || !second) throw new Error('two bars expected')
    expect(first.textY).toBeLessThan(first.track.y)
    expect(first.labelX).toBe(4)
    expect(first.valueX).toBe(204)
    expect(second.track.y - first.track.y).toBe(19 + 14 + 10)
    expect(layout.height).toBeGreaterThan(second.track.y + second.track.height)
  })

  it('places ticks along the plot, the outer labels anchored inside the chart', () => {
    const layout = layoutBarChart(bars, { width: 208, scale: SHARE_SCALE })
    expect(layout.ticks).toEqual([
      { value: 0, x: 4, anchor: 'start' },
      { value: 0.25, x: 54, anchor: 'middle' },
      { value: 0.5, x: 104, anchor: 'middle' },
      { value: 0.75, x: 154, anchor: 'middle' },
      { value: 1, x: 204, anchor: 'end' },
    ])
  })

  it('stacks several values end to end and skips empty segments', () => {
    const layout = layoutBarChart(
      [{ key: 'g5', label: '五年级', values: [6, 0, 2, 2], valueLabel: '10 课时' }],
      { width: 208 },
    )
    // The largest total is 10: a nice axis of 0–10 in steps of 2.5.
    expect(layout.ticks.map((tick) => tick.value)).toEqual([0, 2.5, 5, 7.5, 10])
    expect(layout.bars[0]?.segments.map(({ series, x, width }) => ({ series, x, width }))).toEqual([
      { series: 0, x: 4, width: 120 },
      { series: 2, x: 124, width: 40 },
      { series: 3, x: 164, width: 40 },
    ])
  })

  it('never draws past the end of a fixed scale or below zero', () => {
    const layout = layoutBarChart(
      [
        { key: 'a', label: 'A', values: [0.8, 0.5], valueLabel: '130%' },
        { key: 'b', label: 'B', values: [-1], valueLabel: '—' },
      ],
      { width: 208, scale: SHARE_SCALE },
    )
    const [a, b] = layout.bars
    expect(a?.segments.map((s) => s.width)).toEqual([160, 40])
    expect(b?.segments).toEqual([])
  })

  it('shortens a long label so it leaves room for the value', () => {
    const long = '春·播感恩季“感恩社会”走进银杏社区和敬老院的志愿服务'
    const layout = layoutBarChart([{ key: 'x', label: long, values: [0.9], valueLabel: '90%（27/30）' }], {
      width: 360,
      scale: SHARE_SCALE,
    })
    const bar = layout.bars[0]
    expect(bar?.fullLabel).toBe(long)
    expect(bar?.label.endsWith('…')).toBe(true)
    const labelEnd = (bar?.labelX ?? 0) + estimateTextWidth(bar?.label ?? '', 13)
    const valueStart = (bar?.valueX ?? 0) - estimateTextWidth('90%（27/30）', 13)
    expect(labelEnd).toBeLessThan(valueStart)
  })

  it('is deterministic', () => {
    expect(layoutBarChart(bars)).toEqual(layoutBarChart(bars))
  })

  it('has a height even with no bars', () => {
    expect(layoutBarChart([]).height).toBeGreaterThan(0)
  })
})

describe('ratio', () => {
  it('divides, and has no value when there is nothing to divide by', () => {
    expect(ratio(3, 4)).toBe(0.75)
    expect(ratio(0, 5)).toBe(0)
    expect(ratio(0, 0)).toBeNull()
  })
})
