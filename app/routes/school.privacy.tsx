import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { PrivacyNotice } from '~/components/privacy-notice'
import { TextareaField, TextField } from '~/components/ui/field'
import { PrivacyNoticeSchema } from '~/domain/privacy-notice'
import { recordAudit } from '~/models/audit.server'
import { countAcknowledgements, getCurrentNotice, publishNotice } from '~/models/privacy-notices.server'
import { redirectWithFlash, requireUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { resolveLocale } from '~/utils/i18n.server'
import { pageTitle } from '~/utils/meta'
import { noticeForReader } from '~/utils/privacy-page.server'
import { invalidForm } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'

/** /school/privacy: the current notice, how many guardians confirmed it, and the next version's form. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'school:manage' })
  const notice = await getCurrentNotice(db, { schoolId: user.schoolId })
  const tally = await countAcknowledgements(db, { schoolId: user.schoolId, noticeId: notice.id })
  const locale = resolveLocale(request)
  return {
    slug: user.school.slug,
    notice: noticeForReader(notice, { locale, timeZone: user.school.timeZone }),
    source: { bodyZh: notice.bodyZh, bodyEn: notice.bodyEn, contact: notice.contact },
    tally,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'school:manage' })
  const submission = parseWithZod(await request.formData(), { schema: PrivacyNoticeSchema })
  if (submission.status !== 'success') return invalidForm('privacy-notice', submission.reply())
  await db.transaction().execute(async (trx) => {
    const published = await publishNotice(trx, {
      schoolId: user.schoolId,
      userId: user.id,
      ...submission.value,
    })
    await recordAudit(trx, {
      schoolId: user.schoolId,
      userId: user.id,
      action: 'privacy-notice-published',
      entity: 'privacy_notice',
      entityId: published.id,
      detail: { version: published.version },
    })
  })
  return redirectWithFlash(user, '/school/privacy', 'privacy.admin.published')
}

export default function SchoolPrivacyPage() {
  const { t } = useTranslation()
  const { slug, notice, source, tally } = useLoaderData<typeof loader>()
  const [form, fields] = useForm({
    id: 'privacy-notice',
    lastResult: useFormReply('privacy-notice'),
    defaultValue: source,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PrivacyNoticeSchema }),
  })
  return (
    <>
      <PageHeader title={t('privacy.admin.title')} lead={t('privacy.admin.lead')} />
      <section className="section stack" aria-labelledby="privacy-current">
        <h2 id="privacy-current">{t('privacy.admin.current')}</h2>
        <p role="status">{t('privacy.admin.acknowledged', tally)}</p>
        <PrivacyNotice notice={notice} />
        <p>
          <Link to={`/s/${encodeURIComponent(slug)}/privacy`}>{t('privacy.admin.viewPublic')}</Link>
        </p>
      </section>
      <section className="card section" aria-labelledby="privacy-edit">
        <h2 id="privacy-edit">{t('privacy.admin.editTitle')}</h2>
        <Form method="post" className="stack" {...getFormProps(form)}>
          <TextareaField
            meta={fields.bodyZh}
            label={t('privacy.admin.bodyZh')}
            hint={t('privacy.admin.bodyHint')}
            rows={16}
          />
          <TextareaField
            meta={fields.bodyEn}
            label={t('privacy.admin.bodyEn')}
            hint={t('privacy.admin.bodyHint')}
            rows={16}
          />
          <TextField
            meta={fields.contact}
            label={t('privacy.admin.contact')}
            hint={t('privacy.admin.contactHint')}
          />
          <button type="submit" className="button">
            {t('privacy.admin.publish', { version: notice.version + 1 })}
          </button>
        </Form>
      </section>
      <p>
        <Link to="/school">{t('privacy.admin.back')}</Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'privacy.admin.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
