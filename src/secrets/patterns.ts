/**
 * Credential shapes that must never reach a console, a report, a transcript or the built site.
 *
 * One list serves two consumers: the runbook engine's redactor (which masks the `value` group)
 * and the secret scan of the production build (which fails on any match). Values that are plainly
 * placeholders (`<password>`, `$VAR`, `${VAR}`, `[REDACTED]`, `***`) are not secrets and are
 * excluded, so documentation may show how a secret is *retrieved* without tripping the scan.
 */
export interface CredentialPattern {
  name: string;
  /** Must be global; the secret itself is captured in the named group `value`. */
  regex: RegExp;
}

// A value that starts like a placeholder is documentation, not a credential: `<password>`, `[REDACTED]`,
// `***`, `{{ .Values.x }}`, a shell expansion (`$(kubectl …)`, `${VAR}`, or an upper-case variable
// name as shell scripts write them, so `$Fk9…` is a value) or a parenthesised remark (`(optional)`).
const NOT_PLACEHOLDER = String.raw`(?![<*\[{]|\$[({]|(?-i:\$[A-Z_][A-Z0-9_]*\b)|\([a-z][a-z -]*\)|REDACTED|xxx|\.\.\.|…)`;

// Where a value ends: a space, a quote, a separator, markup or a closing bracket.
const END_OF_VALUE = String.raw`(?:$|[\s"',;<&\\)\]}])`;

// Source files (the repository scan) and bundles assign expressions, not literals: a call
// (`generateSecret()`), a member chain (`data.password`), a bare identifier that a bracket, comma or
// semicolon ends (`secretKey}`, `string}>`), a regex that code follows (`/pass|token/i,`) or a lower-case path
// (`/run/secrets/pw`). Only a whole value of that shape: `/Xk9+ab…` is a generated password.
const NOT_AN_EXPRESSION =
  String.raw`(?![\w$.]+\(|[A-Za-z_$]+(?:\??\.[A-Za-z_$]+)+(?![\w$])|[A-Za-z_$]+[)}\],;>]+(?!\S)|` +
  String.raw`(?-i:/[a-z0-9_.-]+(?:/[a-z0-9_.-]*)*${END_OF_VALUE}|/[^/\s]+/[dgimsuy]*(?=[.,;)\]}])))`;

// The scan also reads minified JavaScript, where `{token:this.x}`, `e.password===t.password` and
// `"Token: ${name}"` are code. A key written as a property (after `.`, `{`, `,`, `(` or `$`), a
// value that starts a comparison (`===`) and a value holding a template expression are not secrets.
const NOT_A_PROPERTY = String.raw`(?<![.{,($])`;
const NOT_CODE = String.raw`(?!=)(?![^\s"';]*\$\{)` + NOT_AN_EXPRESSION;

// Quotes as the build writes them: plain in Markdown, `\"` inside JS and JSON strings (MDX bundles,
// the search index), `&quot;` and `&#x27;` in HTML text.
const QUOTE = String.raw`(?:\\?["']|&quot;|&#x27;|&#39;)?`;

// A number, perhaps with a unit, is a setting (max_token 4096000000, a TTL of 3600s), not a credential;
// the number must be the whole value, or `7Kq/r9…` (a generated password) would pass for one.
const NOT_A_NUMBER = String.raw`(?!\d+(?:\.\d+)?[a-z]{0,3}${END_OF_VALUE})`;

// At least 8 characters; a comma may sit inside (`Fk,9…`) but not at the end (`token: abc, then …`).
const VALUE = String.raw`(?<value>(?=[^\s"';]{8})[^\s"',;](?:[^\s"';]*[^\s"',;])?)`;

/** `<key> : <value>` in any of the quotings above; `valueGuard` may rule out more values for this key. */
function keyValue(key: string, valueGuard = ''): RegExp {
  return new RegExp(
    NOT_A_PROPERTY +
      key +
      QUOTE +
      String.raw`\s*[:=]\s*` +
      QUOTE +
      NOT_PLACEHOLDER +
      NOT_CODE +
      NOT_A_NUMBER +
      valueGuard +
      VALUE,
    'gi',
  );
}

export const CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  {
    // `password : s3cr3t` (idpbuilder's table), `USER_PASSWORD=...`, `"password":"..."` (JSON),
    // `aws_secret_access_key = ...` (credentials files), `token: ...`, `api_key = ...`.
    name: 'key-value credential',
    regex: keyValue(
      String.raw`\b[A-Za-z_-]*(?:password|passwd|secret_access_key|secret_key|client_secret|token|api[_-]?key)`,
    ),
  },
  {
    // `{"secret":"..."}`. Not `existingSecret:`, `ADMIN_SECRET =` or `client_secret_name:`, and not
    // a value that is a Kubernetes name (`secret: drill-data`): those name a Secret.
    name: 'key-value credential',
    regex: keyValue(String.raw`(?<![A-Za-z0-9_])secret`, String.raw`(?-i:(?![a-z0-9]+(?:-[a-z0-9]+)+(?![\w.-])))`),
  },
  {
    name: 'HTTP authorization header',
    regex: new RegExp(
      String.raw`\bAuthorization:\s*(?:token|Bearer|Basic)\s+` +
        NOT_PLACEHOLDER +
        String.raw`(?<value>[A-Za-z0-9._~+/=-]{12,})`,
      'gi',
    ),
  },
  {
    name: 'credentials in a URL',
    regex: new RegExp(
      String.raw`\b[a-z][a-z0-9+.-]*://[^\s/:@]+:` + NOT_PLACEHOLDER + String.raw`(?<value>[^\s/@]{6,})@`,
      'gi',
    ),
  },
  {
    name: 'AWS access key id',
    regex: /\b(?<value>(?:AKIA|ASIA)[0-9A-Z]{16})\b/g,
  },
  {
    // Tokens that say what they are by their prefix, wherever they stand: GitHub (ghp_, gho_, ghu_,
    // ghs_, ghr_, github_pat_), GitLab (glpat-), Slack (xoxb- and kin) and npm (npm_).
    name: 'token with a known prefix',
    regex:
      /\b(?<value>(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_\w{22,}|glpat-[\w-]{20,}|xox[abeprs]-[A-Za-z0-9-]{10,}|npm_[A-Za-z0-9]{36}))\b/g,
  },
  {
    name: 'private key block',
    regex: /(?<value>-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----)/g,
  },
];
