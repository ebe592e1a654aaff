import { ESLint, type Linter } from 'eslint';
import { dirname, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configRuleSettings, type ConfigName } from './linting.js';
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
 * A config that imports a package not installed (a fresh clone before `npm install`) is left out with
 * a notice, its files audited as without a config; any other config that cannot load stops the audit
 * (or, for a nested folder's config, makes its files errors). `--no-config-lookup` (ESLint's flag of
 * the same name) skips the project's config altogether.
 *
 * Loading the config runs it, as `eslint` does: it is the project's own code, not the audited code.
 */
export class ProjectEslintConfig {
  readonly notices: string[] = [];
  readonly #eslint: ESLint | undefined;
  readonly #override: ConfigName | undefined;
  readonly #cwd: string;
  readonly #unconfiguredFiles = new Set<string>();
  /** Configs that import a package not installed, by name: said once each. */
  readonly #unloadableConfigs = new Set<string>();
  /** The config file of each folder: ESLint looks a file's config up from its folder, so files of a folder share it. */
  readonly #configFileOf = new Map<string, Promise<string | undefined>>();

  constructor(cwd: string, override: ConfigName | undefined, { lookup = true }: { lookup?: boolean } = {}) {
    this.#cwd = cwd;
    this.#eslint = lookup ? new ESLint({ cwd }) : undefined;
    this.#override = override;
  }

  /** The rule settings to lint `file` with, or undefined when `eslint` would not lint it. */
  async rulesFor(file: string): Promise<RuleSettings | undefined> {
    const eslint = this.#eslint;
    // Without a config file ESLint ignores nothing the walk has not already left out (node_modules, .git).
    if (!eslint || (await this.#configFile(eslint, file)) === undefined) return configRuleSettings(this.#override ?? 'recommended');
    let config: Linter.Config | undefined;
    try {
      if (await eslint.isPathIgnored(file)) return undefined;
      if (this.#override) return configRuleSettings(this.#override);
      config = (await eslint.calculateConfigForFile(file)) as Linter.Config | undefined;
    } catch (error) {
      if ((error as { messageTemplate?: string }).messageTemplate === 'config-file-missing') return configRuleSettings(this.#override ?? 'recommended');
      const failure = await this.#loadFailure(eslint, file, error);
      if (!failure.missingPackage) throw new AuditSetupError(`cannot use ${failure.name}: ${failure.message}`);
      // A fresh clone before `npm install`: the config is the project's choice of rules and ignores, not
      // something the audit needs to run; say what was left out and go on as without a config.
      if (!this.#unloadableConfigs.has(failure.name)) {
        this.#unloadableConfigs.add(failure.name);
        this.notices.push(
          `${failure.name} cannot load (${failure.message}): its files are audited with spawnguard.configs.${this.#override ?? 'recommended'} and without its ignores; install the project's dependencies to audit with it (--no-config-lookup reads no config)`,
        );
      }
      return configRuleSettings(this.#override ?? 'recommended');
    }
    if (!config) return undefined;
    const own = Object.entries(config.rules ?? {}).filter(([ruleId]) => ruleId.startsWith(PLUGIN_PREFIX));
    if (own.length === 0) {
      const configFile = await this.#configFile(eslint, file);
      const key = configFile ?? '';
      if (!this.#unconfiguredFiles.has(key)) {
        this.#unconfiguredFiles.add(key);
        this.notices.push(`${configFile ? relative(this.#cwd, configFile) || configFile : 'the ESLint config'} does not configure spawnguard's rules; auditing with spawnguard.configs.recommended`);
      }
      return configRuleSettings('recommended');
    }
    return Object.fromEntries(own.map(([ruleId, entry]) => [ruleId, normalisedEntry(entry)]));
  }

  /**
   * Why a config cannot load, on one line naming the config file (not the first file it was asked
   * about) as the audit names it, and whether it imports a package that is not installed.
   */
  async #loadFailure(eslint: ESLint, file: string, error: unknown): Promise<{ name: string; message: string; missingPackage: boolean }> {
    const configFile = await this.#configFile(eslint, file);
    const name = configFile ? relative(this.#cwd, configFile) || configFile : `the ESLint config for ${relative(this.#cwd, file) || file}`;
    // ESLint's schema errors span lines; a setup error is one line. CommonJS' require stack is where, not why.
    const [why = ''] = String((error as Error).message ?? error).split(/\n\s*Require stack:/);
    let message = why.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
    // A package, not a file of the project: `import js from '@eslint/js'`, not `from './shared.js'` (a broken config).
    const missing = /^Cannot find (?:package|module) '([^']+)'/.exec(message)?.[1];
    const missingPackage = missing !== undefined && !/^(\.|\/|file:|[A-Za-z]:\\)/.test(missing);
    // Node's loader names the importing file by its absolute path or URL; name it as the line does.
    if (configFile) message = message.replaceAll(pathToFileURL(configFile).href, name).replaceAll(configFile, name);
    message = message.replaceAll(`${pathToFileURL(this.#cwd).href}/`, '').replaceAll(`${this.#cwd}${sep}`, '');
    return { name, message, missingPackage };
  }

  #configFile(eslint: ESLint, file: string): Promise<string | undefined> {
    const folder = dirname(file);
    let found = this.#configFileOf.get(folder);
    if (!found) {
      found = eslint.findConfigFile(file).catch(() => /* only names the config in a notice: none found reads as "the ESLint config" */ undefined);
      this.#configFileOf.set(folder, found);
    }
    return found;
  }
}

/** ESLint gives `[severity, ...options]` with a numeric severity; 0 is off. */
function normalisedEntry(entry: Linter.RuleEntry | undefined): Linter.RuleEntry {
  const [severity, ...options] = Array.isArray(entry) ? entry : [entry];
  const off = severity === 0 || severity === 'off' || severity === undefined;
  return off ? 'off' : ['error', ...options];
}
