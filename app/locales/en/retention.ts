import type { Catalogue } from '../catalogue'
import type { retention as zh } from '../zh/retention'

export const retention: Catalogue<typeof zh> = {
  title: 'Anonymise now',
  lead: "This pupil has left. Anonymising replaces the name and student number with a neutral label, unlinks the guardians' accounts and deletes the photos showing only this pupil; participation, awards and tallies stay, so reports count the same. This cannot be undone.",
  notOffered:
    'A pupil in school cannot be anonymised: the school still needs their record. After a pupil graduates or leaves, their record is kept {{years}} years and then anonymised automatically, or it can be anonymised here at once.',
  reason: 'Reason',
  reasonHint: 'Required, up to 200 characters; written to the audit log.',
  submit: 'Anonymise now',
  confirmTitle: 'Confirm anonymising',
  confirmLead:
    "Anonymise this pupil? Reason: {{reason}}. The name, student number and guardians' links are removed for good; this cannot be undone.",
  confirm: 'Yes, anonymise for good',
  cancel: 'Cancel',
  done: 'The pupil has been anonymised.',
  badge: 'Anonymised',
  anonymisedOn: 'Anonymised on {{date}}',
  anonymisedNote:
    "This pupil's record is anonymised: it can no longer be edited or linked to guardians. Their participation, awards and tallies still count in reports.",
  errors: {
    notDeparted: 'Only a pupil who has graduated or left can be anonymised.',
    already: 'This pupil is already anonymised.',
  },
}
