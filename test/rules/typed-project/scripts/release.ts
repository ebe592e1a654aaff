// A file of the typed test project that rule cases lint under this name (a development script).
