import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { SerializeFrom } from '@remix-run/node'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { RowAction } from '~/components/row-action'
import { SelectField, TextField } from '~/components/ui/field'
import { TableScroll } from '~/components/ui/table-scroll'
import { ROLES } from '~/domain/permissions'
import { AccountSchema } from '~/domain/schemas'
import { useForm } from '~/utils/use-form'
import type { Issued } from './accounts.server'
import type { loader } from './route'

type Account = SerializeFrom<typeof loader>['accounts'][number]

export function IssuedPassword({ issued }: { issued: Issued }) {
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

export function CreateAccountForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
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
export function AccountFilterForm({ role, search }: { role: string; search: string }) {
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

/** The listed accounts; an admin's own row offers nothing, so nobody locks themselves out. */
export function AccountsTable({
  accounts,
  selfId,
  label,
}: {
  accounts: Account[]
  selfId: number
  label: string
}) {
  const { t } = useTranslation()
  return (
    <TableScroll label={label}>
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
                    {isSelf ? <span className="badge badge-muted">{t('school.accounts.you')}</span> : null}
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
  )
}
