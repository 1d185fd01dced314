import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, redirect, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { output } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import {
  CoverageMatrix,
  ReviewHistory,
  SeasonConflicts,
  SeasonObservances,
  SeasonTimeline,
  useNames,
} from '~/components/season-overview'
import { StatusBadge } from '~/components/status-badge'
import { CheckboxGroup, SelectField, TextField } from '~/components/ui/field'
import { allowedDecisions, isEditable } from '~/domain/approval'
import { parseId } from '~/domain/schemas'
import { CopySeasonSchema, StrandSchema } from '~/domain/season-schemas'
import { recordAudit } from '~/models/audit.server'
import { ANSWERED_BY, markActedOn } from '~/models/notifications.server'
import { getAcademicYear, listAcademicYears, listGrades } from '~/models/school.server'
import { copySeason } from '~/models/season-copy.server'
import { loadSeasonOverview } from '~/models/season-overview.server'
import {
  deleteStrand,
  findJustCreatedSeason,
  getSeason,
  getStrand,
  insertStrand,
  isSeasonTitleTaken,
  listStrands,
  updateStrand,
} from '~/models/seasons.server'
import { redirectWithFlash, requireUser, type SessionUser } from '~/utils/auth.server'
import { formatDay, formatDayRange } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { copiedSeasonTitle } from '~/utils/observances.server'
import { type FormReply, invalidForm, notFound } from '~/utils/responses'
import { decideOnSeason, submitSeason } from '~/utils/season-decisions.server'
import { requireSeason } from '~/utils/seasons.server'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:read' })
  const id = parseId(params.seasonId)
  const overview = id
    ? await loadSeasonOverview(db, { schoolId: user.schoolId, seasonId: id, timeZone: user.school.timeZone })
    : undefined
  if (!overview) notFound()
  // Opening the season is what "approved" and "published" asked of its owner.
  await markActedOn(db, {
    schoolId: user.schoolId,
    userId: user.id,
    entity: 'season',
    entityIds: [overview.season.id],
    kinds: ANSWERED_BY.reading.season,
  })
  const years = await listAcademicYears(db, { schoolId: user.schoolId })
  const copiedFrom = overview.season.copiedFromId
    ? await getSeason(db, { schoolId: user.schoolId, id: overview.season.copiedFromId })
    : undefined
  const lastReturn = [...overview.reviews].reverse().find((r) => r.action === 'changes_requested')
  return {
    ...overview,
    decisions: allowedDecisions(overview.season.status, user.role),
    canEdit: user.role !== 'parent' && isEditable(overview.season.status),
    isAdmin: user.role === 'admin',
    kind: user.school.kind,
    timeZone: user.school.timeZone,
    // The copy form proposes each year's title (「春·播感恩季（2028）」); the person may change it.
    years: years.map((y) => ({
      id: y.id,
      name: y.name,
      copyTitle: copiedSeasonTitle(overview.season, y.startsOn),
    })),
    copiedFrom: copiedFrom ? { id: copiedFrom.id, title: copiedFrom.title } : null,
    lastReturnComment: overview.season.status === 'changes_requested' ? (lastReturn?.comment ?? '') : '',
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'plan:edit' })
  const season = await requireSeason(user, params.seasonId)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'copy') return copy(user, season, formData)
  // Decisions check the status themselves: reopening is the one thing a closed season still allows.
  if (intent === 'decide') return decideOnSeason(user, season, formData)
  if (!isEditable(season.status)) throw new Response('Season closed', { status: 403 })
  switch (intent) {
    case 'add-strand':
      return saveStrand(user, season.id, formData)
    case 'update-strand':
      return saveStrand(user, season.id, formData, parseId(formData.get('strandId')) ?? notFound())
    case 'delete-strand':
      return removeStrand(user, season.id, formData)
    case 'submit':
      return submitSeason(user, season)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

type Season = NonNullable<Awaited<ReturnType<typeof getSeason>>>

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === new Set(b).size && b.every((id) => a.includes(id))
}

async function saveStrand(user: SessionUser, seasonId: number, formData: FormData, strandId?: number) {
  const { schoolId } = user
  const formId = strandId ? `strand-${strandId}` : 'add-strand'
  if (strandId) {
    const strand = await getStrand(db, { schoolId, id: strandId })
    if (!strand || strand.seasonId !== seasonId) notFound()
  }
  const submission = parseWithZod(formData, { schema: StrandSchema })
  if (submission.status !== 'success') return invalidForm(formId, submission.reply())
  const strand = submission.value
  const grades = new Set((await listGrades(db, { schoolId })).map((g) => g.id))
  if (!strand.gradeIds.every((gradeId) => grades.has(gradeId))) {
    return invalidForm(
      formId,
      submission.reply({ fieldErrors: { gradeIds: ['seasons.validation.gradeUnknown'] } }),
    )
  }
  await db.transaction().execute(async (trx) => {
    let id = strandId
    if (id) await updateStrand(trx, { schoolId, id, strand: { ...strand, position: strand.position ?? 1 } })
    else {
      // A double-clicked submit: the first click's strand is the answer to the second.
      const strands = await listStrands(trx, { schoolId, seasonId })
      if (strands.some((s) => s.title === strand.title && sameIds(s.gradeIds, strand.gradeIds))) return
      id = await insertStrand(trx, { schoolId, seasonId, strand, position: strand.position })
    }
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: strandId ? 'strand-updated' : 'strand-created',
      entity: 'strand',
      entityId: id,
      detail: { seasonId, title: strand.title, gradeIds: strand.gradeIds },
    })
  })
  return redirectWithFlash(
    user,
    `/seasons/${seasonId}#strands`,
    strandId ? 'seasons.strands.saved' : 'seasons.strands.added',
  )
}

async function removeStrand(user: SessionUser, seasonId: number, formData: FormData) {
  const { schoolId } = user
  const id = parseId(formData.get('strandId'))
  const strand = id ? await getStrand(db, { schoolId, id }) : undefined
  if (!strand || strand.seasonId !== seasonId) notFound()
  await db.transaction().execute(async (trx) => {
    await deleteStrand(trx, { schoolId, id: strand.id })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'strand-deleted',
      entity: 'strand',
      entityId: strand.id,
      detail: { seasonId, title: strand.title },
    })
  })
  return redirectWithFlash(user, `/seasons/${seasonId}#strands`, 'seasons.strands.deleted')
}

async function copy(user: SessionUser, season: Season, formData: FormData) {
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: CopySeasonSchema })
  if (submission.status !== 'success') return invalidForm('copy', submission.reply())
  const { academicYearId, title } = submission.value
  const target = await getAcademicYear(db, { schoolId, id: academicYearId })
  if (!target) notFound()
  if (target.id === season.academicYearId) {
    return invalidForm(
      'copy',
      submission.reply({ fieldErrors: { academicYearId: ['seasons.copy.sameYear'] } }),
    )
  }
  const twin = await findJustCreatedSeason(db, {
    schoolId,
    ownerId: user.id,
    title,
    copiedFromId: season.id,
  })
  if (twin) return redirect(`/seasons/${twin.id}`)
  if (await isSeasonTitleTaken(db, { schoolId, academicYearId: target.id, title })) {
    return invalidForm(
      'copy',
      submission.reply({ fieldErrors: { title: ['seasons.validation.titleTaken'] } }),
    )
  }
  const id = await db.transaction().execute(async (trx) => {
    const id = await copySeason(trx, {
      schoolId,
      seasonId: season.id,
      target: { id: target.id, startsOn: target.startsOn },
      title,
      ownerId: user.id,
      timeZone: user.school.timeZone,
    })
    await recordAudit(trx, {
      schoolId,
      userId: user.id,
      action: 'season-copied',
      entity: 'season',
      entityId: id,
      detail: { from: season.id, academicYearId: target.id, title },
    })
    return id
  })
  return redirectWithFlash(user, `/seasons/${id}`, 'seasons.copy.done')
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function StrandForm({ data, strand }: { data: Data; strand?: Data['strands'][number] }) {
  const { t } = useTranslation()
  const formId = strand ? `strand-${strand.id}` : 'add-strand'
  const names = useNames(data, data.kind)
  const [form, fields] = useForm<output<typeof StrandSchema>>({
    id: formId,
    lastResult: useFormReply(formId),
    defaultValue: strand
      ? {
          title: strand.title,
          slogan: strand.slogan,
          position: String(strand.position),
          gradeIds: strand.gradeIds.map(String),
        }
      : { position: String(data.strands.length + 1) },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StrandSchema }),
  })
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={strand ? 'update-strand' : 'add-strand'} />
      {strand ? <input type="hidden" name="strandId" value={strand.id} /> : null}
      <div className="form-grid">
        <TextField meta={fields.title} label={t('seasons.strands.name')} />
        <TextField meta={fields.slogan} label={t('seasons.strands.slogan')} />
        <TextField meta={fields.position} label={t('seasons.strands.position')} type="number" />
      </div>
      <CheckboxGroup
        meta={fields.gradeIds}
        legend={t('seasons.strands.grades')}
        options={data.grades.map((g) => ({ value: String(g.id), label: names.grades[g.id] ?? g.name }))}
      />
      <div>
        <button type="submit" className={strand ? 'button button-secondary' : 'button'}>
          {strand ? t('seasons.strands.save') : t('seasons.strands.add')}
          {strand ? <span className="visually-hidden"> {strand.title}</span> : null}
        </button>
      </div>
    </Form>
  )
}

function Strands({ data }: { data: Data }) {
  const { t } = useTranslation()
  const names = useNames(data, data.kind)
  // A strand edit refused by the server opens its form again, with the messages and what was typed.
  const reply = useActionData() as FormReply | undefined
  return (
    <section id="strands" className="card stack" aria-labelledby="strands-title">
      <h2 id="strands-title">{t('seasons.strands.title')}</h2>
      {data.strands.length === 0 ? <p className="muted">{t('seasons.strands.empty')}</p> : null}
      <ol className="plain-list stack">
        {data.strands.map((strand) => (
          <li key={strand.id} className="strand">
            <h3>{strand.title}</h3>
            {strand.slogan ? <p className="muted">{strand.slogan}</p> : null}
            <p className="badge-row">
              {strand.gradeIds.map((id) => (
                <span key={id} className="badge">
                  {names.grades[id]}
                </span>
              ))}
            </p>
            {data.canEdit ? (
              <div className="link-row">
                <Link to={`/seasons/${data.season.id}/activities/new?strand=${strand.id}`}>
                  {t('seasons.strands.addActivityHere')}
                  <span className="visually-hidden">: {strand.title}</span>
                </Link>
              </div>
            ) : null}
            {data.canEdit ? (
              <details className="subform" open={reply?.form === `strand-${strand.id}`}>
                <summary className="toggle">
                  {t('seasons.strands.editStrand', { title: strand.title })}
                </summary>
                <StrandForm data={data} strand={strand} />
                <Form method="post" className="delete-form">
                  <input type="hidden" name="intent" value="delete-strand" />
                  <input type="hidden" name="strandId" value={strand.id} />
                  <button type="submit" className="button button-danger button-small">
                    {t('seasons.strands.delete')}
                    <span className="visually-hidden"> {strand.title}</span>
                  </button>
                </Form>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {data.canEdit ? (
        <div className="subform">
          <h3>{t('seasons.strands.addTitle')}</h3>
          <StrandForm key={data.strands.length} data={data} />
        </div>
      ) : null}
    </section>
  )
}

function SubmitPanel({ data }: { data: Data }) {
  const { t } = useTranslation()
  const { status } = data.season
  const warnings = data.conflicts.reduce((sum, c) => sum + c.conflicts.length, 0)
  if (status === 'submitted') {
    return (
      <div className="alert alert-info">
        <p>{t('seasons.submit.waiting')}</p>
        {data.isAdmin ? (
          <p>
            <Link to={`/seasons/${data.season.id}/review`} className="button">
              {t('seasons.decisions.review')}
            </Link>
          </p>
        ) : null}
      </div>
    )
  }
  if (!data.decisions.includes('submit')) return null
  return (
    <section className="card stack" aria-labelledby="submit-title">
      <h2 id="submit-title">{t('seasons.submit.title')}</h2>
      {data.lastReturnComment ? (
        <div className="alert alert-error">
          <p>{t('seasons.submit.returned')}</p>
          <blockquote className="review-comment">{data.lastReturnComment}</blockquote>
        </div>
      ) : null}
      <p className="muted">{t('seasons.submit.lead')}</p>
      {warnings ? (
        <p className="badge badge-warning">{t('seasons.submit.warnings', { count: warnings })}</p>
      ) : null}
      {data.activities.length === 0 ? (
        <p className="muted">{t('seasons.submit.empty')}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="submit" />
          <button type="submit" className="button">
            {t('seasons.submit.button')}
          </button>
        </Form>
      )}
    </section>
  )
}

function AdminDecisions({ data }: { data: Data }) {
  const { t } = useTranslation()
  const direct = data.decisions.filter((d) => d === 'publish' || d === 'close' || d === 'reopen')
  if (!data.isAdmin || direct.length === 0) return null
  return (
    <div className="link-row">
      {direct.map((decision) => (
        <Form method="post" key={decision}>
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="decision" value={decision} />
          <input type="hidden" name="from" value={data.season.status} />
          <button type="submit" className={decision === 'publish' ? 'button' : 'button button-secondary'}>
            {t(`seasons.decisions.${decision}`)}
          </button>
        </Form>
      ))}
    </div>
  )
}

function CopyForm({ data }: { data: Data }) {
  const { t } = useTranslation()
  const others = data.years.filter((y) => y.id !== data.season.academicYearId)
  const [form, fields] = useForm<output<typeof CopySeasonSchema>>({
    id: 'copy',
    lastResult: useFormReply('copy'),
    defaultValue: {
      academicYearId: String(others.at(-1)?.id ?? ''),
      title: others.at(-1)?.copyTitle ?? data.season.title,
    },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CopySeasonSchema }),
  })
  if (others.length === 0) return null
  return (
    <details className="card" open={Boolean(fields.title.errors || fields.academicYearId.errors)}>
      <summary className="toggle">{t('seasons.copy.title')}</summary>
      <p className="muted">{t('seasons.copy.lead')}</p>
      <Form method="post" className="inline-form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="copy" />
        <SelectField meta={fields.academicYearId} label={t('seasons.copy.targetYear')}>
          {others.map((year) => (
            <option key={year.id} value={year.id}>
              {year.name}
            </option>
          ))}
        </SelectField>
        <TextField meta={fields.title} label={t('seasons.copy.newTitle')} />
        <button type="submit" className="button button-secondary">
          {t('seasons.copy.button')}
        </button>
      </Form>
    </details>
  )
}

export default function SeasonPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const data = useLoaderData<typeof loader>()
  const { season } = data
  return (
    <>
      <PageHeader
        title={season.title}
        lead={season.slogan || undefined}
        actions={
          data.canEdit ? (
            <>
              <Link to={`/seasons/${season.id}/activities/new`} className="button">
                {t('seasons.addActivity')}
              </Link>
              <Link to={`/seasons/${season.id}/edit`} className="button button-secondary">
                {t('seasons.edit')}
                <span className="visually-hidden"> {season.title}</span>
              </Link>
            </>
          ) : undefined
        }
      />
      <div className="card stack">
        <p className="badge-row">
          <StatusBadge status={season.status} />
          <span className="badge badge-muted">{season.yearName}</span>
        </p>
        <p>
          {formatDayRange(season.startsOn, season.endsOn, locale)} ·{' '}
          {t('seasons.owner', { name: season.ownerName })}
        </p>
        {data.copiedFrom ? (
          <p className="muted">
            <Link to={`/seasons/${data.copiedFrom.id}`}>
              {t('seasons.copiedFrom', { title: data.copiedFrom.title })}
            </Link>
          </p>
        ) : null}
        {season.description ? <p className="prose">{season.description}</p> : null}
        <AdminDecisions data={data} />
      </div>
      <SubmitPanel data={data} />
      <section className="card stack" aria-labelledby="coverage-title">
        <h2 id="coverage-title">{t('seasons.coverage.title')}</h2>
        <p className="muted">{t('seasons.coverage.lead')}</p>
        <CoverageMatrix overview={data} kind={data.kind} />
      </section>
      <div className="grid-2">
        <section className="card stack" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('seasons.timeline.title')}</h2>
          <SeasonTimeline overview={data} kind={data.kind} timeZone={data.timeZone} />
        </section>
        <div className="stack">
          <section className="card stack" aria-labelledby="conflicts-title">
            <h2 id="conflicts-title">{t('seasons.conflicts.title')}</h2>
            <SeasonConflicts overview={data} kind={data.kind} />
          </section>
          <section className="card stack" aria-labelledby="observances-title">
            <h2 id="observances-title">{t('seasons.observances.title')}</h2>
            <SeasonObservances overview={data} />
          </section>
          <section className="card stack" aria-labelledby="tasks-title">
            <h2 id="tasks-title">{t('seasons.tasks.title')}</h2>
            {data.tasks.length ? (
              <ul className="plain-list">
                {data.tasks.map((task) => (
                  <li key={task.id}>
                    <Link to={`/activities/${task.activityId}#tasks`}>{task.title}</Link>
                    <span className="muted">
                      {' · '}
                      {task.activityTitle}
                      {' · '}
                      {task.ownerName ?? t('seasons.tasks.noOwner')}
                      {task.dueOn
                        ? ` · ${t('seasons.tasks.due', { date: formatDay(task.dueOn, locale, 'short') })}`
                        : ''}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('seasons.tasks.none')}</p>
            )}
          </section>
          <section className="card stack" aria-labelledby="history-title">
            <h2 id="history-title">{t('seasons.history.title')}</h2>
            <ReviewHistory reviews={data.reviews} timeZone={data.timeZone} />
          </section>
        </div>
      </div>
      <Strands data={data} />
      <CopyForm data={data} />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data
    ? pageTitle(matches, 'seasons.pageTitle', { title: data.season.title })
    : pageTitle(matches, 'seasons.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
