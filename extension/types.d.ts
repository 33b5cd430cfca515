// The shapes that cross the extension's boundaries: the engine's JSON (src/json.rs), the messages
// between the parts (names in protocol.js) and what chrome.storage.local holds. Type-checking only
// (`tsc -p extension/jsconfig.json`); nothing here ships.

/** Both of riskhint's languages. */
type Lang = 'en' | 'ko';
type Role = 'employee' | 'executive' | 'pr';
type SeverityName = 'info' | 'warn' | 'block';
/** The platforms the engine knows (src/engine.rs, Platform). */
type PlatformName = 'x' | 'facebook' | 'linkedin' | 'instagram' | 'other';
/** Which tiers answer a check: the fast tier (rules, n-gram models) or both (src/cascade.rs). */
type Tier = 'fast' | 'semantic';

interface Bilingual {
  en: string;
  ko: string;
}

/** A proposed edit; spans are UTF-16 offsets into the text that was sent. */
interface Suggestion {
  label: string;
  kind: 'replace' | 'insert' | 'remove' | 'prompt';
  start: number;
  end: number;
  /** Absent on a prompt, until the user fills it in (Checker.fill_prompt). */
  replacement?: string;
  prompt?: { id: string; fields: { name: string; label: string; example: string; required: boolean }[] };
  /** The findings this edit would bring; absent where the engine did not look. */
  creates?: { code: string; message: string }[];
  /** "Apply all safe fixes" may make it. */
  safe: boolean;
}

/** What a finding card's buttons do (overlay.js findingCard). */
interface CardActions {
  apply: (suggestion: Suggestion) => void;
  fill: (suggestion: Suggestion, values: Record<string, string>) => void;
  ignore: () => void;
  turnOff: () => void;
}

/** An edit ready to make: offsets in UTF-16 units of the checked text. */
interface Edit {
  start: number;
  end: number;
  replacement: string;
}

/** One finding of the engine (src/json.rs, FindingJson). */
interface Finding {
  code: string;
  category: string;
  severity: SeverityName;
  start: number;
  end: number;
  text: string;
  message: string;
  messages: Bilingual;
  reason: string;
  source: string;
  suggestions: Suggestion[];
  /** The administrator locked the rule: no Ignore, no Turn off. The engine decides it. */
  locked: boolean;
  /** Only on the semantic tier's findings: how sure the encoder is (0–1). */
  confidence?: number;
}

/** A draft's check (ReportJson). */
interface DraftReport {
  verdict: 'ok' | 'review' | 'block';
  language: string;
  truncated: boolean;
  findings: Finding[];
  /** Every safe fix at once, as one edit. */
  fix_all?: Suggestion & { fixes: number };
  /** The least severe finding that asks before posting, and whether "Post anyway" needs a reason. */
  review?: { from: 'warn' | 'block' | 'info'; require_reason: boolean };
}

/** The words behind one of a post's labels. */
interface Evidence {
  label: string;
  start: number;
  end: number;
  text: string;
}

/** A feed post's labels (PostReportJson). */
interface PostReport {
  id: string;
  labels: string[];
  risk: number;
  hint: string | null;
  hints: Bilingual | null;
  findings: Finding[];
  evidence: Evidence[];
  /** The kinds of personal data or secrets the post leaks ("card-number", "phone-number"…); absent when none. */
  leaks?: string[];
  /** The post's text with what it leaks masked ("***-****-5678"): what the summary and exports keep; absent when nothing is masked. */
  masked?: string;
}

/** A post as the engine takes it. */
interface PostRequest {
  id: string;
  text: string;
  author?: string;
  replies?: number;
  reposts?: number;
  likes?: number;
  views?: number;
  promoted?: boolean;
}

/** The words of a locale (_locales/<lang>/messages.json). */
type LocaleMessages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** A finding the user ignored. */
interface IgnoredFinding {
  code: string;
  text: string;
  site?: string;
  at?: string;
}

/** A post the user sent despite the review dialog: kept on this device only. */
interface PostedAnyway {
  at: string;
  site: string;
  codes: string[];
  reason: string;
}

/** The user's settings: written only by the worker, validated there (settings.js, VALID). */
interface Settings {
  policy?: string;
  rulesOff?: string[];
  ignored?: IgnoredFinding[];
  role?: Role;
  language?: Lang;
  crisisMode?: boolean;
  pausedSites?: string[];
}

/** What the worker records after configuring the engine, for the popup and the cards. */
interface PolicyState {
  crisisActive: boolean;
  overridden: string[];
  locked: string[];
  /** Raised once a change of settings is in force (the worker's replies carry it too). */
  generation?: number;
}

/** A policy rejected with its place: the options page shows it. */
interface PolicyRejection {
  ok: false;
  layer?: string;
  line: number;
  column: number;
  path?: string;
  message: string;
}

type SyncState = { ok: true; at: number; bytes: number } | { ok: false; error: string; bytes?: number; limit?: number };

/** Everything in chrome.storage.local (keys in protocol.js, riskhintProtocol.key). */
interface StoredSettings extends Settings {
  managedPolicy?: string;
  lastGoodPolicy?: { admin: string | null; user: string };
  policyState?: PolicyState;
  policyError?: PolicyRejection;
  settingsVersion?: number;
  settingsChangedAt?: number;
  settingsBackup?: { at: number; settings: Settings };
  syncState?: SyncState;
  postedAnyway?: PostedAnyway[];
}

/** The requests the worker answers, by type. */
interface WorkerRequests {
  /** tier 'semantic': both tiers (refused while the semantic tier is not loaded); else the fast tier. */
  classify: { type: 'classify'; posts: PostRequest[]; lang?: string; tier?: Tier };
  check: { type: 'check'; text: string; platform?: PlatformName; replyTo?: string | null; lang?: string; tier?: Tier };
  messages: { type: 'messages'; lang: string };
  ignore: { type: 'ignore'; code: string; text: string; site: string };
  turnOff: { type: 'turnOff'; code: string };
  saveSettings: { type: 'saveSettings'; set?: Settings; remove?: (keyof Settings)[] };
  warm: { type: 'warm' };
  fill: { type: 'fill'; text: string; id: string; start: number; end: number; values: Record<string, string>; lang?: string };
  postedAnyway: { type: 'postedAnyway'; codes: string[]; reason: string; site: string };
}
type WorkerRequest = WorkerRequests[keyof WorkerRequests];

/** The worker's answers: `generation` is the configuration they were made under. */
interface WorkerReplies {
  classify: { reports: PostReport[] };
  check: { report: DraftReport };
  messages: { messages: LocaleMessages };
  ignore: {};
  turnOff: {};
  saveSettings: {};
  warm: {};
  fill: { edit: Edit | null };
  postedAnyway: {};
}
/** `unavailable`: the semantic tier asked for is not there (no asset, or it failed to load) and will not be this session. */
type WorkerFailure = { ok: false; error: string; unavailable?: true };
type WorkerReply<T extends keyof WorkerReplies> = ({ ok: true; generation: number } & WorkerReplies[T]) | WorkerFailure;

/** One post in the popup's summary and export. */
interface SummaryRow {
  id: string;
  url: string;
  author: string;
  text: string;
  labels: string[];
  risk: number;
  replies: number;
  reposts: number;
  likes: number;
  views: number;
  promoted: boolean;
  seenAt: string;
}

/** The popup's requests to a tab's content script. */
type TabRequest = { type: 'summary' } | { type: 'reveal'; id: string };
interface TabSummary {
  site: string;
  paused: boolean;
  recognised: boolean;
  posts: SummaryRow[];
}

/** The names protocol.js defines. */
interface RiskhintProtocol {
  readonly request: { readonly [T in keyof WorkerRequests]: T };
  readonly tabRequest: { readonly summary: 'summary'; readonly reveal: 'reveal' };
  readonly key: { readonly [K in keyof Required<StoredSettings>]: K };
  saveSettings(set: Settings, remove?: (keyof Settings)[]): Promise<void>;
}

declare var riskhintProtocol: RiskhintProtocol;

/** A policy as written (the engine's validate_policy returns it with comments stripped). */
type PolicyJson = { [field: string]: unknown };
interface QuietPeriod {
  start: string;
  end: string;
  reason?: string;
}
/** A custom rule as written in a policy; nothing in it is trusted to be there. */
interface CustomRuleJson {
  id?: unknown;
  pattern?: unknown;
  level?: unknown;
  message?: unknown;
  message_ko?: unknown;
}
/** A refused custom rule, or where a policy is wrong. */
interface PolicyProblem {
  line: number;
  column: number;
  path?: string;
  message: string;
}
/** validate_policy's answer (src/wasm.rs). */
type PolicyCheck = { ok: true; policy: PolicyJson; warnings: PolicyProblem[] } | ({ ok: false } & PolicyProblem);
/** One rule's documentation (engine/rules.json, from `riskhint rules --json`). */
interface RuleDoc {
  code: string;
  name: string;
  category: string;
  severity: SeverityName;
  what: Bilingual;
  why: Bilingual;
  source: Bilingual;
  example: Bilingual;
  fix: Bilingual;
}
