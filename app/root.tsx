import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import {
  Form,
  Link,
  Links,
  LiveReload,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { config as configureZod } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Icon } from '~/components/icon'
import type { IconName } from '~/components/icon-names'
import type { Locale } from '~/domain/locale'
import type { Role } from '~/domain/permissions'
import { countUnread } from '~/models/notifications.server'
import stylesheet from '~/styles/app.css'
import awardsStyles from '~/styles/awards.css'
import consentsStyles from '~/styles/consents.css'
import familyStyles from '~/styles/family.css'
import identityStyles from '~/styles/identity.css'
import newsStyles from '~/styles/news.css'
import noticesStyles from '~/styles/notices.css'
import participationStyles from '~/styles/participation.css'
import privacyStyles from '~/styles/privacy.css'
import recapsStyles from '~/styles/recaps.css'
import recordsStyles from '~/styles/records.css'
import reportsStyles from '~/styles/reports.css'
import rosterStyles from '~/styles/roster.css'
import { consumeFlash, getSessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { htmlLang } from '~/utils/i18n'
import { resolveLocale } from '~/utils/i18n.server'
import { useNonce } from '~/utils/nonce'
import { translateFlash } from '~/utils/translate'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'stylesheet', href: rosterStyles },
  { rel: 'stylesheet', href: participationStyles },
  { rel: 'stylesheet', href: consentsStyles },
  { rel: 'stylesheet', href: recordsStyles },
  { rel: 'stylesheet', href: noticesStyles },
  { rel: 'stylesheet', href: reportsStyles },
  { rel: 'stylesheet', href: awardsStyles },
  { rel: 'stylesheet', href: recapsStyles },
  { rel: 'stylesheet', href: familyStyles },
  { rel: 'stylesheet', href: newsStyles },
  { rel: 'stylesheet', href: identityStyles },
  { rel: 'stylesheet', href: privacyStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

// Schemas run on both sides (conform validates in the browser): without jitless, zod's first parse
// probes `new Function`, which the CSP refuses and reports on every page that validates a form.
configureZod({ jitless: true })

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = resolveLocale(request)
  const sessionUser = await getSessionUser(request)
  const flash = await consumeFlash(sessionUser)
  const user = sessionUser
    ? {
        displayName: sessionUser.displayName,
        role: sessionUser.role,
        schoolName: sessionUser.school.name,
        unread: await countUnread(db, { schoolId: sessionUser.schoolId, userId: sessionUser.id }),
      }
    : null
  return { locale, user, flash }
}

type RootData = Awaited<ReturnType<typeof loader>>

const NAV: Record<Role, { to: string; key: string }[]> = {
  admin: [
    { to: '/', key: 'nav.home' },
    { to: '/reviews', key: 'nav.reviews' },
    { to: '/seasons', key: 'nav.seasons' },
    { to: '/calendar', key: 'nav.calendar' },
    { to: '/partners', key: 'nav.partners' },
    { to: '/classes', key: 'nav.classes' },
    { to: '/students', key: 'nav.students' },
    { to: '/reports', key: 'nav.reports' },
    { to: '/recaps', key: 'nav.recaps' },
    { to: '/notices', key: 'nav.notices' },
    { to: '/school', key: 'nav.school' },
    { to: '/school/calendar', key: 'nav.schoolCalendar' },
    { to: '/school/roster', key: 'nav.roster' },
    { to: '/school/accounts', key: 'nav.accounts' },
    { to: '/school/audit', key: 'nav.audit' },
  ],
  teacher: [
    { to: '/', key: 'nav.home' },
    { to: '/seasons', key: 'nav.seasons' },
    { to: '/calendar', key: 'nav.calendar' },
    { to: '/partners', key: 'nav.partners' },
    { to: '/classes', key: 'nav.classes' },
    { to: '/students', key: 'nav.students' },
    { to: '/reports', key: 'nav.reports' },
    { to: '/recaps', key: 'nav.recaps' },
    { to: '/notices', key: 'nav.notices' },
  ],
  parent: [
    { to: '/family', key: 'nav.family' },
    { to: '/family/consents', key: 'nav.consents' },
    { to: '/family/notices', key: 'nav.notices' },
    { to: '/calendar', key: 'nav.calendar' },
  ],
}

/** A section whose pages have nav items of their own (/, /school, /family) is current only on itself. */
function hasOwnNavItems(items: readonly { to: string }[], to: string): boolean {
  const prefix = to.endsWith('/') ? to : `${to}/`
  return items.some((item) => item.to !== to && item.to.startsWith(prefix))
}

// Kept apart from NAV so the menu's entries and their pictures change independently.
const NAV_ICONS: Record<string, IconName> = {
  '/': 'house',
  '/reviews': 'clipboard-check',
  '/seasons': 'sprout',
  '/calendar': 'calendar-days',
  '/partners': 'handshake',
  '/classes': 'school',
  '/students': 'users',
  '/reports': 'chart-column',
  '/recaps': 'newspaper',
  '/notices': 'megaphone',
  '/school': 'building-2',
  '/school/calendar': 'calendar-cog',
  '/school/roster': 'list',
  '/school/accounts': 'user-cog',
  '/school/audit': 'history',
  '/family': 'house',
  '/family/consents': 'file-check',
  '/family/notices': 'megaphone',
}

function LanguageSwitch({ locale }: { locale: Locale }) {
  const { t } = useTranslation()
  const location = useLocation()
  const other: Locale = locale === 'zh' ? 'en' : 'zh'
  const params = new URLSearchParams(location.search)
  params.set('lang', other)
  return (
    <a
      className="lang-switch"
      href={`${location.pathname}?${params}`}
      hrefLang={htmlLang(other)}
      lang={htmlLang(other)}
      aria-label={t('shell.switchLanguageLabel')}
    >
      {t('shell.otherLanguage')}
    </a>
  )
}

function SiteHeader({ data }: { data: RootData | undefined }) {
  const { t } = useTranslation()
  const user = data?.user
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            四季
          </span>
          <span className="brand-text">
            <span className="brand-name">{t('shell.productName')}</span>
            {user ? <span className="brand-school">{user.schoolName}</span> : null}
          </span>
        </Link>
        <div className="header-tools">
          <LanguageSwitch locale={data?.locale ?? 'zh'} />
          {user ? (
            <Link to="/inbox" className={user.unread ? 'inbox-link inbox-link-unread' : 'inbox-link'}>
              {user.unread ? t('inbox.headerLink', { count: user.unread }) : t('inbox.headerLinkNone')}
            </Link>
          ) : null}
          {user ? (
            <details className="account-menu">
              <summary>
                <span className="visually-hidden">{t('shell.accountMenu')}: </span>
                {user.displayName}
              </summary>
              <div className="account-menu-panel">
                <p className="account-role">{t(`roles.${user.role}`)}</p>
                <Link to="/account/password">{t('nav.changePassword')}</Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="button button-secondary">
                    {t('auth.signOut')}
                  </button>
                </Form>
              </div>
            </details>
          ) : null}
        </div>
      </div>
      {user ? (
        <nav className="main-nav" aria-label={t('shell.mainNav')}>
          <ul>
            {NAV[user.role].map((item) => (
              <li key={item.to}>
                {/* Sub-pages light up their section, except where a section's pages have nav items of their own. */}
                <NavLink to={item.to} end={hasOwnNavItems(NAV[user.role], item.to)}>
                  {NAV_ICONS[item.to] ? <Icon name={NAV_ICONS[item.to] as IconName} /> : null}
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  )
}

/** The footer's notice: on a school's public pages that school's, elsewhere the reader's school's. */
function privacyNoticeHref(pathname: string): string {
  const school = /^\/s\/([^/]+)/.exec(pathname)
  return school ? `/s/${school[1]}/privacy` : '/privacy'
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const { t } = useTranslation()
  const privacyHref = privacyNoticeHref(useLocation().pathname)
  const nonce = useNonce()
  const locale = data?.locale ?? 'zh'
  return (
    <html lang={htmlLang(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('shell.skipToContent')}
        </a>
        <SiteHeader data={data} />
        <main id="main" tabIndex={-1}>
          {data?.flash ? (
            <p className="alert alert-success" role="status">
              {translateFlash(t, data.flash)}
            </p>
          ) : null}
          {children}
        </main>
        <footer className="site-footer">
          <p>{t('shell.footer')}</p>
          <p>
            <Link to={privacyHref}>{t('privacy.footerLink')}</Link>
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
