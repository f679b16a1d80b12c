// Placeholder front end until the React portal arrives: lists the organisations, in Dutch or English.
import { applyTexts } from "./i18n.js";

const texts = {
  nl: {
    title: "Regel het zelf, bij elke overheid",
    intro: "Vraag aan, maak bezwaar, meld een probleem en volg uw zaak. Op één plek, voor uw gemeente, provincie en waterschap.",
    organisations: "Deze organisaties doen mee",
    loading: "Even geduld, we halen de lijst op.",
    myData: "Mijn gegevens: wie gebruikte ze?",
    myCases: "Mijn zaken: hoe ver is mijn aanvraag?",
    failed: "De lijst kon niet worden opgehaald. Laad de pagina over een paar minuten opnieuw.",
    kinds: { municipality: "gemeente", province: "provincie", "water-board": "waterschap" },
  },
  en: {
    title: "Arrange it yourself, with every government",
    intro: "Apply, object, report a problem and follow your case. In one place, for your municipality, province and water board.",
    organisations: "These organisations take part",
    loading: "One moment, we are fetching the list.",
    myData: "My data: who used it?",
    myCases: "My cases: how far along is my application?",
    failed: "The list could not be fetched. Reload the page in a few minutes.",
    kinds: { municipality: "municipality", province: "province", "water-board": "water board" },
  },
};

const { lang, t } = applyTexts(texts);

const status = document.getElementById("status");
fetch("/api/v1/organisations?pageSize=100", { headers: { "Accept-Language": lang } })
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
  .then((page) => {
    const list = document.getElementById("organisations");
    for (const o of page.results) {
      const li = document.createElement("li");
      li.textContent = `${o.name} (${t.kinds[o.kind] ?? o.kind})`;
      list.append(li);
    }
    status.textContent = "";
  })
  .catch(() => {
    status.textContent = t.failed;
  });
