import { z } from "zod";

const flagValues = z.enum(["0", "1", "true", "false", "yes", "no", ""]);
const booleanFlag = flagValues.optional().transform((value) => value === "1" || value === "true" || value === "yes");
/** Unset stays undefined so that a default can depend on other settings. */
const optionalFlag = flagValues
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : value === "1" || value === "true" || value === "yes"));

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("localhost"),
  DATABASE_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  KEYWORK_DATA_DIR: z.string().min(1).default("./data"),
  KEYWORK_DEMO: optionalFlag,
  KEYWORK_DEMO_PASSWORD: z.string().min(8).default("keywork-demo"),
  KEYWORK_SECURE_COOKIES: booleanFlag,
  KEYWORK_SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  KEYWORK_CASELOAD_TARGET: z.coerce.number().int().min(1).max(200).default(20),
  KEYWORK_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  KEYWORK_ESCALATION_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(15),
  KEYWORK_REQUIRE_SECOND_FACTOR: optionalFlag,
  KEYWORK_PUBLIC_URL: z.string().url().optional().or(z.literal("").transform(() => undefined)),
  KEYWORK_NOTIFY_API_KEY: z.string().optional().or(z.literal("").transform(() => undefined)),
  KEYWORK_NOTIFY_TEMPLATE_ID: z.string().optional().or(z.literal("").transform(() => undefined)),
  KEYWORK_NOTIFY_BASE_URL: z.string().url().default("https://api.notifications.service.gov.uk"),
  KEYWORK_REFERRAL_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent Keywork uses the embedded database. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Whether demo data is loaded: always on the embedded database, opt-in on PostgreSQL. */
  demo: boolean;
  demoPassword: string;
  secureCookies: boolean;
  sessionIdleMinutes: number;
  /** Sign-in requests allowed from one address per minute, on top of the per-account lockout. */
  signInRateLimitPerMinute: number;
  /** Weighted caseload a full-time key worker carries (PRODUCT.md, C10: about 20). */
  caseloadTarget: number;
  /** Minutes between sweeps that remind owners of actions falling due and raise overdue ones to chase; 0 turns them off. */
  escalationMinutes: number;
  /**
   * Whether staff whose role sees more than their own cases (managers, psychologists, register
   * owners, administrators) must use a second factor. On by default; off by default in demo mode.
   */
  secondFactorRequired: boolean;
  /** The address people use to reach Keywork, for links in emails (status pages). */
  publicUrl: string;
  /** GOV.UK Notify: with an API key and a template id, emails go through Notify; otherwise to the outbox page. */
  notify: { apiKey: string | undefined; templateId: string | undefined; baseUrl: string };
  /** Referrals one address may send through public links per hour. */
  referralRateLimitPerHour: number;
  logLevel: string;
}

export function readConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Keywork's configuration is not valid: ${problems}`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir: values.KEYWORK_DATA_DIR,
    demo: values.KEYWORK_DEMO ?? !values.DATABASE_URL,
    demoPassword: values.KEYWORK_DEMO_PASSWORD,
    secureCookies: values.KEYWORK_SECURE_COOKIES,
    sessionIdleMinutes: values.KEYWORK_SESSION_IDLE_MINUTES,
    signInRateLimitPerMinute: values.KEYWORK_SIGN_IN_RATE_LIMIT,
    caseloadTarget: values.KEYWORK_CASELOAD_TARGET,
    escalationMinutes: values.KEYWORK_ESCALATION_MINUTES,
    secondFactorRequired: values.KEYWORK_REQUIRE_SECOND_FACTOR ?? !(values.KEYWORK_DEMO ?? !values.DATABASE_URL),
    publicUrl: (values.KEYWORK_PUBLIC_URL ?? `http://${values.HOST}:${values.PORT}`).replace(/\/+$/, ""),
    notify: { apiKey: values.KEYWORK_NOTIFY_API_KEY, templateId: values.KEYWORK_NOTIFY_TEMPLATE_ID, baseUrl: values.KEYWORK_NOTIFY_BASE_URL },
    referralRateLimitPerHour: values.KEYWORK_REFERRAL_RATE_LIMIT,
    logLevel: values.LOG_LEVEL,
  };
}
