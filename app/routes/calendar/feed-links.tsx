import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { gradeLabel } from '~/domain/grades'
import { formatInstant } from '~/utils/dates'
import { useLocale } from '~/utils/use-locale'
import type { action, GridData } from './route'

export function FeedsSection({ data }: { data: GridData }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const reply = useActionData<typeof action>()
  const feeds = data.feeds
  if (!feeds) return null
  const separator = t('common.listSeparator')
  return (
    <section id="feeds" className="card stack section" aria-labelledby="feeds-title">
      <div>
        <h2 id="feeds-title">{t('calendar.feeds.title')}</h2>
        <p className="muted">{t('calendar.feeds.lead')}</p>
      </div>
      {feeds.grades.length ? (
        <section className="stack" aria-labelledby="grade-feeds-title">
          <h3 id="grade-feeds-title">{t('calendar.feeds.gradeTitle')}</h3>
          <p className="muted">{t('calendar.feeds.gradeLead')}</p>
          <ul className="plain-list stack">
            {feeds.grades.map((grade) => {
              const name = t('calendar.feeds.gradeFeed', {
                grade: gradeLabel(locale, data.kind, { level: grade.level, name: grade.gradeName }),
                children: grade.children.join(separator),
              })
              return (
                <li key={grade.level} className="field">
                  <label htmlFor={`grade-feed-${grade.level}`}>{name}</label>
                  <input
                    id={`grade-feed-${grade.level}`}
                    className="calendar-feed-url"
                    type="url"
                    readOnly
                    value={grade.url}
                  />
                  <a href={grade.webcal}>
                    {t('calendar.feeds.subscribe')}
                    <span className="visually-hidden"> {name}</span>
                  </a>
                </li>
              )
            })}
          </ul>
        </section>
      ) : null}
      <section className="stack" aria-labelledby="private-feed-title">
        <h3 id="private-feed-title">{t('calendar.feeds.privateTitle')}</h3>
        <p className="muted">{t('calendar.feeds.privateLead')}</p>
        {reply?.form === 'create-feed' ? (
          <div className="alert alert-success stack" role="status">
            <p>{t('calendar.feeds.created')}</p>
            <div className="field">
              <label htmlFor="private-feed-url">{t('calendar.feeds.privateAddress')}</label>
              <input
                id="private-feed-url"
                className="calendar-feed-url"
                type="url"
                readOnly
                value={reply.url}
              />
            </div>
            <p>
              <a href={reply.webcal} className="button">
                {t('calendar.feeds.subscribe')}
              </a>
            </p>
            <p>{t('calendar.feeds.howTo')}</p>
          </div>
        ) : feeds.activeSince ? (
          <p>
            {t('calendar.feeds.active', {
              date: formatInstant(feeds.activeSince, locale, data.timeZone, 'day'),
            })}
          </p>
        ) : (
          <p>{t('calendar.feeds.none')}</p>
        )}
        <div className="link-row">
          <Form method="post">
            <input type="hidden" name="intent" value="create-feed" />
            <button type="submit" className={feeds.activeSince ? 'button button-secondary' : 'button'}>
              {feeds.activeSince ? t('calendar.feeds.recreate') : t('calendar.feeds.create')}
            </button>
          </Form>
          {feeds.activeSince ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke-feed" />
              <button type="submit" className="button button-danger">
                {t('calendar.feeds.revoke')}
              </button>
            </Form>
          ) : null}
        </div>
      </section>
    </section>
  )
}
