// Enhancement of an administrator's product page (it works without it): the preview follows the
// form while it is typed. After a pause the form goes to the server as "Voorbeeld bekijken" sends
// it, and the preview of the answer (or, when the change is refused, its list of problems)
// replaces the one on the page. Nothing is published this way.
const form = document.querySelector("form.admin-product");
if (form && window.fetch && window.DOMParser) {
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  form.after(status);
  const shown = () => document.querySelector(".admin-product__preview, .admin-product__no-preview");
  let timer;
  let sent = 0;
  const refresh = async () => {
    const mine = ++sent;
    const body = new URLSearchParams(new FormData(form));
    body.set("action", "voorbeeld");
    let page;
    try {
      // form.action would be the buttons named "action": the attribute is the address.
      const response = await fetch(form.getAttribute("action"), {
        method: "POST", body, credentials: "same-origin", headers: { accept: "text/html" },
      });
      page = new DOMParser().parseFromString(await response.text(), "text/html");
    } catch {
      return; // offline or refused: the button still works
    }
    if (mine !== sent) return; // a newer one is on its way
    let next = page.querySelector(".admin-product__preview");
    if (!next) {
      next = document.createElement("div");
      next.className = "admin-product__no-preview";
      const why = document.createElement("p");
      why.className = "utrecht-paragraph";
      why.textContent = form.dataset.refused || "";
      next.append(why);
      const problems = page.querySelector("#fouten ul");
      if (problems) next.append(document.importNode(problems, true));
      status.textContent = form.dataset.refused || "";
    } else {
      next = document.importNode(next, true);
    }
    const old = shown();
    if (old) old.replaceWith(next);
    else status.before(next);
    if (next.matches(".admin-product__preview")) status.textContent = form.dataset.updated || "";
  };
  form.addEventListener("input", (event) => {
    if (!event.target.matches("input, textarea, select")) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 700);
  });
}
