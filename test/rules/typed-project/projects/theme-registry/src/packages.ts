import themes from './themes.js';

export function loadPackage(packageName: string) {
  themes.addTheme(packageName);
}
