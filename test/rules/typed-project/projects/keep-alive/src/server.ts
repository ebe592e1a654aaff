// The program's entry (package.json start -> start-server -> dist/server.js): it loads the module that
// installs the process-wide handler, which logs an unhandled rejection and lets the server run on.
import './crash-log.js';
