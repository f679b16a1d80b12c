// The resident's cases at every government, with where each one stands.
import { applyTexts } from "./i18n.js";

const texts = {
  nl: {
    title: "Mijn zaken", loading: "Even geduld, we halen uw zaken op.",
    loggedOut: "U bent niet ingelogd. Log in om uw aanvragen en meldingen te volgen.",
    loginDigid: "Inloggen met DigiD", loginDemo: "Inloggen als testpersoon (demo)",
    intro: "Hier ziet u al uw aanvragen, meldingen en bezwaren, bij elke overheid, en hoe ver ze zijn.",
    empty: "U heeft nog geen zaken.", more: "Meer zaken tonen",
    myData: "Mijn gegevens: wie gebruikte ze?",
    failed: "Uw zaken konden niet worden opgehaald. Laad de pagina over een paar minuten opnieuw.",
    reference: "Zaaknummer", organisation: "Bij", status: "Stand van zaken", started: "Begonnen op",
    deadline: "U hoort uiterlijk op", closed: "Afgerond op", noStatus: "Ontvangen",
    locale: "nl-NL",
  },
  en: {
    title: "My cases", loading: "One moment, we are fetching your cases.",
    loggedOut: "You are not logged in. Log in to follow your applications and reports.",
    loginDigid: "Log in with DigiD", loginDemo: "Log in as a test person (demo)",
    intro: "Here you see all your applications, reports and objections, at every government, and how far along they are.",
    empty: "You have no cases yet.", more: "Show more cases",
    myData: "My data: who used it?",
    failed: "Your cases could not be fetched. Reload the page in a few minutes.",
    reference: "Case number", organisation: "At", status: "Where it stands", started: "Started on",
    deadline: "You will hear by", closed: "Completed on", noStatus: "Received",
    locale: "en-GB",
  },
};

const { lang, t } = applyTexts(texts);
const $ = (id) => document.getElementById(id);
const headers = { "Accept-Language": lang };
const day = new Intl.DateTimeFormat(t.locale, { dateStyle: "long" });
const date = (iso) => day.format(new Date(`${iso.slice(0, 10)}T12:00:00Z`));

function row(label, value) {
  const dt = document.createElement("dt");
  dt.textContent = label;
  const dd = document.createElement("dd");
  dd.textContent = value;
  return [dt, dd];
}

function item(c) {
  const li = document.createElement("li");
  const h = document.createElement("h2");
  h.textContent = c.title || c.reference;
  const dl = document.createElement("dl");
  const status = c.status ? (c.status.text || c.status.name) : t.noStatus;
  dl.append(...row(t.status, status), ...row(t.reference, c.reference));
  if (c.organisation) dl.append(...row(t.organisation, c.organisation.name));
  dl.append(...row(t.started, date(c.startDate)));
  if (c.closed) dl.append(...row(t.closed, date(c.endDate)));
  else if (c.deadline) dl.append(...row(t.deadline, date(c.deadline)));
  li.append(h, dl);
  return li;
}

async function page(url) {
  const r = await fetch(url, { headers });
  if (r.status === 401) return null;
  if (!r.ok) throw new Error(String(r.status));
  return r.json();
}

async function load(url = "/api/v1/cases?pageSize=20") {
  const list = await page(url);
  $("status").textContent = "";
  if (!list) { $("logged-out").hidden = false; return; }
  for (const c of list.results) $("cases").append(item(c));
  $("empty").hidden = $("cases").children.length > 0;
  $("more").hidden = !list.next;
  $("more").onclick = (e) => { e.preventDefault(); load(list.next).catch(fail); };
  $("logged-in").hidden = false;
}

function fail() { $("status").textContent = t.failed; }
load().catch(fail);
