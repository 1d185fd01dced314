import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { RecapFields } from '~/components/recap-form'
import { FormErrors } from '~/components/ui/field'
import { YearSwitch } from '~/components/year-switch'
import { audienceTargets } from '~/domain/recap-lifecycle'
import { recapSchema } from '~/domain/recap-schemas'
import { parseId } from '~/domain/schemas'
import { listSeasonIdsOfActivities } from '~/models/recaps.server'
import { createRecap } from '~/services/recap-workflow.server'
import { redirectWithFlash, requireUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { draftFor, loadRecapFormOptions, recapChoicesFor } from '~/utils/recap-form.server'
import { invalidForm } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'recaps:write' })
  const askedYearId = parseId(new URL(request.url).searchParams.get('year'))
  const options = await loadRecapFormOptions(user, { askedYearId })
  return { options, kind: user.school.kind, timeZone: user.school.timeZone }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'recaps:write' })
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent !== 'draft' && intent !== 'create') throw new Response('Unknown intent', { status: 400 })
  const choices = await recapChoicesFor(user, { formData })
  const submission = parseWithZod(formData, { schema: recapSchema(intent, choices) })
  if (submission.status !== 'success') return invalidForm('recap', submission.reply())
  // Activities of one season link the recap to it, unless the author chose otherwise.
  const seasons = await listSeasonIdsOfActivities(db, {
    schoolId: user.schoolId,
    activityIds: submission.value.activityIds,
  })
  const value = {
    ...submission.value,
    seasonId: submission.value.seasonId ?? (seasons.length === 1 ? seasons[0] : undefined),
  }
  // Drafting reads the linked activities' records: title (unless typed) and body come from them.
  const draft = intent === 'draft' ? await draftFor(user, request, value) : null
  const title = value.title || draft?.title || ''
  const id = await createRecap(db, user, {
    title,
    body: draft?.body ?? '',
    seasonId: value.seasonId ?? null,
    audience: value.audience,
    activityIds: value.activityIds,
    ...audienceTargets(value.audience, value),
  })
  return redirectWithFlash(
    user,
    `/recaps/${id}/edit`,
    draft ? 'recaps.flash.drafted' : 'recaps.flash.created',
  )
}

export default function NewRecapPage() {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const { options, kind, timeZone } = useLoaderData<typeof loader>()
  const [form, fields] = useForm<output<ReturnType<typeof recapSchema>>>({
    id: 'recap',
    lastResult: useFormReply('recap'),
    defaultValue: { audience: 'parents' },
  })
  const busy = navigation.state === 'submitting' && navigation.formAction === '/recaps/new'
  return (
    <>
      <p>
        <Link to="/recaps">{t('recaps.backToList')}</Link>
      </p>
      <PageHeader title={t('recaps.new.title')} lead={t('recaps.new.lead')} />
      <YearSwitch
        years={options.years}
        yearId={options.yearId}
        id="recap-year"
        label={t('recaps.form.year')}
        action="/recaps/new"
      />
      <Form method="post" className="card stack recap-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <RecapFields
          fields={fields}
          options={options}
          kind={kind}
          timeZone={timeZone}
          titleHint={t('recaps.new.titleHint')}
        />
        <div className="link-row">
          <button type="submit" name="intent" value="draft" className="button" disabled={busy}>
            {t('recaps.new.draft')}
          </button>
          <button
            type="submit"
            name="intent"
            value="create"
            className="button button-secondary"
            disabled={busy}
          >
            {t('recaps.new.create')}
          </button>
        </div>
        <p className="muted small">{t('recaps.new.buttonsHint')}</p>
      </Form>
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'recaps.new.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
