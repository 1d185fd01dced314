import { createHash, randomBytes } from 'node:crypto'
import { type AppLoadContext, type Cookie, createCookie, redirect } from '@remix-run/node'
import type { SchoolKind } from '~/domain/grades'
import { can, type Permission } from '~/domain/permissions'
import { acknowledgeReturnPath, isAcknowledgementDue } from '~/domain/privacy-notice'
import { normalizePhone } from '~/domain/roster-fields'
import { isSessionExpired, sessionExpiresAt, shouldTouch } from '~/domain/session-policy'
import {
  afterFailure,
  CLIENT_MAX_FAILURES,
  isLocked,
  normalizeUsername,
  throttleKeys,
} from '~/domain/sign-in-throttle'
import { recordAudit } from '~/models/audit.server'
import { findNoticeDue } from '~/models/privacy-notices.server'
import {
  deleteSession,
  findSessionWithUser,
  insertSession,
  setSessionFlash,
  touchSession,
} from '~/models/sessions.server'
import { clearThrottle, getThrottle, pruneThrottles, saveThrottle } from '~/models/sign-in-throttle.server'
import { findUserForSignIn, findUsersByPhoneForSignIn } from '~/models/users.server'
import * as clock from '~/utils/clock'
import { db } from './db.server'
import { isCrossSiteWrite } from './origin'
import { hashPassword, verifyPassword } from './password.server'
import { publicOrigin } from './public-url.server'

// Verified against for unknown users, so both failures take the same time.
let dummyHash: Promise<string> | undefined
function unknownUserHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'))
  return dummyHash
}

function sessionSecret(): string {
  const secret = process.env.SESSION_SECRET
  if (secret) return secret
  if (process.env.NODE_ENV === 'production') throw new Error('SESSION_SECRET must be set in production')
  return 'siji-development-secret'
}

let cookie: Cookie | undefined
function sessionCookie(): Cookie {
  cookie ??= createCookie('siji_session', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secrets: [sessionSecret()],
  })
  return cookie
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:'
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' ? value : null
}

export type SessionUser = {
  id: number
  role: 'admin' | 'teacher' | 'parent'
  username: string
  displayName: string
  mustChangePassword: boolean
  sessionId: string
  flash: string | null
  schoolId: number
  school: { id: number; slug: string; name: string; kind: SchoolKind; timeZone: string }
}

// Root and route loaders of one request share the lookup; nothing outlives the request.
const sessionUserByRequest = new WeakMap<Request, Promise<SessionUser | null>>()

export function getSessionUser(request: Request): Promise<SessionUser | null> {
  let pending = sessionUserByRequest.get(request)
  if (!pending) {
    pending = loadSessionUser(request)
    sessionUserByRequest.set(request, pending)
  }
  return pending
}

async function loadSessionUser(request: Request): Promise<SessionUser | null> {
  const token = await readToken(request)
  if (!token) return null
  const id = hashToken(token)
  const row = await findSessionWithUser(db, id)
  if (!row) return null
  const now = clock.now()
  const lastSeenAt = new Date(row.lastSeenAt)
  if (!row.active || isSessionExpired({ lastSeenAt, expiresAt: new Date(row.expiresAt) }, now)) {
    await deleteSession(db, id)
    return null
  }
  if (shouldTouch(lastSeenAt, now)) await touchSession(db, id, now.toISOString())
  return {
    id: row.id,
    role: row.role,
    username: row.username,
    displayName: row.displayName,
    mustChangePassword: row.mustChangePassword === 1,
    sessionId: id,
    flash: row.flash,
    schoolId: row.schoolId,
    school: {
      id: row.schoolId,
      slug: row.schoolSlug,
      name: row.schoolName,
      kind: row.schoolKind,
      timeZone: row.timeZone,
    },
  }
}

/** Refuses a state-changing request sent from another site (CSRF). */
export function requireSameOrigin(request: Request): void {
  const crossSite = isCrossSiteWrite({
    method: request.method,
    // The public origin too: a proxy in front may hand on its own Host.
    expectedOrigin: [new URL(request.url).origin, publicOrigin()],
    origin: request.headers.get('Origin'),
    fetchSite: request.headers.get('Sec-Fetch-Site'),
  })
  if (crossSite) throw new Response('Cross-origin request refused', { status: 403 })
}

/**
 * The one guard of every loader and action: same origin for writes, a live session, and a role
 * allowed to do this. Queries then scope by `user.schoolId`. A password due to change comes first,
 * then a guardian's unacknowledged privacy notice; the pages that settle them opt out.
 */
export async function requireUser(
  request: Request,
  {
    permission,
    allowPasswordChange = false,
    allowPrivacyPending = false,
  }: { permission: Permission; allowPasswordChange?: boolean; allowPrivacyPending?: boolean },
): Promise<SessionUser> {
  requireSameOrigin(request)
  const user = await getSessionUser(request)
  const url = new URL(request.url)
  if (!user) {
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`)
  }
  if (!can(user.role, permission)) throw new Response('Forbidden', { status: 403 })
  if (user.mustChangePassword && !allowPasswordChange) throw redirect('/account/password')
  if (user.role === 'parent' && !allowPasswordChange && !allowPrivacyPending) {
    const notice = await findNoticeDue(db, { schoolId: user.schoolId, userId: user.id })
    if (isAcknowledgementDue(user.role, notice)) {
      throw redirect(
        `/privacy/acknowledge?${new URLSearchParams({ redirectTo: acknowledgeReturnPath(url) })}`,
      )
    }
  }
  return user
}

/** A route's intent → permission table: which permission each form of the page needs. */
export type IntentPermissions = Readonly<Record<string, Permission>>

/**
 * The guard of an action that holds several forms: reads the form once, refuses an intent the
 * route's table does not list (400), then guards with the permission the table gives that intent.
 */
export async function requireUserForIntent<const T extends IntentPermissions>(
  request: Request,
  intents: T,
): Promise<{ user: SessionUser; intent: keyof T & string; formData: FormData }> {
  requireSameOrigin(request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (typeof intent !== 'string' || !Object.hasOwn(intents, intent)) {
    throw new Response('Unknown intent', { status: 400 })
  }
  const user = await requireUser(request, { permission: intents[intent] as Permission })
  return { user, intent, formData }
}

const SAME_SITE = 'http://siji.invalid'
/** Whitespace of any script (tab, line breaks, U+3000, U+2028) and control or format characters. */
const UNSAFE_IN_PATH = /[\s\p{C}]/u

/**
 * Where to go after signing in: only a path of this site, else `fallback`. Judged as the URL
 * parser reads it, which is how the browser will: it drops tabs and line breaks (`/\t/evil` is
 * `//evil`), reads `\` as `/` and resolves `/..//evil` to `//evil`. The path sent back is the
 * parser's, percent-encoded, so it always fits a Location header.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || UNSAFE_IN_PATH.test(to)) return fallback
  let url: URL
  try {
    url = new URL(to, SAME_SITE)
  } catch {
    return fallback
  }
  if (url.origin !== SAME_SITE || url.pathname.startsWith('//')) return fallback
  return url.pathname + url.search + url.hash
}

export type SignInChoice = { userId: number; schoolSlug: string; schoolName: string }

export type SignInResult =
  | { ok: true; userId: number; schoolId: number }
  | { ok: false; reason: 'invalid' | 'throttled' }
  /** A phone whose password matched accounts in several schools: the person picks one. */
  | { ok: false; reason: 'choose-school'; choices: SignInChoice[] }

/**
 * The client's address as the HTTP server saw it (behind the trusted proxy: the address the proxy
 * reported; see TRUST_PROXY). Requests without one (none in production) share one counter.
 */
export function clientAddress(context: AppLoadContext | undefined): string {
  return typeof context?.clientAddress === 'string' && context.clientAddress
    ? context.clientAddress
    : 'unknown'
}

/**
 * One password attempt on `account` from `client`, counted against both throttles: refused
 * unchecked while either is locked; a failure counts on both; a success clears this account's
 * count from this client (not the client's: one known password must not reset a flood's count).
 */
export async function throttledAttempt(
  account: string,
  client: string,
  attempt: () => Promise<boolean>,
): Promise<'ok' | 'invalid' | 'throttled'> {
  const keys = throttleKeys(account, client)
  const now = clock.now()
  const [forAccount, forClient] = await Promise.all([
    getThrottle(db, keys.account),
    getThrottle(db, keys.client),
  ])
  if (isLocked(forAccount, now) || isLocked(forClient, now)) return 'throttled'
  if (await attempt()) {
    if (forAccount) await clearThrottle(db, keys.account)
    return 'ok'
  }
  await db.transaction().execute(async (trx) => {
    await pruneThrottles(trx, now)
    await saveThrottle(trx, keys.account, afterFailure(forAccount, now))
    await saveThrottle(trx, keys.client, afterFailure(forClient, now, CLIENT_MAX_FAILURES))
  })
  return 'invalid'
}

/**
 * Signs in with a username or, failing that, a phone number (spaces, dashes, +86, full-width digits
 * folded). A phone that is nobody's costs one hash check, as a wrong password does; a phone on
 * accounts of several schools is checked against each, and only schools whose account the password
 * opens are ever named. `schoolSlug` (the school's own sign-in address) looks the phone up there only.
 */
export async function checkCredentials(
  identifier: string,
  password: string,
  client: string,
  { schoolSlug }: { schoolSlug?: string } = {},
): Promise<SignInResult> {
  const user = await findUserForSignIn(db, normalizeUsername(identifier))
  const phone = user ? null : normalizePhone(identifier)
  const candidates = phone ? await findUsersByPhoneForSignIn(db, { phone, schoolSlug }) : []
  const matched: typeof candidates = []
  // One counter per phone however it is typed; the client's counter takes every attempt as before.
  const outcome = await throttledAttempt(phone ?? identifier, client, async () => {
    if (candidates.length) {
      for (const candidate of candidates) {
        if (await verifyPassword(candidate.passwordHash, password)) matched.push(candidate)
      }
      return matched.length > 0
    }
    // The hash is checked whatever the account's state, so a deactivated or unknown account
    // answers in the same time as a wrong password.
    const matches = await verifyPassword(user?.passwordHash ?? (await unknownUserHash()), password)
    return matches && user?.active === 1
  })
  if (outcome !== 'ok') return { ok: false, reason: outcome === 'throttled' ? 'throttled' : 'invalid' }
  if (user) return { ok: true, userId: user.id, schoolId: user.schoolId }
  const [only, ...others] = matched
  if (only && !others.length) return { ok: true, userId: only.id, schoolId: only.schoolId }
  return {
    ok: false,
    reason: 'choose-school',
    choices: matched.map((m) => ({ userId: m.id, schoolSlug: m.schoolSlug, schoolName: m.schoolName })),
  }
}

const SCHOOL_CHOICE_MS = 5 * 60 * 1000

let choiceCookie: Cookie | undefined
/** Which accounts a password just opened, signed, so the school picked next needs no password again. */
function schoolChoiceCookie(): Cookie {
  choiceCookie ??= createCookie('siji_school_choice', {
    path: '/login',
    httpOnly: true,
    sameSite: 'lax',
    secrets: [sessionSecret()],
  })
  return choiceCookie
}

export async function issueSchoolChoice(request: Request, userIds: readonly number[]): Promise<string> {
  const until = clock.now().getTime() + SCHOOL_CHOICE_MS
  return schoolChoiceCookie().serialize(
    { userIds, until },
    { maxAge: SCHOOL_CHOICE_MS / 1000, secure: isHttps(request) },
  )
}

/** The accounts offered by a recent phone sign-in on this browser, or none once expired. */
export async function readSchoolChoice(request: Request): Promise<number[]> {
  const value = await schoolChoiceCookie().parse(request.headers.get('Cookie'))
  if (!value || typeof value.until !== 'number' || value.until < clock.now().getTime()) return []
  return Array.isArray(value.userIds) ? value.userIds.filter((id: unknown) => Number.isInteger(id)) : []
}

export function clearSchoolChoice(request: Request): Promise<string> {
  return schoolChoiceCookie().serialize('', { expires: new Date(0), secure: isHttps(request) })
}

/** Starts a new session (a fresh id, whatever the browser had) and answers with its cookie. */
export async function startSession(
  request: Request,
  { userId, schoolId, redirectTo }: { userId: number; schoolId: number; redirectTo: string },
): Promise<Response> {
  const previous = await readToken(request)
  if (previous) await deleteSession(db, hashToken(previous))
  const token = randomBytes(32).toString('base64url')
  const now = clock.now()
  const expiresAt = sessionExpiresAt(now)
  await insertSession(db, {
    id: hashToken(token),
    userId,
    now: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    userAgent: request.headers.get('User-Agent')?.slice(0, 300) ?? null,
  })
  await recordAudit(db, { schoolId, userId, action: 'sign-in', entity: 'user', entityId: userId })
  const setCookie = await sessionCookie().serialize(token, {
    expires: expiresAt,
    secure: isHttps(request),
  })
  return redirect(redirectTo, { headers: { 'Set-Cookie': setCookie } })
}

export async function endSession(request: Request): Promise<Response> {
  const token = await readToken(request)
  if (token) await deleteSession(db, hashToken(token))
  const setCookie = await sessionCookie().serialize('', { expires: new Date(0), secure: isHttps(request) })
  return redirect('/', { headers: { 'Set-Cookie': setCookie } })
}

/**
 * Post/redirect/get with a one-time message, kept on the server-side session. With a count the key
 * is a plural one (`_one`/`_other`), stored as `key|count` and read back by translateFlash.
 */
export async function redirectWithFlash(
  user: SessionUser,
  to: string,
  flashKey: string,
  { count }: { count?: number } = {},
): Promise<Response> {
  await setSessionFlash(db, user.sessionId, count === undefined ? flashKey : `${flashKey}|${count}`)
  return redirect(to)
}

export async function consumeFlash(user: SessionUser | null): Promise<string | null> {
  if (!user?.flash) return null
  await setSessionFlash(db, user.sessionId, null)
  return user.flash
}
