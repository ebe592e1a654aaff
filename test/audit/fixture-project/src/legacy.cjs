const { spawn } = require('child_process');

function convert(file) {
  spawn('convert', [file]); // expect: no-orphan-worker
}

module.exports = { convert };
