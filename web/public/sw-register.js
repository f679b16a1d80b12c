// Installs the service worker (sw.js) where the browser has one; the site works the same without.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => {});
}
