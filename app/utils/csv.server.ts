import { stringify } from 'csv-stringify/sync'
import type { Locale } from '~/domain/locale'
import type { SessionUser } from '~/utils/auth.server'
import { nowIso } from '~/utils/clock'
import { formatInstant } from '~/utils/dates'
import { createI18n } from '~/utils/i18n'

export type CsvCell = string | number | null | undefined

// A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe
// (OWASP's advice), so an exported name like "=HYPERLINK(…)" stays text. Numbers pass as they are.
const FORMULA_START = /^[=+\-@\t\r]/

export function safeCell(value: CsvCell): string | number {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return value
  return FORMULA_START.test(value) ? `'${value}` : value
}

/**
 * CSV text with a header row, CRLF line ends and every cell formula-safe. A `stamp` (exportStamp)
 * comes first as a `#` line, which the roster import skips.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  stamp?: string,
): string {
  const csv = stringify([header.map(safeCell), ...rows.map((row) => row.map(safeCell))], {
    record_delimiter: 'windows',
  })
  return stamp ? `# ${stamp.replace(/[\r\n]+/g, ' ')}\r\n${csv}` : csv
}

const translators = { zh: createI18n('zh').t, en: createI18n('en').t }

/** Who made an export, for which school and when (PIPL: an export says who took the data). */
export function exportStamp(user: SessionUser, locale: Locale): string {
  return translators[locale]('common.exportStamp', {
    school: user.school.name,
    name: `${user.displayName} (${user.username})`,
    when: formatInstant(nowIso(), locale, user.school.timeZone),
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
