import { stringify } from 'csv-stringify/sync'

export type CsvCell = string | number | null | undefined

// A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe
// (OWASP's advice), so an exported name like "=HYPERLINK(…)" stays text. Numbers pass as they are.
const FORMULA_START = /^[=+\-@\t\r]/

export function safeCell(value: CsvCell): string | number {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return value
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** CSV text with a header row, CRLF line ends and every cell formula-safe. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return stringify([header.map(safeCell), ...rows.map((row) => row.map(safeCell))], {
    record_delimiter: 'windows',
  })
}

/**
 * A CSV download. The UTF-8 byte-order mark makes Excel on Chinese Windows read the file as UTF-8
 * instead of GBK; the file name is given in both forms for old and new browsers.
 */
export function csvResponse(csv: string, fileName: string): Response {
  const asciiName = fileName.replace(/[^\w.-]+/g, '_')
  return new Response(`\uFEFF${csv}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'Cache-Control': 'private, no-store',
    },
  })
}
