import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { useActionData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SignInForm } from '~/components/sign-in-form'
import { SignInSchema } from '~/domain/schemas'
import {
  checkCredentials,
  clientAddress,
  getSessionUser,
  requireSameOrigin,
  safeRedirectPath,
  startSession,
} from '~/utils/auth.server'
import { pageTitleAndDescription } from '~/utils/meta'

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect('/')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const submission = parseWithZod(await request.formData(), { schema: SignInSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  }
  const { username, password, redirectTo } = submission.value
  const outcome = await checkCredentials(username, password, clientAddress(context))
  if (!outcome.ok) {
    const throttled = outcome.reason === 'throttled'
    return data(
      {
        result: submission.reply({
          formErrors: [throttled ? 'auth.throttled' : 'auth.invalidCredentials'],
          hideFields: ['password'],
        }),
      },
      { status: throttled ? 429 : 401 },
    )
  }
  return startSession(request, {
    userId: outcome.userId,
    schoolId: outcome.schoolId,
    redirectTo: safeRedirectPath(redirectTo),
  })
}

export default function LoginPage() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  return (
    <section className="narrow card">
      <h1>{t('auth.signInTitle')}</h1>
      <p className="lead">{t('auth.signInLead')}</p>
      <SignInForm lastResult={actionData?.result} redirectTo={searchParams.get('redirectTo') ?? undefined} />
    </section>
  )
}

export const meta: MetaFunction = ({ matches }) =>
  pageTitleAndDescription(matches, 'auth.signIn', 'auth.metaDescription')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
