import type { TFunction } from 'i18next'
import { levelLabel } from '~/domain/award-levels'
import type { FamilyDataSection } from '~/domain/family-data'
import { classLabel } from '~/domain/grades'
import type { Locale } from '~/domain/locale'
import type { ChildData, DataActor } from '~/models/family-data.server'
import { formatDay, formatInstant } from './dates'

/** One section of the family's copy as a table of text, in the reader's language: the page and the CSVs alike. */
export type DataTable = { section: FamilyDataSection; columns: string[]; rows: string[][] }

type Context = { t: TFunction; locale: Locale; timeZone: string }

/**
 * Every section of the copy as tables, in FAMILY_DATA_SECTIONS order (profile and guardian as one
 * row each). One wording for what the page shows and what the download's CSVs hold.
 */
export function familyDataTables(data: ChildData, { t, locale, timeZone }: Context): DataTable[] {
  const column = (key: string) => t(`familyData.columns.${key}`)
  const instant = (iso: string | null) => (iso ? formatInstant(iso, locale, timeZone) : '')
  const dayOf = (iso: string | null) => (iso ? formatInstant(iso, locale, timeZone, 'day') : '')
  const day = (value: string | null) => (value ? formatDay(value, locale) : '')
  const relation = (value: string) => t(`relations.${value}`, { defaultValue: value })
  const actor = (by: DataActor | null) => {
    if (!by) return ''
    if (by.kind === 'you') return t('familyData.actors.you')
    if (by.kind === 'guardian') return t('familyData.actors.guardian', { relation: relation(by.relation) })
    return by.name
  }
  const yesNo = (value: boolean) => t(value ? 'familyData.values.yes' : 'familyData.values.no')
  const kind = data.child.schoolKind
  const className = (c: { gradeLevel: number; number: number; name: string }) => classLabel(locale, kind, c)
  const { child, guardian } = data
  return [
    {
      section: 'profile',
      columns: [
        'id',
        'name',
        'studentNumber',
        'class',
        'enrolled',
        'graduatedOn',
        'relation',
        'photoConsent',
        'photoConsentHistory',
      ].map(column),
      rows: [
        [
          String(child.id),
          child.name,
          child.studentNumber,
          className({ gradeLevel: child.gradeLevel, number: child.classNumber, name: child.className }),
          yesNo(child.active),
          day(child.graduatedOn),
          relation(child.relation),
          t(`consents.photo.${child.photoConsent}`),
          data.photoConsentHistory
            .map((change) =>
              t('familyData.values.photoChange', {
                when: instant(change.at),
                to: change.to ? t(`consents.photo.${change.to}`, { defaultValue: change.to }) : '',
                by: actor(change.by) || t(`familyData.sources.${change.source}`),
              }),
            )
            .join('; '),
        ],
      ],
    },
    {
      section: 'classes',
      columns: ['classId', 'class', 'current', 'firstActivity', 'lastActivity'].map(column),
      rows: data.classes.map((c) => [
        String(c.id),
        className(c),
        yesNo(c.current),
        dayOf(c.firstActivityAt),
        dayOf(c.lastActivityAt),
      ]),
    },
    {
      section: 'participation',
      columns: ['id', 'activity', 'date', 'term', 'class', 'status', 'role', 'hours', 'practice'].map(column),
      rows: data.participation.map((p) => [
        String(p.id),
        p.activityTitle,
        dayOf(p.startsAt),
        [p.yearName, p.termName].filter(Boolean).join(' '),
        className({ gradeLevel: p.gradeLevel, number: p.classNumber, name: p.className }),
        t(`participation.statuses.${p.status ?? 'unmarked'}`),
        t(`participation.roles.${p.role}`),
        p.hours === null ? '' : String(p.hours),
        p.practiceCategory ? t(`activities.practice.${p.practiceCategory}`) : '',
      ]),
    },
    {
      section: 'awards',
      columns: ['id', 'award', 'level', 'scope', 'activity', 'awardedOn', 'citation'].map(column),
      rows: data.awards.map((a) => [
        String(a.id),
        a.title,
        levelLabel(a.level, t),
        t(`awards.scopes.${a.scope}`),
        a.activityTitle,
        day(a.awardedOn),
        a.citation,
      ]),
    },
    {
      section: 'consents',
      columns: ['id', 'activity', 'date', 'status', 'requestedAt', 'answers'].map(column),
      rows: data.consents.map((c) => [
        String(c.id),
        c.activityTitle,
        dayOf(c.activityStartsAt),
        t(`consents.statuses.${c.status}`),
        instant(c.requestedAt),
        c.answers
          .map(
            (a) =>
              t('familyData.values.answer', {
                when: instant(a.answeredAt),
                status: t(`consents.statuses.${a.status}`),
                source: t(`familyData.sources.${a.source}`),
                by: actor(a.by),
              }) +
              (a.withdrawnAt ? ` ${t('familyData.values.withdrawn', { when: instant(a.withdrawnAt) })}` : ''),
          )
          .join('; '),
      ]),
    },
    {
      section: 'photos',
      columns: ['photoId', 'recap', 'caption', 'createdAt', 'inCopy'].map(column),
      rows: data.photos.map((p) => [
        String(p.id),
        p.recapTitle,
        p.caption,
        dayOf(p.createdAt),
        p.shown ? `photos/${p.id}.jpg` : t('familyData.values.photoWithheld'),
      ]),
    },
    {
      section: 'notices',
      columns: ['kind', 'activity', 'state', 'reason', 'answer', 'raisedBy', 'date'].map(column),
      rows: [
        ...data.notices.map((n) => [
          t('familyData.values.noticeEntry'),
          n.activityTitle,
          t(`records.states.${n.state}`),
          '',
          '',
          '',
          '',
        ]),
        ...data.disputes.map((d) => [
          t('familyData.values.dispute'),
          d.activityTitle,
          t(`notices.disputes.statuses.${d.status}`),
          d.reason,
          d.resolution,
          actor(d.by),
          instant(d.createdAt),
        ]),
      ],
    },
    {
      section: 'guardian',
      columns: ['displayName', 'username', 'phone', 'language', 'createdAt', 'lastSignIn', 'sessions'].map(
        column,
      ),
      rows: [
        [
          guardian.displayName,
          guardian.username,
          guardian.phone,
          t(`familyData.languages.${guardian.locale}`),
          instant(guardian.createdAt),
          instant(guardian.lastSignInAt),
          String(guardian.activeSessions),
        ],
      ],
    },
    {
      section: 'accounts',
      columns: ['relation', 'phone'].map(column),
      rows: data.linkedAccounts.map((a) => [relation(a.relation), a.phone]),
    },
  ]
}
