import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, TextField } from '~/components/ui/field'
import { SignInSchema } from '~/domain/schemas'
import { useForm } from '~/utils/use-form'

export function SignInForm({
  lastResult,
  redirectTo,
  school,
}: {
  lastResult?: SubmissionResult<string[]>
  redirectTo?: string
  /** The slug of the school whose own sign-in address this is */
  school?: string
}) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'sign-in',
    lastResult,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  })
  return (
    <Form method="post" action="/login" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.username} label={t('auth.usernameOrPhone')} autoComplete="username" />
      <TextField
        meta={fields.password}
        label={t('auth.password')}
        type="password"
        autoComplete="current-password"
      />
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      {school ? <input type="hidden" name="school" value={school} /> : null}
      <button type="submit" className="button">
        {t('auth.signIn')}
      </button>
    </Form>
  )
}
