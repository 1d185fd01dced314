import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PrintButton } from '~/components/award-certificate'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PageHeader } from '~/components/page-header'
import { RowAction } from '~/components/row-action'
import { classLabel, gradeLabel, type SchoolKind } from '~/domain/grades'
import { parseId } from '~/domain/schemas'
import type { SlipFamily } from '~/domain/sign-in-slips'
import { requireUser } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { notFound } from '~/utils/responses'
import { useLocale } from '~/utils/use-locale'
import {
  type IssuedSlip,
  issueOneTimePasswords,
  listFamilies,
  requireSlipTarget,
  type SlipTarget,
  signInAddress,
} from './slips.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'classes:read' })
  const target = await requireSlipTarget(user, new URL(request.url).searchParams)
  const { families, unreachable } = await listFamilies(target)
  return { kind: user.school.kind, target: publicTarget(target), families, unreachable }
}

function publicTarget({ label, classId }: SlipTarget) {
  return { label, classId }
}

type Printed = {
  slips: IssuedSlip[]
  unreachable: { studentId: number; name: string; studentNumber: string; className: string }[]
  schoolName: string
  url: string
  qrSvg: string
}
/** One password reset, or the whole print run: secrets shown in this answer only. */
type Reply = { issued: IssuedSlip | null; printed: Printed | null }

// The answer carries one-time passwords: no cache may keep it.
const NO_STORE = { 'Cache-Control': 'no-store' }

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { permission: 'classes:read' })
  const target = await requireSlipTarget(user, new URL(request.url).searchParams)
  const formData = await request.formData()
  const intent = formData.get('intent')
  const { families, unreachable } = await listFamilies(target)
  if (intent === 'reset') {
    const guardianId = parseId(formData.get('guardianId'))
    // Only a guardian of a pupil in this class (or grade): nobody else's password is reset here.
    const family = families.find((f) => f.guardianId === guardianId) ?? notFound()
    const [issued] = await issueOneTimePasswords(user, target, [family], 'password-reset')
    return data<Reply>({ issued: issued ?? null, printed: null }, { headers: NO_STORE })
  }
  if (intent !== 'print') throw new Response('Unknown intent', { status: 400 })
  const slips = await issueOneTimePasswords(user, target, families, 'sign-in-slips-printed')
  const address = await signInAddress(user.school.slug)
  return data<Reply>(
    { issued: null, printed: { slips, unreachable, schoolName: user.school.name, ...address } },
    { headers: NO_STORE },
  )
}

function useTargetName(kind: SchoolKind, label: ReturnType<typeof publicTarget>['label']): string {
  const locale = useLocale()
  return 'level' in label ? gradeLabel(locale, kind, label) : classLabel(locale, kind, label)
}

export default function SignInSlipsPage() {
  const { t } = useTranslation()
  const { kind, target, families, unreachable } = useLoaderData<typeof loader>()
  // The answer is only ever a Reply (typed as such in the action).
  const reply = useActionData() as Reply | undefined
  const name = useTargetName(kind, target.label)
  if (reply?.printed) return <SlipSheet name={name} {...reply.printed} />
  return (
    <>
      {target.classId ? (
        <p>
          <Link to={`/classes/${target.classId}`}>{t('school.signInSlips.back')}</Link>
        </p>
      ) : null}
      <PageHeader title={t('school.signInSlips.title', { name })} lead={t('school.signInSlips.lead')} />
      {reply?.issued ? <IssuedPassword issued={reply.issued} /> : null}
      <section className="card section" aria-labelledby="print-title">
        <h2 id="print-title">{t('school.signInSlips.printTitle')}</h2>
        {families.length ? (
          <Form method="post" className="stack">
            <p className="alert alert-warning">
              {t('school.signInSlips.warning', { count: families.length })}
            </p>
            <input type="hidden" name="intent" value="print" />
            <div>
              <button type="submit" className="button">
                {t('school.signInSlips.print', { count: families.length })}
              </button>
            </div>
          </Form>
        ) : (
          <p className="muted">{t('school.signInSlips.noFamilies')}</p>
        )}
      </section>
      {families.length ? <FamilyTable families={families} /> : null}
      <Unreachable pupils={unreachable} />
    </>
  )
}

function FamilyTable({ families }: { families: SlipFamily[] }) {
  const { t } = useTranslation()
  return (
    <section className="section" aria-labelledby="families-title">
      <h2 id="families-title">{t('school.signInSlips.familiesTitle', { count: families.length })}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('school.signInSlips.children')}</th>
              <th scope="col">{t('school.signInSlips.guardian')}</th>
              <th scope="col">{t('school.signInSlips.username')}</th>
              <th scope="col">{t('school.signInSlips.phone')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {families.map((family) => (
              <tr key={family.guardianId}>
                <td>{family.children.map((c) => c.name).join(t('common.listSeparator'))}</td>
                <td>{family.guardianName}</td>
                <td>
                  <code>{family.username}</code>
                </td>
                <td>{family.phone || t('school.signInSlips.noPhone')}</td>
                <td>
                  <RowAction
                    intent="reset"
                    values={{ guardianId: family.guardianId }}
                    label={t('school.signInSlips.reset')}
                    who={family.username}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function IssuedPassword({ issued }: { issued: IssuedSlip }) {
  const { t } = useTranslation()
  return (
    <section className="alert alert-success issued" role="status" aria-labelledby="issued-title">
      <h2 id="issued-title">{t('school.signInSlips.issuedReset', { name: issued.guardianName })}</h2>
      <dl className="facts">
        <div>
          <dt>{t('school.signInSlips.username')}</dt>
          <dd>
            <code>{issued.username}</code>
          </dd>
        </div>
        <div>
          <dt>{t('school.signInSlips.oneTimePassword')}</dt>
          <dd>
            <code className="one-time-secret">{issued.password}</code>
          </dd>
        </div>
      </dl>
      <p>{t('school.signInSlips.handOver')}</p>
    </section>
  )
}

function Unreachable({
  pupils,
}: {
  pupils: { studentId: number; name: string; studentNumber: string; className: string }[]
}) {
  const { t } = useTranslation()
  if (!pupils.length) return null
  return (
    <section className="section slip-unreachable" aria-labelledby="unreachable-title">
      <h2 id="unreachable-title">{t('school.signInSlips.unreachableTitle', { count: pupils.length })}</h2>
      <p className="muted">{t('school.signInSlips.unreachableLead')}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('school.signInSlips.studentNumber')}</th>
              <th scope="col">{t('school.classPage.name')}</th>
              <th scope="col">{t('school.signInSlips.className')}</th>
            </tr>
          </thead>
          <tbody>
            {pupils.map((pupil) => (
              <tr key={pupil.studentId}>
                <td>{pupil.studentNumber}</td>
                <td>{pupil.name}</td>
                <td>{pupil.className}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/** The printout: several slips per A4 page with cut lines, then the pupils who get paper instead. */
function SlipSheet({ name, slips, unreachable, schoolName, url, qrSvg }: Printed & { name: string }) {
  const { t } = useTranslation()
  return (
    <div className="slip-page">
      <PageHeader
        title={t('school.signInSlips.title', { name })}
        actions={<PrintButton label={t('school.signInSlips.printButton')} />}
      />
      <p className="alert alert-warning slip-hint">{t('school.signInSlips.printHint')}</p>
      <div className="slips">
        {slips.map((slip) => (
          <article key={slip.guardianId} className="slip" aria-labelledby={`slip-${slip.guardianId}`}>
            <p className="slip-school">{schoolName}</p>
            <h2 id={`slip-${slip.guardianId}`} className="slip-title">
              {t('school.signInSlips.slipTitle')}
              <span className="visually-hidden"> {slip.username}</span>
            </h2>
            <div className="slip-body">
              <dl className="slip-facts">
                <div>
                  <dt>{t('school.signInSlips.pupil')}</dt>
                  <dd>
                    {slip.children
                      .map((child) => `${child.name}（${child.className}）`)
                      .join(t('common.listSeparator'))}
                  </dd>
                </div>
                <div>
                  <dt>{t('school.signInSlips.username')}</dt>
                  <dd>
                    <code>{slip.username}</code>
                  </dd>
                </div>
                {slip.phone ? (
                  <div>
                    <dt>{t('school.signInSlips.phone')}</dt>
                    <dd>{slip.phone}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>{t('school.signInSlips.oneTimePassword')}</dt>
                  <dd>
                    <code className="one-time-secret">{slip.password}</code>
                  </dd>
                </div>
                <div>
                  <dt>{t('school.signInSlips.address')}</dt>
                  <dd className="slip-url">{url}</dd>
                </div>
              </dl>
              <div
                className="slip-qr"
                role="img"
                aria-label={t('school.signInSlips.qrLabel')}
                // The QR library's own SVG of our address: no user text in it.
                // biome-ignore lint/security/noDangerouslySetInnerHtml: server-made SVG, see above
                dangerouslySetInnerHTML={{ __html: qrSvg }}
              />
            </div>
            <p className="slip-note">{t('school.signInSlips.slipNote')}</p>
          </article>
        ))}
      </div>
      <Unreachable pupils={unreachable} />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'school.signInSlips.link')

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
