import fc from 'fast-check';

/**
 * Every property test runs on a fixed seed, so a run's result never depends on the dice; FC_SEED
 * explores other schedules (a failure prints its seed and path to replay it).
 */
fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261129) });
