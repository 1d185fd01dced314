import type { Catalogue } from '../catalogue'
import type { family as zh } from '../zh/family'

export const family: Catalogue<typeof zh> = {
  metaDescription:
    'Your children’s coming activities, consent forms waiting for you, the school’s recaps and their awards.',
  title: 'My children',
  lead: 'Your children’s coming activities, consent forms waiting for you, the school’s recaps and their awards, on one page.',
  noChildren:
    'No children are linked to your account yet. Please ask the head teacher to link them; their activities, consent forms and recaps will then appear here.',
  news: {
    title: 'What’s new',
    lead: 'Unread messages and recaps published in the last two weeks.',
    empty: 'Nothing new for now.',
    unread: 'Unread',
    recap: 'Recap',
    allMessages: 'All messages',
    allRecaps: 'All recaps',
  },
  child: {
    upcoming: 'Coming activities',
    noUpcoming: 'Nothing planned in the next two months.',
    consents: 'Consent forms waiting for you',
    answerBy: 'Please answer by {{date}}',
    answerBeforeStart: 'Please answer before the activity starts',
    recaps: 'Recaps',
    noRecaps: 'No recaps about your child yet.',
    participations: 'Recent activities',
    noParticipations: 'No activities recorded yet.',
    awards: 'Awards',
    noAwards: 'No awards yet.',
  },
  daysOff: 'Coming holidays',
  examWeeks: 'Coming exam weeks',
  recaps: {
    title: 'Recaps',
    lead: 'Recaps the school has shared with you, most recent first.',
    empty: 'No recaps have been shared with you yet.',
    pastEnd: 'There are no recaps on this page.',
    pages: 'Pages',
    newer: 'Newer recaps',
    older: 'Older recaps',
    page: 'Page {{page}}',
    publishedOn: 'Published {{date}}',
    forChildren: 'About {{names}}',
    audiences: {
      public: 'Public',
      parents: 'All parents',
    },
    backHome: 'Back to my children',
  },
}
