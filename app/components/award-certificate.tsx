import { useTranslation } from 'react-i18next'
import { levelLabel } from '~/domain/award-levels'
import type { AwardRecipient } from '~/domain/awards'
import { classLabel, type SchoolKind } from '~/domain/grades'
import { formatDay } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'

type ClassOf = { className: string; classNumber: number; gradeLevel: number }

export type CertificateAward = {
  id: number
  title: string
  level: string
  scope: 'school' | 'district' | 'city' | 'national'
  recipientKind: 'pupil' | 'team' | 'class'
  teamName: string
  presenterName: string
  presenterTitle: string
  awardedOn: string
  citation: string
  awardedClass: { name: string; number: number; gradeLevel: number } | null
}

const LEVEL_MARK = '\u0000'

/** One printed certificate (A4 landscape): a pupil's, a team member's, or a class's. */
export function AwardCertificate({
  schoolName,
  kind,
  award,
  pupil,
}: {
  schoolName: string
  kind: SchoolKind
  award: CertificateAward
  pupil: Recipient | null
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const level = t('awards.certificate.level', {
    scope: t(`awards.scopes.${award.scope}`),
    level: levelLabel(award.level, t),
  })
  const pupilClass =
    pupil &&
    classLabel(locale, kind, {
      name: pupil.className,
      number: pupil.classNumber,
      gradeLevel: pupil.gradeLevel,
    })
  const awardedClass = award.awardedClass && classLabel(locale, kind, award.awardedClass)
  const presenter = [award.presenterTitle, award.presenterName].filter(Boolean).join(' ')
  // The level sits where each language puts it in the sentence (荣获一等奖 / is awarded First prize in …).
  const [before, after] = (
    award.recipientKind === 'team'
      ? t('awards.certificate.teamBody', { team: award.teamName, title: award.title, level: LEVEL_MARK })
      : t('awards.certificate.body', { title: award.title, level: LEVEL_MARK })
  ).split(LEVEL_MARK)
  return (
    <article
      className="certificate"
      aria-label={t('awards.certificate.of', { name: pupil?.name ?? awardedClass ?? '' })}
    >
      <div className="certificate-frame">
        <p className="certificate-school">{schoolName}</p>
        <h2 className="certificate-heading">{t('awards.certificate.heading')}</h2>
        <p className="certificate-recipient">
          {pupil ? (
            <>
              <span className="certificate-name">{t('awards.certificate.pupil', { name: pupil.name })}</span>
              <span className="certificate-class">{pupilClass}</span>
            </>
          ) : (
            <span className="certificate-name">{awardedClass}</span>
          )}
        </p>
        <p className="certificate-body">
          {before}
          <strong className="certificate-level">{level}</strong>
          {after}
        </p>
        {award.citation ? <p className="certificate-citation">{award.citation}</p> : null}
        <p className="certificate-closing">{t('awards.certificate.closing')}</p>
        <div className="certificate-foot">
          {presenter ? <p>{t('awards.certificate.presenter', { presenter })}</p> : null}
          <p className="certificate-sign">
            <span>{schoolName}</span>
            <span>{formatDay(award.awardedOn, locale)}</span>
          </p>
        </div>
      </div>
    </article>
  )
}

type Recipient = AwardRecipient & ClassOf

/** A class's name in the reader's language, from the columns the awards queries select. */
export function useClassName(kind: SchoolKind) {
  const locale = useLocale()
  return (c: ClassOf) =>
    classLabel(locale, kind, { name: c.className, number: c.classNumber, gradeLevel: c.gradeLevel })
}

/** Who an award goes to, as one line: pupils with their classes, a team with its members, a class. */
export function useRecipientLine(kind: SchoolKind) {
  const { t } = useTranslation()
  const locale = useLocale()
  const className = useClassName(kind)
  return (
    award: Pick<CertificateAward, 'recipientKind' | 'teamName' | 'awardedClass'> & {
      recipients: readonly Recipient[]
    },
  ) => {
    if (award.recipientKind === 'class' && award.awardedClass)
      return classLabel(locale, kind, award.awardedClass)
    const pupils = award.recipients.map((r) => `${r.name}（${className(r)}）`).join(t('common.listSeparator'))
    if (award.recipientKind === 'team')
      return t('awards.list.team', { team: award.teamName, members: pupils })
    return pupils
  }
}

/** A print button: window.print needs JavaScript; without it the browser's own Print works the same. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {label}
    </button>
  )
}
