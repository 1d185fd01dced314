import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { PhoneLink } from '~/components/phone-link'
import { AwardEntry } from '~/components/pupil-record'
import { TableScroll } from '~/components/ui/table-scroll'
import { type AwardTally, tallyAwards } from '~/domain/award-records'
import { classLabel, gradeLabel, type SchoolKind } from '~/domain/grades'
import { guardianPhoneFor, mayReadFullPhone } from '~/domain/guardian-phones'
import type { Locale } from '~/domain/locale'
import { can } from '~/domain/permissions'
import { READ_ACTIONS } from '~/domain/read-audit'
import { parseId } from '~/domain/schemas'
import { type ClassAward, listAwardsOfClass } from '~/models/award-records.server'
import { getClass, listGuardianContactsOfClass, listStudentsOfClass } from '~/models/school.server'
import { requireUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { auditRead } from '~/utils/read-audit.server'
import { notFound } from '~/utils/responses'
import { useLocale } from '~/utils/use-locale'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'classes:read' })
  const { schoolId } = user
  const id = parseId(params.classId)
  const schoolClass = id ? await getClass(db, { schoolId, id }) : undefined
  if (!schoolClass) notFound()
  const [pupils, awards, guardians] = await Promise.all([
    listStudentsOfClass(db, { schoolId, classId: schoolClass.id }),
    listAwardsOfClass(db, { schoolId, classId: schoolClass.id }),
    listGuardianContactsOfClass(db, { schoolId, classId: schoolClass.id }),
  ])
  // Least data: the full number only for the class's head teacher and admins, masked here for
  // everyone else before it leaves the server.
  const phoneSetting = { headTeacherId: schoolClass.headTeacherId }
  await auditRead(user, context, {
    action: READ_ACTIONS.classRoster,
    entity: 'class',
    entityId: schoolClass.id,
    pupilIds: pupils.map((pupil) => pupil.id),
  })
  return {
    kind: user.school.kind,
    schoolClass,
    pupils: pupils.map((pupil) => ({
      ...pupil,
      guardians: guardians
        .filter((guardian) => guardian.studentId === pupil.id)
        .map(({ displayName, relation, phone }) => ({
          displayName,
          relation,
          phone: guardianPhoneFor(user, phoneSetting, phone),
        })),
    })),
    phonesInFull: mayReadFullPhone(user, phoneSetting),
    awards: awards.map(({ activityStatus: _status, ...award }) => award),
    awardTally: tallyAwards(awards),
    canEdit: can(user.role, 'school:manage'),
    // Its head teacher and admins print the parents' sign-in slips (admins also for the grade).
    canPrintSlips: user.role === 'admin' || schoolClass.headTeacherId === user.id,
    isAdmin: user.role === 'admin',
  }
}

export default function ClassPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { kind, schoolClass, pupils, phonesInFull, awards, awardTally, canEdit, canPrintSlips, isAdmin } =
    useLoaderData<typeof loader>()
  const grade = gradeLabel(locale, kind, { level: schoolClass.gradeLevel, name: schoolClass.gradeName })
  return (
    <>
      <p>
        <Link to="/classes">{t('school.classList.back')}</Link>
      </p>
      <PageHeader
        title={classLabel(locale, kind, schoolClass)}
        lead={`${grade} · ${
          schoolClass.headTeacherName
            ? t('school.classPage.headTeacher', { name: schoolClass.headTeacherName })
            : t('school.classes.noHeadTeacher')
        }`}
        actions={
          <>
            {canPrintSlips ? (
              <Link to={`/classes/sign-in-slips?class=${schoolClass.id}`} className="button button-secondary">
                {t('school.signInSlips.link')}
              </Link>
            ) : null}
            {isAdmin ? (
              <Link
                to={`/classes/sign-in-slips?grade=${schoolClass.gradeLevel}`}
                className="button button-secondary"
              >
                {t('school.signInSlips.gradeLink')}
              </Link>
            ) : null}
            {canEdit ? (
              <Link to={`/school?editClass=${schoolClass.id}#edit-class`} className="button button-secondary">
                {t('school.classPage.edit')}
              </Link>
            ) : null}
          </>
        }
      />
      <section aria-labelledby="pupils-title">
        <h2 id="pupils-title">{t('school.classPage.pupils', { count: pupils.length })}</h2>
        {pupils.length && !phonesInFull ? (
          <p className="muted small">{t('school.classPage.phonesMasked')}</p>
        ) : null}
        {pupils.length ? (
          <TableScroll label={t('school.classPage.pupils', { count: pupils.length })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('school.classPage.studentNumber')}</th>
                  <th scope="col">{t('school.classPage.name')}</th>
                  <th scope="col">{t('school.classPage.guardians')}</th>
                </tr>
              </thead>
              <tbody>
                {pupils.map((pupil) => (
                  <tr key={pupil.id}>
                    <td>{pupil.studentNumber}</td>
                    <td>
                      <Link to={`/students/${pupil.id}`}>{pupil.name}</Link>
                    </td>
                    <td>
                      {pupil.guardians.length ? (
                        <ul className="plain-list">
                          {pupil.guardians.map((guardian, index) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: a pupil's guardians keep their order
                            <li key={index}>
                              {guardian.relation || guardian.displayName}{' '}
                              {guardian.phone ? (
                                phonesInFull ? (
                                  <PhoneLink phone={guardian.phone} />
                                ) : (
                                  guardian.phone
                                )
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="muted">{t('school.classPage.noGuardian')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="muted">{t('school.classPage.noPupils')}</p>
        )}
      </section>
      <ClassAwards kind={kind} awards={awards} tally={awardTally} />
    </>
  )
}

/**
 * What the class and its pupils won while in it, by date. Counts, never a ranking: no pupil is
 * compared with another.
 */
function ClassAwards({
  kind,
  awards,
  tally,
}: {
  kind: SchoolKind
  awards: Omit<ClassAward, 'activityStatus'>[]
  tally: AwardTally
}) {
  const { t } = useTranslation()
  return (
    <section className="section" aria-labelledby="class-awards-title">
      <h2 id="class-awards-title">{t('school.classPage.awards.title')}</h2>
      {awards.length ? (
        <>
          <dl className="stats">
            <div>
              <dt>{t('school.classPage.awards.total')}</dt>
              <dd>{tally.awards}</dd>
            </div>
            <div>
              <dt>{t('school.classPage.awards.classAwards')}</dt>
              <dd>{tally.classAwards}</dd>
            </div>
            <div>
              <dt>{t('school.classPage.awards.pupilAwards')}</dt>
              <dd>{tally.pupilAwards}</dd>
            </div>
            <div>
              <dt>{t('school.classPage.awards.pupils')}</dt>
              <dd>{tally.pupils}</dd>
            </div>
          </dl>
          <ol className="timeline">
            {awards.map((award) => (
              <AwardEntry key={award.id} award={award} kind={kind} linked>
                {award.recipients.length ? (
                  <p className="small">
                    {t('school.classPage.awards.recipients')}
                    {award.recipients.map((pupil, index) => (
                      <Fragment key={pupil.studentId}>
                        {index ? t('common.listSeparator') : null}
                        <Link to={`/students/${pupil.studentId}`}>{pupil.name}</Link>
                      </Fragment>
                    ))}
                  </p>
                ) : null}
              </AwardEntry>
            ))}
          </ol>
        </>
      ) : (
        <p className="muted">{t('school.classPage.awards.empty')}</p>
      )}
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const locale =
    (matches.find((m) => m.id === 'root')?.data as { locale?: Locale } | undefined)?.locale ?? 'zh'
  const name = data ? classLabel(locale, data.kind, data.schoolClass) : ''
  return pageTitle(matches, 'school.classPage.title', { name })
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
