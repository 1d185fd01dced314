import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { FormErrors, SelectField, TextField } from '~/components/ui/field'
import { classLabel, gradeLabel, type SchoolKind } from '~/domain/grades'
import { ROSTER_MAX_BYTES, ROSTER_MAX_ROWS } from '~/domain/roster-fields'
import { PupilSchema } from '~/domain/roster-schemas'
import { parseId } from '~/domain/schemas'
import { recordAudit } from '~/models/audit.server'
import { searchPupils } from '~/models/pupils.server'
import {
  insertPupil,
  isStudentNumberTaken,
  listCurrentClasses,
  listRosterOverview,
} from '~/models/roster.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import { isUniqueViolation } from '../../../db/errors'
import {
  type ClassRef,
  COMMIT_MAX_BYTES,
  commitImport,
  type ImportReply,
  type PreviewRow,
  previewUpload,
  tooBigToCommit,
} from './import.server'
import { IssuedAccounts, IssueTable, NO_STORE } from './roster-ui'

/** A school has thousands of pupils: a search shows at most this many. */
const LIST_LIMIT = 100
const SEARCH_MAX = 40

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'roster:manage' })
  const { schoolId } = user
  const params = new URL(request.url).searchParams
  const search = params.get('q')?.trim().slice(0, SEARCH_MAX) || undefined
  const classId = parseId(params.get('class')) ?? undefined
  const [overview, classes] = await Promise.all([
    listRosterOverview(db, { schoolId }),
    listCurrentClasses(db, { schoolId }),
  ])
  const searching = Boolean(search || classId)
  // Scoped by school: another school's class id simply finds nobody.
  const { pupils, more } = searching
    ? await searchPupils(db, { schoolId, search, classId, limit: LIST_LIMIT })
    : { pupils: [], more: false }
  return {
    kind: user.school.kind,
    overview,
    classes,
    pupils,
    more,
    searching,
    search: search ?? '',
    classId: classId ?? null,
    limits: { maxMb: ROSTER_MAX_BYTES / 1048576, maxRows: ROSTER_MAX_ROWS },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'roster:manage' })
  if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    return previewUpload(user, request)
  }
  // The confirm form carries the whole roster back; anything far larger is not one of ours.
  if (Number(request.headers.get('Content-Length')) > COMMIT_MAX_BYTES) return tooBigToCommit()
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'commit':
      return commitImport(user, formData)
    case 'add-pupil':
      return addPupil(user, formData)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

async function addPupil(user: SessionUser, formData: FormData) {
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: PupilSchema })
  if (submission.status !== 'success') return invalidForm('add-pupil', submission.reply())
  const { studentNumber, name, classId } = submission.value
  const refuse = (field: 'studentNumber' | 'classId', message: string) =>
    invalidForm('add-pupil', submission.reply({ fieldErrors: { [field]: [message] } }))
  const classes = await listCurrentClasses(db, { schoolId })
  if (!classes.some((c) => c.id === classId)) return refuse('classId', 'validation.unknownChoice')
  if (await isStudentNumberTaken(db, { schoolId, studentNumber })) {
    return refuse('studentNumber', 'roster.validation.numberTaken')
  }
  let id: number
  try {
    id = await db.transaction().execute(async (trx) => {
      const id = await insertPupil(trx, { schoolId, classId, studentNumber, name })
      await recordAudit(trx, {
        schoolId,
        userId: user.id,
        action: 'pupil-created',
        entity: 'student',
        entityId: id,
        detail: { studentNumber, classId },
      })
      return id
    })
  } catch (error) {
    // A double-clicked submit: the first request took the number between the check and the insert.
    if (isUniqueViolation(error)) return refuse('studentNumber', 'roster.validation.numberTaken')
    throw error
  }
  return redirectWithFlash(user, `/school/roster/${id}`, 'roster.pupil.added')
}

function useClassName() {
  const locale = useLocale()
  const { kind } = useLoaderData<typeof loader>()
  return (c: ClassRef | null) => (c ? classLabel(locale, kind as SchoolKind, c) : '—')
}

function UploadForm({ again }: { again: boolean }) {
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

function FormatHelp() {
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

function Problems({ reply }: { reply: Extract<ImportReply, { stage: 'problems' }> }) {
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

function PreviewTable({ rows, total, updated }: { rows: PreviewRow[]; total: number; updated?: boolean }) {
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

function Preview({ reply }: { reply: Extract<ImportReply, { stage: 'preview' }> }) {
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

function Done({ reply }: { reply: Extract<ImportReply, { stage: 'done' }> }) {
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

/** The overview's rows: one per grade, its classes side by side, so a school of 36 classes fits a screen. */
function byGrade<T extends { gradeLevel: number; gradeName: string; pupils: number; withGuardian: number }>(
  classes: T[],
) {
  const grades = new Map<
    number,
    { level: number; name: string; classes: T[]; pupils: number; withGuardian: number }
  >()
  for (const c of classes) {
    const grade = grades.get(c.gradeLevel) ?? {
      level: c.gradeLevel,
      name: c.gradeName,
      classes: [],
      pupils: 0,
      withGuardian: 0,
    }
    grade.classes.push(c)
    grade.pupils += c.pupils
    grade.withGuardian += c.withGuardian
    grades.set(c.gradeLevel, grade)
  }
  return [...grades.values()]
}

function Overview() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { overview, kind } = useLoaderData<typeof loader>()
  const className = useClassName()
  const grades = byGrade(overview)
  const total = overview.reduce((sum, c) => sum + c.pupils, 0)
  const withGuardian = overview.reduce((sum, c) => sum + c.withGuardian, 0)
  return (
    <section className="section roster-print-hide" aria-labelledby="overview-title">
      <h2 id="overview-title">{t('roster.overview.title', { count: total })}</h2>
      {overview.length === 0 ? (
        <p className="muted">{t('roster.overview.noClasses')}</p>
      ) : (
        <>
          <p className="muted">{t('roster.overview.lead', { withGuardian, total })}</p>
          <div className="table-wrap">
            <table className="data-table roster-overview">
              <thead>
                <tr>
                  <th scope="col">{t('roster.overview.grade')}</th>
                  <th scope="col">{t('roster.overview.classes')}</th>
                  <th scope="col">{t('roster.overview.pupils')}</th>
                  <th scope="col">{t('roster.overview.withGuardian')}</th>
                </tr>
              </thead>
              <tbody>
                {grades.map((grade) => (
                  <tr key={grade.level}>
                    <th scope="row">{gradeLabel(locale, kind as SchoolKind, grade)}</th>
                    <td>
                      <ul className="roster-class-links">
                        {grade.classes.map((c) => (
                          <li key={c.id}>
                            <Link to={`/school/roster?class=${c.id}#pupils-title`}>{className(c)}</Link>{' '}
                            <span className="muted">
                              {t('roster.overview.classCount', { count: c.pupils })}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{grade.pupils}</td>
                    <td className={grade.withGuardian < grade.pupils ? 'roster-gap' : undefined}>
                      {grade.withGuardian}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

function PupilSearch() {
  const { t } = useTranslation()
  const { classes, pupils, more, searching, search, classId } = useLoaderData<typeof loader>()
  const className = useClassName()
  return (
    <section className="section roster-print-hide" aria-labelledby="pupils-title">
      <h2 id="pupils-title">{t('roster.search.title')}</h2>
      <Form
        method="get"
        className="inline-form filter-form"
        role="search"
        aria-label={t('roster.search.title')}
        key={`${search}|${classId ?? ''}`}
      >
        <div className="field">
          <label htmlFor="roster-search-q">{t('roster.search.query')}</label>
          <input id="roster-search-q" name="q" type="search" defaultValue={search} maxLength={SEARCH_MAX} />
        </div>
        <div className="field">
          <label htmlFor="roster-search-class">{t('roster.columns.className')}</label>
          <select id="roster-search-class" name="class" defaultValue={classId ?? ''}>
            <option value="">{t('roster.search.allClasses')}</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {className(c)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          {t('roster.search.submit')}
        </button>
        {searching ? <Link to="/school/roster">{t('roster.search.clear')}</Link> : null}
      </Form>
      {!searching ? (
        <p className="muted">{t('roster.search.hint')}</p>
      ) : pupils.length === 0 ? (
        <p>{t('roster.search.noMatch')}</p>
      ) : (
        <>
          {more ? <p className="muted">{t('roster.search.showingFirst', { count: LIST_LIMIT })}</p> : null}
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('roster.columns.studentNumber')}</th>
                  <th scope="col">{t('roster.columns.name')}</th>
                  <th scope="col">{t('roster.columns.className')}</th>
                  <th scope="col">{t('roster.search.status')}</th>
                </tr>
              </thead>
              <tbody>
                {pupils.map((p) => (
                  <tr key={p.id}>
                    <td>{p.studentNumber}</td>
                    <th scope="row">
                      <Link to={`/school/roster/${p.id}`}>{p.name}</Link>
                    </th>
                    <td>
                      {className({ name: p.className, gradeLevel: p.gradeLevel, number: p.classNumber })}
                    </td>
                    <td>
                      {p.anonymisedAt ? (
                        <span className="badge badge-muted">{t('retention.badge')}</span>
                      ) : p.active ? (
                        <span className="badge">{t('roster.status.active')}</span>
                      ) : (
                        <span className="badge badge-muted">
                          {p.graduatedOn ? t('roster.status.graduated') : t('roster.status.inactive')}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

function AddPupilForm() {
  const { t } = useTranslation()
  const { classes } = useLoaderData<typeof loader>()
  const className = useClassName()
  const [form, fields] = useForm<output<typeof PupilSchema>>({
    id: 'add-pupil',
    lastResult: useFormReply('add-pupil'),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PupilSchema }),
  })
  return (
    <section className="card section roster-print-hide" aria-labelledby="add-pupil-title">
      <h2 id="add-pupil-title">{t('roster.pupil.addTitle')}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-pupil" />
        <FormErrors errors={form.errors} />
        <div className="form-grid">
          <TextField
            meta={fields.studentNumber}
            label={t('roster.columns.studentNumber')}
            autoComplete="off"
          />
          <TextField meta={fields.name} label={t('roster.columns.name')} autoComplete="off" />
          <SelectField meta={fields.classId} label={t('roster.columns.className')}>
            <option value="">{t('roster.pupil.chooseClass')}</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {className(c)}
              </option>
            ))}
          </SelectField>
        </div>
        <div>
          <button type="submit" className="button">
            {t('roster.pupil.add')}
          </button>
        </div>
      </Form>
    </section>
  )
}

export default function RosterPage() {
  const { t } = useTranslation()
  const reply = useActionData<typeof action>() as ImportReply | { form: string } | undefined
  const importReply = reply?.form === 'import' ? (reply as ImportReply) : undefined
  const done = importReply?.stage === 'done'
  return (
    <div className={done ? 'roster-page roster-done' : 'roster-page'}>
      <PageHeader
        title={t('roster.title')}
        lead={t('roster.lead')}
        actions={
          <>
            <a href="/school/roster/export" className="button button-secondary" download>
              {t('roster.export')}
            </a>
            <Link to="/school/roster/rollover" className="button button-secondary">
              {t('roster.rollover.link')}
            </Link>
          </>
        }
      />
      {importReply?.stage === 'done' ? <Done reply={importReply} /> : null}
      {importReply?.stage === 'preview' ? <Preview reply={importReply} /> : null}
      <section className="card section roster-print-hide" aria-labelledby="import-title">
        <h2 id="import-title">{t('roster.upload.title')}</h2>
        <p>{t('roster.upload.lead')}</p>
        <FormatHelp />
        {importReply?.stage === 'problems' ? <Problems reply={importReply} /> : null}
        <UploadForm again={Boolean(importReply)} />
      </section>
      <Overview />
      <PupilSearch />
      <AddPupilForm />
    </div>
  )
}

// A document answer to the import may show one-time passwords (data requests carry NO_STORE).
export const headers: HeadersFunction = () => NO_STORE

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'roster.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
