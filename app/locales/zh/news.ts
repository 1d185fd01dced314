export const news = {
  title: '校园新闻',
  pageTitle: '{{school}} · 校园新闻',
  recapTitle: '{{title}} · {{school}}',
  welcome: '欢迎关注{{school}}。这里记录孩子们在德育活动中的所学、所做与所得。',
  listHeading: '最新动态',
  empty: '学校还没有公开发布的新闻，欢迎过些日子再来看看。',
  pagination: {
    label: '新闻分页',
    newer: '较新的新闻',
    older: '更早的新闻',
    page: '第 {{page}} 页',
  },
  subscribe: '订阅 (RSS/Atom)',
  subscribeHint: '用 RSS 阅读器订阅，学校发布新闻后就能第一时间读到。',
  feedLinkTitle: '{{school}} · 校园新闻（Atom）',
  back: '返回{{school}}校园新闻',
  privacyNote: '为保护未成年人，文中学生只称姓氏；出现学生的照片均已获得监护人的公开使用同意。',
  feed: {
    title: '{{school}} · 校园新闻',
    subtitle: '{{school}}公开发布的活动回顾',
  },
}
