// Types for scripts/build-stamp.mjs, so the TypeScript tests can import it.
/** The hash of the sources and build settings of the checkout at `root` (sha256, hex). */
export function sourceStamp(root: string): string;
/** Writes `sourceStamp(root)` to `<root>/dist/.source-stamp`. */
export function writeSourceStamp(root: string): void;
/** Why the build of the checkout at `root` cannot be run as its sources stand (one line), or null. */
export function staleBuildReason(root: string): string | null;
