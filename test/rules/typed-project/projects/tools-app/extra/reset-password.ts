// A file of the tools-app project: rule cases lint their own text under this name.
