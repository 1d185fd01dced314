import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { discriminatedUnion, literal } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { isVisibleToFamilies } from '~/domain/approval'
import { ConsentAnswerSchema, isAnswerOpen, PhotoConsentSchema } from '~/domain/consent'
import { parseId } from '~/domain/schemas'
import {
  getConsentForGuardian,
  getPhotoConsent,
  listChildrenForConsents,
  listFamilyConsents,
} from '~/models/consents.server'
import { isGuardianOf } from '~/models/family.server'
import { answerConsent, choosePhotoUse } from '~/services/consent-workflow.server'
import {
  type IntentPermissions,
  redirectWithFlash,
  requireUser,
  requireUserForIntent,
} from '~/utils/auth.server'
import * as clock from '~/utils/clock'
import { todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { ChildSection } from './child-requests'

/** Answered requests of activities that have started stay in view for a while, newest first. */
const PAST_SHOWN = 5

export const answerFormId = (consentId: number) => `answer-${consentId}`
export const photoFormId = (studentId: number) => `photo-${studentId}`

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'consents:answer' })
  const { schoolId, school } = user
  const now = clock.now()
  const [children, requests] = await Promise.all([
    listChildrenForConsents(db, { schoolId, guardianId: user.id }),
    listFamilyConsents(db, { schoolId, guardianId: user.id }),
  ])
  const shown = requests.map(({ organiserPhone, contactPhone, activityStatus, ...request }) => ({
    ...request,
    // The organiser is the teacher to call; the activity's own number, else the one on their account.
    contactPhone: contactPhone || organiserPhone || '',
    linkable: isVisibleToFamilies(activityStatus),
    open: isAnswerOpen(request.startsAt, now),
  }))
  return {
    children: children.map((child) => {
      const mine = shown.filter((request) => request.studentId === child.id)
      return {
        ...child,
        pending: mine.filter((request) => request.open && request.status === 'requested'),
        answered: mine.filter((request) => request.open && request.status !== 'requested'),
        past: mine
          .filter((request) => !request.open)
          .reverse()
          .slice(0, PAST_SHOWN),
      }
    }),
    today: todayIn(school.timeZone, now),
    kind: school.kind,
    timeZone: school.timeZone,
  }
}

const INTENTS = { answer: 'consents:answer', photo: 'consents:answer' } as const satisfies IntentPermissions

const FamilyConsentsSchema = discriminatedUnion('intent', [
  ConsentAnswerSchema.extend({ intent: literal('answer') }),
  PhotoConsentSchema.extend({ intent: literal('photo') }),
])

export async function action({ request }: ActionFunctionArgs) {
  const { user, intent, formData } = await requireUserForIntent(request, INTENTS)
  const submission = parseWithZod(formData, { schema: FamilyConsentsSchema })
  if (submission.status !== 'success') {
    const formId =
      intent === 'answer'
        ? answerFormId(parseId(formData.get('consentId')) ?? 0)
        : photoFormId(parseId(formData.get('studentId')) ?? 0)
    return invalidForm(formId, submission.reply())
  }
  const form = submission.value
  const { schoolId } = user
  if (form.intent === 'photo') {
    const { studentId, photoConsent } = form
    // Only one of this guardian's own children; anyone else does not exist for them.
    if (!(await isGuardianOf(db, { schoolId, guardianId: user.id, studentId, enrolledOnly: true })))
      notFound()
    const before = await getPhotoConsent(db, { schoolId, studentId })
    await choosePhotoUse(db, user, { studentId, before, value: photoConsent })
    return redirectWithFlash(user, `/family/consents#child-${studentId}`, 'consents.family.flash.photoSaved')
  }
  // Only a request for one of this guardian's own children; anything else does not exist for them.
  const consent = await getConsentForGuardian(db, {
    schoolId,
    guardianId: user.id,
    consentId: form.consentId,
  })
  if (!consent) notFound()
  const now = clock.now()
  if (!isAnswerOpen(consent.startsAt, now)) {
    return invalidForm(answerFormId(consent.id), submission.reply({ formErrors: ['consents.family.closed'] }))
  }
  const { answer, note } = form
  // A second click of the same answer changes nothing and records nothing.
  await answerConsent(db, user, { consent, answer, note, now })
  const flash = answer === 'given' ? 'consents.family.flash.given' : 'consents.family.flash.refused'
  return redirectWithFlash(user, `/family/consents#child-${consent.studentId}`, flash)
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
export type Child = LoaderData['children'][number]
export type ConsentRequest = Child['pending'][number]

export default function FamilyConsentsPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  return (
    <div className="consent-page">
      <PageHeader title={t('consents.family.title')} lead={t('consents.family.lead')} />
      {data.children.length ? (
        <div className="stack">
          {data.children.map((child) => (
            <ChildSection key={child.id} child={child} data={data} />
          ))}
        </div>
      ) : (
        <p className="card muted">{t('consents.family.noChildren')}</p>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'consents.family.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
