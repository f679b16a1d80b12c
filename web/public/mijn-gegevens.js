// The resident's own page: who is logged in, who used their data and why, the export, and a
import { applyTexts } from "./i18n.js";

// warning before the session ends for lack of activity.
const texts = {
  nl: {
    title: "Mijn gegevens", loading: "Even geduld, we halen uw gegevens op.",
    loggedOut: "U bent niet ingelogd. Log in om te zien wie uw gegevens gebruikte.",
    loginDigid: "Inloggen met DigiD", loginDemo: "Inloggen als testpersoon (demo)",
    stay: "Ingelogd blijven", logout: "Uitloggen",
    trackerTitle: "Wie gebruikte mijn gegevens?",
    trackerIntro: "Hier ziet u wanneer uw gegevens zijn gebruikt, door wie en waarom.",
    when: "Wanneer", what: "Wat", who: "Door wie", why: "Waarom",
    empty: "Er is nog niets vastgelegd.",
    exportTitle: "Al mijn gegevens downloaden", export: "Download al mijn gegevens (JSON-bestand)",
    failed: "Uw gegevens konden niet worden opgehaald. Laad de pagina over een paar minuten opnieuw.",
    resident: (bsn) => `U bent ingelogd met burgerservicenummer ${bsn}.`,
    business: (kvk) => `U bent ingelogd voor het bedrijf met KvK-nummer ${kvk}.`,
    staff: (name) => `U bent ingelogd als medewerker ${name}.`,
    actingFor: (who) => ` U regelt zaken namens ${who}.`,
    idle: (min) => `U wordt over ${min} ${min === 1 ? "minuut" : "minuten"} automatisch uitgelogd, omdat u niets doet.`,
    names: { login: "Ingelogd", export: "Gegevens gedownload", "grant-mandate": "Machtiging gegeven",
      "revoke-mandate": "Machtiging beëindigd", "register-mandate": "Machtiging vastgelegd door de gemeente", "zaak inzien": "Uw zaak bekeken" },
    self: "uzelf", representative: "uw gemachtigde", staffActor: (role) => `een medewerker (${role})`,
    roles: { "case-worker": "behandelaar", approver: "beoordelaar", administrator: "beheerder",
      contractor: "aannemer", "privacy-officer": "privacyfunctionaris" }, locale: "nl-NL",
  },
  en: {
    title: "My data", loading: "One moment, we are fetching your data.",
    loggedOut: "You are not logged in. Log in to see who used your data.",
    loginDigid: "Log in with DigiD", loginDemo: "Log in as a test person (demo)",
    stay: "Stay logged in", logout: "Log out",
    trackerTitle: "Who used my data?",
    trackerIntro: "Here you see when your data was used, by whom and why.",
    when: "When", what: "What", who: "By whom", why: "Why",
    empty: "Nothing has been recorded yet.",
    exportTitle: "Download all my data", export: "Download all my data (JSON file)",
    failed: "Your data could not be fetched. Reload the page in a few minutes.",
    resident: (bsn) => `You are logged in with citizen service number ${bsn}.`,
    business: (kvk) => `You are logged in for the business with KvK number ${kvk}.`,
    staff: (name) => `You are logged in as staff member ${name}.`,
    actingFor: (who) => ` You act on behalf of ${who}.`,
    idle: (min) => `You will be logged out in ${min} ${min === 1 ? "minute" : "minutes"} because you are inactive.`,
    names: { login: "Logged in", export: "Data downloaded", "grant-mandate": "Mandate given",
      "revoke-mandate": "Mandate ended", "register-mandate": "Mandate registered by the municipality", "zaak inzien": "Your case was viewed" },
    self: "you", representative: "your representative", staffActor: (role) => `a staff member (${role})`,
    roles: { "case-worker": "case worker", approver: "approver", administrator: "administrator",
      contractor: "contractor", "privacy-officer": "privacy officer" }, locale: "en-GB",
  },
};

const { lang, t } = applyTexts(texts);

const $ = (id) => document.getElementById(id);
const headers = { "Accept-Language": lang };
let idleExpiresAt = 0;

function actor(e) {
  if (e.actingForSelf) return t.self;
  if (e.actorKind === "staff") return t.staffActor(t.roles[e.actorRole] ?? e.actorRole ?? "");
  return t.representative;
}

function showIdleWarning() {
  const left = idleExpiresAt * 1000 - Date.now();
  const warn = $("idle-warning");
  if (left <= 0) { location.reload(); return; }
  warn.hidden = left > 2 * 60 * 1000;
  $("idle-text").textContent = t.idle(Math.max(1, Math.ceil(left / 60000)));
}

async function load() {
  const me = await fetch("/api/v1/me", { headers });
  if (me.status === 401) {
    $("status").textContent = "";
    $("logged-out").hidden = false;
    return;
  }
  if (!me.ok) throw new Error(String(me.status));
  const who = await me.json();
  idleExpiresAt = who.idleExpiresAt;
  $("csrf").value = who.csrfToken;
  let line = who.kind === "resident" ? t.resident(who.bsnMasked)
    : who.kind === "business" ? t.business(who.kvk) : t.staff(who.name ?? "");
  if (who.actingFor) line += t.actingFor(who.actingFor.bsnMasked ?? who.actingFor.kvk);
  $("who").textContent = line;

  const log = await (await fetch("/api/v1/me/processing-log?pageSize=100", { headers })).json();
  const body = document.querySelector("#log tbody");
  body.replaceChildren();
  const when = new Intl.DateTimeFormat(t.locale, { dateStyle: "medium", timeStyle: "short" });
  for (const e of log.results) {
    const tr = document.createElement("tr");
    for (const text of [when.format(new Date(e.startTime)), t.names[e.name] ?? e.name, actor(e), e.purpose]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  $("empty").hidden = log.results.length > 0;
  $("status").textContent = "";
  $("logged-in").hidden = false;
  showIdleWarning();
}

$("stay").addEventListener("click", () => { load().catch(() => { $("status").textContent = t.failed; }); });
setInterval(() => { if (idleExpiresAt) showIdleWarning(); }, 15000);
load().catch(() => { $("status").textContent = t.failed; });
