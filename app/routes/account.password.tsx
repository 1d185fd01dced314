import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { TextField } from '~/components/ui/field'
import { ChangePasswordSchema } from '~/domain/schemas'
import { recordAudit } from '~/models/audit.server'
import { deleteSessionsOfUser } from '~/models/sessions.server'
import { getPasswordHash, setPassword } from '~/models/users.server'
import { clientAddress, redirectWithFlash, requireUser, throttledAttempt } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { hashPassword, verifyPassword } from '~/utils/password.server'
import { useForm } from '~/utils/use-form'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'account:self', allowPasswordChange: true })
  return { mustChange: user.mustChangePassword }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'account:self', allowPasswordChange: true })
  const submission = parseWithZod(await request.formData(), { schema: ChangePasswordSchema })
  const hidden = { hideFields: ['currentPassword', 'newPassword', 'confirmPassword'] }
  if (submission.status !== 'success') return data({ result: submission.reply(hidden) }, { status: 400 })
  const { currentPassword, newPassword } = submission.value
  const currentHash = await getPasswordHash(db, user.id)
  // Throttled as sign-in is: a stolen session must not become a way to guess the password.
  const checked = await throttledAttempt(user.username, clientAddress(context), async () =>
    currentHash ? verifyPassword(currentHash, currentPassword) : false,
  )
  if (checked !== 'ok') {
    const throttled = checked === 'throttled'
    const error = throttled ? 'auth.throttled' : 'account.wrongCurrent'
    return data(
      { result: submission.reply({ ...hidden, fieldErrors: { currentPassword: [error] } }) },
      { status: throttled ? 429 : 400 },
    )
  }
  const passwordHash = await hashPassword(newPassword)
  await db.transaction().execute(async (trx) => {
    await setPassword(trx, { schoolId: user.schoolId, id: user.id, passwordHash, mustChangePassword: false })
    // Other devices signed in with the old password are signed out; this one stays.
    await deleteSessionsOfUser(trx, { userId: user.id, exceptId: user.sessionId })
    await recordAudit(trx, {
      schoolId: user.schoolId,
      userId: user.id,
      action: 'password-changed',
      entity: 'user',
      entityId: user.id,
    })
  })
  return redirectWithFlash(user, '/', 'account.changed')
}

export default function ChangePasswordPage() {
  const { t } = useTranslation()
  const { mustChange } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'change-password',
    lastResult: actionData?.result,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  })
  return (
    <section className="narrow">
      <PageHeader title={t('account.passwordTitle')} lead={t('account.passwordLead')} />
      {mustChange ? (
        <p className="alert alert-info" role="status">
          {t('account.mustChange')}
        </p>
      ) : null}
      <Form method="post" className="card stack" {...getFormProps(form)}>
        <TextField
          meta={fields.currentPassword}
          label={t('account.currentPassword')}
          type="password"
          autoComplete="current-password"
        />
        <TextField
          meta={fields.newPassword}
          label={t('account.newPassword')}
          type="password"
          autoComplete="new-password"
        />
        <TextField
          meta={fields.confirmPassword}
          label={t('account.confirmPassword')}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          {t('account.save')}
        </button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account.passwordTitle')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
