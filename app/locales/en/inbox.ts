import type { Catalogue } from '../catalogue'
import type { inbox as zh } from '../zh/inbox'

export const inbox: Catalogue<typeof zh> = {
  title: 'Inbox',
  lead: 'Review outcomes and what waits for you.',
  empty: 'No messages.',
  unread: 'Unread',
  markAllRead: 'Mark all as read',
  markedRead: 'All messages marked as read.',
  headerLink_one: 'Inbox ({{count}} unread)',
  headerLink_other: 'Inbox ({{count}} unread)',
  headerLinkNone: 'Inbox',
  kinds: {
    'season-submitted': '“{{title}}” was submitted and waits for your decision.',
    'season-approved': '“{{title}}” was approved.',
    'season-changes_requested': '“{{title}}” was returned for changes: {{comment}}',
    'season-published': '“{{title}}” was published to parents.',
    'activity-submitted': 'The activity “{{title}}” changed and needs another review.',
    'activity-approved': 'The activity “{{title}}” was approved.',
    'activity-changes_requested': 'The activity “{{title}}” was returned for changes: {{comment}}',
    'consent-requested':
      'Please answer the consent request for {{child}}: “{{title}}” ({{date}}, {{venue}}).',
    'consent-reminder':
      'Reminder: the consent request for {{child}} to “{{title}}” still waits for your answer.',
    'notice-opened':
      'The practice records of {{className}} are on notice until {{closesOn}}: check your child’s entries and raise any objection before then.',
    'dispute-raised': '{{child}}’s guardian disputes the record of “{{title}}”: {{reason}}',
    'dispute-upheld': 'Your objection to “{{title}}” was upheld: {{resolution}}',
    'dispute-rejected': 'Your objection to “{{title}}” was not upheld: {{resolution}}',
    'recap-submitted': 'The recap “{{title}}” was submitted and waits for you to publish it.',
    'recap-returned': 'The recap “{{title}}” was returned for changes: {{comment}}',
    'correction-requested': '{{child}}’s guardian asks for a correction of “{{section}}”: {{message}}',
    'correction-corrected': 'Your request to correct {{child}}’s “{{section}}”: corrected. {{answer}}',
    'correction-not_changed': 'Your request to correct {{child}}’s “{{section}}”: not changed. {{answer}}',
    'recap-published': 'The recap “{{title}}” is published.',
  },
  queue: {
    title: 'Reviews',
    lead: 'Seasons waiting for your decision, and activities whose date, grades or venue changed after approval.',
    seasons: 'Seasons',
    activities: 'Activities to review again',
    noSeasons: 'No season is waiting for review.',
    noActivities: 'No activity needs another review.',
    submittedBy: 'submitted by {{name}}',
    review: 'Review',
    waitingSince: 'submitted {{date}}',
    count_one: '{{count}} activity',
    count_other: '{{count}} activities',
  },
}
