async function runJob(name) {
  await fetch(`https://example.test/jobs/${name}`);
}

function describeJob(name) {
  return `job ${name}`;
}

module.exports = { runJob, describeJob };
