// Picks the page language (?lang=en, else Dutch), fills every [data-text] element from the
// page's text table and points the language link at the other language.
const switchTo = {
  nl: { other: "English", otherHref: "?lang=en", otherLang: "en" },
  en: { other: "Nederlands", otherHref: "?lang=nl", otherLang: "nl" },
};

export function applyTexts(texts) {
  const lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "nl";
  const t = texts[lang];
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-text]")) el.textContent = t[el.dataset.text];
  const link = document.getElementById("lang");
  link.textContent = switchTo[lang].other;
  link.href = switchTo[lang].otherHref;
  link.lang = switchTo[lang].otherLang;
  return { lang, t };
}
