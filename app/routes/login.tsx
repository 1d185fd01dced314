import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SignInForm } from '~/components/sign-in-form'
import { FormErrors } from '~/components/ui/field'
import { SignInSchema } from '~/domain/schemas'
import { findSchoolBySlug } from '~/models/calendar.server'
import { listSignInChoices } from '~/models/users.server'
import {
  checkCredentials,
  clearSchoolChoice,
  clientAddress,
  getSessionUser,
  issueSchoolChoice,
  readSchoolChoice,
  requireSameOrigin,
  safeRedirectPath,
  startSession,
} from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitleAndDescription } from '~/utils/meta'

/** `/login?school=<slug>`: a school's own sign-in address, where a phone signs in at that school. */
async function findSchoolOfAddress(slug: FormDataEntryValue | string | null | undefined) {
  if (typeof slug !== 'string' || !slug) return undefined
  const school = await findSchoolBySlug(db, slug.slice(0, 64))
  return school ? { slug: school.slug, name: school.name } : undefined
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect('/')
  const school = await findSchoolOfAddress(new URL(request.url).searchParams.get('school'))
  return { school: school ?? null }
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const formData = await request.formData()
  if (formData.get('intent') === 'choose-school') return chooseSchool(request, formData)
  const submission = parseWithZod(formData, { schema: SignInSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  }
  const { username, password, redirectTo, school } = submission.value
  const atSchool = await findSchoolOfAddress(school)
  const outcome = await checkCredentials(username, password, clientAddress(context), {
    schoolSlug: atSchool?.slug,
  })
  if (!outcome.ok && outcome.reason === 'choose-school') {
    // Named only now: the password opened an account at each of these schools.
    return data(
      {
        result: submission.reply({ hideFields: ['password'] }),
        choices: outcome.choices.map(({ schoolSlug, schoolName }) => ({
          slug: schoolSlug,
          name: schoolName,
        })),
      },
      {
        headers: {
          'Set-Cookie': await issueSchoolChoice(
            request,
            outcome.choices.map((c) => c.userId),
          ),
        },
      },
    )
  }
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

/** The second step of a phone sign-in that matched several schools: the school picked, no password again. */
async function chooseSchool(request: Request, formData: FormData) {
  const offered = await listSignInChoices(db, await readSchoolChoice(request))
  const picked = offered.find((choice) => choice.schoolSlug === formData.get('school'))
  if (!picked) return data({ result: undefined, expired: true }, { status: 400 })
  const response = await startSession(request, {
    userId: picked.id,
    schoolId: picked.schoolId,
    redirectTo: safeRedirectPath(formData.get('redirectTo')),
  })
  response.headers.append('Set-Cookie', await clearSchoolChoice(request))
  return response
}

export default function LoginPage() {
  const { t } = useTranslation()
  const { school } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const redirectTo = searchParams.get('redirectTo') ?? undefined
  const choices: { slug: string; name: string }[] | undefined =
    actionData && 'choices' in actionData ? actionData.choices : undefined
  if (choices) {
    return (
      <section className="narrow card">
        <h1>{t('auth.chooseSchoolTitle')}</h1>
        <p className="lead">{t('auth.chooseSchoolLead')}</p>
        <Form method="post" action="/login" className="stack">
          <input type="hidden" name="intent" value="choose-school" />
          {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
          {choices.map((choice) => (
            <button key={choice.slug} type="submit" name="school" value={choice.slug} className="button">
              {t('auth.signInAt', { school: choice.name })}
            </button>
          ))}
        </Form>
      </section>
    )
  }
  const expired = actionData && 'expired' in actionData
  return (
    <section className="narrow card">
      <h1>{school ? t('auth.signInAtTitle', { school: school.name }) : t('auth.signInTitle')}</h1>
      <p className="lead">{t('auth.signInLead')}</p>
      {expired ? <FormErrors errors={['auth.chooseSchoolExpired']} /> : null}
      <SignInForm
        lastResult={actionData && 'result' in actionData ? actionData.result : undefined}
        redirectTo={redirectTo}
        school={school?.slug}
      />
    </section>
  )
}

export const meta: MetaFunction = ({ matches }) =>
  pageTitleAndDescription(matches, 'auth.signIn', 'auth.metaDescription')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
