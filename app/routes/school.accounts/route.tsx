import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { discriminatedUnion, literal, object, unknown } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { FormErrors } from '~/components/ui/field'
import { ROLES } from '~/domain/permissions'
import { AccountSchema, parseId } from '~/domain/schemas'
import { countAccounts, getAccount, isUsernameTaken, listAccounts } from '~/models/users.server'
import { type IntentPermissions, requireUser, requireUserForIntent } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'
import { AccountFilterForm, AccountsTable, CreateAccountForm, IssuedPassword } from './account-panels'
import { createAccount, NO_STORE, refuse, resetAccountPassword, setActive } from './accounts.server'

/** A school has thousands of parents: the list shows at most this many, narrowed by role or name. */
const LIST_LIMIT = 100

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'accounts:manage' })
  const params = new URL(request.url).searchParams
  const role = ROLES.find((r) => r === params.get('role'))
  const search = params.get('q')?.trim().slice(0, 40) || undefined
  const filter = { schoolId: user.schoolId, role, search }
  const [accounts, total] = await Promise.all([
    listAccounts(db, { ...filter, limit: LIST_LIMIT }),
    countAccounts(db, filter),
  ])
  return { accounts, total, role: role ?? '', search: search ?? '', selfId: user.id }
}

/** Every form of the page is the account administrator's: the table names them, another is a 400. */
const INTENTS = {
  create: 'accounts:manage',
  deactivate: 'accounts:manage',
  reactivate: 'accounts:manage',
  reset: 'accounts:manage',
} as const satisfies IntentPermissions

/** A malformed or missing account id names none of this school's: 404, not a form error. */
const accountId = unknown().transform(parseId)

/** The page's forms, told apart by `intent`. */
const AccountsPageSchema = discriminatedUnion('intent', [
  // Usernames are unique across schools: they are what people type to sign in.
  AccountSchema.extend({ intent: literal('create') }).superRefine(async ({ username }, ctx) => {
    if (await isUsernameTaken(db, username)) {
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'validation.usernameTaken' })
    }
  }),
  object({ intent: literal('deactivate'), accountId }),
  object({ intent: literal('reactivate'), accountId }),
  object({ intent: literal('reset'), accountId }),
])

export async function action({ request }: ActionFunctionArgs) {
  const { user, formData } = await requireUserForIntent(request, INTENTS)
  const submission = await parseWithZod(formData, { schema: AccountsPageSchema, async: true })
  // Only the create form has fields to refuse; the row buttons carry nothing but an id.
  if (submission.status !== 'success') return refuse({ form: 'create', result: submission.reply() })
  const form = submission.value
  if (form.intent === 'create') return createAccount(user, submission, form)
  const account = form.accountId
    ? await getAccount(db, { schoolId: user.schoolId, id: form.accountId })
    : undefined
  if (!account) notFound()
  // Locking oneself out, or ending one's own session by a reset, is never what an admin means.
  if (account.id === user.id && form.intent !== 'reactivate') {
    const message =
      form.intent === 'reset' ? 'school.accounts.cannotResetSelf' : 'school.accounts.cannotDeactivateSelf'
    return refuse({ form: 'accounts', formErrors: [message] })
  }
  if (form.intent === 'reset') return resetAccountPassword(user, account)
  return setActive(user, account, form.intent === 'reactivate')
}

export default function AccountsPage() {
  const { t } = useTranslation()
  const { accounts, total, role, search, selfId } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  return (
    <>
      <PageHeader title={t('school.accounts.title')} lead={t('school.accounts.lead')} />
      {reply?.issued ? <IssuedPassword issued={reply.issued} /> : null}
      <section className="card section" aria-labelledby="create-title">
        <h2 id="create-title">{t('school.accounts.createTitle')}</h2>
        <CreateAccountForm lastResult={reply?.form === 'create' ? reply.result : undefined} />
      </section>
      <section aria-labelledby="list-title">
        <h2 id="list-title">{t('school.accounts.listTitle', { count: total })}</h2>
        <AccountFilterForm role={role} search={search} />
        {total > accounts.length ? (
          <p className="muted">{t('school.accounts.showingFirst', { shown: accounts.length, total })}</p>
        ) : null}
        {accounts.length === 0 ? <p>{t('school.accounts.noMatch')}</p> : null}
        <FormErrors errors={reply?.formErrors} />
        <AccountsTable
          accounts={accounts}
          selfId={selfId}
          label={t('school.accounts.listTitle', { count: total })}
        />
      </section>
    </>
  )
}

// A document answer to an action may show a one-time password (data requests carry NO_STORE).
export const headers: HeadersFunction = () => NO_STORE

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'school.accounts.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
