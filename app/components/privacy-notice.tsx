import { useTranslation } from 'react-i18next'
import type { NoticeForReader } from '~/utils/privacy-page.server'

/** The notice's text, version and contact, as the acknowledge page, the public page and the admin show it. */
export function PrivacyNotice({ notice }: { notice: NoticeForReader }) {
  const { t } = useTranslation()
  return (
    <article className="card privacy-notice">
      <p className="privacy-version">
        {t('privacy.notice.version', { version: notice.version, date: notice.published })}
      </p>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown's output, raw HTML stripped and sanitised */}
      <div className="recap-body" dangerouslySetInnerHTML={{ __html: notice.html }} />
      <h2>{t('privacy.notice.contact')}</h2>
      <p>{notice.contact}</p>
    </article>
  )
}
