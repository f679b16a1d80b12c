// Enhancement of /mijn-gegevens (the page works without it): a warning before the session ends
// for lack of activity, with a button that keeps it alive. Texts come from the page itself.
const warn = document.getElementById("idle-warning");
if (warn) {
  let expiresAt = Number(warn.dataset.expiresAt) * 1000;
  const text = document.getElementById("idle-text");
  const show = () => {
    const left = expiresAt - Date.now();
    if (left <= 0) { location.reload(); return; }
    const min = Math.max(1, Math.ceil(left / 60000));
    text.textContent = min === 1 ? warn.dataset.textOne : warn.dataset.text.replace("{min}", String(min));
    warn.hidden = left > 2 * 60 * 1000;
  };
  document.getElementById("stay").addEventListener("click", async () => {
    const r = await fetch("/api/v1/me");
    if (r.ok) expiresAt = (await r.json()).idleExpiresAt * 1000;
    show();
  });
  setInterval(show, 15000);
  show();
}
