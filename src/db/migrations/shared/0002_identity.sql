-- Logins in progress (OpenID Connect state, nonce and PKCE verifier, bound to one browser) and
-- server-side sessions. Only hashes of state values and session ids are stored; the subject's
-- BSN or KvK number only encrypted, with a keyed hash for lookups.
CREATE TABLE oidc_logins (
  state_hash TEXT PRIMARY KEY,
  browser_hash TEXT NOT NULL,
  provider TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  return_to TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX oidc_logins_created ON oidc_logins (created_at);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('resident', 'business', 'staff')),
  subject_index TEXT NOT NULL,
  subject_enc TEXT NOT NULL,
  provider TEXT NOT NULL,
  provider_sub TEXT NOT NULL,
  provider_sid TEXT,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_provider_sid ON sessions (provider, provider_sid);
CREATE INDEX sessions_provider_sub ON sessions (provider, provider_sub);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
