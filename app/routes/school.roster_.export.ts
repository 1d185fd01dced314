import type { LoaderFunctionArgs } from '@remix-run/node'
import { READ_ACTIONS } from '~/domain/read-audit'
import { rosterExportTable } from '~/domain/roster-csv'
import { listRosterExport } from '~/models/roster.server'
import { requireUser } from '~/utils/auth.server'
import { csvResponse, exportStamp, toCsv } from '~/utils/csv.server'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { resolveLocale } from '~/utils/i18n.server'
import { auditRead } from '~/utils/read-audit.server'

/**
 * The roster as CSV in the import's own columns (headers in the reader's language), so a file
 * exported, edited in Excel and imported again updates the same pupils.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'roster:manage' })
  const pupils = await listRosterExport(db, { schoolId: user.schoolId })
  const language = resolveLocale(request)
  const { header, rows } = rosterExportTable(language, pupils)
  // Names and parents' phones leave the system here: who took them is worth a line in the log.
  await auditRead(user, context, {
    action: READ_ACTIONS.rosterExport,
    entity: 'school',
    entityId: user.schoolId,
    pupilIds: pupils.map((pupil) => pupil.studentId),
    detail: { rows: rows.length },
  })
  const today = todayIn(user.school.timeZone)
  const name =
    language === 'zh'
      ? `学生名册-${user.school.name}-${today}-${user.username}.csv`
      : `roster-${user.school.slug}-${today}-${user.username}.csv`
  return csvResponse(toCsv(header, rows, exportStamp(user, language)), name)
}
