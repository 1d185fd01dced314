import type { Catalogue } from '../catalogue'
import type { reach as zh } from '../zh/reach'

export const reach: Catalogue<typeof zh> = {
  paper: {
    title: 'Families reached only on paper',
    consentsLead:
      'These pupils’ guardians have no account, or only a deactivated one, so they get neither the online request nor reminders: hand them a paper slip and collect it.',
    noticeLead:
      'These pupils’ guardians have no account, or only a deactivated one, so they cannot see the notice online: tell them on paper.',
    total_one: '{{count}} pupil needs paper',
    total_other: '{{count}} pupils need paper',
    classSummary: '{{className}}: {{paper}} of {{pupils}} pupils',
    none: 'Every pupil has at least one guardian who can be reached online.',
    sheet_one:
      '{{count}} pupil on this sheet has no guardian reachable online: their consent comes back on paper.',
    sheet_other:
      '{{count}} pupils on this sheet have no guardian reachable online: their consent comes back on paper.',
    sheetLink: 'See the consents and the names',
  },
  remind: {
    title: 'Remind guardians who have not answered',
    lead: 'Sends an inbox reminder to guardians with an account who have not answered yet. A family is reminded at most once a day per activity.',
    scope: 'Whom to remind',
    all: 'All classes',
    submit: 'Remind guardians who have not answered',
    closed: 'No reminder now: the requests must have gone out and the activity must not have started.',
    today: 'Reminders today',
    item: '{{time}} {{name}} reminded {{scope}}: {{guardians}} guardians reminded, {{paper}} unanswered pupils need a paper slip.',
    unknownSender: 'a deleted account',
  },
  flash: {
    sent_one: 'Reminded {{count}} guardian.',
    sent_other: 'Reminded {{count}} guardians.',
    already:
      'These guardians were reminded today already; nothing was sent. When and by whom: see “Reminders today”.',
    nobody: 'Nobody to remind: every request here has been answered.',
    notNow: 'No reminder now: the requests must have gone out and the activity must not have started.',
  },
}
