// A file of the bundled-app project: rule cases lint their own text under this name.
