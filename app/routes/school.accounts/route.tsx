import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { RowAction } from '~/components/row-action'
import { FormErrors, SelectField, TextField } from '~/components/ui/field'
import { TableScroll } from '~/components/ui/table-scroll'
import { ROLES } from '~/domain/permissions'
import { AccountSchema, parseId } from '~/domain/schemas'
import { recordAudit } from '~/models/audit.server'
import { deleteSessionsOfUser } from '~/models/sessions.server'
import {
  countAccounts,
  getAccount,
  insertAccount,
  isUsernameTaken,
  listAccounts,
  setAccountActive,
  setPassword,
} from '~/models/users.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { hashPassword } from '~/utils/password.server'
import { notFound } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { isUniqueViolation } from '../../../db/errors'
import { generateOneTimePassword } from './one-time-password.server'

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

/** A password shown once in the action's answer: never stored in clear, never in a URL. */
type Issued = { kind: 'created' | 'reset'; username: string; displayName: string; password: string }
type Reply = { form: string; result?: SubmissionResult<string[]>; issued?: Issued; formErrors?: string[] }

// The answer carries a secret: no cache may keep it.
const NO_STORE = { 'Cache-Control': 'no-store' }

function refuse(reply: Reply) {
  return data<Reply>(reply, { status: 400 })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'accounts:manage' })
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'create') return createAccount(user, formData)
  if (intent !== 'deactivate' && intent !== 'reactivate' && intent !== 'reset') {
    throw new Response('Unknown intent', { status: 400 })
  }
  const id = parseId(formData.get('accountId'))
  const account = id ? await getAccount(db, { schoolId: user.schoolId, id }) : undefined
  if (!account) notFound()
  // Locking oneself out, or ending one's own session by a reset, is never what an admin means.
  if (account.id === user.id && intent !== 'reactivate') {
    const message =
      intent === 'reset' ? 'school.accounts.cannotResetSelf' : 'school.accounts.cannotDeactivateSelf'
    return refuse({ form: 'accounts', formErrors: [message] })
  }
  if (intent === 'reset') return resetAccountPassword(user, account)
  const active = intent === 'reactivate'
  await db.transaction().execute(async (trx) => {
    await setAccountActive(trx, { schoolId: user.schoolId, id: account.id, active })
    if (!active) await deleteSessionsOfUser(trx, { userId: account.id })
    await recordAudit(trx, {
      schoolId: user.schoolId,
      userId: user.id,
      action: active ? 'account-reactivated' : 'account-deactivated',
      entity: 'user',
      entityId: account.id,
      detail: { username: account.username },
    })
  })
  return redirectWithFlash(
    user,
    '/school/accounts',
    active ? 'school.accounts.reactivated' : 'school.accounts.deactivated',
  )
}

async function createAccount(user: SessionUser, formData: FormData) {
  const submission = parseWithZod(formData, { schema: AccountSchema })
  if (submission.status !== 'success') return refuse({ form: 'create', result: submission.reply() })
  const { username, displayName, role } = submission.value
  // Usernames are unique across schools: they are what people type to sign in.
  const taken = () =>
    refuse({
      form: 'create',
      result: submission.reply({ fieldErrors: { username: ['validation.usernameTaken'] } }),
    })
  if (await isUsernameTaken(db, username)) return taken()
  const password = generateOneTimePassword()
  // Hashed before the transaction: Argon2 is slow on purpose and should not hold the write lock.
  const passwordHash = await hashPassword(password)
  try {
    await db.transaction().execute(async (trx) => {
      const id = await insertAccount(trx, {
        schoolId: user.schoolId,
        role,
        username,
        displayName,
        passwordHash,
        mustChangePassword: true,
      })
      await recordAudit(trx, {
        schoolId: user.schoolId,
        userId: user.id,
        action: 'account-created',
        entity: 'user',
        entityId: id,
        detail: { username, role },
      })
    })
  } catch (error) {
    // Another admin may have taken the name while the password was being hashed.
    if (isUniqueViolation(error)) return taken()
    throw error
  }
  return data<Reply>(
    {
      form: 'create',
      result: submission.reply({ resetForm: true }),
      issued: { kind: 'created', username, displayName, password },
    },
    { headers: NO_STORE },
  )
}

async function resetAccountPassword(
  user: SessionUser,
  account: { id: number; username: string; displayName: string },
) {
  const password = generateOneTimePassword()
  const passwordHash = await hashPassword(password)
  await db.transaction().execute(async (trx) => {
    await setPassword(trx, {
      schoolId: user.schoolId,
      id: account.id,
      passwordHash,
      mustChangePassword: true,
    })
    await deleteSessionsOfUser(trx, { userId: account.id })
    await recordAudit(trx, {
      schoolId: user.schoolId,
      userId: user.id,
      action: 'password-reset',
      entity: 'user',
      entityId: account.id,
      detail: { username: account.username },
    })
  })
  return data<Reply>(
    {
      form: 'accounts',
      issued: { kind: 'reset', username: account.username, displayName: account.displayName, password },
    },
    { headers: NO_STORE },
  )
}

function IssuedPassword({ issued }: { issued: Issued }) {
  const { t } = useTranslation()
  return (
    <section className="alert alert-success issued" role="status" aria-labelledby="issued-title">
      <h2 id="issued-title">
        {t(issued.kind === 'created' ? 'school.accounts.issuedCreated' : 'school.accounts.issuedReset', {
          name: issued.displayName,
        })}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('school.accounts.username')}</dt>
          <dd>
            <code>{issued.username}</code>
          </dd>
        </div>
        <div>
          <dt>{t('school.accounts.oneTimePassword')}</dt>
          <dd>
            <code className="one-time-secret">{issued.password}</code>
          </dd>
        </div>
      </dl>
      <p>{t('school.accounts.handOver')}</p>
    </section>
  )
}

function CreateAccountForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'create-account',
    lastResult,
    defaultValue: { role: 'teacher' },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AccountSchema }),
  })
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="create" />
      <div className="form-grid">
        <TextField
          meta={fields.username}
          label={t('school.accounts.username')}
          hint={t('school.accounts.usernameHint')}
          autoComplete="off"
        />
        <TextField meta={fields.displayName} label={t('school.accounts.displayName')} autoComplete="off" />
        <SelectField meta={fields.role} label={t('school.accounts.role')}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div>
        <button type="submit" className="button">
          {t('school.accounts.create')}
        </button>
      </div>
    </Form>
  )
}

/** A plain GET form: the filter lives in the URL, so it can be bookmarked and works without JavaScript. */
function AccountFilterForm({ role, search }: { role: string; search: string }) {
  const { t } = useTranslation()
  return (
    <Form
      method="get"
      className="inline-form filter-form"
      role="search"
      aria-label={t('school.accounts.filterTitle')}
    >
      <div className="field">
        <label htmlFor="account-filter-role">{t('school.accounts.filterRole')}</label>
        <select id="account-filter-role" name="role" defaultValue={role}>
          <option value="">{t('school.accounts.allRoles')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="account-filter-q">{t('school.accounts.search')}</label>
        <input id="account-filter-q" name="q" type="search" defaultValue={search} maxLength={40} />
      </div>
      <button type="submit" className="button button-secondary">
        {t('school.accounts.filter')}
      </button>
    </Form>
  )
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
        <TableScroll label={t('school.accounts.listTitle', { count: total })}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('school.accounts.username')}</th>
                <th scope="col">{t('school.accounts.displayName')}</th>
                <th scope="col">{t('school.accounts.role')}</th>
                <th scope="col">{t('school.accounts.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => {
                const who = `${account.displayName} (${account.username})`
                const isSelf = account.id === selfId
                return (
                  <tr key={account.id}>
                    <td>
                      <code>{account.username}</code>
                    </td>
                    <td>{account.displayName}</td>
                    <td>{t(`roles.${account.role}`)}</td>
                    <td>
                      <span className="badge-row">
                        {account.active ? (
                          <span className="badge">{t('school.accounts.active')}</span>
                        ) : (
                          <span className="badge badge-muted">{t('school.accounts.inactive')}</span>
                        )}
                        {account.mustChangePassword ? (
                          <span className="badge badge-warning">{t('school.accounts.mustChange')}</span>
                        ) : null}
                        {isSelf ? (
                          <span className="badge badge-muted">{t('school.accounts.you')}</span>
                        ) : null}
                      </span>
                    </td>
                    <td className="cell-actions">
                      {isSelf ? null : (
                        <>
                          <RowAction
                            intent="reset"
                            values={{ accountId: account.id }}
                            label={t('school.accounts.reset')}
                            who={who}
                          />
                          {account.active ? (
                            <RowAction
                              intent="deactivate"
                              values={{ accountId: account.id }}
                              label={t('school.accounts.deactivate')}
                              who={who}
                              danger
                            />
                          ) : (
                            <RowAction
                              intent="reactivate"
                              values={{ accountId: account.id }}
                              label={t('school.accounts.reactivate')}
                              who={who}
                            />
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableScroll>
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
