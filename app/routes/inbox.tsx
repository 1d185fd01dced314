import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { listNotifications, markRead } from '~/models/notifications.server'
import { redirectWithFlash, requireUser } from '~/utils/auth.server'
import { formatInstant } from '~/utils/dates'
import { db } from '~/utils/db.server'
import { messageLink } from '~/utils/inbox-links'
import { messageText } from '~/utils/inbox-messages'
import { pageTitle } from '~/utils/meta'
import { useLocale } from '~/utils/use-locale'

const PAGE_SIZE = 50

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'inbox:read' })
  const messages = await listNotifications(db, { schoolId: user.schoolId, userId: user.id, limit: PAGE_SIZE })
  return {
    messages,
    timeZone: user.school.timeZone,
    schoolKind: user.school.kind,
    isAdmin: user.role === 'admin',
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'inbox:read' })
  await markRead(db, { schoolId: user.schoolId, userId: user.id })
  return redirectWithFlash(user, '/inbox', 'inbox.markedRead')
}

export default function InboxPage() {
  const { t } = useTranslation()
  const locale = useLocale()
  const { messages, timeZone, schoolKind, isAdmin } = useLoaderData<typeof loader>()
  const unread = messages.some((m) => !m.readAt)
  return (
    <>
      <PageHeader
        title={t('inbox.title')}
        lead={t('inbox.lead')}
        actions={
          unread ? (
            <Form method="post">
              <button type="submit" className="button button-secondary">
                {t('inbox.markAllRead')}
              </button>
            </Form>
          ) : undefined
        }
      />
      {messages.length ? (
        <ul className="plain-list card stack inbox">
          {messages.map((message) => (
            <li key={message.id} className={message.readAt ? 'inbox-item' : 'inbox-item inbox-unread'}>
              {message.readAt ? null : <span className="badge badge-warning">{t('inbox.unread')}</span>}{' '}
              <Link to={messageLink(message, isAdmin)}>
                {messageText(t, message, { locale, timeZone, schoolKind })}
              </Link>
              <p className="muted small">
                <time dateTime={message.createdAt}>{formatInstant(message.createdAt, locale, timeZone)}</time>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="card muted">{t('inbox.empty')}</p>
      )}
    </>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'inbox.title')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
