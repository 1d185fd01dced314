import type { Catalogue } from '../catalogue'
import type { news as zh } from '../zh/news'

export const news: Catalogue<typeof zh> = {
  title: 'School news',
  pageTitle: '{{school}} · School news',
  recapTitle: '{{title}} · {{school}}',
  welcome: 'Welcome to {{school}}. Here we share what our pupils learn, do and achieve in their activities.',
  listHeading: 'Latest news',
  empty: 'The school has not published any news yet. Please come back soon.',
  pagination: {
    label: 'News pages',
    newer: 'Newer news',
    older: 'Older news',
    page: 'Page {{page}}',
  },
  subscribe: 'Subscribe (RSS/Atom)',
  subscribeHint: 'Follow the school in a feed reader and read each story as soon as it is published.',
  feedLinkTitle: '{{school}} · School news (Atom)',
  back: 'Back to {{school}} news',
  privacyNote:
    'To protect the children, pupils are named by surname only, and photos showing pupils appear only when their guardians have agreed to public use.',
  feed: {
    title: '{{school}} · School news',
    subtitle: 'Activity recaps published by {{school}}',
  },
}
