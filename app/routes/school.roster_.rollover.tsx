import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { FieldErrors } from '~/components/ui/field'
import { classLabel, classNameEn, gradeNameEn, gradeNameZh, type SchoolKind } from '~/domain/grades'
import { isEarlyRollover } from '~/domain/roster-rollover'
import { parseId } from '~/domain/schemas'
import { applyRollover, previewRollover, type RolloverOutcome } from '~/models/roster.server'
import { redirectWithFlash, requireUser } from '~/utils/auth.server'
import { now, nowIso } from '~/utils/clock'
import { formatDay, todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { useLocale } from '~/utils/use-locale'
import { useIssueText } from './school.roster/roster-ui'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'roster:manage' })
  const today = todayIn(user.school.timeZone, now())
  const preview = await previewRollover(db, { schoolId: user.schoolId, kind: user.school.kind, today })
  return {
    kind: user.school.kind,
    // Opened from the start-of-year flow: go back there afterwards.
    fromFlow: new URL(request.url).searchParams.get('from') === 'year-start',
    ...preview,
    early: preview.to ? isEarlyRollover(preview.to, today) : false,
  }
}

type Refusal = {
  formErrors?: { messageKey: string; params?: Record<string, string | number[]> }[]
  confirm?: string[]
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'roster:manage' })
  const formData = await request.formData()
  if (formData.get('intent') !== 'rollover') throw new Response('Unknown intent', { status: 400 })
  const toYearId = parseId(formData.get('toYearId'))
  if (!toYearId) throw new Response('Missing year', { status: 400 })
  // Moving a whole school up a grade is not undone with a click: the admin ticks that they checked.
  if (formData.get('confirm') !== 'on') {
    return data<Refusal>({ confirm: ['roster.rollover.confirmRequired'] }, { status: 400 })
  }
  const outcome: RolloverOutcome = await db.transaction().execute((trx) =>
    applyRollover(trx, {
      schoolId: user.schoolId,
      userId: user.id,
      kind: user.school.kind,
      today: todayIn(user.school.timeZone, now()),
      toYearId,
      now: nowIso(),
    }),
  )
  if (!outcome.ok) return data<Refusal>({ formErrors: [outcome.problem] }, { status: 400 })
  const to = formData.get('from') === 'year-start' ? '/school/year-start#step-roster' : '/school/roster'
  return redirectWithFlash(user, to, 'roster.rollover.done', {
    count: outcome.moved + outcome.graduated,
  })
}

type ProblemParams = { year?: string; levels?: number[] }

function useProblemText() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { kind } = useLoaderData<typeof loader>()
  const text = useIssueText()
  return (messageKey: string, params?: ProblemParams) => {
    const levels = params?.levels?.map((level) =>
      locale === 'zh' ? gradeNameZh(kind as SchoolKind, level) : gradeNameEn(kind as SchoolKind, level),
    )
    return levels ? text(messageKey, { ...params, levels }) : t(messageKey, params)
  }
}

export default function RolloverPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { kind, from, to, plan, problem, early, fromFlow } = useLoaderData<typeof loader>()
  const refusal = useActionData<typeof action>() as Refusal | undefined
  const problemText = useProblemText()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const schoolKind = kind as SchoolKind
  const label = (c: { name: string; gradeLevel: number; number: number }) => classLabel(locale, schoolKind, c)
  const newLabel = (toName: string, toLevel: number, number: number) =>
    locale === 'zh' ? toName : classNameEn(schoolKind, toLevel, number)
  const moving = plan.moves.reduce((sum, m) => sum + m.from.pupils, 0)
  const graduating = plan.graduating.reduce((sum, c) => sum + c.pupils, 0)
  const movesTitle = t('roster.rollover.movesTitle', { count: moving })
  return (
    <>
      <p>
        <Link to="/school/roster">{t('roster.back')}</Link>
      </p>
      <PageHeader title={t('roster.rollover.title')} lead={t('roster.rollover.lead')} />
      {refusal?.formErrors ? (
        <div className="alert alert-error" role="alert">
          {refusal.formErrors.map((e) => (
            <p key={e.messageKey}>{problemText(e.messageKey, e.params as ProblemParams)}</p>
          ))}
        </div>
      ) : null}
      {problem ? (
        <div className="alert alert-error" role="alert">
          <p>{problemText(problem.messageKey, 'params' in problem ? problem.params : undefined)}</p>
          {problem.messageKey === 'roster.rollover.noNextYear' ||
          problem.messageKey === 'roster.rollover.noYears' ? (
            <p>
              <Link to="/school/calendar">{t('roster.rollover.toCalendar')}</Link>
            </p>
          ) : null}
          {problem.messageKey === 'roster.rollover.missingGrades' ? (
            <p>
              <Link to="/school#grades">{t('roster.rollover.toGrades')}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {from && to ? (
        <dl className="facts">
          <div>
            <dt>{t('roster.rollover.from')}</dt>
            <dd>{from.name}</dd>
          </div>
          <div>
            <dt>{t('roster.rollover.to')}</dt>
            <dd>{to.name}</dd>
          </div>
          <div>
            <dt>{t('roster.rollover.graduationDate')}</dt>
            <dd>{formatDay(to.startsOn, locale)}</dd>
          </div>
        </dl>
      ) : null}
      {to && early && !problem ? (
        <p className="alert alert-info">
          {t('roster.rollover.early', { year: to.name, date: formatDay(to.startsOn, locale) })}
        </p>
      ) : null}
      {plan.moves.length ? (
        <section className="section" aria-labelledby="moves-title">
          <h2 id="moves-title">{movesTitle}</h2>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls on a phone must be reachable by keyboard (axe: scrollable-region-focusable), and this table has no links */}
          <section className="table-wrap" tabIndex={0} aria-label={movesTitle}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('roster.rollover.currentClass')}</th>
                  <th scope="col">{t('roster.overview.pupils')}</th>
                  <th scope="col">{t('roster.rollover.newClass')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.moves.map((m) => (
                  <tr key={m.from.id}>
                    <th scope="row">{label(m.from)}</th>
                    <td>{m.from.pupils}</td>
                    <td>{newLabel(m.toName, m.toLevel, m.from.number)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </section>
      ) : null}
      {plan.graduating.length ? (
        <section className="section" aria-labelledby="graduating-title">
          <h2 id="graduating-title">{t('roster.rollover.graduatingTitle', { count: graduating })}</h2>
          <ul className="plain-list roster-graduating">
            {plan.graduating.map((c) => (
              <li key={c.id}>{t('roster.rollover.graduatingClass', { name: label(c), count: c.pupils })}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {to && !problem ? (
        <section className="card" aria-labelledby="confirm-title">
          <h2 id="confirm-title">{t('roster.rollover.confirmTitle')}</h2>
          <p>{t('roster.rollover.history')}</p>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="rollover" />
            <input type="hidden" name="toYearId" value={to.id} />
            {fromFlow ? <input type="hidden" name="from" value="year-start" /> : null}
            <div className="field">
              <label className="check" htmlFor="rollover-confirm">
                <input
                  id="rollover-confirm"
                  name="confirm"
                  type="checkbox"
                  required
                  aria-invalid={refusal?.confirm ? true : undefined}
                  aria-describedby={refusal?.confirm ? 'rollover-confirm-error' : undefined}
                />
                {t('roster.rollover.confirmLabel', { from: from?.name ?? '', to: to.name })}
              </label>
              <FieldErrors id="rollover-confirm-error" errors={refusal?.confirm} />
            </div>
            <div>
              <button type="submit" className="button" disabled={busy}>
                {busy ? t('roster.rollover.running') : t('roster.rollover.submit', { year: to.name })}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'roster.rollover.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
