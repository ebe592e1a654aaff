// thelounge's shape: a registry the module exports, filled by another module while packages load.
const themes = new Map<string, { name: string }>();

function addTheme(name: string) {
  themes.set(name, { name });
}

function getByName(name: string) {
  return themes.get(name);
}

export default { addTheme, getByName };
