import themes from './themes.js';

// Called for every request: the registry grows with what users upload.
export function handleUpload(request: { body: { name: string } }) {
  themes.addTheme(request.body.name);
}
