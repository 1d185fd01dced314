export const news = {
  title: '校园新闻',
}
