import type { LoaderFunctionArgs } from '@remix-run/node'
import {
  isReportSlug,
  loadReportTable,
  REPORTS,
  reportCsv,
  reportLabels,
  requireReportScope,
} from '~/services/report-tables.server'
import { requireUser } from '~/utils/auth.server'
import { csvResponse, exportStamp } from '~/utils/csv.server'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { resolveLocale } from '~/utils/i18n.server'
import { notFound } from '~/utils/responses'

const CSV_FILE = /^([a-z-]+)\.csv$/

/**
 * /reports/<table>.csv: one table of the reports page under the same filters, with the headings in
 * the reader's language (the language cookie travels with the download link).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'reports:read' })
  const slug = CSV_FILE.exec(params.file ?? '')?.[1]
  if (!slug || !isReportSlug(slug)) notFound()
  const { scope, year } = await requireReportScope(db, user, new URL(request.url))
  if (!scope || !year) notFound()
  const locale = resolveLocale(request)
  const labels = reportLabels(user, locale)
  const table = await loadReportTable(db, slug, scope, labels)
  const title = labels.t(`reports.sections.${REPORTS[slug].section}.title`)
  const fileName = labels.t('reports.csv.fileName', {
    school: user.school.name,
    title,
    year: year.name,
    today: todayIn(user.school.timeZone),
    user: user.username,
  })
  return csvResponse(reportCsv(table, labels.t, exportStamp(user, locale)), `${fileName}.csv`)
}
