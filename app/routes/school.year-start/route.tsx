import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { array, object, string } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { StatusBadge } from '~/components/status-badge'
import { FieldErrors, listErrors } from '~/components/ui/field'
import { requireUser } from '~/utils/auth.server'
import { formatDay, formatDayRange } from '~/utils/dates'
import { pageTitle } from '~/utils/meta'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'
import { YearForm } from './year-form'
import { copySeasons, createYear, loadYearStart } from './year-start.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'school:manage' })
  return loadYearStart(user)
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'school:manage' })
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'create-year':
      return createYear(user, formData)
    case 'copy-seasons':
      return copySeasons(user, formData)
    default:
      throw new Response('Unknown intent', { status: 400 })
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

// The browser only checks that something is ticked; the server re-checks everything.
const ChosenSeasonsSchema = object({
  seasonIds: array(string(), { error: 'school.yearStart.copy.noneChosen' }).min(
    1,
    'school.yearStart.copy.noneChosen',
  ),
})

function Step({
  id,
  number,
  title,
  done,
  children,
}: {
  id: string
  number: number
  title: string
  done: boolean
  children: React.ReactNode
}) {
  const { t } = useTranslation()
  return (
    <section id={id} className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t('school.yearStart.step', { number, title })}{' '}
        {done ? <span className="badge">{t('school.yearStart.done')}</span> : null}
      </h2>
      {children}
    </section>
  )
}

function YearStep({ data }: { data: Data }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { year, proposal } = data
  return (
    <Step id="step-year" number={1} title={t('school.yearStart.year.title')} done={Boolean(year)}>
      {year ? (
        <p>
          {t('school.yearStart.year.exists', {
            name: year.name,
            dates: formatDayRange(year.startsOn, year.endsOn, locale),
          })}{' '}
          <Link to={`/school/calendar#year-${year.id}`}>{t('school.yearStart.year.edit')}</Link>
        </p>
      ) : proposal ? (
        <>
          <p>{t('school.yearStart.year.lead', { name: proposal.name })}</p>
          <YearForm proposal={proposal} />
        </>
      ) : null}
    </Step>
  )
}

function RosterStep({ data }: { data: Data }) {
  const { t } = useTranslation()
  const { year, rollover } = data
  return (
    <Step
      id="step-roster"
      number={2}
      title={t('school.yearStart.roster.title')}
      done={Boolean(rollover?.done)}
    >
      {!year || !rollover ? (
        <p className="muted">{t('school.yearStart.needsYear')}</p>
      ) : rollover.done ? (
        <p>{t('school.yearStart.roster.done', { name: year.name })}</p>
      ) : (
        <>
          <p>
            {rollover.problem
              ? t(
                  rollover.problem === 'roster.rollover.noClasses'
                    ? rollover.problem
                    : 'school.yearStart.roster.problem',
                )
              : t('school.yearStart.roster.lead', {
                  from: rollover.from ?? '',
                  to: rollover.to ?? '',
                  moving: rollover.moving,
                  graduating: rollover.graduating,
                })}
          </p>
          <p>
            <Link to="/school/roster/rollover?from=year-start" className="button">
              {t('school.yearStart.roster.open')}
            </Link>
          </p>
        </>
      )}
    </Step>
  )
}

function CopyForm({ data }: { data: Data }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const [form, fields] = useForm({
    id: 'copy-seasons',
    lastResult: useFormReply('copy-seasons'),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChosenSeasonsSchema }),
  })
  const open = data.seasons.filter((s) => !s.copy)
  const errors = listErrors(fields.seasonIds)
  if (open.length === 0) return null
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="copy-seasons" />
      <fieldset
        className="choice-group stack"
        aria-describedby={errors ? fields.seasonIds.errorId : undefined}
      >
        <legend>{t('school.yearStart.copy.choose', { name: data.previous?.name ?? '' })}</legend>
        <div className="stack">
          {open.map((season) => (
            <label key={season.id} className="check">
              <input type="checkbox" name={fields.seasonIds.name} value={season.id} />
              <span>
                {t('school.yearStart.copy.option', {
                  title: season.title,
                  copyTitle: season.copyTitle ?? '',
                  dates: formatDayRange(season.startsOn, season.endsOn, locale),
                })}
              </span>
            </label>
          ))}
        </div>
        <FieldErrors id={fields.seasonIds.errorId} errors={errors} />
      </fieldset>
      <div>
        <button type="submit" className="button">
          {t('school.yearStart.copy.submit', { name: data.year?.name ?? '' })}
        </button>
      </div>
    </Form>
  )
}

function SeasonsStep({ data }: { data: Data }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const copied = data.seasons.filter((s) => s.copy)
  const allCopied = data.seasons.length > 0 && copied.length === data.seasons.length
  const redate = new Map(data.redate.map((r) => [r.seasonId, r.activities]))
  return (
    <Step id="step-seasons" number={3} title={t('school.yearStart.copy.title')} done={allCopied}>
      {!data.year ? (
        <p className="muted">{t('school.yearStart.needsYear')}</p>
      ) : data.seasons.length === 0 ? (
        <p className="muted">{t('school.yearStart.copy.none', { name: data.previous?.name ?? '' })}</p>
      ) : (
        <>
          <p>{t('school.yearStart.copy.lead', { name: data.year.name })}</p>
          <CopyForm data={data} />
          {copied.length ? (
            <>
              <h3>{t('school.yearStart.copy.copiedTitle', { name: data.year.name })}</h3>
              <ul className="plain-list stack">
                {copied.map((season) => {
                  const activities = season.copy ? (redate.get(season.copy.id) ?? []) : []
                  return season.copy ? (
                    <li key={season.id}>
                      <Link to={`/seasons/${season.copy.id}`}>{season.copy.title}</Link>{' '}
                      <StatusBadge status={season.copy.status} />{' '}
                      <span className="muted">
                        {t('school.yearStart.copy.from', { title: season.title })}
                      </span>
                      {activities.length ? (
                        <>
                          <p>{t('school.yearStart.copy.redate', { count: activities.length })}</p>
                          <ul>
                            {activities.map((activity) => (
                              <li key={activity.id}>
                                <Link to={`/activities/${activity.id}/edit`}>{activity.title}</Link>
                                {': '}
                                {activity.conflicts
                                  .map((c) =>
                                    c.kind === 'weekend'
                                      ? t('school.yearStart.copy.weekend', { day: formatDay(c.day, locale) })
                                      : c.kind === 'day-off'
                                        ? t('school.yearStart.copy.dayOff', {
                                            day: formatDay(c.day, locale),
                                            name: c.name,
                                          })
                                        : t('school.yearStart.copy.outside'),
                                  )
                                  .join(t('school.yearStart.copy.separator'))}
                              </li>
                            ))}
                          </ul>
                        </>
                      ) : (
                        <p className="muted">{t('school.yearStart.copy.noRedate')}</p>
                      )}
                    </li>
                  ) : null
                })}
              </ul>
            </>
          ) : null}
        </>
      )}
    </Step>
  )
}

export default function YearStartPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to="/school/calendar">{t('school.yearStart.back')}</Link>
      </p>
      <PageHeader title={t('school.yearStart.title')} lead={t('school.yearStart.lead')} />
      <div className="stack section">
        <YearStep data={data} />
        <RosterStep data={data} />
        <SeasonsStep data={data} />
      </div>
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'school.yearStart.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
