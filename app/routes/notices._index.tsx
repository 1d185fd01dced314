import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { coerce, object, type output } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { SelectField, TextField } from '~/components/ui/field'
import { YearSwitch } from '~/components/year-switch'
import { classLabel } from '~/domain/grades'
import {
  defaultClosesOn,
  MAX_NOTICE_DAYS,
  noticeDatesProblems,
  noticeWindowState,
} from '~/domain/notice-window'
import { can } from '~/domain/permissions'
import { day, parseId } from '~/domain/schemas'
import { yearToOpen } from '~/domain/school-calendar'
import {
  getClassForNotice,
  listClassesToOpen,
  listNoticeWindows,
  listYearIdsWithNoticeWindows,
} from '~/models/notices.server'
import { listAcademicYears, listUpcomingDaysOff } from '~/models/school.server'
import { openWindow } from '~/services/notice-workflow.server'
import {
  type IntentPermissions,
  redirectWithFlash,
  requireUser,
  requireUserForIntent,
} from '~/utils/auth.server'
import { formatDayRange, todayIn } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { invalidForm, notFound } from '~/utils/responses'
import { useForm } from '~/utils/use-form'
import { useFormReply } from '~/utils/use-form-reply'
import { useLocale } from '~/utils/use-locale'

/** A school of 36 classes opens a few windows a term; older ones stay reachable by their own URL. */
const LIST_LIMIT = 100
/** Days off that can fall inside the default window: a month of them is more than enough. */
const DAYS_OFF_AHEAD = 30

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'notices:resolve' })
  const { schoolId } = user
  const today = todayIn(user.school.timeZone)
  const canManage = can(user.role, 'notices:manage')
  const [years, yearsWithWindows] = await Promise.all([
    listAcademicYears(db, { schoolId }),
    listYearIdsWithNoticeWindows(db, { schoolId }),
  ])
  const asked = parseId(new URL(request.url).searchParams.get('year'))
  const year = years.find((y) => y.id === asked) ?? yearToOpen(years, { today, withData: yearsWithWindows })
  const [windows, classes, daysOff] = await Promise.all([
    listNoticeWindows(db, { schoolId, limit: LIST_LIMIT, openedWithin: year }),
    canManage ? listClassesToOpen(db, { schoolId }) : Promise.resolve([]),
    canManage ? listUpcomingDaysOff(db, { schoolId, today, limit: DAYS_OFF_AHEAD }) : Promise.resolve([]),
  ])
  return {
    years: years.map(({ id, name }) => ({ id, name })),
    yearId: year?.id ?? null,
    windows: windows.map((window) => ({ ...window, state: noticeWindowState(window, today) })),
    limited: windows.length === LIST_LIMIT,
    classes,
    defaults: { opensOn: today, closesOn: defaultClosesOn(today, daysOff) },
    canManage,
    kind: user.school.kind,
  }
}

const OpenWindowSchema = object({
  classId: coerce
    .number({ error: 'notices.validation.chooseClass' })
    .int('notices.validation.chooseClass')
    .positive('notices.validation.chooseClass'),
  opensOn: day(),
  closesOn: day(),
})

const FORM_ID = 'open-window'

const INTENTS = { open: 'notices:manage' } as const satisfies IntentPermissions

export async function action({ request }: ActionFunctionArgs) {
  const { user, formData } = await requireUserForIntent(request, INTENTS)
  const { schoolId } = user
  const submission = parseWithZod(formData, { schema: OpenWindowSchema })
  if (submission.status !== 'success') return invalidForm(FORM_ID, submission.reply())
  const { classId, opensOn, closesOn } = submission.value
  const schoolClass = await getClassForNotice(db, { schoolId, id: classId })
  if (!schoolClass) notFound()
  const today = todayIn(user.school.timeZone)
  const problems = noticeDatesProblems({ opensOn, closesOn }, today)
  if (problems.opensOn || problems.closesOn) {
    const fieldErrors: Record<string, string[]> = {}
    if (problems.opensOn) fieldErrors.opensOn = [problems.opensOn]
    if (problems.closesOn) fieldErrors.closesOn = [problems.closesOn]
    return invalidForm(FORM_ID, submission.reply({ fieldErrors }))
  }
  const outcome = await openWindow(db, user, { schoolClass, opensOn, closesOn, today })
  if ('refused' in outcome) {
    return invalidForm(FORM_ID, submission.reply({ fieldErrors: { classId: [outcome.refused] } }))
  }
  const { id, entries } = outcome
  return redirectWithFlash(user, `/notices/${id}`, 'notices.flash.opened', { count: entries })
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function OpenWindowForm({ classes, defaults }: Pick<LoaderData, 'classes' | 'defaults'>) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { kind } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  // Typed by the parsed values: zod's coerce leaves the input type unknown.
  const [form, fields] = useForm<output<typeof OpenWindowSchema>>({
    id: FORM_ID,
    lastResult: useFormReply(FORM_ID),
    defaultValue: defaults,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OpenWindowSchema }),
  })
  const submitting = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'open'
  if (classes.length === 0) return <p className="muted">{t('notices.open.noClasses')}</p>
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="open" />
      <div className="form-grid">
        <SelectField meta={fields.classId} label={t('notices.open.class')}>
          <option value="">{t('notices.open.choose')}</option>
          {classes.map((c) => {
            const name = classLabel(locale, kind, c)
            return (
              <option key={c.id} value={c.id}>
                {c.pending
                  ? t('notices.open.classOption', { name, count: c.pending })
                  : c.archived
                    ? t('notices.open.archived', { name })
                    : name}
              </option>
            )
          })}
        </SelectField>
        <TextField meta={fields.opensOn} label={t('notices.open.opensOn')} type="date" />
        <TextField
          meta={fields.closesOn}
          label={t('notices.open.closesOn')}
          type="date"
          hint={t('notices.open.closesOnHint', { max: MAX_NOTICE_DAYS })}
        />
      </div>
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? t('notices.open.submitting') : t('notices.open.submit')}
        </button>
      </div>
    </Form>
  )
}

function WindowList({ windows, limited }: Pick<LoaderData, 'windows' | 'limited'>) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { kind } = useLoaderData<typeof loader>()
  if (windows.length === 0) return <p className="muted">{t('notices.list.empty')}</p>
  return (
    <>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('notices.list.class')}</th>
              <th scope="col">{t('notices.list.period')}</th>
              <th scope="col">{t('notices.list.state')}</th>
              <th scope="col">{t('notices.list.entries')}</th>
              <th scope="col">{t('notices.list.openDisputes')}</th>
            </tr>
          </thead>
          <tbody>
            {windows.map((window) => (
              <tr key={window.id}>
                <td>
                  <Link to={`/notices/${window.id}`}>
                    {classLabel(locale, kind, {
                      gradeLevel: window.gradeLevel,
                      number: window.classNumber,
                      name: window.className,
                    })}
                  </Link>
                </td>
                <td>{formatDayRange(window.opensOn, window.closesOn, locale)}</td>
                <td>
                  <span className={`badge notice-state-${window.state}`}>
                    {t(`notices.states.${window.state}`)}
                  </span>
                </td>
                <td>{window.entries}</td>
                <td>
                  {window.openDisputes ? (
                    <span className="badge badge-warning">{window.openDisputes}</span>
                  ) : (
                    <span className="muted">0</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {limited ? <p className="muted small">{t('notices.list.limited', { count: windows.length })}</p> : null}
    </>
  )
}

export default function NoticesPage() {
  const { t } = useTranslation()
  const { years, yearId, windows, limited, classes, defaults, canManage } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title={t('notices.title')} lead={t('notices.lead')} />
      {canManage ? (
        <section className="card stack" aria-labelledby="open-title">
          <h2 id="open-title">{t('notices.open.title')}</h2>
          <p className="muted">{t('notices.open.lead')}</p>
          <OpenWindowForm classes={classes} defaults={defaults} />
        </section>
      ) : null}
      <section className="section" aria-labelledby="list-title">
        <h2 id="list-title">{t('notices.list.title')}</h2>
        <YearSwitch years={years} yearId={yearId} id="notice-year" />
        <WindowList windows={windows} limited={limited} />
      </section>
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'notices.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
