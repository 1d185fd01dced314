import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { PrivacyNotice } from '~/components/privacy-notice'
import { CheckboxField } from '~/components/ui/field'
import { AcknowledgeSchema, isAcknowledgementDue } from '~/domain/privacy-notice'
import { acknowledgeNotice, findNoticeDue, getCurrentNotice } from '~/models/privacy-notices.server'
import { clientAddress, requireUser, safeRedirectPath } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { resolveLocale } from '~/utils/i18n.server'
import { pageTitle } from '~/utils/meta'
import { noticeForReader } from '~/utils/privacy-page.server'
import { invalidForm } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'

/**
 * /privacy/acknowledge: where requireUser sends a guardian whose school has a notice version they
 * have not acknowledged. Anyone with nothing to acknowledge goes on to where they were going.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'account:self', allowPrivacyPending: true })
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'))
  const due = await findNoticeDue(db, { schoolId: user.schoolId, userId: user.id })
  if (!isAcknowledgementDue(user.role, due)) throw redirect(redirectTo)
  const notice = await getCurrentNotice(db, { schoolId: user.schoolId })
  const locale = resolveLocale(request)
  return { notice: noticeForReader(notice, { locale, timeZone: user.school.timeZone }), redirectTo }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'account:self', allowPrivacyPending: true })
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: AcknowledgeSchema })
  if (submission.status !== 'success') return invalidForm('acknowledge-privacy', submission.reply())
  const redirectTo = safeRedirectPath(submission.value.redirectTo)
  const due = await findNoticeDue(db, { schoolId: user.schoolId, userId: user.id })
  if (!isAcknowledgementDue(user.role, due) || !due) throw redirect(redirectTo)
  // A version published while the guardian was reading is shown to them before it counts as read.
  if (Number(formData.get('version')) !== due.version) {
    throw redirect(`/privacy/acknowledge?${new URLSearchParams({ redirectTo })}`)
  }
  await acknowledgeNotice(db, { userId: user.id, noticeId: due.id, clientAddress: clientAddress(context) })
  throw redirect(redirectTo)
}

export default function AcknowledgePrivacyPage() {
  const { t } = useTranslation()
  const { notice, redirectTo } = useLoaderData<typeof loader>()
  const [form, fields] = useForm({
    id: 'acknowledge-privacy',
    lastResult: useFormReply('acknowledge-privacy'),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcknowledgeSchema }),
  })
  return (
    <section className="narrow privacy-page">
      <PageHeader
        title={t('privacy.acknowledge.title')}
        lead={
          notice.version > 1
            ? t('privacy.acknowledge.updated', { version: notice.version })
            : t('privacy.acknowledge.lead')
        }
      />
      <PrivacyNotice notice={notice} />
      <Form method="post" className="card stack" {...getFormProps(form)}>
        <input type="hidden" name="version" value={notice.version} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <CheckboxField meta={fields.agree} label={t('privacy.acknowledge.agree')} />
        <button type="submit" className="button">
          {t('privacy.acknowledge.submit')}
        </button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'privacy.acknowledge.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
