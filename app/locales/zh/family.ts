export const family = {
  title: '我的孩子',
}
