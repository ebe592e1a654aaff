// The rule cases lint their own text under this name (the file has to exist for the typed program).
