import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { ImportReply, PreviewRow } from './import.server'
import { useClassName } from './roster-sections'
import { IssuedAccounts, IssueTable } from './roster-ui'
import type { loader } from './route'

export function UploadForm({ again }: { again: boolean }) {
  const { t } = useTranslation()
  const { limits } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formEncType === 'multipart/form-data'
  return (
    <Form method="post" encType="multipart/form-data" className="stack roster-upload">
      <input type="hidden" name="intent" value="preview" />
      <div className="field">
        <label htmlFor="roster-file">{again ? t('roster.upload.fileAgain') : t('roster.upload.file')}</label>
        <p id="roster-file-hint" className="field-hint">
          {t('roster.upload.fileHint', { maxMb: limits.maxMb, maxRows: limits.maxRows })}
        </p>
        <input
          id="roster-file"
          name="file"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          required
          aria-describedby="roster-file-hint"
        />
      </div>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('roster.upload.checking') : t('roster.upload.check')}
        </button>
      </div>
    </Form>
  )
}

export function FormatHelp() {
  const { t } = useTranslation()
  return (
    <details className="roster-help">
      <summary>{t('roster.upload.formatTitle')}</summary>
      <ul>
        <li>{t('roster.upload.formatColumns')}</li>
        <li>{t('roster.upload.formatGuardian')}</li>
        <li>{t('roster.upload.formatClass')}</li>
        <li>{t('roster.upload.formatEncoding')}</li>
        <li>{t('roster.upload.formatUpdate')}</li>
      </ul>
    </details>
  )
}

export function Problems({ reply }: { reply: Extract<ImportReply, { stage: 'problems' }> }) {
  const { t } = useTranslation()
  const badLines = new Set(reply.issues.flatMap((i) => (i.line === null || i.line === 1 ? [] : [i.line])))
    .size
  return (
    <div className="alert alert-error roster-problems" role="alert">
      <h3>
        {reply.fileName
          ? t('roster.problems.titleFile', { file: reply.fileName })
          : t('roster.problems.title')}
      </h3>
      <p>
        {badLines > 0
          ? t('roster.problems.rowsSummary', { count: badLines, rows: reply.rowCount })
          : t('roster.problems.fileSummary')}
      </p>
      <IssueTable issues={reply.issues} total={reply.issueCount} />
    </div>
  )
}

export function PreviewTable({
  rows,
  total,
  updated,
}: {
  rows: PreviewRow[]
  total: number
  updated?: boolean
}) {
  const { t } = useTranslation()
  const className = useClassName()
  const separator = t('common.listSeparator')
  const changes = (row: PreviewRow) => {
    const before = row.before
    if (!before) return ''
    const list: string[] = []
    if (before.name !== row.name) list.push(t('roster.preview.nameChange', { from: before.name }))
    if (before.className?.name !== row.toClass?.name) {
      list.push(t('roster.preview.classChange', { from: className(before.className) }))
    }
    if (!before.active) list.push(t('roster.preview.reactivated'))
    return list.join(separator)
  }
  const title = updated ? t('roster.preview.updatedTitle') : t('roster.preview.newTitle')
  return (
    <>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls on a phone must be reachable by keyboard (axe: scrollable-region-focusable), and this table has no links */}
      <section className="table-wrap" tabIndex={0} aria-label={title}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('roster.problems.line')}</th>
              <th scope="col">{t('roster.columns.studentNumber')}</th>
              <th scope="col">{t('roster.columns.name')}</th>
              <th scope="col">{t('roster.columns.className')}</th>
              {updated ? <th scope="col">{t('roster.preview.changes')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.studentNumber}>
                <td>{row.line}</td>
                <td>{row.studentNumber}</td>
                <td>{row.name}</td>
                <td>{className(row.toClass)}</td>
                {updated ? <td className="cell-text">{changes(row)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {total > rows.length ? (
        <p className="muted">{t('roster.preview.more', { count: total - rows.length })}</p>
      ) : null}
    </>
  )
}

export function Preview({ reply }: { reply: Extract<ImportReply, { stage: 'preview' }> }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'commit'
  const { counts } = reply
  const changes = counts.newPupils + counts.updatedPupils + counts.links
  return (
    <section className="card roster-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('roster.preview.title', { file: reply.fileName })}</h2>
      <p>{t('roster.preview.lead', { encoding: reply.encoding === 'gbk' ? 'GBK' : 'UTF-8' })}</p>
      <dl className="stats">
        <div>
          <dt>{t('roster.preview.newPupils')}</dt>
          <dd>{counts.newPupils}</dd>
        </div>
        <div>
          <dt>{t('roster.preview.updatedPupils')}</dt>
          <dd>{counts.updatedPupils}</dd>
        </div>
        <div>
          <dt>{t('roster.preview.unchanged')}</dt>
          <dd>{counts.unchanged}</dd>
        </div>
        <div>
          <dt>{t('roster.preview.newGuardians')}</dt>
          <dd>{counts.newGuardians}</dd>
        </div>
        <div>
          <dt>{t('roster.preview.links')}</dt>
          <dd>{counts.links}</dd>
        </div>
      </dl>
      {reply.warningCount ? (
        <section className="alert alert-warning stack" aria-labelledby="roster-warnings-title">
          <h3 id="roster-warnings-title">{t('roster.warnings.title', { count: reply.warningCount })}</h3>
          <p>{t('roster.warnings.lead')}</p>
          <IssueTable issues={reply.warnings} total={reply.warningCount} />
        </section>
      ) : null}
      {reply.newPupils.length ? (
        <>
          <h3>{t('roster.preview.newTitle')}</h3>
          <PreviewTable rows={reply.newPupils} total={counts.newPupils} />
        </>
      ) : null}
      {reply.updatedPupils.length ? (
        <>
          <h3>{t('roster.preview.updatedTitle')}</h3>
          <PreviewTable rows={reply.updatedPupils} total={counts.updatedPupils} updated />
        </>
      ) : null}
      {changes === 0 ? (
        <p className="alert alert-info">{t('roster.preview.nothing')}</p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="commit" />
          <input type="hidden" name="fileName" value={reply.fileName} />
          <input type="hidden" name="csv" value={reply.csv} />
          <p>{t('roster.preview.confirmHint')}</p>
          <div className="link-row">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('roster.preview.importing') : t('roster.preview.confirm')}
            </button>
            <Link to="/school/roster" className="button button-secondary">
              {t('roster.preview.cancel')}
            </Link>
          </div>
        </Form>
      )}
    </section>
  )
}

export function Done({ reply }: { reply: Extract<ImportReply, { stage: 'done' }> }) {
  const { t } = useTranslation()
  const { counts } = reply
  return (
    <>
      <div className="alert alert-success" role="status">
        <h2 className="roster-done-title">{t('roster.done.title')}</h2>
        <p>
          {t('roster.done.summary', {
            newPupils: counts.newPupils,
            updatedPupils: counts.updatedPupils,
            unchanged: counts.unchanged,
            links: counts.links,
          })}
        </p>
        {reply.issued.length === 0 ? <p>{t('roster.done.noAccounts')}</p> : null}
      </div>
      <IssuedAccounts accounts={reply.issued} />
    </>
  )
}
