// feathers' shape: one debugger per module name, created when each module loads; setDebug re-creates them all.
export type DebugFunction = (...args: unknown[]) => void;
const debuggers: { [key: string]: DebugFunction } = {};
let initializer = (_name: string): DebugFunction => () => {};

export function setDebug(debug: (name: string) => DebugFunction) {
  initializer = debug;
  Object.keys(debuggers).forEach((name) => {
    debuggers[name] = debug(name);
  });
}

export function createDebug(name: string) {
  if (!debuggers[name]) {
    debuggers[name] = initializer(name);
  }
  return (...args: unknown[]) => debuggers[name]!(...args);
}
