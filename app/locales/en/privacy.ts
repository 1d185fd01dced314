import type { Catalogue } from '../catalogue'
import type { privacy as zh } from '../zh/privacy'

export const privacy: Catalogue<typeof zh> = {
  footerLink: 'Privacy notice',
  notice: {
    title: 'Privacy notice',
    schoolTitle: '{{school}} · Privacy notice',
    version: 'Version {{version}} · published {{date}}',
    contact: 'Person responsible for personal information',
    print: 'Print',
    chooseSchool: 'Choose a school to read its privacy notice:',
    noSchools: 'There are no schools yet.',
  },
  acknowledge: {
    title: 'Please read the privacy notice',
    lead: 'Before you go on, please read how the school processes your and your children’s personal information.',
    updated:
      'The school has updated its privacy notice (version {{version}}). Please read it and confirm again.',
    agree:
      'I have read and agree to the privacy notice above, and consent to the school processing my and my children’s personal information as it describes',
    agreeRequired: 'Please tick the box to confirm that you have read and agree.',
    submit: 'Confirm and continue',
  },
  admin: {
    title: 'Privacy notice',
    lead: 'Guardians see and confirm this notice when they first sign in. Publishing a new version asks every guardian to confirm again; a published version is never changed.',
    link: 'Privacy notice',
    linkLead:
      'Edit and publish the notice that tells families how personal information is processed; see who confirmed it.',
    current: 'Current version',
    acknowledged: '{{acknowledged}} of {{guardians}} guardians have confirmed the current version',
    viewPublic: 'View the public page',
    editTitle: 'Publish a new version',
    bodyZh: 'Notice text (Chinese)',
    bodyEn: 'Notice text (English)',
    bodyHint: 'Markdown: ## for a heading, - for a list.',
    contact: 'Person responsible and how to reach them',
    contactHint: 'Name and phone or email, e.g. Ms Wang 021-12345678',
    publish: 'Publish as version {{version}}',
    published:
      'The new version is published; guardians will be asked to confirm it next time they open Siji.',
    back: 'Back to school settings',
  },
}
