import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { ROSTER_MAX_BYTES, ROSTER_MAX_ROWS } from '~/domain/roster-fields'
import { PupilSchema } from '~/domain/roster-schemas'
import { parseId } from '~/domain/schemas'
import { searchPupils } from '~/models/pupils.server'
import {
  insertPupil,
  isStudentNumberTaken,
  listCurrentClasses,
  listRosterOverview,
} from '~/models/roster.server'
import { auditedWrite } from '~/services/audited-write.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm } from '~/utils/responses'
import { isUniqueViolation } from '../../../db/errors'
import {
  COMMIT_MAX_BYTES,
  commitImport,
  type ImportReply,
  previewUpload,
  tooBigToCommit,
} from './import.server'
import { Done, FormatHelp, Preview, Problems, UploadForm } from './import-steps'
import { AddPupilForm, LIST_LIMIT, Overview, PupilSearch, SEARCH_MAX } from './roster-sections'
import { NO_STORE } from './roster-ui'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'roster:manage' })
  const { schoolId } = user
  const params = new URL(request.url).searchParams
  const search = params.get('q')?.trim().slice(0, SEARCH_MAX) || undefined
  const classId = parseId(params.get('class')) ?? undefined
  const [overview, classes] = await Promise.all([
    listRosterOverview(db, { schoolId }),
    listCurrentClasses(db, { schoolId }),
  ])
  const searching = Boolean(search || classId)
  // Scoped by school: another school's class id simply finds nobody.
  const { pupils, more } = searching
    ? await searchPupils(db, { schoolId, search, classId, limit: LIST_LIMIT })
    : { pupils: [], more: false }
  return {
    kind: user.school.kind,
    overview,
    classes,
    pupils,
    more,
    searching,
    search: search ?? '',
    classId: classId ?? null,
    limits: { maxMb: ROSTER_MAX_BYTES / 1048576, maxRows: ROSTER_MAX_ROWS },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'roster:manage' })
  if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    return previewUpload(user, request)
  }
  // The confirm form carries the whole roster back; anything far larger is not one of ours.
  if (Number(request.headers.get('Content-Length')) > COMMIT_MAX_BYTES) return tooBigToCommit()
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'commit':
      return commitImport(user, formData)
    case 'add-pupil':
      return addPupil(user, formData)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

async function addPupil(user: SessionUser, formData: FormData) {
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: PupilSchema })
  if (submission.status !== 'success') return invalidForm('add-pupil', submission.reply())
  const { studentNumber, name, classId } = submission.value
  const refuse = (field: 'studentNumber' | 'classId', message: string) =>
    invalidForm('add-pupil', submission.reply({ fieldErrors: { [field]: [message] } }))
  const classes = await listCurrentClasses(db, { schoolId })
  if (!classes.some((c) => c.id === classId)) return refuse('classId', 'validation.unknownChoice')
  if (await isStudentNumberTaken(db, { schoolId, studentNumber })) {
    return refuse('studentNumber', 'roster.validation.numberTaken')
  }
  let id: number
  try {
    id = await auditedWrite(
      db,
      user,
      (trx) => insertPupil(trx, { schoolId, classId, studentNumber, name }),
      (id) => ({
        action: 'pupil-created',
        entity: 'student',
        entityId: id,
        detail: { studentNumber, classId },
      }),
    )
  } catch (error) {
    // A double-clicked submit: the first request took the number between the check and the insert.
    if (isUniqueViolation(error)) return refuse('studentNumber', 'roster.validation.numberTaken')
    throw error
  }
  return redirectWithFlash(user, `/school/roster/${id}`, 'roster.pupil.added')
}

export default function RosterPage() {
  const { t } = useTranslation()
  const reply = useActionData<typeof action>() as ImportReply | { form: string } | undefined
  const importReply = reply?.form === 'import' ? (reply as ImportReply) : undefined
  const done = importReply?.stage === 'done'
  return (
    <div className={done ? 'roster-page roster-done' : 'roster-page'}>
      <PageHeader
        title={t('roster.title')}
        lead={t('roster.lead')}
        actions={
          <>
            <a href="/school/roster/export" className="button button-secondary" download>
              {t('roster.export')}
            </a>
            <Link to="/school/roster/rollover" className="button button-secondary">
              {t('roster.rollover.link')}
            </Link>
          </>
        }
      />
      {importReply?.stage === 'done' ? <Done reply={importReply} /> : null}
      {importReply?.stage === 'preview' ? <Preview reply={importReply} /> : null}
      <section className="card section roster-print-hide" aria-labelledby="import-title">
        <h2 id="import-title">{t('roster.upload.title')}</h2>
        <p>{t('roster.upload.lead')}</p>
        <FormatHelp />
        {importReply?.stage === 'problems' ? <Problems reply={importReply} /> : null}
        <UploadForm again={Boolean(importReply)} />
      </section>
      <Overview />
      <PupilSearch />
      <AddPupilForm />
    </div>
  )
}

// A document answer to the import may show one-time passwords (data requests carry NO_STORE).
export const headers: HeadersFunction = () => NO_STORE

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'roster.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
