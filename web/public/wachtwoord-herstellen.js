// Staff password reset: without a token, ask for a link by e-mail; with the token from the mail,
// set a new password with the current TOTP code. Talks to /auth/staff/password-reset[/confirm].
import { applyTexts } from "./i18n.js";

const texts = {
  nl: {
    title: "Wachtwoord herstellen",
    askIntro: "Vul het e-mailadres van uw medewerkersaccount in. U krijgt dan een e-mail met een link om een nieuw wachtwoord in te stellen.",
    email: "E-mailadres", askSubmit: "Stuur mij een link",
    confirmIntro: "Kies een nieuw wachtwoord van minstens 12 tekens en vul de code uit uw authenticator-app in.",
    password: "Nieuw wachtwoord", passwordHint: "Minstens 12 tekens.",
    code: "Code uit uw app (6 cijfers)", confirmSubmit: "Wachtwoord opslaan",
    sent: "Als er een account bij dit e-mailadres hoort, ontvangt u binnen een paar minuten een e-mail met een link. De link werkt 30 minuten.",
    done: "Uw wachtwoord is gewijzigd. Log opnieuw in met uw nieuwe wachtwoord.",
    tooMany: "Te veel pogingen. Wacht even en probeer het opnieuw.",
    failed: "Dat lukte niet. Probeer het over een paar minuten opnieuw.",
    fields: {
      email: "Vul een geldig e-mailadres in.",
      password: "Kies een wachtwoord van minstens 12 tekens.",
      code: "De code klopt niet. Vul de code in die uw app nu toont.",
      token: "Deze link werkt niet meer: hij is verlopen of al gebruikt. Vraag een nieuwe link aan.",
    },
  },
  en: {
    title: "Reset your password",
    askIntro: "Fill in the e-mail address of your staff account. You will receive a mail with a link to set a new password.",
    email: "E-mail address", askSubmit: "Send me a link",
    confirmIntro: "Choose a new password of at least 12 characters and fill in the code from your authenticator app.",
    password: "New password", passwordHint: "At least 12 characters.",
    code: "Code from your app (6 digits)", confirmSubmit: "Save password",
    sent: "If this address has an account, you will receive a mail with a link within a few minutes. The link works for 30 minutes.",
    done: "Your password has been changed. Log in again with your new password.",
    tooMany: "Too many attempts. Wait a moment and try again.",
    failed: "That did not work. Try again in a few minutes.",
    fields: {
      email: "Fill in a valid e-mail address.",
      password: "Choose a password of at least 12 characters.",
      code: "The code is wrong. Fill in the code your app shows now.",
      token: "This link no longer works: it expired or was used. Ask for a new link.",
    },
  },
};

const { lang, t } = applyTexts(texts);
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const token = params.get("token");
if (token) {
  // The language link keeps the token, or the page would lose it.
  const other = new URLSearchParams({ token, lang: lang === "en" ? "nl" : "en" });
  $("lang").href = `?${other}`;
}

function say(text, isError = false) {
  const status = $("status");
  status.textContent = text;
  status.className = isError ? "warning" : "";
}

async function post(path, body) {
  const r = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Accept-Language": lang },
    body: JSON.stringify(body),
  });
  let json = {};
  try { json = await r.json(); } catch { /* no body */ }
  return { status: r.status, json };
}

// Marks the fields a problem names as invalid and says what to do; focus on the first one.
function showProblem(res, form) {
  for (const input of form.querySelectorAll("input")) input.removeAttribute("aria-invalid");
  if (res.status === 429) return say(t.tooMany, true);
  const names = (res.json.invalidParams ?? []).map((p) => p.name);
  if (names.length === 0) return say(t.failed, true);
  say(names.map((n) => t.fields[n] ?? t.failed).join(" "), true);
  const first = names.map((n) => $(n)).find((el) => el && !el.hidden);
  for (const n of names) $(n)?.setAttribute("aria-invalid", "true");
  first?.focus();
}

if (token) {
  $("confirm").hidden = false;
  $("confirm").addEventListener("submit", async (e) => {
    e.preventDefault();
    const res = await post("/auth/staff/password-reset/confirm",
      { token, password: $("password").value, code: $("code").value.trim() });
    if (res.status === 200) {
      $("confirm").hidden = true;
      say(t.done);
    } else {
      if (res.json.invalidParams?.some((p) => p.name === "token")) $("confirm").hidden = true;
      showProblem(res, $("confirm"));
    }
  });
} else {
  $("ask").hidden = false;
  $("ask").addEventListener("submit", async (e) => {
    e.preventDefault();
    const res = await post("/auth/staff/password-reset", { email: $("email").value.trim() });
    if (res.status === 202) {
      $("ask").hidden = true;
      say(t.sent);
    } else {
      showProblem(res, $("ask"));
    }
  });
}
