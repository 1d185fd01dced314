import type { LoaderFunctionArgs } from '@remix-run/node'
import { NOTICE_EXPORT_COLUMNS, type NoticeExportColumn, noticeWindowState } from '~/domain/notice-window'
import { READ_ACTIONS } from '~/domain/read-audit'
import { parseId } from '~/domain/schemas'
import { localDay } from '~/domain/school-time'
import { creditedHours } from '~/domain/social-practice'
import { zh } from '~/locales/zh/index'
import { getNoticeWindow, listWindowDisputes, listWindowEntries } from '~/models/notices.server'
import { redirectWithFlash, requireUser } from '~/utils/auth.server'
import { type CsvCell, csvResponse, exportStamp, toCsv } from '~/utils/csv.server'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { auditRead } from '~/utils/read-audit.server'
import { notFound } from '~/utils/responses'

/** Between several disputes of one entry, as Chinese lists separate clauses. */
const SEPARATOR = '；'

const OUTCOME = { open: '未处理', upheld: '已采纳', rejected: '未采纳' } as const

/**
 * The closed window's entries as CSV, in the one documented layout (NOTICE_EXPORT_COLUMNS), always in
 * Chinese: the file is filed with the school's records whatever language the reader uses. Before the
 * window closes the entries may still change, so there is nothing to export yet.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'notices:resolve' })
  const { schoolId } = user
  const id = parseId(params.noticeId)
  const window = id ? await getNoticeWindow(db, { schoolId, id }) : undefined
  if (!window) notFound()
  const timeZone = user.school.timeZone
  if (noticeWindowState(window, todayIn(timeZone)) !== 'closed') {
    return redirectWithFlash(user, `/notices/${window.id}`, 'notices.flash.exportNotYet')
  }
  const [entries, disputes] = await Promise.all([
    listWindowEntries(db, { schoolId, windowId: window.id }),
    listWindowDisputes(db, { schoolId, windowId: window.id }),
  ])
  const period = `${window.opensOn}至${window.closesOn}`
  const disputesOf = new Map<number, typeof disputes>()
  for (const d of disputes)
    disputesOf.set(d.participationId, [...(disputesOf.get(d.participationId) ?? []), d])
  const rows = entries.map((entry) => {
    const own = disputesOf.get(entry.id) ?? []
    const cells: Record<NoticeExportColumn, CsvCell> = {
      studentNumber: entry.studentNumber,
      name: entry.studentName,
      className: window.className,
      activity: entry.activityTitle,
      date: localDay(entry.startsAt, timeZone),
      category: entry.practiceCategory ? zh.activities.practice[entry.practiceCategory] : '',
      hours: creditedHours(entry),
      role: zh.participation.roles[entry.role],
      attendance: entry.status ? zh.participation.statuses[entry.status] : '',
      window: period,
      disputes: own.length ? own.map((d) => d.reason).join(SEPARATOR) : '无',
      outcome: own
        .map((d) => (d.status === 'open' ? OUTCOME.open : `${OUTCOME[d.status]}：${d.resolution}`))
        .join(SEPARATOR),
    }
    return NOTICE_EXPORT_COLUMNS.map((column) => cells[column.key])
  })
  await auditRead(user, context, {
    action: READ_ACTIONS.noticeExport,
    entity: 'notice',
    entityId: window.id,
    pupilIds: entries.map((entry) => entry.studentId),
    detail: { className: window.className, entries: rows.length },
  })
  const csv = toCsv(
    NOTICE_EXPORT_COLUMNS.map((column) => column.header),
    rows,
    exportStamp(user, 'zh'),
  )
  return csvResponse(
    csv,
    `公示-${user.school.name}-${window.className}-${window.opensOn}至${window.closesOn}-${user.username}.csv`,
  )
}
