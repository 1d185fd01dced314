import { useTranslation } from 'react-i18next'
import type { Locale } from '~/domain/locale'
import type { ReportCell, ReportColumn, ReportTable } from '~/services/report-tables.server'
import { formatDay } from '~/utils/dates'
import { htmlLang } from '~/utils/i18n'
import { useLocale } from '~/utils/use-locale'

/* The reports page's data table: one table of counts, its grouped headings and formatted cells. */

/** The reader's way of writing percentages and numbers; the server and the browser agree on it. */
export function numberFormats(locale: Locale) {
  const tag = htmlLang(locale)
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 })
  const wholePercent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 })
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 })
  return {
    percent: (value: number) => percent.format(value),
    wholePercent: (value: number) => wholePercent.format(value),
    number: (value: number) => number.format(value),
  }
}

export type NumberFormats = ReturnType<typeof numberFormats>

function Cell({
  column,
  value,
  formats,
}: {
  column: ReportColumn
  value: ReportCell
  formats: NumberFormats
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  if (value === null) return <>{t('reports.noValue')}</>
  if (typeof value === 'string') return <>{column.kind === 'day' ? formatDay(value, locale) : value}</>
  return <>{column.kind === 'rate' ? formats.percent(value) : formats.number(value)}</>
}

/** Grouped columns (hours and pupils per category) get a second header row. */
function TableHead({ columns }: { columns: ReportColumn[] }) {
  const groups: { name: string; span: number }[] = []
  for (const column of columns) {
    const last = groups.at(-1)
    if (column.group && last?.name === column.group) last.span++
    else if (column.group) groups.push({ name: column.group, span: 1 })
  }
  if (groups.length === 0) {
    return (
      <thead>
        <tr>
          {columns.map((column) => (
            <th
              key={column.header}
              scope="col"
              className={column.kind === 'text' ? undefined : 'cell-number'}
            >
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
    )
  }
  return (
    <thead>
      <tr>
        {columns
          .filter((column) => !column.group)
          .map((column) => (
            <th key={column.header} scope="col" rowSpan={2}>
              {column.header}
            </th>
          ))}
        {groups.map((group) => (
          <th key={group.name} scope="colgroup" colSpan={group.span} className="cell-group">
            {group.name}
          </th>
        ))}
      </tr>
      <tr>
        {columns
          .filter((column) => column.group)
          .map((column) => (
            <th key={`${column.group}-${column.header}`} scope="col" className="cell-number">
              {column.header}
            </th>
          ))}
      </tr>
    </thead>
  )
}

export function DataTable({
  table,
  title,
  formats,
}: {
  table: ReportTable
  title: string
  formats: NumberFormats
}) {
  const { t } = useTranslation()
  const groups = [...new Set(table.columns.map((column) => column.group))]
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls on a phone must be reachable by keyboard (axe: scrollable-region-focusable), and this table has no links
    <section className="table-wrap report-table" tabIndex={0} aria-label={t('reports.tableLabel', { title })}>
      <table className="data-table">
        {groups.length > 1
          ? groups.map((group) => (
              <colgroup key={group ?? 'plain'} span={table.columns.filter((c) => c.group === group).length} />
            ))
          : null}
        <TableHead columns={table.columns} />
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, index) => {
                const column = table.columns[index] as ReportColumn
                const key = `${column.group ?? ''}-${column.header}`
                return index === 0 ? (
                  <th key={key} scope="row">
                    <Cell column={column} value={cell} formats={formats} />
                  </th>
                ) : (
                  <td
                    key={key}
                    className={column.kind === 'text' || column.kind === 'day' ? undefined : 'cell-number'}
                  >
                    <Cell column={column} value={cell} formats={formats} />
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
