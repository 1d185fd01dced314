import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import type { PartnerFormReply } from '~/components/partner-form'
import { PartnerSchema } from '~/domain/partner-schemas'
import { findPartnerByName } from '~/models/partners.server'
import { db } from './db.server'

/**
 * Parses the partner form (add or edit) and checks the name is not another partner's. A refusal is
 * the 400 answer for that form, linking to the partner that holds the name; `nameTaken` gives the
 * same answer when a concurrent save takes the name between this check and the write.
 */
export async function parsePartnerForm(
  formData: FormData,
  { schoolId, form, exceptId }: { schoolId: number; form: string; exceptId?: number },
) {
  const submission = parseWithZod(formData, { schema: PartnerSchema })
  if (submission.status !== 'success') {
    return {
      ok: false as const,
      refusal: data<PartnerFormReply>({ form, result: submission.reply() }, { status: 400 }),
    }
  }
  const partner = submission.value
  const refuseName = (existing?: { id: number; name: string }) =>
    data<PartnerFormReply>(
      {
        form,
        result: submission.reply({ fieldErrors: { name: ['partners.validation.nameTaken'] } }),
        existing,
      },
      { status: 400 },
    )
  const nameTaken = async () =>
    refuseName(await findPartnerByName(db, { schoolId, name: partner.name, exceptId }))
  const existing = await findPartnerByName(db, { schoolId, name: partner.name, exceptId })
  if (existing) return { ok: false as const, refusal: refuseName(existing) }
  return { ok: true as const, partner, nameTaken }
}
