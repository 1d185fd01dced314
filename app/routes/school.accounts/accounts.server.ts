import type { Submission, SubmissionResult } from '@conform-to/react'
import { data } from '@remix-run/node'
import { deleteSessionsOfUser } from '~/models/sessions.server'
import { insertAccount, setAccountActive, setPassword } from '~/models/users.server'
import { auditedWrite } from '~/services/audited-write.server'
import { redirectWithFlash, type SessionUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { hashPassword } from '~/utils/password.server'
import { isUniqueViolation } from '../../../db/errors'
import { generateOneTimePassword } from './one-time-password.server'

/** A password shown once in the action's answer: never stored in clear, never in a URL. */
export type Issued = { kind: 'created' | 'reset'; username: string; displayName: string; password: string }
export type Reply = {
  form: string
  result?: SubmissionResult<string[]>
  issued?: Issued
  formErrors?: string[]
}

// The answer carries a secret: no cache may keep it.
export const NO_STORE = { 'Cache-Control': 'no-store' }

export function refuse(reply: Reply) {
  return data<Reply>(reply, { status: 400 })
}

type Account = { id: number; username: string; displayName: string }

export async function createAccount(
  user: SessionUser,
  submission: Submission<unknown>,
  form: { username: string; displayName: string; role: 'admin' | 'teacher' | 'parent' },
) {
  const { username, displayName, role } = form
  // The form's schema refused a taken username; this catches one taken since (see below).
  const taken = () =>
    refuse({
      form: 'create',
      result: submission.reply({ fieldErrors: { username: ['validation.usernameTaken'] } }),
    })
  const password = generateOneTimePassword()
  // Hashed before the transaction: Argon2 is slow on purpose and should not hold the write lock.
  const passwordHash = await hashPassword(password)
  try {
    await auditedWrite(
      db,
      user,
      (trx) =>
        insertAccount(trx, {
          schoolId: user.schoolId,
          role,
          username,
          displayName,
          passwordHash,
          mustChangePassword: true,
        }),
      (id) => ({ action: 'account-created', entity: 'user', entityId: id, detail: { username, role } }),
    )
  } catch (error) {
    // Another admin may have taken the name while the password was being hashed.
    if (isUniqueViolation(error)) return taken()
    throw error
  }
  return data<Reply>(
    {
      form: 'create',
      result: submission.reply({ resetForm: true }),
      issued: { kind: 'created', username, displayName, password },
    },
    { headers: NO_STORE },
  )
}

/** Deactivating ends the account's sessions with it; reactivating lets it sign in again. */
export async function setActive(user: SessionUser, account: Account, active: boolean) {
  await auditedWrite(
    db,
    user,
    async (trx) => {
      await setAccountActive(trx, { schoolId: user.schoolId, id: account.id, active })
      if (!active) await deleteSessionsOfUser(trx, { userId: account.id })
    },
    {
      action: active ? 'account-reactivated' : 'account-deactivated',
      entity: 'user',
      entityId: account.id,
      detail: { username: account.username },
    },
  )
  return redirectWithFlash(
    user,
    '/school/accounts',
    active ? 'school.accounts.reactivated' : 'school.accounts.deactivated',
  )
}

export async function resetAccountPassword(user: SessionUser, account: Account) {
  const password = generateOneTimePassword()
  const passwordHash = await hashPassword(password)
  await auditedWrite(
    db,
    user,
    async (trx) => {
      await setPassword(trx, {
        schoolId: user.schoolId,
        id: account.id,
        passwordHash,
        mustChangePassword: true,
      })
      await deleteSessionsOfUser(trx, { userId: account.id })
    },
    {
      action: 'password-reset',
      entity: 'user',
      entityId: account.id,
      detail: { username: account.username },
    },
  )
  return data<Reply>(
    {
      form: 'accounts',
      issued: { kind: 'reset', username: account.username, displayName: account.displayName, password },
    },
    { headers: NO_STORE },
  )
}
