import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { csvResponse, safeCell, toCsv } from '~/utils/csv.server'

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const evil of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\t=x', '\r=x']) {
      expect(safeCell(evil)).toBe(`'${evil}`)
    }
    expect(safeCell('王小明')).toBe('王小明')
    expect(safeCell(-2.5)).toBe(-2.5)
    expect(safeCell(null)).toBe('')
  })

  it('quotes commas, quotes and new lines so the file parses back to the same cells', () => {
    const csv = toCsv(
      ['姓名', '备注'],
      [
        ['李"四"', '一行,\n两行'],
        ['=HYPERLINK("x")', 3],
      ],
    )
    expect(parse(csv)).toEqual([
      ['姓名', '备注'],
      ['李"四"', '一行,\n两行'],
      [`'=HYPERLINK("x")`, '3'],
    ])
  })

  it('answers with a BOM, a CSV type and a download name in both encodings', async () => {
    const response = csvResponse('a,b\r\n', '公示-五(1)班.csv')
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('公示-五(1)班.csv')}`,
    )
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })
})
