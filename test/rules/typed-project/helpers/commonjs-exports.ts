// A TypeScript file written as CommonJS (`exports.x = ...`, no import or export): to the checker it is
// a script, so a `require()` of it is typed `any` and its exports are not a module's (etherpad's handlers).
exports.updateClients = async (pad: string) => {
  if (pad === '') throw new Error('no pad');
  await Promise.resolve(pad);
};

exports.describeClients = (pad: string) => `clients of ${pad}`;

exports.touchClients = async (pad: string) => {
  try {
    await Promise.resolve(pad);
  } catch (error) {
    console.error(error);
  }
};
