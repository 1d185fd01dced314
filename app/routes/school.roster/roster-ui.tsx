import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IssueParams, RosterIssue } from '~/domain/roster-csv'

/** A message whose list parameters (column names) are joined the way the reader's language joins them. */
export function useIssueText() {
  const { t } = useTranslation()
  return (messageKey: string, params?: IssueParams) => {
    const values: Record<string, string | number> = {}
    for (const [key, value] of Object.entries(params ?? {})) {
      values[key] = Array.isArray(value) ? value.join(t('common.listSeparator')) : value
    }
    return t(messageKey, values)
  }
}

/** Every problem of a file, by line and column, in the order a spreadsheet user fixes them. */
export function IssueTable({ issues, total }: { issues: RosterIssue[]; total: number }) {
  const { t } = useTranslation()
  const text = useIssueText()
  return (
    <>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls on a phone must be reachable by keyboard (axe: scrollable-region-focusable), and this table has no links */}
      <section className="table-wrap" tabIndex={0} aria-label={t('roster.problems.tableLabel')}>
        <table className="data-table roster-issues">
          <thead>
            <tr>
              <th scope="col">{t('roster.problems.line')}</th>
              <th scope="col">{t('roster.problems.column')}</th>
              <th scope="col">{t('roster.problems.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue, index) => (
              // The same line may have several problems, each in its own row.
              // biome-ignore lint/suspicious/noArrayIndexKey: issues are a fixed list from one answer
              <tr key={index}>
                <td>{issue.line === null ? t('roster.problems.wholeFile') : issue.line}</td>
                <td>{issue.field ? t(`roster.columns.${issue.field}`) : '—'}</td>
                <td className="cell-text">{text(issue.messageKey, issue.params)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {total > issues.length ? (
        <p className="muted">{t('roster.problems.more', { count: total - issues.length })}</p>
      ) : null}
    </>
  )
}

export type IssuedAccount = { displayName: string; username: string; password: string; pupils: string[] }

/** A print button once the page runs scripts; without them the browser's own print does the same. */
function PrintButton() {
  const { t } = useTranslation()
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])
  if (!ready) return null
  return (
    <button type="button" className="button button-secondary" onClick={() => window.print()}>
      {t('roster.issued.print')}
    </button>
  )
}

/** New guardian accounts with their one-time passwords: shown in this answer only, never stored in clear. */
export function IssuedAccounts({ accounts }: { accounts: IssuedAccount[] }) {
  const { t } = useTranslation()
  if (accounts.length === 0) return null
  return (
    <section className="card issued roster-issued" aria-labelledby="issued-title">
      <div className="roster-issued-header">
        <h2 id="issued-title">{t('roster.issued.title', { count: accounts.length })}</h2>
        <PrintButton />
      </div>
      <p className="alert alert-info">{t('roster.issued.handOver')}</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls on a phone must be reachable by keyboard (axe: scrollable-region-focusable), and this table has no links */}
      <section className="table-wrap" tabIndex={0} aria-label={t('roster.issued.tableLabel')}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('roster.issued.guardian')}</th>
              <th scope="col">{t('roster.issued.children')}</th>
              <th scope="col">{t('roster.issued.username')}</th>
              <th scope="col">{t('roster.issued.password')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.username}>
                <td>{account.displayName}</td>
                <td>{account.pupils.join(t('common.listSeparator'))}</td>
                <td>
                  <code>{account.username}</code>
                </td>
                <td>
                  <code className="one-time-secret">{account.password}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  )
}

/** The answer may show one-time passwords: no cache may keep it. */
export const NO_STORE = { 'Cache-Control': 'no-store' }
