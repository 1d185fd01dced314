import type { LoaderFunctionArgs } from '@remix-run/node'
import { recordAudit } from '~/models/audit.server'
import { familyDataZip, requireChildData } from '~/services/family-data-export.server'
import { requireUser } from '~/utils/auth.server'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { resolveLocale } from '~/utils/i18n.server'

/** The family's copy of their child's data as one ZIP (see familyDataZip), dated and never cached. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'family:read' })
  const data = await requireChildData(user, params.studentId)
  const timeZone = user.school.timeZone
  const locale = resolveLocale(request)
  const zip = await familyDataZip(data, { locale, timeZone })
  // The child's data leaves the system here: who took it is worth a line in the log.
  await recordAudit(db, {
    schoolId: user.schoolId,
    userId: user.id,
    action: 'family-data-exported',
    entity: 'student',
    entityId: data.child.id,
    detail: { photos: data.photos.filter((photo) => photo.shown).length },
  })
  const today = todayIn(timeZone)
  const fileName =
    locale === 'zh' ? `${data.child.name}-数据-${today}.zip` : `${data.child.studentNumber}-data-${today}.zip`
  const asciiName = `siji-data-${data.child.id}-${today}.zip`
  return new Response(new Uint8Array(zip), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Length': String(zip.byteLength),
      'Content-Disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'Cache-Control': 'private, no-store',
    },
  })
}
