import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CheckboxField, SelectField, TextareaField, TextField } from '~/components/ui/field'
import { PARTNER_CATEGORIES, type PartnerInput, PartnerSchema } from '~/domain/partner-schemas'
import type { FormReply } from '~/utils/responses'
import { useForm } from '~/utils/use-form'

/** A refused save: the form's messages, and the partner already holding the name, to link to. */
export type PartnerFormReply = FormReply & { existing?: { id: number; name: string } }

/** Adding a partner (/partners) and editing one (/partners/:id) share one form. */
export function PartnerForm({
  id,
  intent,
  defaultValue,
  reply,
  submitLabel,
  submittingLabel,
}: {
  id: string
  intent: string
  defaultValue?: Partial<PartnerInput>
  reply?: PartnerFormReply
  submitLabel: string
  submittingLabel: string
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const [form, fields] = useForm<PartnerInput>({
    id,
    lastResult: reply?.form === id ? reply.result : undefined,
    defaultValue,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PartnerSchema }),
  })
  // One click, one save: the button waits while the first submission is on its way.
  const submitting = navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <div className="form-grid">
        <TextField meta={fields.name} label={t('partners.fields.name')} autoComplete="off" />
        <SelectField meta={fields.category} label={t('partners.fields.category')}>
          {PARTNER_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`partners.categories.${category}`)}
            </option>
          ))}
        </SelectField>
        <TextField meta={fields.contactName} label={t('partners.fields.contactName')} autoComplete="off" />
        <TextField
          meta={fields.contactPhone}
          label={t('partners.fields.contactPhone')}
          hint={t('partners.fields.contactPhoneHint')}
          autoComplete="off"
        />
      </div>
      {reply?.form === id && reply.existing ? (
        <p>
          <Link to={`/partners/${reply.existing.id}`}>
            {t('partners.duplicate', { name: reply.existing.name })}
          </Link>
        </p>
      ) : null}
      <CheckboxField
        meta={fields.patrioticBase}
        label={t('partners.fields.patrioticBase')}
        hint={t('partners.fields.patrioticBaseHint')}
      />
      <TextareaField
        meta={fields.offers}
        label={t('partners.fields.offers')}
        hint={t('partners.fields.offersHint')}
        rows={2}
      />
      <TextareaField meta={fields.notes} label={t('partners.fields.notes')} />
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? submittingLabel : submitLabel}
        </button>
      </div>
    </Form>
  )
}
