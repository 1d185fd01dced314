import { useTranslation } from 'react-i18next'

/** The school's emblem (its upload or the generated seal), named for who cannot see it. */
export function SchoolEmblem({
  src,
  schoolName,
  size = 64,
  className,
  decorative = false,
}: {
  src: string
  schoolName: string
  size?: number
  className?: string
  /** Beside the school's name already: hidden from screen readers, which would read the name twice. */
  decorative?: boolean
}) {
  const { t } = useTranslation()
  return (
    <img
      className={className ? `school-emblem ${className}` : 'school-emblem'}
      src={src}
      width={size}
      height={size}
      alt={decorative ? '' : t('identity.emblem.alt', { school: schoolName })}
    />
  )
}
