import { describe, expect, it } from 'vitest'
import { emblemSvg, schoolShortName } from '~/domain/emblem'
import { STRAND_COLOURS, strandColourClass, strandColourIndex } from '~/domain/strand-colours'

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = Number.parseInt(hex.slice(at, at + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

describe('schoolShortName', () => {
  it('keeps what sets the demo schools apart', () => {
    expect(schoolShortName('闵行区纪王学校', '闵行区')).toBe('纪王')
    expect(schoolShortName('宝山区藻北小学', '宝山区')).toBe('藻北')
    expect(schoolShortName('嘉定区怀少幼儿园', '嘉定区')).toBe('怀少')
  })

  it('drops a district written into the name, and keeps at most four characters', () => {
    expect(schoolShortName('浦东新区明珠实验学校', '')).toBe('明珠')
    expect(schoolShortName('上海市第一师范学校附属小学', '')).toHaveLength(4)
  })

  it('uses initials for a Latin name', () => {
    expect(schoolShortName('Green Hill School')).toBe('GHS')
  })
})

describe('emblemSvg', () => {
  it('draws the short name and the full name, escaped', () => {
    const svg = emblemSvg({ name: '<a&b>学校', shortName: '纪王' })
    expect(svg).toContain('>纪王</text>')
    expect(svg).toContain('&lt;a&amp;b&gt;学校')
    expect(svg).not.toContain('<a&b>')
    expect(svg).not.toMatch(/<script|\bon[a-z]+=|href="(?!#)/i)
  })
})

describe('strand colours', () => {
  it('gives strands in order the palette in order, and wraps', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(strandColourIndex)).toEqual([0, 1, 2, 3, 4, 5, 0])
    expect(strandColourClass(0)).toBe('strand-colour-5')
  })

  it('keeps every colour readable as text on white, on its soft ground and on the paper', () => {
    for (const colour of STRAND_COLOURS) {
      expect(contrast(colour.ink, '#ffffff')).toBeGreaterThanOrEqual(4.5)
      expect(contrast(colour.ink, colour.soft)).toBeGreaterThanOrEqual(4.5)
      expect(contrast(colour.ink, '#f7f5ef')).toBeGreaterThanOrEqual(4.5)
    }
  })
})
