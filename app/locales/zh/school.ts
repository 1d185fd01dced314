export const school = {
  title: '学校设置',
}
