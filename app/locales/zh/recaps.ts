export const recaps = {
  title: '活动回顾',
}
