import { ESLint, type Linter } from 'eslint';
import { dirname, relative } from 'node:path';
import plugin from '../../rules/index.js';
import type { ConfigName } from './linting.js';
import { AuditSetupError } from './project.js';

export const PLUGIN_PREFIX = 'spawnguard/';

/** spawnguard's rule settings for a file, keyed `spawnguard/<rule>`, as a flat config's `rules` holds them. */
export type RuleSettings = Record<string, Linter.RuleEntry>;

/**
 * The project's own flat config (eslint.config.js/mjs/cjs/ts), loaded by ESLint itself and looked
 * up as `eslint` looks it up (from each file's folder upwards), so the audit lints what `eslint`
 * lints, with the same spawnguard settings: a file the config ignores, or that no config object's
 * `files` matches, is not audited; rules turned off stay off; options are the config's. A file
 * with no config above it, or whose config never mentions spawnguard, gets the plugin's
 * `recommended` config. `--config recommended|strict` overrides the rules only; `ignores` still apply.
 *
 * Loading the config runs it, as `eslint` does: it is the project's own code, not the audited code.
 */
export class ProjectEslintConfig {
  readonly notices: string[] = [];
  readonly #eslint: ESLint;
  readonly #override: ConfigName | undefined;
  readonly #cwd: string;
  readonly #unconfiguredFiles = new Set<string>();
  /** The config file of each folder: ESLint looks a file's config up from its folder, so files of a folder share it. */
  readonly #configFileOf = new Map<string, Promise<string | undefined>>();

  constructor(cwd: string, override: ConfigName | undefined) {
    this.#cwd = cwd;
    this.#eslint = new ESLint({ cwd });
    this.#override = override;
  }

  /** The rule settings to lint `file` with, or undefined when `eslint` would not lint it. */
  async rulesFor(file: string): Promise<RuleSettings | undefined> {
    // Without a config file ESLint ignores nothing the walk has not already left out (node_modules, .git).
    if ((await this.#configFile(file)) === undefined) return this.#named(this.#override ?? 'recommended');
    let config: Linter.Config | undefined;
    try {
      if (await this.#eslint.isPathIgnored(file)) return undefined;
      if (this.#override) return this.#named(this.#override);
      config = (await this.#eslint.calculateConfigForFile(file)) as Linter.Config | undefined;
    } catch (error) {
      if ((error as { messageTemplate?: string }).messageTemplate === 'config-file-missing') return this.#named(this.#override ?? 'recommended');
      throw new AuditSetupError(`cannot use the ESLint config for ${relative(this.#cwd, file) || file}: ${(error as Error).message.trim()}`);
    }
    if (!config) return undefined;
    const own = Object.entries(config.rules ?? {}).filter(([ruleId]) => ruleId.startsWith(PLUGIN_PREFIX));
    if (own.length === 0) {
      const configFile = await this.#configFile(file);
      const key = configFile ?? '';
      if (!this.#unconfiguredFiles.has(key)) {
        this.#unconfiguredFiles.add(key);
        this.notices.push(`${configFile ? relative(this.#cwd, configFile) || configFile : 'the ESLint config'} does not configure spawnguard's rules; auditing with spawnguard.configs.recommended`);
      }
      return this.#named('recommended');
    }
    return Object.fromEntries(own.map(([ruleId, entry]) => [ruleId, normalisedEntry(entry)]));
  }

  #configFile(file: string): Promise<string | undefined> {
    const folder = dirname(file);
    let found = this.#configFileOf.get(folder);
    if (!found) {
      found = this.#eslint.findConfigFile(file).catch(() => /* only names the config in a notice: none found reads as "the ESLint config" */ undefined);
      this.#configFileOf.set(folder, found);
    }
    return found;
  }

  #named(name: ConfigName): RuleSettings {
    const settings: RuleSettings = {};
    for (const config of plugin.configs[name] as unknown as Linter.Config[]) Object.assign(settings, config.rules);
    return settings;
  }
}

/** ESLint gives `[severity, ...options]` with a numeric severity; 0 is off. */
function normalisedEntry(entry: Linter.RuleEntry | undefined): Linter.RuleEntry {
  const [severity, ...options] = Array.isArray(entry) ? entry : [entry];
  const off = severity === 0 || severity === 'off' || severity === undefined;
  return off ? 'off' : ['error', ...options];
}
