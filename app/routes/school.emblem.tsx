import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { EmblemForm } from '~/components/emblem-form'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { recordAudit } from '~/models/audit.server'
import { getSchoolEmblem, setSchoolEmblem } from '~/models/school.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { emblemPath } from '~/utils/emblem.server'
import { pageTitle } from '~/utils/meta'
import { deleteEmblemFile, storeEmblem } from '~/utils/photo-files.server'
import { type PhotoUpload, readPhotoUpload } from '~/utils/photo-upload.server'

/** /school/emblem: the school's emblem, uploaded (raster only) or generated; the settings page posts here. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'school:manage' })
  const school = await getSchoolEmblem(db, { schoolId: user.schoolId })
  return { name: school.name, src: emblemPath(school), uploaded: school.emblemKey !== null }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'school:manage' })
  const upload = await readPhotoUpload(request)
  switch (upload.formData.get('intent')) {
    case 'upload':
      return uploadEmblem(user, upload)
    case 'remove':
      return replaceEmblem(user, null)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

/** A photo refusal, said of an emblem (photos.errors.notImage → identity.emblem.errors.notImage). */
function refused(error: string) {
  return data({ error: error.replace(/^photos\./, 'identity.emblem.') }, { status: 400 })
}

async function uploadEmblem(user: SessionUser, { upload, uploadError }: PhotoUpload) {
  if (uploadError) return refused(uploadError)
  if (!upload) return refused('identity.emblem.errors.chooseFile')
  const stored = await storeEmblem(upload.bytes)
  if (!stored.ok) return refused(stored.error)
  return replaceEmblem(user, stored.fileKey)
}

async function replaceEmblem(user: SessionUser, emblemKey: string | null) {
  const { schoolId } = user
  let previous: string | null = null
  try {
    await db.transaction().execute(async (trx) => {
      previous = (await getSchoolEmblem(trx, { schoolId })).emblemKey
      await setSchoolEmblem(trx, { schoolId, emblemKey })
      await recordAudit(trx, {
        schoolId,
        userId: user.id,
        action: 'school-updated',
        entity: 'school',
        entityId: schoolId,
        detail: { emblem: emblemKey ? 'uploaded' : 'generated' },
      })
    })
  } catch (error) {
    // Nothing points at the new file: it goes, so no orphan stays behind.
    if (emblemKey) await deleteEmblemFile(emblemKey)
    throw error
  }
  if (previous && previous !== emblemKey) await deleteEmblemFile(previous)
  return redirectWithFlash(
    user,
    '/school#emblem',
    emblemKey ? 'identity.emblem.saved' : 'identity.emblem.removed',
  )
}

export default function SchoolEmblemPage() {
  const { t } = useTranslation()
  const school = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  return (
    <>
      <PageHeader title={t('identity.emblem.pageTitle')} />
      <section className="card section" aria-labelledby="emblem-title">
        <h2 id="emblem-title">{t('identity.emblem.title')}</h2>
        <EmblemForm
          school={{ name: school.name }}
          src={school.src}
          uploaded={school.uploaded}
          error={reply?.error}
        />
      </section>
      <p>
        <Link to="/school">{t('identity.emblem.back')}</Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'identity.emblem.pageTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
