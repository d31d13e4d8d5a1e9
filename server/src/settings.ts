// Typed settings with defaults and sanitising. The editor resolves them per document (workspace/configuration);
// the CLI reads the same shape from .paperlistrc.json.
import picomatch from 'picomatch';
import { RULES } from './rules/index';
import type { Level, Severity } from './rules/rule';

export interface Settings {
  /** Globs of files that are paper lists; empty = any markdown file with a week heading. */
  readonly files: readonly string[];
  readonly rules: Readonly<Record<string, Level>>;
  readonly placeholderPatterns: readonly string[];
  readonly requiredLinks: readonly string[];
  /** Documents longer than this many characters are not analysed. */
  readonly maxFileSize: number;
  /**
   * The index file of a multi-file list (`README.md`), relative to the workspace folder (editor) or to the
   * .paperlistrc.json's folder (CLI); absent: the nearest README.md whose entries link into the file.
   */
  readonly index?: string;
}

const DEFAULT_MAX_FILE_SIZE = 20_000_000;

export const DEFAULT_SETTINGS: Settings = {
  files: [],
  rules: Object.fromEntries(RULES.map((r) => [r.name, r.defaultSeverity])),
  placeholderPatterns: [],
  requiredLinks: ['Paper'],
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
};

const LEVELS: readonly Level[] = ['off', 'hint', 'info', 'warning', 'error'];
const LEVEL_ALIASES: Record<string, Level> = { information: 'info', warn: 'warning', none: 'off', false: 'off', true: 'warning' };

function toLevel(value: unknown): Level | undefined {
  if (typeof value === 'boolean') return value ? undefined : 'off';
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  return (LEVELS as readonly string[]).includes(lower) ? (lower as Level) : LEVEL_ALIASES[lower];
}

/** Problems with user-supplied settings, reported by the CLI and logged by the server; the value falls back to its default. */
export interface SettingsWarning {
  readonly message: string;
}

/** Turns untrusted JSON (workspace settings, .paperlistrc.json) into Settings; unknown or invalid values fall back to defaults. */
export function sanitizeSettings(raw: unknown, warnings: SettingsWarning[] = []): Settings {
  const input = isObject(raw) ? raw : {};
  const rules: Record<string, Level> = { ...DEFAULT_SETTINGS.rules };
  if (isObject(input.rules)) {
    for (const [name, value] of Object.entries(input.rules)) {
      if (!(name in rules)) {
        warnings.push({ message: `Unknown rule "${name}" in settings; known rules: ${RULES.map((r) => r.name).join(', ')}` });
        continue;
      }
      const level = toLevel(value);
      if (level) rules[name] = level;
      else if (value !== true) warnings.push({ message: `Rule "${name}" has level ${JSON.stringify(value)}; expected one of ${LEVELS.join(', ')}` });
    }
  }
  const strings = (value: unknown, key: string, fallback: readonly string[]): readonly string[] => {
    if (value === undefined || value === null) return fallback;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v: string) => v);
    warnings.push({ message: `Setting "${key}" must be an array of strings` });
    return fallback;
  };
  const maxFileSize =
    typeof input.maxFileSize === 'number' && Number.isFinite(input.maxFileSize) && input.maxFileSize > 0 ? input.maxFileSize : DEFAULT_MAX_FILE_SIZE;
  const requiredLinks = strings(input.requiredLinks, 'requiredLinks', DEFAULT_SETTINGS.requiredLinks).filter((l) => l.trim() !== '');
  return {
    files: strings(input.files, 'files', DEFAULT_SETTINGS.files),
    rules,
    placeholderPatterns: strings(input.placeholderPatterns, 'placeholderPatterns', DEFAULT_SETTINGS.placeholderPatterns),
    requiredLinks: requiredLinks.length > 0 ? requiredLinks : DEFAULT_SETTINGS.requiredLinks,
    maxFileSize,
    ...(typeof input.index === 'string' && input.index.trim() !== '' ? { index: input.index.trim() } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function severityOf(settings: Settings, rule: string): Severity | undefined {
  const level = settings.rules[rule];
  return level === 'off' ? undefined : level;
}

/**
 * Whether a document is checked: with `files` set, exactly the matching paths (relative to a workspace
 * folder, or absolute); otherwise any document with a week heading.
 */
export function isCheckedFile(settings: Settings, paths: readonly string[], hasWeeks: boolean): boolean {
  if (settings.files.length === 0) return hasWeeks;
  const match = picomatch(settings.files as string[], { dot: true, basename: false });
  const matchBase = picomatch(settings.files as string[], { dot: true, basename: true });
  return paths.some((p) => match(p) || matchBase(p));
}
