// A CommonJS barrel that re-exports what it requires (destructured).
const { runJob } = require('./jobs');

module.exports = { runJob };
