import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AnonymisePupil } from '~/components/anonymise-pupil'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { READ_ACTIONS } from '~/domain/read-audit'
import { listGuardiansOfPupil } from '~/models/pupils.server'
import { listCurrentClasses } from '~/models/roster.server'
import { type IntentPermissions, requireUser, requireUserForIntent } from '~/utils/auth.server'
import { formatDay } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { auditRead } from '~/utils/read-audit.server'
import { useLocale } from '~/utils/use-locale'
import { IssuedAccounts, NO_STORE } from '../school.roster/roster-ui'
import {
  anonymise,
  createGuardian,
  linkExisting,
  type Reply,
  requirePupil,
  savePupil,
  unlink,
} from './pupil.server'
import { PupilSections, useClassName } from './pupil-sections'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'roster:manage' })
  const pupil = await requirePupil(user, params.studentId)
  const [guardians, classes] = await Promise.all([
    listGuardiansOfPupil(db, { schoolId: user.schoolId, studentId: pupil.id }),
    listCurrentClasses(db, { schoolId: user.schoolId }),
  ])
  await auditRead(user, context, {
    action: READ_ACTIONS.pupilRecord,
    entity: 'student',
    entityId: pupil.id,
    pupilIds: [pupil.id],
  })
  return { kind: user.school.kind, pupil, guardians, classes }
}

/** Every form of the page is the roster's: the table names them, an unknown one is a 400. */
const INTENTS = {
  save: 'roster:manage',
  'link-guardian': 'roster:manage',
  'new-guardian': 'roster:manage',
  'unlink-guardian': 'roster:manage',
  anonymise: 'roster:manage',
} as const satisfies IntentPermissions

const HANDLERS = {
  save: savePupil,
  'link-guardian': linkExisting,
  'new-guardian': createGuardian,
  'unlink-guardian': unlink,
  anonymise,
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, intent, formData } = await requireUserForIntent(request, INTENTS)
  const pupil = await requirePupil(user, params.studentId)
  // An anonymised record is final: nothing may put a name or a family back on it.
  if (pupil.anonymisedAt && intent !== 'anonymise') throw new Response('Anonymised', { status: 409 })
  return HANDLERS[intent](user, pupil, formData)
}

export default function PupilPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { pupil } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const className = useClassName()
  const status = pupil.anonymisedAt
    ? t('retention.badge')
    : pupil.active
      ? t('roster.status.active')
      : pupil.graduatedOn
        ? t('roster.pupil.graduatedOn', { date: formatDay(pupil.graduatedOn, locale) })
        : t('roster.status.inactive')
  return (
    <>
      <p>
        <Link to="/school/roster">{t('roster.back')}</Link>
      </p>
      <PageHeader
        title={pupil.name}
        lead={[
          t('roster.pupil.number', { number: pupil.studentNumber }),
          className({ name: pupil.className, gradeLevel: pupil.gradeLevel, number: pupil.classNumber }),
          status,
        ].join(' · ')}
      />
      {reply?.issued ? <IssuedAccounts accounts={[reply.issued]} /> : null}
      {pupil.anonymisedAt ? <AnonymisePupil pupil={pupil} /> : <PupilSections reply={reply} />}
    </>
  )
}

export const headers: HeadersFunction = () => NO_STORE

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'roster.pupil.title', { name: data?.pupil.name ?? '' })

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
